"""Young people's requests for a mentor, inside the caller's unit of work."""

from __future__ import annotations

from typing import Any

from bot.services.bound import StaffAwareService
from bot.services.coordinators import tell_coordinators
from bot.services.mentoring import NOTICE_LIFETIME
from dialogs.notice_payloads import StaffNewRequest
from dialogs.ports import MenteeAnswers, MenteeRequestView, SignupPort
from storage.models import MenteeRequest, as_utc


class SignupService(StaffAwareService, SignupPort):
    """The sign-up port for one user, bound to the transaction handling their update."""

    async def my_request(self) -> MenteeRequestView | None:
        request = await self._uow.requests.get(self._me)
        return request_view(request) if request else None

    async def submit_request(self, answers: MenteeAnswers) -> None:
        request = await self._uow.requests.get(self._me, lock=True)
        if request is not None and request.status not in ("withdrawn", "closed"):
            return  # a double tap on "send": the first one counted
        if request is None:
            request = MenteeRequest(
                user_id=self._me,
                status="waiting",
                submitted_at=self._now,
                updated_at=self._now,
                **_columns(answers),
            )
        else:
            request.sqlmodel_update(_columns(answers))
        request.status = "waiting"
        request.closed_reason = None
        request.submitted_at = request.updated_at = self._now
        self._uow.requests.save(request)
        await self._notify_coordinators(answers)

    async def withdraw_request(self) -> bool:
        request = await self._uow.requests.get(self._me, lock=True)
        # A matched request is served: ending the pairing goes through the coordinators.
        if request is None or request.status != "waiting":
            return False
        request.status = "withdrawn"
        request.updated_at = self._now
        self._uow.requests.save(request)
        return True

    async def _notify_coordinators(self, answers: MenteeAnswers) -> None:
        # Only what a coordinator needs to recognise the request; the rest stays in its row.
        payload = StaffNewRequest(mentee=self._me, name=answers.display_name, region=answers.region)
        await tell_coordinators(
            self._uow,
            self._admin_ids,
            "staff_new_request",
            payload,
            now=self._now,
            key=f"request:{self._me}:{self._now.isoformat()}",
            about=[self._me],
            expires_at=self._now + NOTICE_LIFETIME,
        )


def _columns(answers: MenteeAnswers) -> dict[str, Any]:
    """The request's columns that hold the answers."""
    return {
        "display_name": answers.display_name,
        "age_group": answers.age_group,
        "country": answers.country,
        "region": answers.region,
        "areas": ",".join(answers.areas),
        "languages": ",".join(answers.languages),
        "meeting_format": answers.meeting_format,
        "free_times": ",".join(answers.free_times),
        "hopes": answers.hopes,
    }


def _split(csv: str) -> tuple[str, ...]:
    return tuple(filter(None, csv.split(",")))


def request_view(request: MenteeRequest) -> MenteeRequestView:
    answers = MenteeAnswers(
        display_name=request.display_name,
        age_group=request.age_group,
        country=request.country,
        region=request.region,
        areas=_split(request.areas),
        languages=_split(request.languages),
        meeting_format=request.meeting_format,
        free_times=_split(request.free_times),
        hopes=request.hopes,
    )
    return MenteeRequestView(
        answers=answers,
        status=request.status,
        submitted_at=as_utc(request.submitted_at),
        closed_reason=request.closed_reason,
    )
