"""The volunteer corner behind the PIN: drafts, the outbox, servers, forms and settings."""
