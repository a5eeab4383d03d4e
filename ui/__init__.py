"""PySide6 front end: screens render kiosk/ state and send intents; workers run the core."""
