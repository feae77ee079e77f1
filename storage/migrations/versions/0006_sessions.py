"""Mentors' free times, days off and booked sessions.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BOOKED = sa.text("status = 'booked'")


def _user(name: str, nullable: bool = False, ondelete: str = "CASCADE") -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "availability_windows",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user("mentor_id"),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
    )
    op.create_index("ix_availability_windows_mentor_id", "availability_windows", ["mentor_id"])
    op.create_table(
        "days_off",
        sa.Column(
            "mentor_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date(), primary_key=True),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "pair_id", sa.Integer(), sa.ForeignKey("pairs.id", ondelete="CASCADE"), nullable=False
        ),
        _user("mentor_id"),
        _user("mentee_id"),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tz", sa.String(40), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        _user("proposed_by", nullable=True, ondelete="SET NULL"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_pair_id", "sessions", ["pair_id"])
    # Two people can never hold one slot: the database refuses the second booking.
    for who in ("mentor", "mentee"):
        op.create_index(
            f"uq_sessions_{who}_booked",
            "sessions",
            [f"{who}_id", "starts_at"],
            unique=True,
            sqlite_where=BOOKED,
            postgresql_where=BOOKED,
        )


def downgrade() -> None:
    op.drop_index("uq_sessions_mentee_booked", "sessions")
    op.drop_index("uq_sessions_mentor_booked", "sessions")
    op.drop_index("ix_sessions_pair_id", "sessions")
    op.drop_table("sessions")
    op.drop_table("days_off")
    op.drop_index("ix_availability_windows_mentor_id", "availability_windows")
    op.drop_table("availability_windows")
