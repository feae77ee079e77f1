"""Stand-ins for the guardians and privacy ports: fixed answers, for drawing every screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from dialogs.ports import (
    ConversationsPort,
    ConversationView,
    DataItem,
    GuardiansPort,
    GuardianView,
    PersonalData,
    PrivacyPort,
)

ASKED = datetime(2026, 11, 20, tzinfo=UTC)
PENDING = GuardianView(
    code="ABCD2345",
    child_id=7,
    child_name="",
    country="LT",
    age_group="13",
    status="pending",
    created_at=ASKED,
    expires_at=ASKED + timedelta(days=14),
)
CONFIRMED = replace(
    PENDING, status="confirmed", decided_at=ASKED, method="phone", guardian_name="Ann"
)
DECLINED = replace(PENDING, status="declined", decided_at=ASKED, child_name="Ann")

# One item of every kind, with every field a copy of someone's data can carry.
EVERYTHING = PersonalData(
    (
        DataItem(
            "profile",
            (
                ("channel", "telegram"),
                ("platform_id", "100001"),
                ("language", "lv"),
                ("first_contact", ASKED),
                ("consent", ASKED),
                ("country", "LV"),
                ("age_group", "14-17"),
                ("guardian_confirmed", None),
            ),
        ),
        DataItem(
            "guardian",
            (
                ("status", "confirmed"),
                ("asked", ASKED),
                ("answered", ASKED),
                ("method", "paper"),
                ("guardian_name", "Ann"),
            ),
        ),
        DataItem("guardian_given", (("child", 7), ("answered", ASKED), ("your_name", "Ann"))),
        DataItem(
            "request",
            (
                ("name", "Ann"),
                ("age_group", "14-17"),
                ("country", "LV"),
                ("region", "riga"),
                ("areas", ("money", "goals")),
                ("languages", ("lv", "ru")),
                ("meeting_format", "online"),
                ("free_times", ("weekends",)),
                ("hopes", "Hello there"),
                ("status", "closed"),
                ("sent", ASKED),
                ("closed_reason", "Hello there"),
            ),
        ),
        DataItem(
            "application",
            (
                ("name", "Ann"),
                ("age", 30),
                ("languages", ("lv",)),
                ("country", "LT"),
                ("region", "vilnius"),
                ("areas", ("health",)),
                ("capacity", 2),
                ("introduction", "Hello there"),
                ("status", "declined"),
                ("sent", ASKED),
                ("decline_reason", "Hello there"),
            ),
        ),
        DataItem("staff", (("since", ASKED),)),
        *(
            DataItem(
                "pair",
                (
                    ("role", role),
                    ("partner", "Ann"),
                    ("status", status),
                    ("started", ASKED),
                    ("planned_end", ASKED),
                    ("ended", None),
                ),
            )
            for role, status in (("mentor", "active"), ("mentee", "ended"))
        ),
        *(
            DataItem(
                "session",
                (
                    ("starts", ASKED),
                    ("status", status),
                    ("rating", 4),
                    ("place", "Youth centre"),
                    ("online_url", None),
                ),
            )
            for status in ("proposed", "declined", "booked", "cancelled", "held", "missed")
        ),
        DataItem("plan_item", (("text", "Hello there"), ("written", ASKED), ("done", ASKED))),
        DataItem(
            "free_time",
            (
                ("weekday", 1),
                ("day", None),
                ("start", "17:00"),
                ("end", "19:00"),
                ("place", None),
                ("online_url", "https://meet.example.org/x"),
            ),
        ),
        DataItem("meeting_place", (("place", "Youth centre"), ("online_url", None))),
        DataItem(
            "free_time",
            (("weekday", None), ("day", date(2026, 11, 26)), ("start", "9:00"), ("end", "10:00")),
        ),
        DataItem("day_off", (("day", date(2026, 12, 1)),)),
        DataItem("message", (("kind", "session_reminder"), ("due", ASKED))),
        *(
            DataItem(
                "conversation",
                (("partner", "Ann"), ("role", role), ("opened", ASKED), ("closed", ASKED)),
            )
            for role in ("mentor", "mentee", "coordinators", "person")
        ),
        *(
            DataItem("audit", (("action", action), ("at", ASKED)))
            for action in (
                "mentor_approved",
                "mentor_declined",
                "pair_created",
                "pair_ended",
                "request_closed",
                "staff_granted",
                "guardian_recorded",
            )
        ),
    )
)


class FakeGuardians(GuardiansPort):
    def __init__(self, view: GuardianView | None = PENDING) -> None:
        self._view = view

    async def ask(self, country: str, age_group: str) -> GuardianView:
        return PENDING

    async def mine(self) -> GuardianView | None:
        return self._view

    async def find(self, code: str) -> GuardianView | None:
        return PENDING if code == PENDING.code else None

    async def answer(self, code: str, agree: bool, guardian_name: str) -> str:
        return "ok" if code == PENDING.code else "gone"

    async def record(self, code: str, method: str, guardian_name: str) -> str:
        return "ok" if code == PENDING.code else "gone"

    async def answered(self) -> list[GuardianView]:
        return [CONFIRMED, DECLINED, replace(CONFIRMED, method="chat", child_name="Ann")]

    async def withdraw(self) -> None:
        return None


class FakePrivacy(PrivacyPort):
    def __init__(self, data: PersonalData = EVERYTHING) -> None:
        self._data = data

    async def export(self) -> PersonalData:
        return self._data

    async def erase(self) -> None:
        return None

    async def audit_csv(self) -> bytes | None:
        return b"at_utc,actor,action,target,detail\n"


class FakeConversations(ConversationsPort):
    """One open conversation (1) with a mentor; coordinators may open one with anyone."""

    def __init__(self) -> None:
        self.quiet = False

    async def for_pair(self, pair_id: int) -> ConversationView | None:
        return PAIR_TALK

    async def open_with(self, person_id: int) -> ConversationView | None:
        return replace(STAFF_TALK, partner_number=person_id)

    async def view(self, conversation_id: int) -> ConversationView | None:
        return {1: PAIR_TALK, 2: STAFF_TALK, 3: TO_STAFF}.get(conversation_id)

    async def send(self, conversation_id: int, text: str) -> str:
        return "sent" if conversation_id in (1, 2, 3) else "closed"

    async def close(self, conversation_id: int) -> bool:
        return conversation_id in (2, 3)

    async def report(self, conversation_id: int, text: str) -> bool:
        return conversation_id == 1

    async def quiet_nights(self) -> bool:
        return self.quiet

    async def set_quiet_nights(self, on: bool) -> None:
        self.quiet = on


PAIR_TALK = ConversationView(1, "pair", "Ann", "mentor")
STAFF_TALK = ConversationView(2, "staff", "Ann", "person", partner_number=7)
TO_STAFF = ConversationView(3, "staff", "", "coordinators")
