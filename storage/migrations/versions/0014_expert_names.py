"""An experience expert's name as each language writes it ("Kajus", "Каюс").

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as stories:
        stories.add_column(
            sa.Column("expert_names", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("stories") as stories:
        stories.drop_column("expert_names")
