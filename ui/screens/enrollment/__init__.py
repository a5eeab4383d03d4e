"""The enrollment workflow screens: one module per step, rendered from the flow's state."""
