"""One module per screen: each renders state and sends intents, never decides."""
