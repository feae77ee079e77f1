"""The outbox's two lanes each have an index: a worker finds its next due rows without walking
past the other lane's (a 100,000-person broadcast otherwise slowed every reminder's claim).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_outbox_notices_due",
        "outbox",
        ["status", "due_at", "id"],
        postgresql_where=sa.text("broadcast_id IS NULL"),
        sqlite_where=sa.text("broadcast_id IS NULL"),
    )
    op.create_index(
        "ix_outbox_broadcasts_due",
        "outbox",
        ["status", "due_at", "id"],
        postgresql_where=sa.text("broadcast_id IS NOT NULL"),
        sqlite_where=sa.text("broadcast_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_broadcasts_due", "outbox")
    op.drop_index("ix_outbox_notices_due", "outbox")
