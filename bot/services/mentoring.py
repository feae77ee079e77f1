"""Mentor applications and staff decisions, inside the caller's unit of work."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.services.access import is_admin
from bot.services.audit import record_action
from bot.services.bound import StaffAwareService
from bot.services.coordinators import tell_coordinators
from dialogs.notice_payloads import MentorApproved, MentorDeclined, StaffNewApplication
from dialogs.ports import ApplicationAnswers, ApplicationView, MentoringPort
from storage.models import MentorApplication, as_utc

# A notification nobody acted on for this long is no longer worth sending.
NOTICE_LIFETIME = timedelta(days=7)


class MentoringService(StaffAwareService, MentoringPort):
    """The mentoring port for one user, bound to the transaction handling their update."""

    async def is_staff(self) -> bool:
        return await self._is_staff()

    def _is_admin(self) -> bool:
        return is_admin(self._user, self._admin_ids)

    async def my_application(self) -> ApplicationView | None:
        application = await self._uow.applications.get(self._me)
        return _view(application) if application else None

    async def submit_application(self, answers: ApplicationAnswers) -> None:
        application = await self._uow.applications.get(self._me, lock=True)
        if application is not None and application.status != "declined":
            return  # a double tap on "send": the first one counted
        if application is None:
            application = MentorApplication(
                user_id=self._me, status="submitted", submitted_at=self._now, **_columns(answers)
            )
        else:
            application.sqlmodel_update(_columns(answers))
        application.status = "submitted"
        application.submitted_at = self._now
        application.decided_at = application.decided_by = application.decline_reason = None
        self._uow.applications.save(application)
        await tell_coordinators(
            self._uow,
            self._admin_ids,
            "staff_new_application",
            StaffNewApplication(applicant=self._me, name=answers.display_name),
            now=self._now,
            key=f"application:{self._me}:{self._now.isoformat()}",
            about=[self._me],
            expires_at=self._now + NOTICE_LIFETIME,
        )

    async def pending_applications(self) -> list[ApplicationView]:
        if not await self.is_staff():
            return []
        return [_view(application) for application in await self._uow.applications.pending()]

    async def application(self, applicant_id: int) -> ApplicationView | None:
        if not await self.is_staff():
            return None
        application = await self._uow.applications.get(applicant_id)
        return _view(application) if application else None

    async def decide(self, applicant_id: int, approve: bool, reason: str | None) -> bool:
        if not await self.is_staff():
            return False
        application = await self._uow.applications.get(applicant_id, lock=True)
        if application is None or application.status != "submitted":
            return False
        application.status = "approved" if approve else "declined"
        application.decided_at = self._now
        application.decided_by = self._me
        application.decline_reason = None if approve else reason
        self._uow.applications.save(application)
        kind = "mentor_approved" if approve else "mentor_declined"
        await record_action(self._uow, self._me, kind, applicant_id, self._now)
        payload = MentorApproved() if approve else MentorDeclined(reason=reason or "")
        await self._notify(
            applicant_id,
            kind,
            payload,
            dedupe_key=f"decision:{applicant_id}:{kind}:{self._now.isoformat()}",
        )
        return True

    async def grant_staff(self, external_id: str) -> bool:
        if not self._is_admin():
            return False
        channel, separator, number = external_id.strip().partition(":")
        if not separator:  # a number alone: someone on the admin's own channel
            channel, number = self._user.channel, channel
        if not number.isdigit():
            return False
        target = await self._uow.users.find(channel, number)
        if target is None or target.id is None:
            return False
        if not await self._uow.staff.is_granted(target.id):
            self._uow.staff.grant(target.id, self._me)
            await record_action(self._uow, self._me, "staff_granted", target.id, self._now)
        return True

    async def _notify(
        self, user_id: int, kind: str, payload: Mapping[str, object], dedupe_key: str
    ) -> None:
        await self._uow.outbox.enqueue(
            user_id,
            kind,
            payload,
            due_at=self._now,
            expires_at=self._now + NOTICE_LIFETIME,
            dedupe_key=dedupe_key,
        )


def _columns(answers: ApplicationAnswers) -> dict[str, Any]:
    """The application's columns that hold the answers."""
    return {
        "display_name": answers.display_name,
        "age": answers.age,
        "languages": ",".join(answers.languages),
        "country": answers.country,
        "region": answers.region,
        "areas": ",".join(answers.areas),
        "capacity": answers.capacity,
        "introduction": answers.introduction,
    }


def _view(application: MentorApplication) -> ApplicationView:
    answers = ApplicationAnswers(
        display_name=application.display_name,
        age=application.age,
        languages=tuple(filter(None, application.languages.split(","))),
        country=application.country,
        region=application.region,
        areas=tuple(filter(None, application.areas.split(","))),
        capacity=application.capacity,
        introduction=application.introduction,
    )
    return ApplicationView(
        applicant_id=application.user_id,
        answers=answers,
        status=application.status,
        submitted_at=as_utc(application.submitted_at),
        decline_reason=application.decline_reason,
    )
