"""Pairs of a mentor and a young person.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _user(name: str, nullable: bool, ondelete: str) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "pairs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user("mentor_id", False, "CASCADE"),
        _user("mentee_id", False, "CASCADE"),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        _user("created_by", True, "SET NULL"),
        _user("change_requested_by", True, "SET NULL"),
        sa.Column("change_requested_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_pairs_mentor_id", "pairs", ["mentor_id"])
    op.create_index("ix_pairs_mentee_id", "pairs", ["mentee_id"])
    # A young person has at most one active mentor, however many coordinators click at once.
    op.create_index(
        "uq_pairs_active_mentee",
        "pairs",
        ["mentee_id"],
        unique=True,
        sqlite_where=sa.text("status = 'active'"),
        postgresql_where=sa.text("status = 'active'"),
    )


def downgrade() -> None:
    op.drop_index("uq_pairs_active_mentee", "pairs")
    op.drop_index("ix_pairs_mentee_id", "pairs")
    op.drop_index("ix_pairs_mentor_id", "pairs")
    op.drop_table("pairs")
