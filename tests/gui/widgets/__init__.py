"""Tests for ui/widgets (and the capture worker they drive)."""
