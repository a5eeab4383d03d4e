"""Workers that run kiosk/ code off the GUI thread and re-emit results as Qt signals."""
