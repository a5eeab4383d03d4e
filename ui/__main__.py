"""Lets `python -m ui` behave exactly like the installed `kiosk` command."""

import sys

from ui.launcher import main

sys.exit(main())
