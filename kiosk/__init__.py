"""Enrollment kiosk core: plain Python shared by the GUI and the CLI (never imports Qt)."""

__version__ = "0.1.0"
