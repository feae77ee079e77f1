"""Time for mentoring sessions: free slots from availability, calendar files."""
