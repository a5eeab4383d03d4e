"""Runtime hook: give the frozen kiosk a UTF-8 locale when the environment sets none.

Started from a desktop file, a service or a bare shell, the bundle may get no LANG; Qt and
locale-aware code then fall back to ASCII ("C") and applicants' names with accents break.
Windows takes its locale from the system, not LANG, so it is left alone there.
"""

import os

if os.name == "posix" and not os.environ.get("LANG") and not os.environ.get("LC_ALL"):
    os.environ["LANG"] = "C.UTF-8"
