"""Runtime hook: give the frozen kiosk a UTF-8 locale when the environment sets none.

Started from a desktop file, a service or a bare shell, the bundle may get no LANG; Python and
Qt then fall back to ASCII/"C" and applicants' names with accents fail to print or log.
"""

import os

if not os.environ.get("LANG") and not os.environ.get("LC_ALL"):
    os.environ["LANG"] = "C.UTF-8"
