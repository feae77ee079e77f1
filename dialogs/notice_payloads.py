"""What each kind of notice carries: one typed payload, shared by its writer and its renderer.

A notice is stored as its kind and this payload as JSON, and rendered only at delivery time
(dialogs/notices.py). The services build the payload with its type (`SessionBooked(...)`), the
renderer registered with `@notice("session_booked")` takes it with the same type, and mypy checks
both sides against one definition. `PAYLOADS` says which type belongs to which kind.

A key a renderer does without (read with `.get`) is `NotRequired`: a writer leaves it out in some
cases, or rows written before the key existed may still wait in the outbox. Dates and times are
ISO 8601 strings; names are "" when the person has withdrawn their data.
"""

# No `from __future__ import annotations` here: on Python 3.11 it hides `NotRequired` from
# a TypedDict's __required_keys__ and __optional_keys__, which the tests read.

from collections.abc import Mapping
from typing import Final, NotRequired, TypedDict

# --- pieces several kinds share ----------------------------------------------------------------


class Placed(TypedDict):
    """Where a pair meets: a place, or a link to a video call (neither: not known)."""

    place: NotRequired[str | None]  # rows written before places existed have neither key
    online_url: NotRequired[str | None]


class CalendarSession(TypedDict):
    """What a calendar file needs of one session."""

    session: int
    starts_at: str
    ends_at: str
    tz: str
    sequence: int


class SessionNews(CalendarSession, Placed):
    """A change to a session, told to the other person of the pair, with its calendar file."""

    name: str  # who made the change, as the reader knows them
    stamp: str  # when it was made: the calendar file's DTSTAMP


class SessionPrompt(TypedDict):
    """Before or after one session."""

    session: int
    starts_at: str
    name: str  # the other person of the pair


class PairEnding(TypedDict):
    """A pairing that ended, with a cancelling calendar file per booked session."""

    sessions: NotRequired[list[CalendarSession]]  # "pair_ended" rows of old had none
    stamp: NotRequired[str]


class PairDates(TypedDict):
    """A new pairing's dates, in either person's introduction."""

    pair: NotRequired[int]  # introductions of old carried no pair (and get no write button)
    started_at: str
    planned_end_at: str


class DigestSession(TypedDict):
    starts_at: str
    name: str  # the mentee


# --- booking: sessions booked, proposed, moved, cancelled (dialogs/flows/booking.py) -------------


class SessionBooked(SessionNews):
    pass


class SessionProposed(SessionNews):
    pass


class ProposedPlace(TypedDict):
    """Where a proposed new time would be; both left out when nothing is known of it."""

    new_place: NotRequired[str | None]
    new_online_url: NotRequired[str | None]


class MovedFrom(TypedDict):
    """Where an accepted move moved from; left out when a proposed time was accepted."""

    old_starts_at: NotRequired[str]


class MoveProposed(SessionNews, ProposedPlace):
    proposed_starts_at: str


class ProposalAccepted(SessionNews, MovedFrom):
    pass


class ProposalDeclined(SessionNews):
    pass


class MoveDeclined(SessionNews):
    proposed_starts_at: str


class ProposalWithdrawn(SessionNews):
    pass


class SessionMoved(SessionNews):
    old_starts_at: str


class SessionCancelled(SessionNews):
    pass


# --- around a session (dialogs/flows/session_prompts.py, dialogs/session_notices.py) -------------


class SessionReminder(SessionPrompt, Placed):
    lead: str  # "24h" | "1h"
    mentor: bool  # the reader is the mentor


class SessionFollowup(SessionPrompt):
    pass


class SessionRecap(SessionPrompt):
    plan: list[str]


class PlanNudge(SessionPrompt):
    plan: list[str]  # the items not done yet


class BookNudge(TypedDict):
    name: str  # the other person of the pair
    count: int  # sessions held or booked this month
    mentor: bool  # the reader is the mentor


class WeekDigest(TypedDict):
    sessions: list[DigestSession]


# --- pairings (dialogs/flows/pairing.py, dialogs/flows/matching.py, dialogs/pairing_notices.py) --


class PairIntroMentee(PairDates):
    mentor_name: str
    languages: list[str]
    introduction: str


class PairIntroMentor(PairDates):
    mentee_name: str
    age_group: str
    country: str
    region: str
    areas: list[str]
    languages: list[str]
    meeting_format: str
    free_times: list[str]
    hopes: str  # "" when they wrote none


class PairEnded(PairEnding):
    partner: str
    rematch: NotRequired[bool]  # the mentee's only: whether a new mentor is being looked for


class StaffPairChange(TypedDict):
    pair: int
    kind: str  # "end" | "change"
    by_mentor: bool
    mentor: str
    mentee: str
    reason: NotRequired[str]
    by: NotRequired[int]  # who asked; requests of old did not say


class PairingEnding(TypedDict):
    other: str
    end: str


class StaffPairingEnding(TypedDict):
    mentor: str
    mentee: str
    end: str


class PartnerBlocked(TypedDict):
    name: str


class StaffPartnerBlocked(TypedDict):
    name: str
    partners: str  # their pairing partners' names, comma-separated


class PartnerLeft(PairEnding):
    mentor: bool  # the reader is the mentor
    rematch: bool


class StaffPartnerLeft(TypedDict):
    partner: str  # the one who stays
    left_mentor: bool
    rematch: bool


class PairCompleted(PairEnding):
    partner: str


class StaffPairCompleted(TypedDict):
    mentor: str
    mentee: str


# --- sign-up, applications, guardians (dialogs/flows/mentee_signup.py, staff.py, guardian.py) ----


class StaffNewRequest(TypedDict):
    mentee: NotRequired[int]  # requests queued before matching existed did not say
    name: str
    region: str


class RequestClosed(TypedDict):
    reason: str


class StaffNewApplication(TypedDict):
    applicant: int
    name: str


class MentorApproved(TypedDict):
    pass


class MentorDeclined(TypedDict):
    reason: str


class GuardianConfirmed(TypedDict):
    pass


class GuardianDeclined(TypedDict):
    pass


# --- writing through the bot, safety, privacy ---------------------------------------------------

# "from" is a keyword, hence the functional form; build it as a dict literal.
RelayMessage = TypedDict(
    "RelayMessage",
    {
        "conversation": int,
        "from": str,  # the writer's name ("" for the coordinators)
        "role": str,  # "mentor" | "mentee" | "coordinators" | "person"
        "text": str,
        "number": NotRequired[int],  # the writer's number, when they write as "person"
        "message": NotRequired[str],  # a pair's message: its reference, for reporting it
    },
)


class OpportunityDeadline(TypedDict):
    opportunity: int
    title: dict[str, str]  # per language: the recipient's is picked when it is sent
    deadline: str  # ISO, aware
    apply_url: str  # "" when one applies through "I'm interested"


class NewsStory(TypedDict):
    story: int
    title: dict[str, str]


class NewsOpportunity(TypedDict):
    opportunity: int
    title: dict[str, str]
    deadline: str  # ISO, aware; "" without one


class BroadcastPost(TypedDict):
    broadcast: int
    text: str  # the version in a language the recipient reads, chosen when it was written out
    media: dict[str, str] | None  # {"kind": "photo" | "video", "url": ...}
    # {"kind": "link", "url", "label"} | {"kind": "story" | "opportunity", "id"}
    button: dict[str, str | int] | None


class BroadcastProgress(TypedDict):
    """A broadcast's progress as its composer sees it: counts only, no one's name."""

    broadcast: int
    status: str  # scheduled | sending | paused | cancelled | done
    send_at: str  # ISO, aware
    languages: list[str]
    outcomes: dict[str, int]  # outbox rows per status: sent, pending, blocked, failed, ...
    skipped_language: int
    skipped_consent: int
    per_minute: int  # delivered in the last minute
    # The platform's id of the progress message this one is edited into; None: a new message.
    edit: str | None
    final: bool  # the report at the end: a message of its own


class StaffInterest(TypedDict):
    person: int
    name: str  # "" when they gave the programme no name
    opportunity: dict[str, str]  # its title per language
    region: str  # "" when not chosen
    question: str  # what they typed, "" for a plain "I'm interested"


class StaffTalkRequest(TypedDict):
    request: int
    person: int  # the young person's number
    name: str  # the name they gave the programme, "" when none
    topic: str
    expert: bool  # asked for an experience expert
    story: dict[str, str]  # the story it came from, per language; {} when none


class TalkTaken(TypedDict):
    conversation: int


class ConversationClosed(TypedDict):
    by_coordinator: bool


class StaffReport(TypedDict):
    reporter: int
    reporter_name: str
    sender_name: str
    text: str


class StaffConcern(TypedDict):
    person: int
    name: str
    concern: str  # a dialogs.safety.Concern value
    at: str


class RetentionNotice(TypedDict):
    months: int
    erase_on: str


# Every kind of notice and its payload; a renderer's `payload` is annotated with the same type.
PAYLOADS: Final[Mapping[str, type[Mapping[str, object]]]] = {
    "session_booked": SessionBooked,
    "session_proposed": SessionProposed,
    "move_proposed": MoveProposed,
    "proposal_accepted": ProposalAccepted,
    "proposal_declined": ProposalDeclined,
    "move_declined": MoveDeclined,
    "proposal_withdrawn": ProposalWithdrawn,
    "session_moved": SessionMoved,
    "session_cancelled": SessionCancelled,
    "session_reminder": SessionReminder,
    "session_followup": SessionFollowup,
    "session_recap": SessionRecap,
    "plan_nudge": PlanNudge,
    "book_nudge": BookNudge,
    "week_digest": WeekDigest,
    "pair_intro_mentee": PairIntroMentee,
    "pair_intro_mentor": PairIntroMentor,
    "pair_ended": PairEnded,
    "staff_pair_change": StaffPairChange,
    "pairing_ending": PairingEnding,
    "staff_pairing_ending": StaffPairingEnding,
    "partner_blocked": PartnerBlocked,
    "staff_partner_blocked": StaffPartnerBlocked,
    "partner_left": PartnerLeft,
    "staff_partner_left": StaffPartnerLeft,
    "pair_completed": PairCompleted,
    "staff_pair_completed": StaffPairCompleted,
    "staff_new_request": StaffNewRequest,
    "request_closed": RequestClosed,
    "staff_new_application": StaffNewApplication,
    "mentor_approved": MentorApproved,
    "mentor_declined": MentorDeclined,
    "guardian_confirmed": GuardianConfirmed,
    "guardian_declined": GuardianDeclined,
    "relay_message": RelayMessage,
    "pair_message": RelayMessage,
    "conversation_closed": ConversationClosed,
    "opportunity_deadline": OpportunityDeadline,
    "news_story": NewsStory,
    "staff_talk_request": StaffTalkRequest,
    "staff_interest": StaffInterest,
    "talk_taken": TalkTaken,
    "news_opportunity": NewsOpportunity,
    "staff_report": StaffReport,
    "staff_concern": StaffConcern,
    "retention_notice": RetentionNotice,
    "broadcast": BroadcastPost,
    "broadcast_progress": BroadcastProgress,
}
