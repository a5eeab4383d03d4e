"""Lets `python -m kiosk` run the command-line tools (the GUI starts through `python -m ui`)."""

import sys

from kiosk.cli import main

sys.exit(main())
