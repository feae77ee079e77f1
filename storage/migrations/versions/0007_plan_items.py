"""The plan a pair agrees after each session, and the mentee's rating of the session.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _parent(name: str, table: str) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.add_column("sessions", sa.Column("rating", sa.Integer(), nullable=True))
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        _parent("pair_id", "pairs"),
        _parent("session_id", "sessions"),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_plan_items_pair_id", "plan_items", ["pair_id"])
    op.create_index("ix_plan_items_session_id", "plan_items", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_items_session_id", "plan_items")
    op.drop_index("ix_plan_items_pair_id", "plan_items")
    op.drop_table("plan_items")
    op.drop_column("sessions", "rating")
