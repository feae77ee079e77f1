"""Benchmarks that drive the bot through the local Bot API emulator over real HTTP."""
