"""Safety and privacy: guardians' answers, erasure and retention, mentions, the audit log.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _user(name: str, ondelete: str, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=nullable
    )


def _moment(name: str, nullable: bool = True) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(sa.Column("help_entry_language", sa.String(8), nullable=True))
        users.add_column(_moment("last_seen_at"))
        users.add_column(_moment("retention_notice_at"))
        users.add_column(_moment("erased_at"))
    op.create_index("ix_users_last_seen_at", "users", ["last_seen_at"])
    # Everyone known so far counts as seen now: retention starts from this release.
    op.execute("UPDATE users SET last_seen_at = created_at")
    op.add_column("mentee_requests", sa.Column("closed_reason", sa.Text(), nullable=True))
    op.create_table(
        "guardian_consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user("child_id", "CASCADE", nullable=False),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("age_group", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        _moment("created_at", nullable=False),
        _moment("expires_at", nullable=False),
        _moment("decided_at"),
        sa.Column("method", sa.String(12), nullable=True),
        _user("guardian_id", "SET NULL"),
        sa.Column("guardian_name", sa.String(60), nullable=True),
        _user("recorded_by", "SET NULL"),
    )
    op.create_index("ix_guardian_consents_child_id", "guardian_consents", ["child_id"])
    op.create_table(
        "outbox_mentions",
        sa.Column(
            "message_id",
            sa.Integer(),
            sa.ForeignKey("outbox.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_index("ix_outbox_mentions_user_id", "outbox_mentions", ["user_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user("actor_id", "SET NULL"),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(64), nullable=True),
        _moment("at", nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_at", "audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_outbox_mentions_user_id", "outbox_mentions")
    op.drop_table("outbox_mentions")
    op.drop_index("ix_guardian_consents_child_id", "guardian_consents")
    op.drop_table("guardian_consents")
    op.drop_column("mentee_requests", "closed_reason")
    op.drop_index("ix_users_last_seen_at", "users")
    with op.batch_alter_table("users") as users:
        users.drop_column("erased_at")
        users.drop_column("retention_notice_at")
        users.drop_column("last_seen_at")
        users.drop_column("help_entry_language")
