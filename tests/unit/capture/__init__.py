"""Tests for kiosk.capture."""
