"""Offline storage: drafts and the outbox in one encrypted SQLite database. No Qt."""
