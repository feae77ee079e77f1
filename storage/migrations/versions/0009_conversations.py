"""Conversations through the bot, quiet nights, and why a change of pairing is asked for.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _user(name: str, ondelete: str, nullable: bool) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(
            sa.Column("quiet_nights", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        _user("first_id", "CASCADE", nullable=False),
        _user("second_id", "CASCADE", nullable=False),
        sa.Column(
            "pair_id", sa.Integer(), sa.ForeignKey("pairs.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        _user("closed_by", "SET NULL", nullable=True),
    )
    op.create_index("ix_conversations_first_id", "conversations", ["first_id"])
    op.create_index("ix_conversations_second_id", "conversations", ["second_id"])
    op.add_column("pairs", sa.Column("change_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("pairs", "change_reason")
    op.drop_index("ix_conversations_second_id", "conversations")
    op.drop_index("ix_conversations_first_id", "conversations")
    op.drop_table("conversations")
    with op.batch_alter_table("users") as users:
        users.drop_column("quiet_nights")
