"""Staff broadcasts: the post, its audience and schedule; outbox rows know their broadcast, so
a broadcast can be paused, resumed, cancelled and reported on, and its rows go after others.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("fallback", sa.Boolean(), nullable=False),
        sa.Column("media", sa.JSON(), nullable=True),
        sa.Column("button", sa.JSON(), nullable=True),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("send_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("current_hours", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("expanded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("skipped_language", sa.Integer(), nullable=False),
        sa.Column("skipped_consent", sa.Integer(), nullable=False),
    )
    op.create_index("ix_broadcasts_status", "broadcasts", ["status"])
    with op.batch_alter_table("outbox") as outbox:
        outbox.add_column(
            sa.Column(
                "broadcast_id",
                sa.Integer(),
                sa.ForeignKey("broadcasts.id", ondelete="CASCADE", name="fk_outbox_broadcast"),
                nullable=True,
            )
        )
        outbox.create_index("ix_outbox_broadcast_status", ["broadcast_id", "status"])


def downgrade() -> None:
    with op.batch_alter_table("outbox") as outbox:
        outbox.drop_index("ix_outbox_broadcast_status")
        outbox.drop_constraint("fk_outbox_broadcast", type_="foreignkey")
        outbox.drop_column("broadcast_id")
    op.drop_table("broadcasts")
