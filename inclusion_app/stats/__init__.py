"""Anonymous usage counts for a centre: per week, never an answer, a name or a time of day."""
