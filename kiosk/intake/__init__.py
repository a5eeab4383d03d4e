"""Reference intake service (server side; the `intake` extra). Nothing here opens envelopes."""
