"""Staff grants and mentor applications.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _user(name: str, nullable: bool, ondelete: str) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
        _user("granted_by", True, "SET NULL"),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "mentor_applications",
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("age", sa.Integer(), nullable=False),
        sa.Column("languages", sa.String(16), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("region", sa.String(16), nullable=False),
        sa.Column("areas", sa.String(160), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("introduction", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        _user("decided_by", True, "SET NULL"),
        sa.Column("decline_reason", sa.String(300), nullable=True),
    )
    op.create_index("ix_mentor_applications_status", "mentor_applications", ["status"])


def downgrade() -> None:
    op.drop_index("ix_mentor_applications_status", "mentor_applications")
    op.drop_table("mentor_applications")
    op.drop_table("staff")
