"""Photo capture core: frame sources, face analysis, quality feedback, auto-capture, card crop."""
