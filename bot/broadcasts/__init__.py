"""Staff broadcasts of campaign posts: the post, its audience, writing its recipients into the
outbox in batches, and what became of each."""
