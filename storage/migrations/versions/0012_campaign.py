"""The campaign's content: video stories (with anonymous "this helped me" taps) and
opportunities with who is interested; the ids platforms give media sent by URL, so each file
is fetched once.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _texts(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.JSON(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(40), nullable=False, unique=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("expert", sa.String(40), nullable=False),
        _texts("topics"),
        sa.Column("video", sa.String(500), nullable=False),
        sa.Column("thumbnail", sa.String(500), nullable=True),
        _texts("video_ids"),
        _texts("title"),
        _texts("summary"),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "story_helped",
        sa.Column(
            "story_id",
            sa.Integer(),
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_index("ix_story_helped_user_id", "story_helped", ["user_id"])
    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(40), nullable=False, unique=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        _texts("countries"),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("apply_url", sa.String(500), nullable=True),
        sa.Column("interest", sa.Boolean(), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("team_members", sa.Integer(), nullable=True),
        sa.Column("support_person", sa.Boolean(), nullable=False),
        _texts("title"),
        _texts("text"),
        _texts("eligibility"),
        _texts("contacts"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )

    op.create_table(
        "opportunity_interest",
        sa.Column(
            "opportunity_id",
            sa.Integer(),
            sa.ForeignKey("opportunities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("region", sa.String(32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_opportunity_interest_user_id", "opportunity_interest", ["user_id"])
    op.create_table(
        "media_ids",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("url", sa.String(500), primary_key=True),
        sa.Column("platform_id", sa.String(255), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("media_ids")
    op.drop_table("opportunity_interest")
    op.drop_table("opportunities")
    op.drop_table("story_helped")
    op.drop_table("stories")
