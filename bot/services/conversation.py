"""Move a user's conversation one event forward, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.services.blocking import record_block
from bot.services.booking import BookingService
from bot.services.figures import FiguresService
from bot.services.matching import MatchingService
from bot.services.mentoring import MentoringService
from bot.services.sessions import SessionsService
from bot.services.signup import SignupService
from dialogs.engine import Context, Conversation, Engine, Profile
from dialogs.events import BlockedEvent, CommandEvent, Event, TextEvent, UnblockedEvent
from dialogs.i18n import Catalogues, pick_language
from dialogs.ports import Ports
from dialogs.replies import Reply
from storage.models import DialogState, User, as_utc
from storage.unit_of_work import UnitOfWorkFactory

FIRST_STEP = ("onboarding", "welcome")
# Processed update ids kept for spotting redeliveries; Telegram redelivers only recent ones.
UPDATE_ID_WINDOW = 100_000


@dataclass(frozen=True)
class Incoming:
    channel: str
    external_id: str
    event: Event
    update_id: int | None = None
    language_code: str | None = None
    sender_name: str = ""


@dataclass(frozen=True)
class Handled:
    replies: list[Reply] = field(default_factory=list)
    version: int = 0
    language: str = "en"
    toast: str | None = None
    language_changed: bool = False
    duplicate: bool = False


def aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


class ConversationService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        engine: Engine,
        catalogues: Catalogues,
        admin_ids: list[int] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._uow_factory = uow_factory
        self._engine = engine
        self._catalogues = catalogues
        self._admin_ids = admin_ids or []
        self._admin_external_ids = [str(admin) for admin in self._admin_ids]
        self._clock = clock

    async def handle(self, incoming: Incoming) -> Handled:
        """Apply the event and store the result; a redelivered update changes nothing."""
        now = self._clock()
        async with self._uow_factory() as uow:
            if incoming.update_id is not None:
                if not await uow.updates.claim(incoming.channel, incoming.update_id):
                    return Handled(duplicate=True)
                if incoming.update_id % 1000 == 0:
                    await uow.updates.forget_before(
                        incoming.channel, incoming.update_id - UPDATE_ID_WINDOW
                    )
            user = await uow.users.get_or_create(
                incoming.channel, incoming.external_id, pick_language(incoming.language_code)
            )
            event = incoming.event
            if isinstance(event, BlockedEvent):
                await record_block(uow, user, now, self._admin_external_ids)
                await uow.commit()
                return Handled(language=user.language)
            if isinstance(event, UnblockedEvent):
                user.blocked_at = None
                uow.session.add(user)
                await uow.commit()
                return Handled(language=user.language)
            user.blocked_at = None  # they wrote to us, so they can hear from us
            state = await uow.dialogs.get(user.id)  # type: ignore[arg-type]
            if state is None:
                state = DialogState(user_id=user.id, flow=FIRST_STEP[0], step=FIRST_STEP[1])
                if isinstance(event, TextEvent):
                    event = CommandEvent("start")
            profile = _profile(user)
            conversation = _conversation(state)
            ports = Ports(
                mentoring=MentoringService(uow, user, self._admin_ids, now),
                signup=SignupService(uow, user, self._admin_ids, now),
                booking=BookingService(uow, user, now),
                matching=MatchingService(uow, user, self._admin_ids, now),
                sessions=SessionsService(uow, user, now),
                figures=FiguresService(uow, user, self._admin_ids, now),
            )
            ctx = Context(profile, conversation, self._catalogues, now, incoming.sender_name, ports)
            outcome = await self._engine.handle(ctx, event)
            language_changed = profile.language != user.language
            if user.consent_at is not None and profile.consent_at is None:
                # Consent withdrawn: what was given under it goes too, in this transaction.
                await uow.requests.delete(user.id)  # type: ignore[arg-type]
                await uow.applications.delete(user.id)  # type: ignore[arg-type]
            _store_profile(user, profile)
            _store_conversation(state, conversation, now)
            uow.session.add(user)
            uow.dialogs.save(state)
            await uow.commit()
        return Handled(
            replies=outcome.replies,
            version=conversation.version,
            language=profile.language,
            toast=outcome.toast,
            language_changed=language_changed,
        )

    def failure(self, language_code: str | None) -> Handled:
        """An apology for an update that could not be handled; the user may simply try again."""
        language = pick_language(language_code)
        t = self._catalogues.translator(language)
        text = t.gettext("Sorry, something went wrong on my side. Please try again in a moment.")
        return Handled(replies=[Reply(text)], language=language)

    async def mark_blocked(self, channel: str, external_id: str) -> None:
        """The platform said the user blocked the bot: stop writing to them."""
        async with self._uow_factory() as uow:
            user = await uow.users.find(channel, external_id)
            if user is not None:
                await record_block(uow, user, self._clock(), self._admin_external_ids)
                await uow.commit()


def _profile(user: User) -> Profile:
    return Profile(
        language=user.language,
        consent_at=aware(user.consent_at),
        country=user.country,
        age_group=user.age_group,
        guardian_confirmed_at=aware(user.guardian_confirmed_at),
    )


def _store_profile(user: User, profile: Profile) -> None:
    user.language = profile.language
    user.consent_at = profile.consent_at
    user.country = profile.country
    user.age_group = profile.age_group
    user.guardian_confirmed_at = profile.guardian_confirmed_at


def _conversation(state: DialogState) -> Conversation:
    stored = json.loads(state.data or "{}")
    return Conversation(
        flow=state.flow,
        step=state.step,
        data=stored.get("data", {}),
        stack=stored.get("stack", []),
        version=state.version,
    )


def _store_conversation(state: DialogState, conversation: Conversation, now: datetime) -> None:
    state.flow = conversation.flow
    state.step = conversation.step
    state.data = json.dumps({"data": conversation.data, "stack": conversation.stack})
    state.version = conversation.version
    state.updated_at = now
