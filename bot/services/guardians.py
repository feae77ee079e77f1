"""A parent's or guardian's agreement for a child below the digital consent age."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.services.audit import record_action
from bot.services.bound import StaffAwareService
from bot.services.mentoring import NOTICE_LIFETIME
from bot.services.people import display_name
from dialogs.notice_payloads import GuardianConfirmed, GuardianDeclined
from dialogs.ports import GuardiansPort, GuardianView
from storage.models import GuardianConsent, User, as_utc

# Letters and digits nobody confuses when reading a code out over the phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_LIFETIME = timedelta(days=14)
METHODS = ("phone", "paper", "in_person")
ANSWERED_SHOWN = 30


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """The code as typed or read out: any case, with spaces or dashes."""
    return "".join(char for char in text.upper() if char.isascii() and char.isalnum())


class GuardiansService(StaffAwareService, GuardiansPort):
    """The guardians port for one user, bound to the transaction handling their update."""

    async def ask(self, country: str, age_group: str) -> GuardianView:
        await self._uow.guardians.replace_open(self._me)
        consent = GuardianConsent(
            child_id=self._me,
            code=new_code(),
            country=country,
            age_group=age_group,
            status="pending",
            created_at=self._now,
            expires_at=self._now + CODE_LIFETIME,
        )
        self._uow.guardians.add(consent)
        await self._uow.session.flush()
        return await self._view(consent)

    async def mine(self) -> GuardianView | None:
        consent = await self._uow.guardians.latest_for(self._me)
        return await self._view(consent) if consent else None

    async def find(self, code: str) -> GuardianView | None:
        consent = await self._open(code)
        return await self._view(consent) if consent else None

    async def answer(self, code: str, agree: bool, guardian_name: str) -> str:
        consent = await self._open(code, lock=True)
        if consent is None:
            return "gone"
        if consent.child_id == self._me:
            return "own"
        consent.guardian_id = self._me
        await self._decide(consent, agree, "chat", guardian_name)
        return "ok"

    async def record(self, code: str, method: str, guardian_name: str) -> str:
        if method not in METHODS or not await self._is_staff():
            return "refused"
        consent = await self._open(code, lock=True)
        if consent is None:
            return "gone"
        if consent.child_id == self._me:
            return "refused"
        consent.recorded_by = self._me
        await self._decide(consent, True, method, guardian_name)
        await record_action(self._uow, self._me, "guardian_recorded", consent.child_id, self._now)
        return "ok"

    async def withdraw(self) -> None:
        await self._uow.guardians.replace_open(self._me)

    async def answered(self) -> list[GuardianView]:
        if not await self._is_staff():
            return []
        recent = await self._uow.guardians.answered(ANSWERED_SHOWN)
        return [await self._view(consent) for consent in recent]

    async def _open(self, code: str, lock: bool = False) -> GuardianConsent | None:
        consent = await self._uow.guardians.by_code(normalize_code(code), lock=lock)
        if consent is None or consent.status != "pending":
            return None
        return consent if self._now < as_utc(consent.expires_at) else None

    async def _decide(
        self, consent: GuardianConsent, agree: bool, method: str, guardian_name: str
    ) -> None:
        consent.decided_at = self._now
        consent.method = method
        child = await self._uow.users.get(consent.child_id)
        assert child is not None
        if agree:
            consent.status = "confirmed"
            consent.guardian_name = guardian_name
            _give_consent(child, consent)
            self._uow.session.add(child)
        else:
            # Nothing of the child's answers is kept once the guardian says no.
            consent.status = "declined"
            consent.country = consent.age_group = ""
            consent.guardian_id = None
        self._uow.guardians.add(consent)
        await self._uow.outbox.enqueue(
            consent.child_id,
            "guardian_confirmed" if agree else "guardian_declined",
            GuardianConfirmed() if agree else GuardianDeclined(),
            due_at=self._now,
            expires_at=self._now + NOTICE_LIFETIME,
            dedupe_key=f"guardian:{consent.id}:{consent.status}",
        )

    async def _view(self, consent: GuardianConsent) -> GuardianView:
        return GuardianView(
            code=consent.code,
            child_id=consent.child_id,
            child_name=await display_name(self._uow, consent.child_id),
            country=consent.country,
            age_group=consent.age_group,
            status=consent.status,
            created_at=as_utc(consent.created_at),
            expires_at=as_utc(consent.expires_at),
            decided_at=as_utc(consent.decided_at) if consent.decided_at else None,
            method=consent.method,
            guardian_name=consent.guardian_name,
            own=consent.child_id == self._me,
        )


def _give_consent(child: User, consent: GuardianConsent) -> None:
    """The child's own agreement came first; the guardian's completes it."""
    assert consent.decided_at is not None
    child.consent_at = consent.created_at
    child.country = consent.country
    child.age_group = consent.age_group
    child.guardian_confirmed_at = consent.decided_at
