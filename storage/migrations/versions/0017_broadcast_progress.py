"""A broadcast's composer follows it in one message edited as it goes: an outbox row keeps the
platform's id of the message it sent (so a later one can edit it), and a broadcast remembers
when its final report went to the composer. A broadcast's row records when its send began, so
one its dead worker had begun sending is not sent twice.

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

IN_FLIGHT = "in_flight_at IS NOT NULL AND status = 'pending'"


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("sent_ref", sa.String(64), nullable=True))
        batch.add_column(sa.Column("in_flight_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_outbox_in_flight",
        "outbox",
        ["claimed_until"],
        postgresql_where=sa.text(IN_FLIGHT),
        sqlite_where=sa.text(IN_FLIGHT),
    )
    with op.batch_alter_table("broadcasts") as batch:
        batch.add_column(sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True))
    # Those that ended before there were reports are not reported now, long after.
    op.execute(
        "UPDATE broadcasts SET reported_at = created_at WHERE status IN ('done', 'cancelled')"
    )


def downgrade() -> None:
    with op.batch_alter_table("broadcasts") as batch:
        batch.drop_column("reported_at")
    op.drop_index("ix_outbox_in_flight", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("in_flight_at")
        batch.drop_column("sent_ref")
