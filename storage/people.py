"""Everything stored about one person, across tables: to hand it over, or to erase it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    AvailabilityWindow,
    ConversationRow,
    DayOff,
    DialogState,
    GuardianConsent,
    MenteeRequest,
    MentorApplication,
    MentoringSession,
    Pair,
    PlanItem,
    StaffMember,
    User,
)

ERASED_CHANNEL = "erased"


class PeopleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- reading ------------------------------------------------------------------------------

    async def pairs_of(self, user_id: int) -> list[Pair]:
        """Every pairing the person was or is in, oldest first."""
        query = (
            select(Pair)
            .where(or_(Pair.mentor_id == user_id, Pair.mentee_id == user_id))
            .order_by(Pair.id)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def sessions_of(self, user_id: int) -> list[MentoringSession]:
        query = (
            select(MentoringSession)
            .where(
                or_(MentoringSession.mentor_id == user_id, MentoringSession.mentee_id == user_id)
            )
            .order_by(MentoringSession.starts_at)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def plan_items_of(self, user_id: int) -> list[PlanItem]:
        """The plans of every pairing the person was in (written by the mentor, for both)."""
        pairs = select(Pair.id).where(or_(Pair.mentor_id == user_id, Pair.mentee_id == user_id))
        query = (
            select(PlanItem)
            .where(PlanItem.pair_id.in_(pairs))  # type: ignore[attr-defined]
            .order_by(PlanItem.id)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def conversations_of(self, user_id: int) -> list[ConversationRow]:
        query = (
            select(ConversationRow)
            .where(or_(ConversationRow.first_id == user_id, ConversationRow.second_id == user_id))
            .order_by(ConversationRow.id)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())

    async def staff_since(self, user_id: int) -> datetime | None:
        member = await self._session.get(StaffMember, user_id)
        return member.granted_at if member is not None else None

    # --- erasing ------------------------------------------------------------------------------

    async def erase_rows(self, user_id: int) -> None:
        """Delete every row that holds the person's answers, texts, times or role."""
        pairs = select(Pair.id).where(or_(Pair.mentor_id == user_id, Pair.mentee_id == user_id))
        for statement in (
            delete(PlanItem).where(PlanItem.pair_id.in_(pairs)),  # type: ignore[attr-defined]
            delete(MenteeRequest).where(MenteeRequest.user_id == user_id),  # type: ignore[arg-type]
            delete(MentorApplication).where(MentorApplication.user_id == user_id),  # type: ignore[arg-type]
            delete(AvailabilityWindow).where(AvailabilityWindow.mentor_id == user_id),  # type: ignore[arg-type]
            delete(DayOff).where(DayOff.mentor_id == user_id),  # type: ignore[arg-type]
            delete(StaffMember).where(StaffMember.user_id == user_id),  # type: ignore[arg-type]
            delete(DialogState).where(DialogState.user_id == user_id),  # type: ignore[arg-type]
            delete(GuardianConsent).where(GuardianConsent.child_id == user_id),  # type: ignore[arg-type]
            # Why someone asked to change the pairing: their words, and about them.
            update(Pair)
            .where(or_(Pair.mentor_id == user_id, Pair.mentee_id == user_id))
            .values(change_reason=None),
            # As someone's guardian: the child's record keeps when and how, not who.
            update(GuardianConsent)
            .where(GuardianConsent.guardian_id == user_id)  # type: ignore[arg-type]
            .values(guardian_id=None, guardian_name=None),
        ):
            await self._session.exec(statement.execution_options(synchronize_session=False))

    async def anonymize(self, user: User, now: datetime) -> None:
        """Keep the row only as an anonymous number, so sessions and figures stay true."""
        assert user.id is not None
        user.channel = ERASED_CHANNEL
        user.external_id = str(user.id)
        user.language = "en"
        user.consent_at = user.guardian_confirmed_at = user.blocked_at = None
        user.country = user.age_group = user.help_entry_language = None
        user.last_seen_at = user.retention_notice_at = None
        user.erased_at = now
        self._session.add(user)
