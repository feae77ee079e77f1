"""A broadcast's composer follows it in one message edited as it goes: an outbox row keeps the
platform's id of the message it sent (so a later one can edit it), and a broadcast remembers
when its final report went to the composer.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("sent_ref", sa.String(64), nullable=True))
    with op.batch_alter_table("broadcasts") as batch:
        batch.add_column(sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True))
    # Those that ended before there were reports are not reported now, long after.
    op.execute(
        "UPDATE broadcasts SET reported_at = created_at WHERE status IN ('done', 'cancelled')"
    )


def downgrade() -> None:
    with op.batch_alter_table("broadcasts") as batch:
        batch.drop_column("reported_at")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("sent_ref")
