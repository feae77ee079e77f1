"""Every channel's update ids are text (Messenger's are strings), pruned by age; outbox
messages can wait for a person's next visit (Messenger's 24-hour window); one person can
link a second channel's account to their profile.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Processed ids only guard against redelivery of recent updates: none need to survive.
    op.drop_table("processed_updates")
    op.create_table(
        "processed_updates",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("update_id", sa.String(128), primary_key=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_processed_updates_processed_at", "processed_updates", ["processed_at"])
    with op.batch_alter_table("outbox") as outbox:
        outbox.add_column(sa.Column("waited_at", sa.DateTime(timezone=True), nullable=True))
    # One person on two channels: the second account speaks as the first.
    with op.batch_alter_table("users") as users:
        users.add_column(sa.Column("linked_to_id", sa.Integer(), nullable=True))
        users.create_foreign_key(
            "fk_users_linked_to_id", "users", ["linked_to_id"], ["id"], ondelete="CASCADE"
        )
        users.create_unique_constraint("uq_users_linked_to_id", ["linked_to_id"])
    op.create_table(
        "link_codes",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_link_codes_user_id", "link_codes", ["user_id"])


def downgrade() -> None:
    op.drop_table("link_codes")
    with op.batch_alter_table("users") as users:
        users.drop_constraint("uq_users_linked_to_id", type_="unique")
        users.drop_constraint("fk_users_linked_to_id", type_="foreignkey")
        users.drop_column("linked_to_id")
    with op.batch_alter_table("outbox") as outbox:
        outbox.drop_column("waited_at")
    op.drop_table("processed_updates")
    op.create_table(
        "processed_updates",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )
