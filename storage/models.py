"""Database tables. Only what a flow needs is stored, and personal fields only after consent."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return the moment in UTC; SQLite hands back naive datetimes, which are stored as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _timestamp(nullable: bool = True, index: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


class User(SQLModel, table=True):
    """One person on one channel. Before consent only the channel id and language are kept."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_users_channel_external"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    language: str = Field(max_length=8)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    consent_at: datetime | None = Field(default=None, sa_column=_timestamp())
    country: str | None = Field(default=None, max_length=2)
    age_group: str | None = Field(default=None, max_length=16)
    guardian_confirmed_at: datetime | None = Field(default=None, sa_column=_timestamp())
    blocked_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # The language of the help entry the channel keeps in view (Telegram's keyboard button).
    help_entry_language: str | None = Field(default=None, max_length=8)
    # The person's last message or press; personal data of the long inactive is erased.
    last_seen_at: datetime | None = Field(default=None, sa_column=_timestamp(index=True))
    retention_notice_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # Set on the anonymous row that keeps the programme's figures true after an erasure.
    erased_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # Messages from a mentor, mentee or coordinator wait for the morning (22:00 to 08:00).
    quiet_nights: bool = Field(default=False)
    # This account is the same person as another one, on a second channel (see LinkCode):
    # it speaks as that person, and the bot's own news go here (Telegram may write any time).
    linked_to_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="CASCADE", unique=True
    )


class LinkCode(SQLModel, table=True):
    """A one-time code that links a person's account on a second channel to their profile."""

    __tablename__ = "link_codes"

    code: str = Field(primary_key=True, max_length=16)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    expires_at: datetime = Field(sa_column=_timestamp(nullable=False))


class DialogState(SQLModel, table=True):
    """Where a user is in a conversation, so any worker (or a restarted one) can continue it."""

    __tablename__ = "dialog_states"

    user_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    flow: str = Field(max_length=32)
    step: str = Field(max_length=32)
    data: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    # Bumped on every handled event; buttons carry it, so an old button is recognised as stale.
    version: int = Field(default=0)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class ProcessedUpdate(SQLModel, table=True):
    """Platform updates already handled: webhook delivery is at-least-once."""

    __tablename__ = "processed_updates"

    channel: str = Field(primary_key=True, max_length=16)
    update_id: str = Field(primary_key=True, max_length=128)  # Messenger's message ids are text
    processed_at: datetime = Field(
        default_factory=utcnow, sa_column=_timestamp(nullable=False, index=True)
    )


class AppSecret(SQLModel, table=True):
    """Generated secrets shared by every worker (e.g. the key that signs buttons)."""

    __tablename__ = "app_secrets"

    name: str = Field(primary_key=True, max_length=32)
    value: str = Field(max_length=128)


class StaffMember(SQLModel, table=True):
    """Coordinators granted the staff role (besides the admins named in the configuration)."""

    __tablename__ = "staff"

    user_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    granted_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    granted_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class MentorApplication(SQLModel, table=True):
    """A person's application to mentor; one per person, replaced when they apply again."""

    __tablename__ = "mentor_applications"

    user_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    display_name: str = Field(max_length=40)
    age: int
    languages: str = Field(max_length=16)  # comma-separated language codes
    country: str = Field(max_length=2)
    region: str = Field(max_length=16)
    areas: str = Field(max_length=160)  # comma-separated area ids
    capacity: int
    introduction: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(max_length=12, index=True)  # submitted | approved | declined
    submitted_at: datetime = Field(sa_column=_timestamp(nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=_timestamp())
    decided_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    decline_reason: str | None = Field(default=None, max_length=300)


class MenteeRequest(SQLModel, table=True):
    """A young person's request for a mentor; one per person, replaced when they sign up again.

    It holds a minor's personal data: only the questionnaire's answers, nothing more.
    """

    __tablename__ = "mentee_requests"

    user_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    display_name: str = Field(max_length=40)
    age_group: str = Field(max_length=16)
    country: str = Field(max_length=2)
    region: str = Field(max_length=16)
    areas: str = Field(max_length=160)  # comma-separated area ids
    languages: str = Field(max_length=16)  # comma-separated language codes
    meeting_format: str = Field(max_length=12)  # in_person | online | either
    free_times: str = Field(max_length=64)  # comma-separated free-time ids
    hopes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    status: str = Field(max_length=12, index=True)  # waiting | matched | withdrawn | closed
    submitted_at: datetime = Field(sa_column=_timestamp(nullable=False))
    updated_at: datetime = Field(sa_column=_timestamp(nullable=False))
    # A coordinator's words to the young person when they close the request.
    closed_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Pair(SQLModel, table=True):
    """A mentor and a young person, matched by a coordinator for six to twelve months."""

    __tablename__ = "pairs"

    id: int | None = Field(default=None, primary_key=True)
    mentor_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    mentee_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    status: str = Field(max_length=12)  # active | ended
    started_at: datetime = Field(sa_column=_timestamp(nullable=False))
    planned_end_at: datetime = Field(sa_column=_timestamp(nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=_timestamp())
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    # Either side may ask the coordinators to end or change the pairing.
    change_requested_by: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL"
    )
    change_requested_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # Why, in the asker's words, for the coordinators' eyes only.
    change_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class AvailabilityWindow(SQLModel, table=True):
    """When a mentor is free, in wall-clock time of their zone: weekly, or on one day."""

    __tablename__ = "availability_windows"

    id: int | None = Field(default=None, primary_key=True)
    mentor_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    weekday: int | None = Field(default=None)  # Monday is 0; set for a weekly window
    day: date | None = Field(default=None)  # set for a one-off window
    start_time: time
    end_time: time
    # Where the pair meets at this time; both empty: the mentor's usual place.
    place: str | None = Field(default=None, sa_column=Column(Text))
    online_url: str | None = Field(default=None, sa_column=Column(Text))


class MeetingPlace(SQLModel, table=True):
    """Where a mentor usually meets their mentees: a place with its address, or a call link."""

    __tablename__ = "meeting_places"

    mentor_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    place: str | None = Field(default=None, sa_column=Column(Text))
    online_url: str | None = Field(default=None, sa_column=Column(Text))


class DayOff(SQLModel, table=True):
    """A day a mentor is away: no slots that day, whatever the windows say."""

    __tablename__ = "days_off"

    mentor_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    day: date = Field(primary_key=True)


BOOKED = text("status = 'booked'")


class MentoringSession(SQLModel, table=True):
    """One hour a mentor and their mentee meet; only booked rows hold a slot."""

    __tablename__ = "sessions"
    # The database, not the code, makes a double booking impossible, however many people click.
    __table_args__ = (
        Index(
            "uq_sessions_mentor_booked",
            "mentor_id",
            "starts_at",
            unique=True,
            sqlite_where=BOOKED,
            postgresql_where=BOOKED,
        ),
        Index(
            "uq_sessions_mentee_booked",
            "mentee_id",
            "starts_at",
            unique=True,
            sqlite_where=BOOKED,
            postgresql_where=BOOKED,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    pair_id: int = Field(foreign_key="pairs.id", ondelete="CASCADE", index=True)
    mentor_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    mentee_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    starts_at: datetime = Field(sa_column=_timestamp(nullable=False))
    ends_at: datetime = Field(sa_column=_timestamp(nullable=False))
    tz: str = Field(max_length=40)  # the mentor's zone: the wall time the session keeps
    # proposed (by the mentor, waiting for the mentee) | declined | booked | cancelled | held
    # | missed
    status: str = Field(max_length=12)
    sequence: int = Field(default=0)  # raised on every change, for calendar files
    proposed_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    rating: int | None = Field(default=None)  # the mentee's "how was it?", 1 to 5, once
    place: str | None = Field(default=None, sa_column=Column(Text))
    online_url: str | None = Field(default=None, sa_column=Column(Text))
    # A move the mentor proposed; the session stays at starts_at until the mentee accepts.
    proposed_starts_at: datetime | None = Field(default=None, sa_column=_timestamp())


class PlanItem(SQLModel, table=True):
    """One thing a pair agreed to do before their next meeting, written by the mentor."""

    __tablename__ = "plan_items"

    id: int | None = Field(default=None, primary_key=True)
    pair_id: int = Field(foreign_key="pairs.id", ondelete="CASCADE", index=True)
    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE", index=True)
    text: str = Field(max_length=200)
    done_at: datetime | None = Field(default=None, sa_column=_timestamp())
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class GuardianConsent(SQLModel, table=True):
    """A parent's or guardian's answer for someone below the digital consent age.

    The child's answers wait here, not in their profile, until the guardian has agreed.
    """

    __tablename__ = "guardian_consents"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    # Passed on by the child as a link or read out to a coordinator.
    code: str = Field(max_length=16, unique=True)
    country: str = Field(max_length=2)
    age_group: str = Field(max_length=16)
    status: str = Field(max_length=12)  # pending | confirmed | declined | replaced
    created_at: datetime = Field(sa_column=_timestamp(nullable=False))
    expires_at: datetime = Field(sa_column=_timestamp(nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=_timestamp())
    method: str | None = Field(default=None, max_length=12)  # chat | phone | paper | in_person
    guardian_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    guardian_name: str | None = Field(default=None, max_length=60)
    recorded_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


class AuditEntry(SQLModel, table=True):
    """A coordinator's action: who, what, on whom, when. Ids only, never names or texts."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    action: str = Field(max_length=32)
    target_id: int | None = Field(default=None)
    detail: str | None = Field(default=None, max_length=64)
    at: datetime = Field(sa_column=_timestamp(nullable=False, index=True))


class ConversationRow(SQLModel, table=True):
    """Two people writing through the bot: a pair between sessions, or a coordinator and a person.

    Only who and when are kept: the messages themselves travel in the outbox and are emptied
    there once delivered.
    """

    __tablename__ = "conversations"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=8)  # pair | staff
    # The mentor or the coordinator, and the young person or whoever the coordinator writes to.
    first_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    second_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    pair_id: int | None = Field(default=None, foreign_key="pairs.id", ondelete="CASCADE")
    opened_at: datetime = Field(sa_column=_timestamp(nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=_timestamp())
    closed_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


# --- the campaign: stories and opportunities ---------------------------------------------------
# Per-language texts are JSON objects keyed by language ({"lv": ..., "en": ...}): content comes
# and goes as whole items (`bot.cli content`), and a missing language is simply absent.


class Story(SQLModel, table=True):
    """One experience expert's video story. Anyone may watch: nothing about the viewer is kept."""

    __tablename__ = "stories"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    position: int = Field(default=0)
    published: bool = Field(default=False)
    expert: str = Field(max_length=40)  # the chosen first name or pseudonym
    # ... as each language writes it, where they differ ("Kajus", "Каюс"); {}: always `expert`
    expert_names: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    video: str = Field(max_length=500)  # a URL, or a path under the campaign's media URL
    thumbnail: str | None = Field(default=None, max_length=500)
    # The video as each platform stored it once uploaded: {"telegram": file_id, ...}.
    video_ids: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    summary: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    views: int = Field(default=0)  # a counter: who watched is not kept
    updated_at: datetime = Field(sa_column=_timestamp(nullable=False))


class StoryHelped(SQLModel, table=True):
    """ "This helped me": one tap per person per story, so it counts once; staff see counts only."""

    __tablename__ = "story_helped"

    story_id: int = Field(foreign_key="stories.id", ondelete="CASCADE", primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True, index=True)


class Opportunity(SQLModel, table=True):
    """Something to take part in: a call, a programme, a project, with its deadline."""

    __tablename__ = "opportunities"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    published: bool = Field(default=False)
    countries: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    deadline: datetime | None = Field(default=None, sa_column=_timestamp())
    apply_url: str | None = Field(default=None, max_length=500)
    interest: bool = Field(default=False)  # offers "I'm interested" in the chat
    age_min: int | None = Field(default=None)
    age_max: int | None = Field(default=None)
    team_members: int | None = Field(default=None)  # a team is needed, of this many
    support_person: bool = Field(default=False)  # ... with an adult to support it
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    text: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    eligibility: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    # One contact per region: [{"region": "kurzeme", "text": {"lv": ...}}].
    contacts: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    updated_at: datetime = Field(sa_column=_timestamp(nullable=False))


class MediaId(SQLModel, table=True):
    """The id a platform gave a media file the bot sent by URL: later sends reuse it, and the
    platform does not fetch the file again."""

    __tablename__ = "media_ids"

    channel: str = Field(max_length=16, primary_key=True)
    url: str = Field(max_length=500, primary_key=True)
    platform_id: str = Field(max_length=255)


class OpportunityInterest(SQLModel, table=True):
    """A young person said "I'm interested": the organisers may get in touch through the bot."""

    __tablename__ = "opportunity_interest"

    opportunity_id: int = Field(
        foreign_key="opportunities.id", ondelete="CASCADE", primary_key=True
    )
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True, index=True)
    region: str | None = Field(default=None, max_length=32)
    at: datetime = Field(sa_column=_timestamp(nullable=False))


class Subscription(SQLModel, table=True):
    """What campaign news a person asked for: new stories (all, or of one topic) or new
    opportunities. Kept only with consent; `/stop` removes every one."""

    __tablename__ = "subscriptions"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    kind: str = Field(max_length=16, primary_key=True)  # stories | opportunities
    topic: str = Field(default="", max_length=32, primary_key=True)  # "": all of them
    at: datetime = Field(sa_column=_timestamp(nullable=False))


class TalkRequest(SQLModel, table=True):
    """A young person asked to talk to a person (a coordinator, or an experience expert) about
    a topic; the first coordinator to take it talks with them through the bot."""

    __tablename__ = "talk_requests"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    topic: str = Field(max_length=32)  # a story topic, or "other"
    story_id: int | None = Field(default=None, foreign_key="stories.id", ondelete="SET NULL")
    expert: bool = Field(default=False)  # asked for an experience expert
    created_at: datetime = Field(sa_column=_timestamp(nullable=False))
    taken_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    taken_at: datetime | None = Field(default=None, sa_column=_timestamp())
    conversation_id: int | None = Field(
        default=None, foreign_key="conversations.id", ondelete="SET NULL"
    )


class Broadcast(SQLModel, table=True):
    """A campaign post staff send to many: its versions per language, its audience, and how far
    its recipients have been written into the outbox (so a restart carries on where it was)."""

    __tablename__ = "broadcasts"

    id: int | None = Field(default=None, primary_key=True)
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_column=_timestamp(nullable=False))
    # draft | scheduled | sending | paused | cancelled | done
    status: str = Field(default="draft", max_length=12, index=True)
    texts: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # People whose language has no version get the nearest one they read; else they are skipped.
    fallback: bool = Field(default=True)
    # {"kind": "photo" | "video", "url": ...}
    media: dict[str, str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # {"kind": "link", "url": ..., "label": {lang: ...}} | {"kind": "story" | "opportunity",
    # "id": ...}
    button: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Who gets it (see storage/broadcasts.py Audience); {}: everyone who agreed to campaign news.
    audience: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    send_at: datetime = Field(sa_column=_timestamp(nullable=False))
    # How long it stays worth sending to someone the platform lets the bot reach only later.
    current_hours: int = Field(default=72)
    # Recipients are written into the outbox in batches, in user id order, up to this id.
    cursor: int = Field(default=0)
    expanded_at: datetime | None = Field(default=None, sa_column=_timestamp())
    # In the audience, but not sent to: no version in a language they read; or not agreed to
    # campaign news (never, or /stop), or under the consent age without a guardian's agreement.
    skipped_language: int = Field(default=0)
    skipped_consent: int = Field(default=0)
    # When its composer was told how it ended (the report); None while it runs.
    reported_at: datetime | None = Field(default=None, sa_column=_timestamp())
