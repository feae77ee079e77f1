"""Opportunities as one person sees them: theirs by country, age and deadline, in their language."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from bot.campaign.language import nearest_language
from bot.services.bound import StaffAwareService
from bot.services.coordinators import tell_coordinators
from bot.services.people import display_name
from dialogs.notice_payloads import OpportunityDeadline, StaffInterest
from dialogs.ports import OpportunitiesPort, OpportunityView
from storage.models import Opportunity, User, as_utc

REMIND_BEFORE = timedelta(days=3)
# The ages an onboarding age group stands for, to compare with an opportunity's age limits.
AGES = {
    "under13": (0, 12),
    "13": (13, 13),
    "14-17": (14, 17),
    "18-25": (18, 25),
    "26plus": (26, 120),
}


def is_open_to(row: Opportunity, user: User, now: datetime) -> bool:
    """Not past, for the person's country and age (what is not known hides nothing)."""
    if row.deadline is not None and as_utc(row.deadline) <= now:
        return False
    if user.country and row.countries and user.country not in row.countries:
        return False
    ages = AGES.get(user.age_group or "")
    if ages is None:
        return True
    low, high = row.age_min or 0, row.age_max or 120
    return ages[0] <= high and low <= ages[1]


def reminder_key(opportunity_id: int, user_id: int) -> str:
    return f"deadline:{opportunity_id}:{user_id}"


class OpportunitiesService(StaffAwareService, OpportunitiesPort):
    async def open_to_me(self) -> list[OpportunityView]:
        staff = await self._is_staff()
        rows = [
            row for row in await self._uow.campaign.opportunities(True) if self._open(row, staff)
        ]
        interests = await self._interests()
        return [await self._view(row, interests) for row in rows]

    async def get(self, opportunity_id: int) -> OpportunityView | None:
        row = await self._uow.campaign.opportunity_by_id(opportunity_id)
        if row is None or not row.published or not self._open(row, await self._is_staff()):
            return None
        return await self._view(row, await self._interests())

    async def mark_interest(self, opportunity_id: int, region: str | None) -> bool:
        if self._user.consent_at is None or await self.get(opportunity_id) is None:
            return False
        interests = await self._uow.campaign.interests_of(self._me)
        await self._uow.campaign.mark_interest(opportunity_id, self._me, region, self._now)
        if opportunity_id not in interests:  # the organisers hear of it once, and can write
            await self._tell(opportunity_id, "", region)
        return True

    async def ask(self, opportunity_id: int, question: str, region: str | None) -> bool:
        if self._user.consent_at is None or await self.get(opportunity_id) is None:
            return False
        await self._tell(opportunity_id, question, region)
        return True

    async def _tell(self, opportunity_id: int, question: str, region: str | None) -> None:
        row = await self._uow.campaign.opportunity_by_id(opportunity_id)
        assert row is not None
        payload = StaffInterest(
            person=self._me,
            name=await display_name(self._uow, self._me),
            opportunity=row.title,
            region=region or "",
            question=question,
        )
        await tell_coordinators(
            self._uow,
            self._admin_ids,
            "staff_interest",
            payload,
            now=self._now,
            key=f"interest:{opportunity_id}:{self._me}:{self._now.isoformat()}",
            about=[self._me],
            expires_at=self._now + timedelta(days=14),
        )

    async def remind(self, opportunity_id: int) -> str:
        row = await self._uow.campaign.opportunity_by_id(opportunity_id)
        if row is None or self._user.consent_at is None or not self._open(row, False):
            return "no"
        if row.deadline is None:
            return "no"
        deadline = as_utc(row.deadline)
        due = deadline - REMIND_BEFORE
        if due <= self._now:
            return "late"
        assert row.id is not None
        payload = OpportunityDeadline(
            opportunity=row.id,
            title=row.title,
            deadline=deadline.isoformat(),
            apply_url=row.apply_url or "",
        )
        await self._uow.outbox.enqueue(
            self._me,
            "opportunity_deadline",
            payload,
            due_at=due,
            expires_at=deadline,
            dedupe_key=reminder_key(row.id, self._me),
        )
        return "set"

    async def interested_count(self, opportunity_id: int) -> int | None:
        if not await self._is_staff():
            return None
        return len(await self._uow.campaign.interested(opportunity_id))

    async def interest_csv(self, opportunity_id: int) -> bytes | None:
        if not await self._is_staff():
            return None
        stream = io.StringIO()
        writer = csv.writer(stream)
        writer.writerow(["number", "name", "channel", "region", "at"])
        for row in await self._uow.campaign.interested(opportunity_id):
            user = await self._uow.users.get(row.user_id)
            if user is None or user.erased_at is not None:
                continue
            name = await display_name(self._uow, row.user_id)
            when = as_utc(row.at).isoformat(timespec="minutes")
            writer.writerow([row.user_id, name, user.channel, row.region or "", when])
        return stream.getvalue().encode("utf-8")

    # --- helpers ------------------------------------------------------------------------------

    def _open(self, row: Opportunity, staff: bool) -> bool:
        """Coordinators see every one not past its deadline, whoever it is for."""
        if staff:
            return row.deadline is None or as_utc(row.deadline) > self._now
        return is_open_to(row, self._user, self._now)

    async def _interests(self) -> set[int]:
        if self._user.id is None or self._user.consent_at is None:
            return set()
        return await self._uow.campaign.interests_of(self._me)

    async def _view(self, row: Opportunity, interests: set[int]) -> OpportunityView:
        assert row.id is not None
        language = nearest_language(row.title, self._user)
        reminder = False
        if self._user.consent_at is not None:
            reminder = await self._uow.outbox.waiting(reminder_key(row.id, self._me))
        contacts = tuple(
            (str(contact["region"]), contact["text"][nearest_language(contact["text"], self._user)])
            for contact in row.contacts
        )
        return OpportunityView(
            id=row.id,
            slug=row.slug,
            title=row.title[language],
            text=row.text.get(language, ""),
            eligibility=row.eligibility.get(language, ""),
            language=language,
            deadline=as_utc(row.deadline) if row.deadline else None,
            apply_url=row.apply_url,
            interest=row.interest,
            team_members=row.team_members,
            support_person=row.support_person,
            age_min=row.age_min,
            age_max=row.age_max,
            contacts=contacts,
            interested=row.id in interests,
            reminder_set=reminder,
        )
