"""In-memory stand-ins for the ports, for testing flows without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dialogs.ports import (
    ApplicationAnswers,
    ApplicationView,
    MenteeAnswers,
    MenteeRequestView,
    MentoringPort,
    PairingView,
    Ports,
    SignupPort,
)
from tests.fake_booking import Calendar, FakeBooking
from tests.fake_figures import FakeFigures
from tests.fake_matching import FakeMatching
from tests.fake_privacy import FakeConversations, FakeGuardians, FakePrivacy
from tests.fake_sessions import FakeSessions

SUBMITTED_AT = datetime(2026, 11, 24, tzinfo=UTC)


@dataclass
class Programme:
    """What the fake services share: applications, requests, staff, and the notices sent."""

    applications: dict[int, ApplicationView] = field(default_factory=dict)
    requests: dict[int, MenteeRequestView] = field(default_factory=dict)
    staff: set[int] = field(default_factory=set)
    admins: set[int] = field(default_factory=set)
    notices: list[tuple[int, str, dict]] = field(default_factory=list)
    calendar: Calendar = field(default_factory=Calendar)
    pairings: dict[int, PairingView] = field(default_factory=dict)  # active ones, by id


class FakeMentoring(MentoringPort):
    def __init__(self, programme: Programme, user_id: int) -> None:
        self._programme = programme
        self._user_id = user_id

    async def is_staff(self) -> bool:
        return self._user_id in self._programme.staff | self._programme.admins

    async def my_application(self) -> ApplicationView | None:
        return self._programme.applications.get(self._user_id)

    async def submit_application(self, answers: ApplicationAnswers) -> None:
        self._programme.applications[self._user_id] = ApplicationView(
            self._user_id, answers, "submitted", SUBMITTED_AT
        )
        for member in self._programme.staff | self._programme.admins:
            self._programme.notices.append((member, "staff_new_application", {}))

    async def pending_applications(self) -> list[ApplicationView]:
        if not await self.is_staff():
            return []
        return [v for v in self._programme.applications.values() if v.status == "submitted"]

    async def application(self, applicant_id: int) -> ApplicationView | None:
        return self._programme.applications.get(applicant_id) if await self.is_staff() else None

    async def decide(self, applicant_id: int, approve: bool, reason: str | None) -> bool:
        view = await self.application(applicant_id)
        if view is None or view.status != "submitted":
            return False
        status = "approved" if approve else "declined"
        self._programme.applications[applicant_id] = ApplicationView(
            applicant_id, view.answers, status, view.submitted_at, reason
        )
        self._programme.notices.append((applicant_id, f"mentor_{status}", {"reason": reason}))
        return True

    async def grant_staff(self, external_id: str) -> bool:
        if self._user_id not in self._programme.admins:
            return False
        self._programme.staff.add(int(external_id))
        return True


class FakeSignup(SignupPort):
    def __init__(self, programme: Programme, user_id: int) -> None:
        self._programme = programme
        self._user_id = user_id

    async def my_request(self) -> MenteeRequestView | None:
        return self._programme.requests.get(self._user_id)

    async def submit_request(self, answers: MenteeAnswers) -> None:
        existing = self._programme.requests.get(self._user_id)
        if existing is not None and existing.status != "withdrawn":
            return
        self._programme.requests[self._user_id] = MenteeRequestView(
            answers, "waiting", SUBMITTED_AT
        )
        for member in self._programme.staff | self._programme.admins:
            self._programme.notices.append((member, "staff_new_request", {}))

    async def withdraw_request(self) -> bool:
        existing = self._programme.requests.get(self._user_id)
        if existing is None or existing.status == "withdrawn":
            return False
        self._programme.requests[self._user_id] = MenteeRequestView(
            existing.answers, "withdrawn", existing.submitted_at
        )
        return True


def fake_ports(programme: Programme, user_id: int) -> Ports:
    return Ports(
        mentoring=FakeMentoring(programme, user_id),
        signup=FakeSignup(programme, user_id),
        booking=FakeBooking(programme, user_id),
        matching=FakeMatching(programme, user_id),
        sessions=FakeSessions(programme, user_id),
        figures=FakeFigures(programme, user_id),
        guardians=FakeGuardians(),
        privacy=FakePrivacy(),
        conversations=FakeConversations(),
    )
