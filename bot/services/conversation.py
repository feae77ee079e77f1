"""Move a user's conversation one event forward, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.services.access import AdminIds, admin_keys
from bot.services.blocking import record_block
from bot.services.booking import BookingService
from bot.services.broadcasts import BroadcastsService
from bot.services.campaign import CampaignService
from bot.services.conversations import ConversationsService
from bot.services.figures import FiguresService
from bot.services.guardians import GuardiansService
from bot.services.linking import LinkingService
from bot.services.matching import MatchingService
from bot.services.mentoring import MentoringService
from bot.services.news import NewsService
from bot.services.opportunities import OpportunitiesService
from bot.services.privacy import PrivacyService
from bot.services.safety import alert_coordinators
from bot.services.sessions import SessionsService
from bot.services.signup import SignupService
from bot.services.talk import TalkHours, TalkService
from dialogs.capabilities import ROOMY, Capabilities
from dialogs.conversation import help_entry
from dialogs.engine import Context, Conversation, Engine, Profile
from dialogs.events import BlockedEvent, CommandEvent, Event, TextEvent, UnblockedEvent
from dialogs.i18n import Catalogues, pick_language
from dialogs.ports import Ports
from dialogs.replies import Reply
from storage.models import DialogState, User, as_utc
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

FIRST_STEP = ("onboarding", "welcome")


@dataclass(frozen=True)
class Incoming:
    channel: str
    external_id: str
    event: Event
    # The platform's id of this update or message, unique on its channel: a redelivery repeats it.
    update_id: str | None = None
    language_code: str | None = None
    sender_name: str = ""


@dataclass(frozen=True)
class HelpEntry:
    """The "I need help now" entry a channel keeps in view, in the person's language."""

    language: str
    label: str
    note: str


@dataclass(frozen=True)
class Handled:
    replies: list[Reply] = field(default_factory=list)
    version: int = 0
    language: str = "en"
    toast: str | None = None
    language_changed: bool = False
    duplicate: bool = False
    erased: bool = False  # the person asked to be forgotten: the channel forgets them too
    # Set when the channel should (re)install the help entry before the replies.
    help_entry: HelpEntry | None = None


def aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def ports_for(
    uow: UnitOfWork,
    user: User,
    admin_ids: AdminIds,
    now: datetime,
    privacy: PrivacyService | None = None,
    account: User | None = None,
    link_bases: tuple[str, ...] = (),
    media_base: str | None = None,
    talk_hours: TalkHours | None = None,
) -> Ports:
    """The services one update sees, all bound to its transaction, its user and its clock.

    `account` is the one writing now when it is not the person's own (a linked second
    channel); `link_bases` are the deep links of the channels that can always write.
    """
    return Ports(
        broadcasts=BroadcastsService(uow, user, admin_ids, now),
        mentoring=MentoringService(uow, user, admin_ids, now),
        signup=SignupService(uow, user, admin_ids, now),
        booking=BookingService(uow, user, now),
        matching=MatchingService(uow, user, admin_ids, now),
        sessions=SessionsService(uow, user, now),
        figures=FiguresService(uow, user, admin_ids, now),
        guardians=GuardiansService(uow, user, admin_ids, now),
        privacy=privacy or PrivacyService(uow, user, admin_ids, now),
        conversations=ConversationsService(uow, user, admin_ids, now),
        linking=LinkingService(uow, user, account or user, now, link_bases),
        campaign=CampaignService(uow, user, admin_ids, now, (account or user).channel, media_base),
        opportunities=OpportunitiesService(uow, user, admin_ids, now),
        news=NewsService(uow, user, now),
        talk=TalkService(uow, user, admin_ids, now, talk_hours or TalkHours()),
    )


class ConversationService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        engine: Engine,
        catalogues: Catalogues,
        admin_ids: AdminIds | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        distress_alerts: bool = True,
        deep_links: tuple[str, ...] = (),
        capabilities: dict[str, Capabilities] | None = None,
        link_bases: tuple[str, ...] = (),
        media_base: str | None = None,
        talk_hours: TalkHours | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._engine = engine
        self._catalogues = catalogues
        self._admin_ids = admin_ids or []
        self._admin_external_ids = admin_keys(self._admin_ids)
        self._clock = clock
        self._distress_alerts = distress_alerts
        self._deep_links = deep_links
        # What each channel's messages can hold; flows fit their screens to the person's.
        self._capabilities = capabilities or {}
        # Links into the channels that can always write, where a person links a second account.
        self._link_bases = link_bases
        # Where the campaign's media paths are served from.
        self._media_base = media_base
        self._talk_hours = talk_hours or TalkHours()

    async def handle(self, incoming: Incoming) -> Handled:
        """Apply the event and store the result; a redelivered update changes nothing."""
        now = self._clock()
        async with self._uow_factory() as uow:
            update_id = incoming.update_id
            if update_id is not None and not await uow.updates.claim(incoming.channel, update_id):
                return Handled(duplicate=True)
            account = await uow.users.get_or_create(
                incoming.channel, incoming.external_id, pick_language(incoming.language_code)
            )
            event = incoming.event
            if isinstance(event, BlockedEvent):
                if account.linked_to_id is None:
                    await record_block(uow, account, now, self._admin_external_ids)
                else:  # a linked account: the person is still reached on their own
                    account.blocked_at = now
                    uow.session.add(account)
                await uow.commit()
                return Handled(language=account.language)
            if isinstance(event, UnblockedEvent):
                account.blocked_at = None
                uow.session.add(account)
                await uow.commit()
                return Handled(language=account.language)
            account.blocked_at = None  # they wrote to us, so they can hear from us
            account.last_seen_at = now
            # A linked second account speaks as the person it was linked to.
            user = await _person(uow, account)
            user.last_seen_at = now
            # News held for their visit (their channel's window was closed) goes out now.
            await uow.outbox.release_waiting(user.id, now)  # type: ignore[arg-type]
            user.retention_notice_at = None
            state = await uow.dialogs.get(user.id)  # type: ignore[arg-type]
            fresh = state is None
            if state is None:
                assert user.id is not None
                state = DialogState(user_id=user.id, flow=FIRST_STEP[0], step=FIRST_STEP[1])
            profile = _profile(user)
            conversation = _conversation(state)
            privacy = PrivacyService(uow, user, self._admin_ids, now)
            ports = ports_for(
                uow,
                user,
                self._admin_ids,
                now,
                privacy,
                account,
                self._link_bases,
                self._media_base,
                self._talk_hours,
            )
            ctx = Context(
                profile,
                conversation,
                self._catalogues,
                now,
                incoming.sender_name,
                ports,
                deep_links=self._deep_links,
                capabilities=self._capabilities.get(incoming.channel, ROOMY),
            )
            if (
                fresh
                and isinstance(event, TextEvent)
                and not self._engine.is_urgent(ctx, event.text)
            ):
                event = CommandEvent("start")  # a first "hi" is met with the welcome
            outcome = await self._engine.handle(ctx, event)
            if outcome.concern is not None and self._distress_alerts:
                await alert_coordinators(uow, user, outcome.concern, now, self._admin_external_ids)
            language_changed = profile.language != user.language
            if not privacy.erased and user.consent_at is not None and profile.consent_at is None:
                # Consent withdrawn: what was given under it goes too, in this transaction.
                await privacy.erase()
            if privacy.erased:
                # Nothing of them is kept: not even where they were in the conversation.
                await uow.commit()
                return Handled(replies=outcome.replies, language=profile.language, erased=True)
            _store_profile(user, profile)
            _store_conversation(state, conversation, now)
            uow.session.add_all([user, account])
            if user is not account or account.linked_to_id is None:
                uow.dialogs.save(state)  # an account linked just now has no state of its own
            await uow.commit()
        return Handled(
            replies=outcome.replies,
            version=conversation.version,
            language=profile.language,
            toast=outcome.toast,
            language_changed=language_changed,
            help_entry=self._help_entry(account.help_entry_language, profile.language),
        )

    def _help_entry(self, installed: str | None, language: str) -> HelpEntry | None:
        """The help entry to put in view, when the one in view is missing or in another language."""
        if installed == language:
            return None
        label, note = help_entry(self._catalogues.translator(language))
        return HelpEntry(language, label, note)

    async def help_entry_installed(self, channel: str, external_id: str, language: str) -> None:
        """The channel shows the help entry in this language now; it need not be sent again."""
        async with self._uow_factory() as uow:
            user = await uow.users.find(channel, external_id)
            if user is not None:
                user.help_entry_language = language
                uow.session.add(user)
                await uow.commit()

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


async def _person(uow: UnitOfWork, account: User) -> User:
    """The person an account speaks for: itself, or the one it was linked to."""
    if account.linked_to_id is None:
        return account
    person = await uow.users.get(account.linked_to_id)
    return person if person is not None else account


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
        page=stored.get("page", 0),
        version=state.version,
    )


def _store_conversation(state: DialogState, conversation: Conversation, now: datetime) -> None:
    state.flow = conversation.flow
    state.step = conversation.step
    state.data = json.dumps(
        {"data": conversation.data, "stack": conversation.stack, "page": conversation.page}
    )
    state.version = conversation.version
    state.updated_at = now
