"""Domain operations: each call is one unit of work."""
