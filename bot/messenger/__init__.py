"""The Messenger channel: a Facebook Page's webhook in, the Graph Send API out."""
