"""Young people's requests for a mentor.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentee_requests",
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("age_group", sa.String(16), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("region", sa.String(16), nullable=False),
        sa.Column("areas", sa.String(160), nullable=False),
        sa.Column("languages", sa.String(16), nullable=False),
        sa.Column("meeting_format", sa.String(12), nullable=False),
        sa.Column("free_times", sa.String(64), nullable=False),
        sa.Column("hopes", sa.Text(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_mentee_requests_status", "mentee_requests", ["status"])


def downgrade() -> None:
    op.drop_index("ix_mentee_requests_status", "mentee_requests")
    op.drop_table("mentee_requests")
