"""Pair a waiting young person with a mentor, and end or change pairings, in one unit of work."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from bot.matching.ranking import Candidate, Seeker, rank
from bot.services.audit import record_action
from bot.services.bound import StaffAwareService
from bot.services.coordinators import tell_coordinators
from bot.services.mentoring import NOTICE_LIFETIME
from bot.services.pair_ending import close_pair
from bot.services.signup import request_view
from dialogs.notice_payloads import (
    PairEnded,
    PairIntroMentee,
    PairIntroMentor,
    RequestClosed,
    StaffPairChange,
)
from dialogs.ports import MatchingPort, MatchReason, PairingView, Suggestion, WaitingMentee
from storage.models import MenteeRequest, MentorApplication, Pair, as_utc

PAIR_MONTHS = range(6, 13)  # the programme's rule: a pairing lasts 6 to 12 months
MAX_SUGGESTIONS = 10  # enough to choose from, and few enough for one screen of buttons
CHANGE_KINDS = ("end", "change")


class _Refused(Exception):
    """Raised inside the savepoint so that nothing of a refused pairing is kept."""


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def split(csv: str) -> tuple[str, ...]:
    return tuple(filter(None, csv.split(",")))


class MatchingService(StaffAwareService, MatchingPort):
    """The matching port for one user, bound to the transaction handling their update."""

    # --- coordinators: who waits, and who fits ----------------------------------------------

    async def waiting_requests(self) -> list[WaitingMentee]:
        if not await self._is_staff():
            return []
        return [_waiting(request) for request in await self._uow.requests.waiting()]

    async def waiting_request(self, mentee_id: int) -> WaitingMentee | None:
        request = await self._waiting_row(mentee_id)
        return _waiting(request) if request else None

    async def suggestions(self, mentee_id: int) -> list[Suggestion]:
        request = await self._waiting_row(mentee_id)
        if request is None:
            return []
        mentors = {
            application.user_id: application
            for application in await self._uow.applications.approved()
            if application.user_id != mentee_id
        }
        counts = await self._uow.pairs.active_counts()
        before = await self._uow.pairs.mentors_before(mentee_id)
        candidates = [_candidate(row, counts.get(row.user_id, 0)) for row in mentors.values()]
        ranked = rank(_seeker(request), [c for c in candidates if c.mentor_id not in before])
        again = rank(_seeker(request), [c for c in candidates if c.mentor_id in before])
        return [
            Suggestion(
                mentor_id=item.mentor_id,
                display_name=mentors[item.mentor_id].display_name,
                free_places=_free_places(mentors[item.mentor_id], counts),
                reasons=tuple(MatchReason(r.kind, r.values, r.count) for r in item.reasons),
                previous=item.mentor_id in before,
            )
            for item in [*ranked[:MAX_SUGGESTIONS], *again]
        ]

    async def _waiting_row(self, mentee_id: int) -> MenteeRequest | None:
        if not await self._is_staff():
            return None
        request = await self._uow.requests.get(mentee_id)
        return request if request is not None and request.status == "waiting" else None

    # --- coordinators: pairing ----------------------------------------------------------------

    async def create_pair(self, mentee_id: int, mentor_id: int, months: int = 6) -> bool:
        if months not in PAIR_MONTHS or not await self._is_staff():
            return False
        try:
            # A savepoint, so that a refusal or a lost race undoes only this pairing, not the
            # rest of the update (the coordinator's conversation state is saved all the same).
            async with self._uow.session.begin_nested():
                pair, request, mentor = await self._insert_pair(mentee_id, mentor_id, months)
        except (_Refused, IntegrityError):
            return False
        await self._introduce(pair, request, mentor)
        await record_action(
            self._uow, self._me, "pair_created", mentee_id, self._now, f"mentor={mentor_id}"
        )
        return True

    async def _insert_pair(
        self, mentee_id: int, mentor_id: int, months: int
    ) -> tuple[Pair, MenteeRequest, MentorApplication]:
        # The request first: of many coordinators confirming at once, one moves it on.
        if not await self._uow.requests.move(mentee_id, "waiting", "matched", self._now):
            raise _Refused
        request = await self._uow.requests.get(mentee_id)
        # Locking the mentor's row makes pairings with the same mentor count places in turn.
        mentor = await self._uow.applications.get(mentor_id, lock=True)
        if request is None or mentor is None or not _may_pair(request, mentor):
            raise _Refused
        if len(await self._uow.pairs.active_for_mentor(mentor_id)) >= mentor.capacity:
            raise _Refused
        pair = Pair(
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            status="active",
            started_at=self._now,
            planned_end_at=add_months(self._now, months),
            created_by=self._me,
        )
        self._uow.pairs.add(pair)
        # Flushed here, so the one-active-mentor index speaks inside the savepoint.
        await self._uow.session.flush()
        return pair, request, mentor

    async def _introduce(
        self, pair: Pair, request: MenteeRequest, mentor: MentorApplication
    ) -> None:
        """Tell each of them about the other; each notice is rendered in its reader's language."""
        assert pair.id is not None
        started_at, planned_end_at = pair.started_at.isoformat(), pair.planned_end_at.isoformat()
        to_mentee = PairIntroMentee(
            mentor_name=mentor.display_name,
            languages=list(split(mentor.languages)),
            introduction=mentor.introduction,
            pair=pair.id,
            started_at=started_at,
            planned_end_at=planned_end_at,
        )
        # The young person's answers go to their own mentor only, and to no one else.
        to_mentor = PairIntroMentor(
            mentee_name=request.display_name,
            age_group=request.age_group,
            country=request.country,
            region=request.region,
            areas=list(split(request.areas)),
            languages=list(split(request.languages)),
            meeting_format=request.meeting_format,
            free_times=list(split(request.free_times)),
            hopes=request.hopes or "",
            pair=pair.id,
            started_at=started_at,
            planned_end_at=planned_end_at,
        )
        key = f"pair:{pair.id}:intro"
        await self._notify(pair.mentee_id, "pair_intro_mentee", to_mentee, key, [pair.mentor_id])
        await self._notify(pair.mentor_id, "pair_intro_mentor", to_mentor, key, [pair.mentee_id])

    # --- either side: their pairings, and asking for a change --------------------------------

    async def my_pairings(self) -> list[PairingView]:
        mine = await self._uow.pairs.active_for_mentor(self._me)
        as_mentee = await self._uow.pairs.active_for_mentee(self._me)
        pairs = ([as_mentee] if as_mentee else []) + mine
        return [await self._own_pairing(pair) for pair in pairs]

    async def _own_pairing(self, pair: Pair) -> PairingView:
        view = await self._pairing(pair)
        role = "mentor" if pair.mentor_id == self._me else "mentee"
        if pair.change_requested_by != self._me:
            # Whether the other person asked to end it is for the coordinators to bring up.
            view = replace(view, change_requested_at=None, change_requested_by=None)
        view = replace(view, change_reason=None)  # for the coordinators' eyes
        return replace(view, role=role)

    async def request_change(self, pair_id: int, kind: str, reason: str | None = None) -> bool:
        pair = await self._uow.pairs.get(pair_id, lock=True)
        if kind not in CHANGE_KINDS or pair is None or pair.status != "active":
            return False
        if self._me not in (pair.mentor_id, pair.mentee_id):
            return False
        pair.change_requested_by = self._me
        pair.change_requested_at = self._now
        pair.change_reason = reason
        self._uow.pairs.add(pair)
        view = await self._pairing(pair)
        payload = StaffPairChange(
            pair=pair_id,
            kind=kind,
            by_mentor=self._me == pair.mentor_id,
            mentor=view.mentor_name,
            mentee=view.mentee_name,
            reason=reason or "",
            by=self._me,
        )
        await tell_coordinators(
            self._uow,
            self._admin_ids,
            "staff_pair_change",
            payload,
            now=self._now,
            key=f"pair:{pair_id}:change:{self._now.isoformat()}",
            about=[pair.mentor_id, pair.mentee_id],
            expires_at=self._now + NOTICE_LIFETIME,
        )
        return True

    # --- coordinators: one pairing, and ending it --------------------------------------------

    async def pairing(self, pair_id: int) -> PairingView | None:
        if not await self._is_staff():
            return None
        pair = await self._uow.pairs.get(pair_id)
        return await self._pairing(pair) if pair and pair.status == "active" else None

    async def end_pair(self, pair_id: int, rematch: bool) -> bool:
        if not await self._is_staff():
            return False
        pair = await self._uow.pairs.get(pair_id, lock=True)
        if pair is None or pair.status != "active":
            return False
        cancelled = await close_pair(self._uow, pair, self._now)
        # The request was served: withdrawn, so the young person may sign up again when they
        # wish; or, for a change of mentor, waiting again with the answers they gave.
        await self._uow.requests.move(
            pair.mentee_id, "matched", "waiting" if rematch else "withdrawn", self._now
        )
        view = await self._pairing(pair)
        key = f"pair:{pair_id}:ended"
        # Each gets a cancelling calendar file for every session that will not take place.
        stamp = self._now.isoformat()
        to_mentee = PairEnded(
            partner=view.mentor_name, rematch=rematch, sessions=cancelled, stamp=stamp
        )
        await self._notify(pair.mentee_id, "pair_ended", to_mentee, key, [pair.mentor_id])
        to_mentor = PairEnded(partner=view.mentee_name, sessions=cancelled, stamp=stamp)
        await self._notify(pair.mentor_id, "pair_ended", to_mentor, key, [pair.mentee_id])
        await record_action(self._uow, self._me, "pair_ended", pair.mentee_id, self._now)
        return True

    async def close_request(self, mentee_id: int, reason: str) -> bool:
        if not await self._is_staff():
            return False
        if not await self._uow.requests.move(mentee_id, "waiting", "closed", self._now):
            return False
        request = await self._uow.requests.get(mentee_id)
        assert request is not None
        request.closed_reason = reason
        self._uow.requests.save(request)
        key = f"request:{mentee_id}:closed:{self._now.isoformat()}"
        await self._notify(mentee_id, "request_closed", RequestClosed(reason=reason), key, [])
        await record_action(self._uow, self._me, "request_closed", mentee_id, self._now)
        return True

    # --- helpers ------------------------------------------------------------------------------

    async def _pairing(self, pair: Pair) -> PairingView:
        mentor = await self._uow.applications.get(pair.mentor_id)
        request = await self._uow.requests.get(pair.mentee_id)
        return PairingView(
            pair_id=pair.id,  # type: ignore[arg-type]
            mentor_id=pair.mentor_id,
            mentee_id=pair.mentee_id,
            mentor_name=mentor.display_name if mentor else "",
            mentee_name=request.display_name if request else "",
            started_at=as_utc(pair.started_at),
            planned_end_at=as_utc(pair.planned_end_at),
            change_requested_at=as_utc(pair.change_requested_at)
            if pair.change_requested_at
            else None,
            change_requested_by=pair.change_requested_by,
            change_reason=pair.change_reason,
        )

    async def _notify(
        self, user_id: int, kind: str, payload: Mapping[str, object], key: str, about: list[int]
    ) -> None:
        await self._uow.outbox.enqueue(
            user_id,
            kind,
            payload,
            due_at=self._now,
            expires_at=self._now + NOTICE_LIFETIME,
            dedupe_key=f"{key}:{user_id}",
            about=about,
        )


def _may_pair(request: MenteeRequest, mentor: MentorApplication) -> bool:
    """An approved mentor, not the young person themself, sharing a language with them."""
    shared = set(split(request.languages)) & set(split(mentor.languages))
    return mentor.status == "approved" and mentor.user_id != request.user_id and bool(shared)


def _free_places(mentor: MentorApplication, counts: dict[int, int]) -> int:
    return max(mentor.capacity - counts.get(mentor.user_id, 0), 0)


def _seeker(request: MenteeRequest) -> Seeker:
    return Seeker(
        languages=frozenset(split(request.languages)),
        country=request.country,
        region=request.region,
        areas=frozenset(split(request.areas)),
        meeting_format=request.meeting_format,
    )


def _candidate(mentor: MentorApplication, active: int) -> Candidate:
    return Candidate(
        mentor_id=mentor.user_id,
        languages=frozenset(split(mentor.languages)),
        country=mentor.country,
        region=mentor.region,
        areas=frozenset(split(mentor.areas)),
        free_places=max(mentor.capacity - active, 0),
    )


def _waiting(request: MenteeRequest) -> WaitingMentee:
    return WaitingMentee(mentee_id=request.user_id, request=request_view(request))
