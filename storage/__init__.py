"""Persistence: SQLModel models, repositories, the unit of work and migrations."""
