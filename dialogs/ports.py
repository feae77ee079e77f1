"""What flows may ask of the rest of the system. Implemented in bot/services; faked in tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


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
    status: str  # waiting | matched | withdrawn
    submitted_at: datetime


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


@dataclass
class Ports:
    mentoring: MentoringPort
    signup: SignupPort
