"""The dialog engine: route a neutral event to the current step and collect the replies."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeAlias, TypeVar

from dialogs.capabilities import ROOMY, Capabilities
from dialogs.events import (
    ActionEvent,
    BlockedEvent,
    CommandEvent,
    ContactEvent,
    Event,
    ExpiredActionEvent,
    MediaEvent,
    TextEvent,
    UnblockedEvent,
    UnsupportedEvent,
)
from dialogs.fit import MORE, PAGER_ACTIONS, clamp_page, fit
from dialogs.i18n import TIMEZONES, Catalogues, Translator
from dialogs.ports import (
    BookingPort,
    BroadcastsPort,
    CampaignPort,
    ConversationsPort,
    FiguresPort,
    GuardiansPort,
    LinkingPort,
    MatchingPort,
    MentoringPort,
    NewsPort,
    OpportunitiesPort,
    Ports,
    PrivacyPort,
    SessionsPort,
    SignupPort,
    TalkPort,
)
from dialogs.replies import Reply
from dialogs.safety import Concern, detect
from dialogs.text import clean_text

CONSENT_AGE = {"LV": 13, "LT": 14}


@dataclass
class Profile:
    """What flows may read and change about the user; the service persists it."""

    language: str
    consent_at: datetime | None = None
    country: str | None = None
    age_group: str | None = None
    guardian_confirmed_at: datetime | None = None

    @property
    def timezone(self) -> str | None:
        return TIMEZONES.get(self.country or "")

    @property
    def onboarded(self) -> bool:
        return self.consent_at is not None

    def forget_personal_data(self) -> None:
        """Withdraw consent: keep only what is needed to talk (language)."""
        self.consent_at = None
        self.country = None
        self.age_group = None
        self.guardian_confirmed_at = None


@dataclass
class Conversation:
    """Where the user is: a step of a flow, its scratch data and the steps to return to."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)
    # Steps to return to, each with its flow's data: [flow, step, data].
    stack: list[list[Any]] = field(default_factory=list)
    version: int = 0
    # Which page of the current step's choices is shown, on a channel that pages them.
    page: int = 0


@dataclass
class Context:
    """Everything a step sees while handling one event."""

    profile: Profile
    conversation: Conversation
    catalogues: Catalogues
    now: datetime
    sender_name: str = ""
    ports: Ports | None = None
    # Where a link into this bot starts, one per channel that has them ("https://t.me/x?start=").
    deep_links: tuple[str, ...] = ()
    # What the person's channel can show (buttons per message, label length, edits).
    capabilities: Capabilities = ROOMY
    t: Translator = field(init=False)
    quoted: str = field(init=False, default="")  # the text of the message a button sat on

    def __post_init__(self) -> None:
        self.refresh_translator()

    @property
    def data(self) -> dict[str, Any]:
        return self.conversation.data

    @property
    def _services(self) -> Ports:
        if self.ports is None:
            raise RuntimeError("this step needs the services, and none were given")
        return self.ports

    @property
    def broadcasts(self) -> BroadcastsPort:
        return self._services.broadcasts

    @property
    def mentoring(self) -> MentoringPort:
        return self._services.mentoring

    @property
    def signup(self) -> SignupPort:
        return self._services.signup

    @property
    def booking(self) -> BookingPort:
        return self._services.booking

    @property
    def matching(self) -> MatchingPort:
        return self._services.matching

    @property
    def sessions(self) -> SessionsPort:
        return self._services.sessions

    @property
    def figures(self) -> FiguresPort:
        return self._services.figures

    @property
    def guardians(self) -> GuardiansPort:
        return self._services.guardians

    @property
    def conversations(self) -> ConversationsPort:
        return self._services.conversations

    @property
    def linking(self) -> LinkingPort:
        return self._services.linking

    @property
    def campaign(self) -> CampaignPort:
        return self._services.campaign

    @property
    def talk(self) -> TalkPort:
        return self._services.talk

    @property
    def news(self) -> NewsPort:
        return self._services.news

    @property
    def opportunities(self) -> OpportunitiesPort:
        return self._services.opportunities

    @property
    def privacy(self) -> PrivacyPort:
        return self._services.privacy

    def links_to(self, payload: str) -> list[str]:
        """Links that open this bot with the payload, on every channel that has them."""
        return [base + payload for base in self.deep_links]

    def _(self, message: str) -> str:
        return self.t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.t.ngettext(singular, plural, n)

    def set_language(self, language: str) -> None:
        self.profile.language = language
        self.refresh_translator()

    def refresh_translator(self) -> None:
        translator = self.catalogues.translator(self.profile.language, self.profile.timezone)
        self.t = translator.as_of(self.now)


@dataclass(frozen=True)
class Transition:
    """What a step decided: where to go next and what to say on the way."""

    target: tuple[str, str] | None = None  # (flow, step); None stays on the current step
    notes: tuple[Callable[[Context], Reply], ...] = ()
    push: bool = False  # remember the current step to come back to
    pop: bool = False  # go back to the remembered step
    toast: Callable[[Context], str] | None = None
    data: dict[str, Any] | None = None  # scratch data the target step starts with
    # Only the notes are sent: the screen is not drawn again and its buttons stay valid (a
    # channel that cannot edit would otherwise send the whole screen, video and all, again).
    quiet: bool = False


def goto(flow: str, step: str, *notes: Callable[[Context], Reply]) -> Transition:
    return Transition(target=(flow, step), notes=notes)


def call(flow: str, step: str, data: dict[str, Any] | None = None) -> Transition:
    return Transition(target=(flow, step), push=True, data=data)


def back(*notes: Callable[[Context], Reply]) -> Transition:
    return Transition(pop=True, notes=notes)


def stay(*notes: Callable[[Context], Reply]) -> Transition:
    return Transition(notes=notes)


def quietly(*notes: Callable[[Context], Reply]) -> Transition:
    return Transition(notes=notes, quiet=True)


def say(message: str) -> Callable[[Context], Reply]:
    """A note translated at the moment it is said (after a language change, say)."""
    return lambda ctx: Reply(ctx._(message))


T = TypeVar("T")
# Steps may be plain functions or coroutines (those that ask the services for data).
Maybe: TypeAlias = T | Awaitable[T]


async def resolve(value: Maybe[T]) -> T:
    if inspect.isawaitable(value):
        return await value
    return value


def _ignore(ctx: Context, value: Any) -> None:
    return None


@dataclass(frozen=True)
class Step:
    name: str
    screen: Callable[[Context], Maybe[Reply]]
    on_action: Callable[[Context, str], Maybe[Transition | None]] = _ignore
    on_text: Callable[[Context, str], Maybe[Transition | None]] = _ignore
    # A video or photo sent here (only steps that ask for one have this).
    on_media: Callable[[Context, MediaEvent], Maybe[Transition | None]] = _ignore
    # Its message stays in the chat: a press on it answers with a new message, never an edit
    # (the helplines must not vanish when someone presses Back).
    keep: bool = False
    # Free words are the point here (a message to one's mentor): words of danger bring the
    # helplines first, and are still taken as written.
    takes_any_text: bool = False


@dataclass(frozen=True)
class Flow:
    name: str
    steps: dict[str, Step]

    @classmethod
    def of(cls, name: str, *steps: Step) -> Flow:
        return cls(name, {step.name: step for step in steps})


@dataclass(frozen=True)
class Outcome:
    replies: list[Reply]
    toast: str | None = None
    # Free text that signals danger: the person was shown the helplines; others may be told.
    concern: Concern | None = None


# A command maps to a transition computed from the context and the command's arguments; a
# global button gets its action.
Shortcut = Callable[[Context, str], Maybe[Transition]]
GlobalAction = Callable[[Context, str], Maybe[Transition | None]]


class Engine:
    """Runs the composed flows. Pure: the caller loads and saves profile and conversation."""

    def __init__(
        self,
        flows: list[Flow],
        commands: dict[str, Shortcut],
        actions: dict[str, GlobalAction],
        home: tuple[str, str],
        notes: dict[str, Callable[[Context], Reply]],
        help_step: tuple[str, str],
        asks_for_help: Callable[[Context, str], bool],
        on_media: Callable[[Context, MediaEvent], Maybe[Transition | None]] = _ignore,
    ) -> None:
        self._flows = {flow.name: flow for flow in flows}
        self._commands = commands
        self._actions = actions
        self._home = home
        self._notes = notes
        # Typed words asking for help open this step from anywhere.
        self._help_step = help_step
        self._asks_for_help = asks_for_help
        # A video or photo sent where the step does not ask for one (a coordinator's new story).
        self._on_media = on_media

    def step(self, conversation: Conversation) -> Step:
        flow = self._flows.get(conversation.flow)
        if flow is None or conversation.step not in flow.steps:
            # A flow renamed by a deploy: send the user home rather than fail.
            conversation.flow, conversation.step = self._home
            flow = self._flows[conversation.flow]
        return flow.steps[conversation.step]

    async def handle(self, ctx: Context, event: Event) -> Outcome:
        """Apply one event; the conversation's version moves on, so older buttons expire."""
        if isinstance(event, BlockedEvent | UnblockedEvent):
            return Outcome([])
        if isinstance(event, TextEvent):
            event = TextEvent(clean_text(event.text))
        pressed_step = self.step(ctx.conversation)
        concern = self._concern(ctx, event)
        if concern is not None and not pressed_step.takes_any_text:
            # Words of danger are not an answer to the question: the helplines come first,
            # then the same step again.
            transition, pressed = stay(self._notes["concern"]), False
        else:
            transition, pressed = await self._route(ctx, event)
            if concern is not None:
                transition = replace(transition, notes=(self._notes["concern"], *transition.notes))
        if transition.quiet:
            replies = [note(ctx) for note in transition.notes]
            toast = transition.toast(ctx) if transition.toast else None
            return Outcome(replies, toast, concern)
        ctx.conversation.version += 1
        replies = await self._apply(ctx, transition)
        if pressed and replies and not pressed_step.keep:
            replies[0] = replace(replies[0], replace=True)
        toast = transition.toast(ctx) if transition.toast else None
        return Outcome(replies, toast, concern)

    def is_urgent(self, ctx: Context, text: str) -> bool:
        """Whether typed text asks for help or signals danger, and must not be read as chat."""
        text = clean_text(text)
        return self._asks_for_help(ctx, text) or detect(text) is not None

    def _concern(self, ctx: Context, event: Event) -> Concern | None:
        """What typed words of danger are about; a plain request for help is not one."""
        if not isinstance(event, TextEvent) or self._asks_for_help(ctx, event.text):
            return None
        return detect(event.text)

    def _global_action(self, action: str) -> GlobalAction | None:
        """Global buttons match exactly, or by prefix for keys ending in ':'."""
        if action in self._actions:
            return self._actions[action]
        prefix = action.split(":", 1)[0] + ":"
        return self._actions.get(prefix)

    async def _route(self, ctx: Context, event: Event) -> tuple[Transition, bool]:
        conversation = ctx.conversation
        ctx.quoted = event.quoted if isinstance(event, ActionEvent) else ""
        if isinstance(event, ActionEvent) and event.version not in (None, conversation.version):
            event = ExpiredActionEvent()
        if isinstance(event, ActionEvent) and event.action in PAGER_ACTIONS:
            # Another page of the same screen; the step itself never sees the press.
            conversation.page += 1 if event.action == MORE else -1
            return stay(), True
        match event:
            case CommandEvent(name=name, args=args):
                shortcut = self._commands.get(name)
                if shortcut is None:
                    return stay(self._notes["unknown_command"]), False
                return await resolve(shortcut(ctx, args)), False
            case ActionEvent(action=action, version=version):
                handler = self._global_action(action)
                if handler is not None:
                    transition = await resolve(handler(ctx, action))
                elif version is None:
                    transition = None  # sticky buttons only reach global handlers
                else:
                    transition = await resolve(self.step(conversation).on_action(ctx, action))
                if transition is None:
                    return self._expired(), False
                # A sticky button sits on an old message: answer below rather than edit it.
                return transition, version is not None
            case TextEvent(text=text):
                if self._asks_for_help(ctx, text):
                    return self._help(conversation), False
                transition = await resolve(self.step(conversation).on_text(ctx, text))
                return transition or stay(self._notes["use_buttons"]), False
            case ExpiredActionEvent():
                return self._expired(), False
            case MediaEvent():
                transition = await resolve(self.step(conversation).on_media(ctx, event))
                if transition is None:
                    transition = await resolve(self._on_media(ctx, event))
                return transition or stay(self._notes["unsupported"]), False
            case ContactEvent() | UnsupportedEvent():
                return stay(self._notes["unsupported"]), False
        raise TypeError(f"unhandled event {event!r}")

    def _help(self, conversation: Conversation) -> Transition:
        if (conversation.flow, conversation.step) == self._help_step:
            return stay()  # already showing the helplines: show them again, below
        return call(*self._help_step)

    def _expired(self) -> Transition:
        note = self._notes["expired"]
        return Transition(notes=(note,), toast=lambda ctx: note(ctx).text)

    async def _apply(self, ctx: Context, transition: Transition) -> list[Reply]:
        conversation = ctx.conversation
        before = (conversation.flow, conversation.step)
        if transition.push:
            conversation.stack.append([conversation.flow, conversation.step, conversation.data])
            conversation.data = {}
        if transition.pop:
            if conversation.stack:
                conversation.flow, conversation.step, conversation.data = conversation.stack.pop()
            else:
                conversation.flow, conversation.step = self._home
                conversation.data = {}
        elif transition.target is not None:
            if transition.target[0] != conversation.flow and not transition.push:
                conversation.data = {}
            conversation.flow, conversation.step = transition.target
            if transition.target == self._home:
                conversation.stack.clear()
        if transition.data is not None:
            conversation.data = dict(transition.data)
        # Notes are rendered after the move so they speak the language just chosen.
        replies = [note(ctx) for note in transition.notes]
        screen = await resolve(self.step(conversation).screen(ctx))
        if (conversation.flow, conversation.step) != before or transition.push:
            conversation.page = 0  # a new screen starts on its first page
        conversation.page = clamp_page(screen, ctx.capabilities, conversation.page)
        replies.append(fit(screen, ctx.capabilities, conversation.page, ctx.t))
        return replies
