"""The outbox: sealed envelopes waiting for a verified receipt, the uploader, and media bundles."""
