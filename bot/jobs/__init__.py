"""Periodic work: scans that write notices into the outbox.

Each scan may run in several processes and again after a restart: every notice it writes has a
dedupe key, so it is written once, and the outbox sends it once.
"""
