"""Where a pair meets, and times a mentor proposes that wait for the young person's answer.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _where() -> list[sa.Column[str]]:
    return [sa.Column("place", sa.Text(), nullable=True), sa.Column("online_url", sa.Text())]


def upgrade() -> None:
    op.create_table(
        "meeting_places",
        sa.Column(
            "mentor_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        *_where(),
    )
    with op.batch_alter_table("availability_windows") as windows:
        for column in _where():
            windows.add_column(column)
    with op.batch_alter_table("sessions") as sessions:
        for column in _where():
            sessions.add_column(column)
        sessions.add_column(
            sa.Column("proposed_starts_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("sessions") as sessions:
        sessions.drop_column("proposed_starts_at")
        sessions.drop_column("online_url")
        sessions.drop_column("place")
    with op.batch_alter_table("availability_windows") as windows:
        windows.drop_column("online_url")
        windows.drop_column("place")
    op.drop_table("meeting_places")
