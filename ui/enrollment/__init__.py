"""Qt glue for enrollment: the session object that drives the flow, its drafts and submit."""
