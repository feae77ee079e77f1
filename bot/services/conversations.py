"""Writing through the bot: a pair between sessions, a coordinator and a person.

Nobody's phone number or account name is shown to the other. A message travels as an outbox
notice that is emptied once delivered; only who wrote to whom and when is kept. A pair's message
is the exception: its words stay a week after delivery, so that the reader can report it on a
channel whose buttons cannot quote the message they sit on (Messenger).
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.bound import StaffAwareService
from bot.services.coordinators import tell_coordinators
from bot.services.people import display_name
from dialogs.i18n import TIMEZONES
from dialogs.notice_payloads import ConversationClosed, RelayMessage, StaffReport
from dialogs.ports import ConversationsPort, ConversationView
from storage.models import ConversationRow, User

NIGHT_STARTS, MORNING = time(22), time(8)
DEFAULT_ZONE = "Europe/Riga"
# A message nobody could deliver in a week (a blocked bot, say) is no longer worth sending.
MESSAGE_LIFETIME = timedelta(days=7)


def morning_after(moment: datetime, zone: str) -> datetime | None:
    """The next 08:00 in the zone when the moment falls in its night, else None."""
    local = moment.astimezone(ZoneInfo(zone))
    if MORNING <= local.time() < NIGHT_STARTS:
        return None
    day = local.date() if local.time() < MORNING else local.date() + timedelta(days=1)
    return datetime.combine(day, MORNING, tzinfo=ZoneInfo(zone))


class ConversationsService(StaffAwareService, ConversationsPort):
    """The conversations port for one user, bound to the transaction handling their update."""

    async def for_pair(self, pair_id: int) -> ConversationView | None:
        pair = await self._uow.pairs.get(pair_id)
        if (
            pair is None
            or pair.status != "active"
            or self._me not in (pair.mentor_id, pair.mentee_id)
        ):
            return None
        row = await self._uow.conversations.open_for_pair(pair_id)
        if row is None:
            row = ConversationRow(
                kind="pair",
                first_id=pair.mentor_id,
                second_id=pair.mentee_id,
                pair_id=pair_id,
                opened_at=self._now,
            )
            self._uow.conversations.add(row)
            await self._uow.session.flush()
        return await self._view(row)

    async def open_with(self, person_id: int) -> ConversationView | None:
        if person_id == self._me or not await self._is_staff():
            return None
        person = await self._uow.users.get(person_id)
        if person is None or person.erased_at is not None:
            return None
        row = await self._uow.conversations.open_between(self._me, person_id)
        if row is None:
            row = ConversationRow(
                kind="staff", first_id=self._me, second_id=person_id, opened_at=self._now
            )
            self._uow.conversations.add(row)
            await self._uow.session.flush()
        return await self._view(row)

    async def view(self, conversation_id: int) -> ConversationView | None:
        row = await self._own(conversation_id)
        return await self._view(row) if row is not None else None

    async def send(self, conversation_id: int, text: str) -> str:
        row = await self._own(conversation_id)
        if row is None:
            return "closed"
        recipient_id = row.second_id if row.first_id == self._me else row.first_id
        recipient = await self._uow.users.get(recipient_id)
        assert recipient is not None
        due = self._due_for(recipient)
        role = self._role(row, self._me)
        assert row.id is not None
        payload: RelayMessage = {
            "conversation": row.id,
            "from": await self._sender_name(row),
            "role": role,
            "text": text,
        }
        if role == "person":
            payload["number"] = self._me  # coordinators know people by number too
        kind = "pair_message" if row.kind == "pair" else "relay_message"
        key = None
        if kind == "pair_message":
            payload["message"] = secrets.token_urlsafe(8)
            key = _message_key(payload["message"])
        await self._uow.outbox.enqueue(
            recipient_id,
            kind,
            payload,
            due_at=due,
            expires_at=due + MESSAGE_LIFETIME,
            dedupe_key=key,
            about=[self._me],
        )
        return "later" if due > self._now else "sent"

    async def close(self, conversation_id: int) -> bool:
        row = await self._own(conversation_id)
        if row is None or row.kind != "staff":
            return False
        row.closed_at, row.closed_by = self._now, self._me
        self._uow.conversations.add(row)
        other = row.second_id if row.first_id == self._me else row.first_id
        await self._uow.outbox.enqueue(
            other,
            "conversation_closed",
            ConversationClosed(by_coordinator=row.first_id == self._me),
            due_at=self._now,
            expires_at=self._now + MESSAGE_LIFETIME,
            dedupe_key=f"conversation:{row.id}:closed",
        )
        return True

    async def report(self, conversation_id: int, quoted: str, message: str = "") -> bool:
        row = await self._uow.conversations.get(conversation_id)
        if row is None or row.kind != "pair" or self._me not in (row.first_id, row.second_id):
            return False
        sender = row.second_id if row.first_id == self._me else row.first_id
        kept = await self._uow.outbox.reportable(self._me, _message_key(message))
        if kept is not None and kept.get("conversation") == conversation_id:
            text = str(kept["text"])
        else:  # older than a week, or a channel that quotes (Telegram): what the button sat on
            text = quoted
        payload = StaffReport(
            reporter=self._me,
            reporter_name=await display_name(self._uow, self._me),
            sender_name=await display_name(self._uow, sender),
            text=text,
        )
        await tell_coordinators(
            self._uow,
            self._admin_ids,
            "staff_report",
            payload,
            now=self._now,
            key=f"report:{conversation_id}:{self._me}:{self._now.isoformat()}",
            about=[self._me, sender],
            expires_at=self._now + MESSAGE_LIFETIME,
        )
        return True

    async def quiet_nights(self) -> bool:
        return self._user.quiet_nights

    async def set_quiet_nights(self, on: bool) -> None:
        self._user.quiet_nights = on
        self._uow.session.add(self._user)

    # --- helpers ------------------------------------------------------------------------------

    async def _own(self, conversation_id: int) -> ConversationRow | None:
        """An open conversation the current user is in (a pair's only while the pair lasts)."""
        row = await self._uow.conversations.get(conversation_id)
        if (
            row is None
            or row.closed_at is not None
            or self._me not in (row.first_id, row.second_id)
        ):
            return None
        if row.pair_id is not None:
            pair = await self._uow.pairs.get(row.pair_id)
            if pair is None or pair.status != "active":
                return None
        if row.kind == "staff" and row.first_id == self._me and not await self._is_staff():
            return None  # a coordinator no more: their conversations are not theirs to go on
        return row

    def _due_for(self, recipient: User) -> datetime:
        if not recipient.quiet_nights:
            return self._now
        zone = TIMEZONES.get(recipient.country or "", DEFAULT_ZONE)
        return morning_after(self._now, zone) or self._now

    def _role(self, row: ConversationRow, user_id: int) -> str:
        if row.kind == "staff":
            return "coordinators" if user_id == row.first_id else "person"
        return "mentor" if user_id == row.first_id else "mentee"

    async def _sender_name(self, row: ConversationRow) -> str:
        """Coordinators write as the programme's coordinators, never by name."""
        if row.kind == "staff" and self._me == row.first_id:
            return ""
        return await display_name(self._uow, self._me)

    async def _view(self, row: ConversationRow) -> ConversationView:
        assert row.id is not None
        other = row.second_id if row.first_id == self._me else row.first_id
        role = self._role(row, other)
        name = "" if role == "coordinators" else await display_name(self._uow, other)
        return ConversationView(
            id=row.id,
            kind=row.kind,
            partner=name,
            partner_role=role,
            partner_number=other if role == "person" else 0,
            is_open=row.closed_at is None,
        )


def _message_key(reference: str) -> str:
    return f"pair_message:{reference}"
