"""What flows may ask of the rest of the system. Implemented in bot/services; faked in tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol


@dataclass(frozen=True)
class ApplicationAnswers:
    display_name: str
    age: int
    languages: tuple[str, ...]
    country: str
    region: str
    areas: tuple[str, ...]
    capacity: int
    introduction: str


@dataclass(frozen=True)
class ApplicationView:
    applicant_id: int
    answers: ApplicationAnswers
    status: str  # submitted | approved | declined
    submitted_at: datetime
    decline_reason: str | None = None


class MentoringPort(Protocol):
    async def is_staff(self) -> bool:
        """Whether the current user coordinates the programme."""
        ...

    async def my_application(self) -> ApplicationView | None:
        """The current user's own mentor application, if any."""
        ...

    async def submit_application(self, answers: ApplicationAnswers) -> None:
        """Store the application and notify every coordinator."""
        ...

    async def pending_applications(self) -> list[ApplicationView]:
        """Applications waiting for a decision (staff only; empty for anyone else)."""
        ...

    async def application(self, applicant_id: int) -> ApplicationView | None:
        """One application (staff only; None for anyone else)."""
        ...

    async def decide(self, applicant_id: int, approve: bool, reason: str | None) -> bool:
        """Approve or decline; False when not staff or already decided. Tells the applicant."""
        ...

    async def grant_staff(self, external_id: str) -> bool:
        """Make a known user staff (admins only); False when not allowed or unknown."""
        ...


@dataclass(frozen=True)
class MenteeAnswers:
    display_name: str
    age_group: str  # from onboarding, not asked again
    country: str
    region: str
    areas: tuple[str, ...]
    languages: tuple[str, ...]
    meeting_format: str  # in_person | online | either
    free_times: tuple[str, ...]
    hopes: str | None = None


@dataclass(frozen=True)
class MenteeRequestView:
    answers: MenteeAnswers
    status: str  # waiting | matched | withdrawn | closed
    submitted_at: datetime
    closed_reason: str | None = None  # a coordinator's words, when they closed it


class SignupPort(Protocol):
    async def my_request(self) -> MenteeRequestView | None:
        """The current user's own request for a mentor, if any."""
        ...

    async def submit_request(self, answers: MenteeAnswers) -> None:
        """Store the request and notify every coordinator; a repeat while active changes nothing."""
        ...

    async def withdraw_request(self) -> bool:
        """Withdraw the current user's request; False when there is none still active."""
        ...


@dataclass(frozen=True)
class Where:
    """Where a pair meets: a place with its address, or online with the call's link."""

    place: str | None = None
    online_url: str | None = None


@dataclass(frozen=True)
class WindowView:
    """A mentor's free time in their own wall-clock time: weekly (weekday) or one day (day)."""

    id: int
    start: time
    end: time
    weekday: int | None = None  # Monday is 0
    day: date | None = None
    where: Where | None = None  # None: the mentor's usual place


@dataclass(frozen=True)
class AvailabilityView:
    tz: str
    windows: tuple[WindowView, ...] = ()
    days_off: tuple[date, ...] = ()
    where: Where | None = None  # where the mentor usually meets; None until they say


@dataclass(frozen=True)
class PairView:
    pair_id: int
    partner: str  # the other person's display name, "" when unknown
    i_am_mentor: bool


@dataclass(frozen=True)
class SessionView:
    id: int
    pair_id: int
    starts_at: datetime  # aware
    ends_at: datetime
    tz: str  # the mentor's zone, which the session's wall time belongs to
    sequence: int
    partner: str
    i_am_mentor: bool
    status: str = "booked"  # proposed | declined | booked | cancelled | held | missed
    where: Where | None = None
    proposed_starts_at: datetime | None = None  # a move the mentor proposed, not yet accepted


@dataclass(frozen=True)
class BookingResult:
    # ok | proposed (waits for the mentee's answer) | taken | too_soon | not_free | refused
    outcome: str
    session: SessionView | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class BookingPort(Protocol):
    async def my_availability(self) -> AvailabilityView:
        """The current user's own free times and days off (empty for non-mentors)."""
        ...

    async def set_where(self, where: Where) -> bool:
        """Say where one usually meets one's mentees (approved mentors only)."""
        ...

    async def add_weekly(
        self, weekday: int, start: time, end: time, where: Where | None = None
    ) -> bool:
        """Add a weekly free time (approved mentors only); no place given: the usual one."""
        ...

    async def add_one_off(
        self, day: date, start: time, end: time, where: Where | None = None
    ) -> bool:
        """Add a free time on one day (approved mentors only); no place given: the usual one."""
        ...

    async def remove_window(self, window_id: int) -> bool:
        """Remove one of the current user's own free times."""
        ...

    async def add_day_off(self, day: date) -> bool:
        """Block a day (approved mentors only)."""
        ...

    async def remove_day_off(self, day: date) -> bool:
        """Unblock a day."""
        ...

    async def my_pairs(self) -> list[PairView]:
        """The current user's active pairs, as mentor or as mentee."""
        ...

    async def free_slots(self, pair_id: int | None = None) -> list[datetime]:
        """Free UTC starts: of one's mentor (no pair given), or one's own as that pair's mentor."""
        ...

    async def where_for(self, start: datetime, pair_id: int | None = None) -> Where | None:
        """Where a session at this start would be (the same pairs as `free_slots`)."""
        ...

    async def book(self, start: datetime) -> BookingResult:
        """Book a free slot with one's mentor; the mentor is told."""
        ...

    async def propose(self, pair_id: int, start: datetime) -> BookingResult:
        """As the pair's mentor, propose a time; nothing is booked until the mentee accepts."""
        ...

    async def answer_proposal(self, session_id: int, accept: bool) -> BookingResult:
        """As the mentee, accept or decline the mentor's proposed time or move."""
        ...

    async def my_sessions(self) -> list[SessionView]:
        """Upcoming booked and proposed sessions of the current user's active pairs."""
        ...

    async def reschedule(self, session_id: int, new_start: datetime) -> BookingResult:
        """Move one's own session (the mentee, at once) or propose the move (the mentor)."""
        ...

    async def cancel(self, session_id: int) -> BookingResult:
        """Cancel one's own session; the other person is told and the slot is free again."""
        ...


@dataclass(frozen=True)
class WaitingMentee:
    """A young person's request still waiting for a mentor, as coordinators see it."""

    mentee_id: int
    request: MenteeRequestView


@dataclass(frozen=True)
class MatchReason:
    """Why a mentor ranks where they do (see bot.matching.ranking); flows put it into words."""

    kind: str  # languages | areas | region | country | places | full
    values: tuple[str, ...] = ()
    count: int = 0


@dataclass(frozen=True)
class Suggestion:
    mentor_id: int
    display_name: str
    free_places: int
    reasons: tuple[MatchReason, ...]
    # This young person's mentor before: left out of the ranking, offered only on purpose.
    previous: bool = False


@dataclass(frozen=True)
class PairingView:
    """An active pairing, seen by one of its two people or by a coordinator."""

    pair_id: int
    mentor_id: int
    mentee_id: int
    mentor_name: str  # "" when the person has since withdrawn their data
    mentee_name: str
    started_at: datetime
    planned_end_at: datetime
    change_requested_at: datetime | None = None
    change_requested_by: int | None = None
    role: str = ""  # the viewer's side: mentor | mentee; "" for a coordinator
    change_reason: str | None = None  # shown to coordinators only


class MatchingPort(Protocol):
    async def waiting_requests(self) -> list[WaitingMentee]:
        """Requests waiting for a mentor, oldest first (staff only; empty for anyone else)."""
        ...

    async def waiting_request(self, mentee_id: int) -> WaitingMentee | None:
        """One waiting request (staff only; None for anyone else or once it is matched)."""
        ...

    async def suggestions(self, mentee_id: int) -> list[Suggestion]:
        """Approved mentors sharing a language with the young person, best fit first (staff)."""
        ...

    async def create_pair(self, mentee_id: int, mentor_id: int, months: int = 6) -> bool:
        """Pair them and introduce them to each other; False when no longer possible."""
        ...

    async def my_pairings(self) -> list[PairingView]:
        """The current user's active pairings, as mentee or as mentor."""
        ...

    async def request_change(self, pair_id: int, kind: str, reason: str | None = None) -> bool:
        """Ask the coordinators to end or change one's own pairing (kind: end | change)."""
        ...

    async def pairing(self, pair_id: int) -> PairingView | None:
        """One active pairing (staff only; None for anyone else)."""
        ...

    async def end_pair(self, pair_id: int, rematch: bool) -> bool:
        """End a pairing and tell both; with rematch the young person waits for a new mentor."""
        ...

    async def close_request(self, mentee_id: int, reason: str) -> bool:
        """Close a waiting request with a reason the young person reads (staff only)."""
        ...


@dataclass(frozen=True)
class PlanItemView:
    id: int
    text: str
    done: bool


@dataclass(frozen=True)
class PastSession:
    """A session of the pair that is over: held or missed."""

    id: int
    starts_at: datetime  # aware
    status: str  # held | missed
    rating: int | None = None


class SessionsPort(Protocol):
    """After a session: did it happen, the plan until the next one, and how it was."""

    async def plan(self, pair_id: int) -> list[PlanItemView]:
        """The current plan of one's own pair: the items of its latest held session with any."""
        ...

    async def tick(self, item_id: int) -> bool:
        """As the pair's mentee, mark a plan item done, or not done again; False if not theirs."""
        ...

    async def history(self, pair_id: int) -> list[PastSession]:
        """One's own pair's held and missed sessions, newest first, at most ten."""
        ...

    async def record_outcome(self, session_id: int, held: bool) -> str:
        """As the session's mentor, say whether it took place: ok | answered | refused."""
        ...

    async def save_plan(self, session_id: int, items: list[str]) -> bool:
        """As the mentor of a held session, store its plan once and send the mentee the recap."""
        ...

    async def rate(self, session_id: int, rating: int) -> str:
        """As the mentee of a held session, rate it 1 to 5 once: ok | answered | refused."""
        ...


@dataclass(frozen=True)
class ProgrammeFigures:
    """The programme at a glance; "this month" is the calendar month in Europe/Riga."""

    waiting_requests: int
    active_pairs: int
    mentors_approved: int
    applications_waiting: int
    sessions_held_this_month: int
    sessions_booked_ahead: int  # from now on, in any month
    missed_this_month: int
    month_start: datetime  # aware: the first moment of the month


@dataclass(frozen=True)
class PairFigures:
    """One active pair's sessions this month, against the rule of two a month."""

    pair_id: int
    mentor_name: str  # "" when the person has since withdrawn their data
    mentee_name: str
    started_at: datetime
    planned_end_at: datetime
    held_this_month: int
    booked_this_month: int
    missed_this_month: int
    on_track: bool  # held and booked this month make at least two


@dataclass(frozen=True)
class ReachFigures:
    """How often something of the campaign was watched and said to help (counts only)."""

    key: str  # a story's title in the reader's language, or a topic
    views: int
    helped: int


@dataclass(frozen=True)
class CampaignFigures:
    stories: list[ReachFigures]  # published, most watched first
    topics: list[ReachFigures]  # the topics' stories together
    story_subscribers: int = 0  # people who asked for news of new stories
    opportunity_subscribers: int = 0
    interest: tuple[tuple[str, int], ...] = ()  # (an opportunity's title, people interested)
    talk_requests: int = 0  # requests to talk to a person, all time
    talk_answered: int = 0  # ... taken by a coordinator
    talk_median_minutes: int | None = None  # from asking to being taken, the middle one


class FiguresPort(Protocol):
    async def programme(self) -> ProgrammeFigures | None:
        """This month's programme figures (staff only; None for anyone else)."""
        ...

    async def pairs(self) -> list[PairFigures]:
        """Every active pair's figures this month, by id (staff only; empty for anyone else)."""
        ...

    async def campaign(self) -> CampaignFigures | None:
        """Views and "this helped me" per story and topic, all time (staff only)."""
        ...


@dataclass(frozen=True)
class GuardianView:
    """A request for a parent's or guardian's agreement, and its answer."""

    code: str
    child_id: int
    child_name: str  # the name the child shows in the programme, "" before they chose one
    country: str
    age_group: str
    status: str  # pending | confirmed | declined | replaced
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None = None
    method: str | None = None  # chat | phone | paper | in_person
    guardian_name: str | None = None
    own: bool = False  # the viewer is the child this request is for

    def open_at(self, now: datetime) -> bool:
        return self.status == "pending" and now < self.expires_at


class GuardiansPort(Protocol):
    async def ask(self, country: str, age_group: str) -> GuardianView:
        """As a child, start a new request (an earlier open one is replaced)."""
        ...

    async def mine(self) -> GuardianView | None:
        """As a child, the newest request for one's own guardian's answer."""
        ...

    async def find(self, code: str) -> GuardianView | None:
        """A request still open, by its code; None for unknown, answered or expired codes."""
        ...

    async def answer(self, code: str, agree: bool, guardian_name: str) -> str:
        """As the guardian, in the chat: ok | gone (unknown or closed) | own (the child's own)."""
        ...

    async def record(self, code: str, method: str, guardian_name: str) -> str:
        """As a coordinator, record an agreement given another way: ok | gone | refused."""
        ...

    async def answered(self) -> list[GuardianView]:
        """The latest answers given, newest first (staff only; empty for anyone else)."""
        ...

    async def withdraw(self) -> None:
        """As a child, give up waiting: open requests close and forget the child's answers."""
        ...


# A field of someone's data: text, a number, a moment, a day, a list of codes, or nothing.
DataValue = str | int | bool | datetime | date | tuple[str, ...] | None


@dataclass(frozen=True)
class DataItem:
    """One thing kept about a person: what it is, and its fields by name."""

    kind: str  # profile | guardian | request | application | staff | pair | session | ...
    fields: tuple[tuple[str, DataValue], ...]

    def get(self, name: str) -> DataValue:
        return dict(self.fields).get(name)


@dataclass(frozen=True)
class PersonalData:
    """Everything kept about one person, as they may take it away."""

    items: tuple[DataItem, ...]

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(item.kind for item in self.items))

    def count(self, kind: str) -> int:
        return sum(1 for item in self.items if item.kind == kind)


class PrivacyPort(Protocol):
    async def export(self) -> PersonalData:
        """Everything kept about the current user."""
        ...

    async def erase(self) -> None:
        """Erase the current user: end what they take part in, tell who must know, keep nothing."""
        ...

    async def audit_csv(self) -> bytes | None:
        """The coordinators' audit log as CSV (staff only; None for anyone else)."""
        ...


@dataclass(frozen=True)
class ConversationView:
    """A conversation through the bot, as one of its two people (or a coordinator) sees it."""

    id: int
    kind: str  # pair | staff
    partner: str  # the other side's name as the viewer knows them; "" when there is none
    partner_role: str  # mentor | mentee | coordinators | person
    partner_number: int = 0  # the person's number, shown to coordinators only
    is_open: bool = True


class ConversationsPort(Protocol):
    async def for_pair(self, pair_id: int) -> ConversationView | None:
        """As one of the pair, the conversation with the other (opened on first use)."""
        ...

    async def open_with(self, person_id: int) -> ConversationView | None:
        """As a coordinator, a conversation with a person (staff only)."""
        ...

    async def view(self, conversation_id: int) -> ConversationView | None:
        """One's own open conversation; None for anyone else's or a closed one."""
        ...

    async def send(self, conversation_id: int, text: str) -> str:
        """Pass a message on: sent | later (quiet night) | closed."""
        ...

    async def close(self, conversation_id: int) -> bool:
        """End a conversation with a coordinator; the other side is told."""
        ...

    async def report(self, conversation_id: int, quoted: str, message: str = "") -> bool:
        """Show the coordinators a message one received in this conversation.

        `message` is the reference the pair's message carried; `quoted` the text the button
        sat on, where the channel tells it (Telegram), used once the words are forgotten.
        """
        ...

    async def quiet_nights(self) -> bool:
        """Whether messages to the current user wait for the morning (22:00 to 08:00)."""
        ...

    async def set_quiet_nights(self, on: bool) -> None:
        """Turn the quiet nights on or off."""
        ...


@dataclass(frozen=True)
class LinkOffer:
    """A one-time code that links the person's account on a channel that can always write."""

    code: str
    links: tuple[str, ...]  # opening one of these on that channel links it
    minutes: int  # how long the code works


@dataclass(frozen=True)
class StoryView:
    """A published story in the language the person reads (or the nearest one it has)."""

    id: int
    slug: str
    expert: str
    topics: tuple[str, ...]
    title: str
    summary: str
    language: str  # the language of title and summary: the person's, unless it is missing
    video: str  # a URL, or the id the person's platform gave the video once uploaded
    thumbnail: str | None
    helped: bool  # the person said it helped them


@dataclass(frozen=True)
class ContentItem:
    """A story or an opportunity as coordinators manage it."""

    kind: str  # story | opportunity
    id: int
    title: str  # in the coordinator's language, or the nearest one it has
    text: str  # the summary, or the opportunity's text
    published: bool
    languages: tuple[str, ...]  # the languages its title is written in


@dataclass(frozen=True)
class BroadcastDraft:
    """A post a coordinator is composing, and who it is for."""

    texts: dict[str, str]  # per language
    fallback: bool  # readers of a missing language get one they read (else nothing)
    audience: dict[str, list[Any]]  # filters: languages, roles, countries, age_groups, ...
    media: dict[str, str] | None = None  # {"kind": "photo" | "video", "url": URL or file id}
    # {"kind": "link", "url", "label": {lang: ...}} | {"kind": "story" | "opportunity", "id"}
    button: dict[str, Any] | None = None
    send_at: datetime | None = None  # None: now


@dataclass(frozen=True)
class AudienceCount:
    """Who a draft would reach, before it is sent."""

    telegram: int
    messenger: int
    messenger_now: int  # inside Messenger's 24-hour window: the rest get it on their next visit
    no_version: int  # read no language it is written in
    not_agreed: int  # have not agreed to campaign news (or are waiting for a guardian's yes)

    @property
    def total(self) -> int:
        return self.telegram + self.messenger


@dataclass(frozen=True)
class BroadcastView:
    """A broadcast and what became of it so far."""

    id: int
    status: str  # scheduled | sending | paused | cancelled | done
    send_at: datetime
    languages: tuple[str, ...]
    recipients: int
    outcomes: dict[str, int]  # sent, blocked, failed, waiting, pending, paused, expired, ...
    skipped_language: int
    skipped_consent: int
    per_minute: int  # delivered in the last minute
    csv: bytes  # the report: counts per outcome, channel and language; no names


class BroadcastsPort(Protocol):
    async def count(self, draft: BroadcastDraft) -> AudienceCount | None:
        """Who it would reach now (coordinators only; None for anyone else)."""
        ...

    async def create(self, draft: BroadcastDraft) -> int | None:
        """Schedule it; its id (None for anyone but a coordinator)."""
        ...

    async def recent(self) -> list[BroadcastView] | None:
        """The latest broadcasts, newest first (coordinators only)."""
        ...

    async def view(self, broadcast_id: int) -> BroadcastView | None: ...

    async def steer(self, broadcast_id: int, action: str) -> bool:
        """pause | resume | cancel; False when it cannot (any more)."""
        ...


@dataclass(frozen=True)
class StoryDraft:
    """A story a coordinator is making in the chat."""

    title: dict[str, str]  # per language
    summary: dict[str, str]
    topics: tuple[str, ...]
    expert: str
    link: str | None = None  # a video file's URL, which every channel can fetch
    upload: str | None = None  # the video sent in the chat, as the coordinator's platform keeps it


@dataclass(frozen=True)
class OpportunityDraft:
    """An opportunity a coordinator is making in the chat."""

    title: dict[str, str]  # per language
    text: dict[str, str]
    countries: tuple[str, ...]
    age_min: int | None = None
    age_max: int | None = None
    deadline: datetime | None = None
    apply_url: str | None = None  # else "🙋 I'm interested" in the chat


class CampaignPort(Protocol):
    async def stories(self, topic: str | None = None) -> list[StoryView]:
        """The published stories in their order, those of one topic if given."""
        ...

    async def topics(self) -> list[str]:
        """The topics that have published stories, in the campaign's order."""
        ...

    async def watched(self, story_id: int) -> None:
        """Count one view (who watched is not kept)."""
        ...

    async def content(self) -> list[ContentItem] | None:
        """Every story and opportunity, drafts too (coordinators only; None for anyone else)."""
        ...

    async def set_published(self, kind: str, item_id: int, published: bool) -> bool:
        """Publish or take down (coordinators only); publishing tells the subscribers."""
        ...

    async def mark_helped(self, story_id: int) -> bool:
        """ "This helped me": recorded once per person; False before they agreed to keep data."""
        ...

    async def can_edit(self) -> bool:
        """Whether the person manages the campaign's content (a coordinator)."""
        ...

    async def save_story(self, draft: StoryDraft) -> int | None:
        """Keep a new story as a draft; its id (None for anyone but a coordinator)."""
        ...

    async def save_opportunity(self, draft: OpportunityDraft) -> int | None:
        """Keep a new opportunity as a draft; its id (None for anyone but a coordinator)."""
        ...


@dataclass(frozen=True)
class OpportunityView:
    """An opportunity open to the person, in their language (or the nearest one it has)."""

    id: int
    slug: str
    title: str
    text: str
    eligibility: str
    language: str
    deadline: datetime | None
    apply_url: str | None
    interest: bool  # offers "I'm interested"
    team_members: int | None  # a team of this many is needed ...
    support_person: bool  # ... with an adult who supports it
    age_min: int | None
    age_max: int | None
    contacts: tuple[tuple[str, str], ...]  # (region, who to contact), in the person's language
    interested: bool  # the person said they are interested
    reminder_set: bool  # a reminder before the deadline is waiting


class OpportunitiesPort(Protocol):
    async def open_to_me(self) -> list[OpportunityView]:
        """Published, not past their deadline, for the person's country and age group."""
        ...

    async def get(self, opportunity_id: int) -> OpportunityView | None:
        """One of those open to the person; None for anything else."""
        ...

    async def mark_interest(self, opportunity_id: int, region: str | None) -> bool:
        """Record "I'm interested" (needs consent); False if it cannot be recorded."""
        ...

    async def remind(self, opportunity_id: int) -> str:
        """A reminder before the deadline: "set", "late" (too close) or "no" (no deadline)."""
        ...

    async def ask(self, opportunity_id: int, question: str, region: str | None) -> bool:
        """Pass a question about it on to the coordinators (needs consent)."""
        ...

    async def interested_count(self, opportunity_id: int) -> int | None:
        """How many said they are interested (coordinators only; None for anyone else)."""
        ...

    async def interest_csv(self, opportunity_id: int) -> bytes | None:
        """Who is interested, as CSV: number, name, channel, region, when (coordinators only)."""
        ...


@dataclass(frozen=True)
class NewsChoice:
    """The campaign news a person asked for."""

    all_stories: bool
    topics: tuple[str, ...]  # stories of these topics (when not all of them)
    opportunities: bool

    @property
    def anything(self) -> bool:
        return self.all_stories or bool(self.topics) or self.opportunities


class NewsPort(Protocol):
    async def choice(self) -> NewsChoice: ...

    async def set_all_stories(self, on: bool) -> bool:
        """False before the person agreed to keep data (a subscription is kept with them)."""
        ...

    async def toggle_topic(self, topic: str) -> bool: ...

    async def set_opportunities(self, on: bool) -> bool: ...

    async def stop(self) -> int:
        """No campaign news at all; how many subscriptions there were."""
        ...


@dataclass(frozen=True)
class TalkAnswer:
    """What became of a request to talk to a person."""

    status: str  # asked | waiting (one is open already) | consent (agree first)
    open_now: bool  # someone is there now (the opening hours)
    opens_at: datetime | None  # when they are next there, when not now
    answer_hours: int  # the honest promise: an answer within this many hours


class TalkPort(Protocol):
    async def ask(self, topic: str, story: str = "", expert: bool = False) -> TalkAnswer:
        """Ask the coordinators for a person to talk to, about a topic (from a story)."""
        ...

    async def take(self, request_id: int) -> ConversationView | None:
        """A coordinator takes a request: the conversation with the person, or None when
        another coordinator was first (or it is not for them)."""
        ...


class LinkingPort(Protocol):
    async def offer(self) -> LinkOffer | None:
        """A fresh code for linking a second account (None where no channel could take it)."""
        ...

    async def linked(self) -> bool:
        """Whether a second account already speaks for the current person."""
        ...

    async def link(self, code: str) -> str:
        """Link the account writing now to the code's person: ok | gone | own | taken."""
        ...


@dataclass
class Ports:
    broadcasts: BroadcastsPort
    mentoring: MentoringPort
    signup: SignupPort
    booking: BookingPort
    matching: MatchingPort
    sessions: SessionsPort
    figures: FiguresPort
    guardians: GuardiansPort
    privacy: PrivacyPort
    conversations: ConversationsPort
    linking: LinkingPort
    campaign: CampaignPort
    opportunities: OpportunitiesPort
    news: NewsPort
    talk: TalkPort
