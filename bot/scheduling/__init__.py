"""Time for mentoring sessions: free slots from a mentor's availability."""
