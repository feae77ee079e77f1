"""Conversation flows: (user, state, event) -> (new state, replies). No transport, no SQL."""
