"""Talking to a person: a young person asks, the first coordinator to take it writes back.

The conversation runs through the bot like any other (`conversations.py`): each side reads the
other on their own channel, with no phone number or account name shown. Outside the hours
someone is there, the person is told honestly when to expect an answer, and gets the helplines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.access import AdminIds
from bot.services.bound import StaffAwareService
from bot.services.conversations import ConversationsService
from bot.services.coordinators import tell_coordinators
from bot.services.people import display_name
from dialogs.notice_payloads import StaffTalkRequest, TalkTaken
from dialogs.ports import ConversationView, TalkAnswer, TalkPort
from storage.models import TalkRequest, User
from storage.unit_of_work import UnitOfWork

REQUEST_LIFETIME = timedelta(days=7)


@dataclass(frozen=True)
class TalkHours:
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday is 0
    opens: time = time(10)
    closes: time = time(18)
    zone: str = "Europe/Riga"
    answer_hours: int = 24

    def open_at(self, moment: datetime) -> bool:
        local = moment.astimezone(ZoneInfo(self.zone))
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next moment someone is there (within a fortnight; None if never)."""
        local = moment.astimezone(ZoneInfo(self.zone))
        for offset in range(15):
            day = local.date() + timedelta(days=offset)
            start = datetime.combine(day, self.opens, tzinfo=ZoneInfo(self.zone))
            if day.weekday() in self.days and start > local:
                return start
        return None


class TalkService(StaffAwareService, TalkPort):
    def __init__(
        self, uow: UnitOfWork, user: User, admin_ids: AdminIds, now: datetime, hours: TalkHours
    ) -> None:
        super().__init__(uow, user, admin_ids, now)
        self._hours = hours

    async def ask(self, topic: str, story: str = "", expert: bool = False) -> TalkAnswer:
        open_now = self._hours.open_at(self._now)
        opens_at = None if open_now else self._hours.next_opening(self._now)
        answer = TalkAnswer("asked", open_now, opens_at, self._hours.answer_hours)
        if self._user.consent_at is None or self._user.id is None:
            return replace(answer, status="consent")
        if await self._uow.talk.open_of(self._me) is not None:
            return replace(answer, status="waiting")
        row = await self._uow.campaign.story(story) if story else None
        request = TalkRequest(
            user_id=self._me,
            topic=topic,
            story_id=row.id if row is not None else None,
            expert=expert,
            created_at=self._now,
        )
        self._uow.talk.add(request)
        await self._uow.session.flush()
        assert request.id is not None
        payload = StaffTalkRequest(
            request=request.id,
            person=self._me,
            name=await display_name(self._uow, self._me),
            topic=topic,
            expert=expert,
            story=row.title if row is not None else {},
        )
        await tell_coordinators(
            self._uow,
            self._admin_ids,
            "staff_talk_request",
            payload,
            now=self._now,
            key=f"talk:{request.id}",
            about=[self._me],
            expires_at=self._now + REQUEST_LIFETIME,
        )
        return answer

    async def take(self, request_id: int) -> ConversationView | None:
        if not await self._is_staff():
            return None
        request = await self._uow.talk.get(request_id)
        if request is None or not await self._uow.talk.take(request_id, self._me, self._now):
            return None
        conversations = ConversationsService(self._uow, self._user, self._admin_ids, self._now)
        view = await conversations.open_with(request.user_id)
        if view is None:  # the person has left in the meantime
            return None
        request.conversation_id = view.id
        self._uow.session.add(request)
        await self._uow.outbox.enqueue(
            request.user_id,
            "talk_taken",
            TalkTaken(conversation=view.id),
            due_at=self._now,
            expires_at=self._now + REQUEST_LIFETIME,
            dedupe_key=f"talk:{request_id}:taken",
        )
        return view
