"""An in-memory matching port: waiting requests, ranked mentors and pairings, via the Programme."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.matching.ranking import Candidate, Seeker, rank
from dialogs.ports import (
    MatchingPort,
    MatchReason,
    MenteeRequestView,
    PairingView,
    Suggestion,
    WaitingMentee,
)
from tests.fake_booking import NOW


class FakeMatching(MatchingPort):
    def __init__(self, programme: Any, user_id: int) -> None:
        self._programme = programme
        self._me = user_id

    def _is_staff(self) -> bool:
        return self._me in self._programme.staff | self._programme.admins

    def _active(self) -> dict[int, PairingView]:
        return self._programme.pairings

    def _free_places(self, mentor: int) -> int:
        taken = sum(1 for view in self._active().values() if view.mentor_id == mentor)
        return self._programme.applications[mentor].answers.capacity - taken

    async def waiting_requests(self) -> list[WaitingMentee]:
        if not self._is_staff():
            return []
        requests = self._programme.requests.items()
        return [WaitingMentee(i, view) for i, view in requests if view.status == "waiting"]

    async def waiting_request(self, mentee_id: int) -> WaitingMentee | None:
        waiting = {item.mentee_id: item for item in await self.waiting_requests()}
        return waiting.get(mentee_id)

    async def suggestions(self, mentee_id: int) -> list[Suggestion]:
        waiting = await self.waiting_request(mentee_id)
        if waiting is None:
            return []
        answers = waiting.request.answers
        seeker = Seeker(
            frozenset(answers.languages),
            answers.country,
            answers.region,
            frozenset(answers.areas),
            answers.meeting_format,
        )
        mentors = {
            i: view.answers
            for i, view in self._programme.applications.items()
            if view.status == "approved" and i != mentee_id
        }
        candidates = [
            Candidate(
                i,
                frozenset(a.languages),
                a.country,
                a.region,
                frozenset(a.areas),
                max(self._free_places(i), 0),
            )
            for i, a in mentors.items()
        ]
        return [
            Suggestion(
                item.mentor_id,
                mentors[item.mentor_id].display_name,
                max(self._free_places(item.mentor_id), 0),
                tuple(MatchReason(r.kind, r.values, r.count) for r in item.reasons),
            )
            for item in rank(seeker, candidates)
        ]

    async def create_pair(self, mentee_id: int, mentor_id: int, months: int = 6) -> bool:
        waiting = await self.waiting_request(mentee_id)
        fits = {item.mentor_id for item in await self.suggestions(mentee_id)}
        if waiting is None or mentor_id not in fits or self._free_places(mentor_id) <= 0:
            return False
        if not 6 <= months <= 12:
            return False
        pair_id = max([*self._programme.calendar.pairs, *self._programme.pairings, 0]) + 1
        mentor = self._programme.applications[mentor_id].answers
        self._programme.pairings[pair_id] = PairingView(
            pair_id,
            mentor_id,
            mentee_id,
            mentor.display_name,
            waiting.request.answers.display_name,
            NOW,
            NOW + timedelta(days=30 * months),
        )
        # The booking fake reads pairs from the calendar: one programme, one set of pairs.
        self._programme.calendar.pairs[pair_id] = (mentor_id, mentee_id)
        request = waiting.request
        self._programme.requests[mentee_id] = MenteeRequestView(
            request.answers, "matched", request.submitted_at
        )
        self._programme.notices.append((mentee_id, "pair_intro_mentee", {"months": months}))
        self._programme.notices.append((mentor_id, "pair_intro_mentor", {"months": months}))
        return True

    async def my_pairings(self) -> list[PairingView]:
        views = []
        for view in self._active().values():
            if self._me in (view.mentor_id, view.mentee_id):
                role = "mentor" if view.mentor_id == self._me else "mentee"
                if view.change_requested_by != self._me:  # as the service: not the other's ask
                    view = replace(view, change_requested_at=None, change_requested_by=None)
                views.append(replace(view, role=role))
        return views

    async def request_change(self, pair_id: int, kind: str, reason: str | None = None) -> bool:
        view = self._active().get(pair_id)
        if view is None or self._me not in (view.mentor_id, view.mentee_id):
            return False
        self._active()[pair_id] = replace(
            view, change_requested_at=NOW, change_requested_by=self._me, change_reason=reason
        )
        for member in self._programme.staff | self._programme.admins:
            self._programme.notices.append((member, "staff_pair_change", {"kind": kind}))
        return True

    async def pairing(self, pair_id: int) -> PairingView | None:
        return self._active().get(pair_id) if self._is_staff() else None

    async def close_request(self, mentee_id: int, reason: str) -> bool:
        request = await self.waiting_request(mentee_id)
        if request is None:
            return False
        self._programme.requests[mentee_id] = replace(
            request.request, status="closed", closed_reason=reason
        )
        self._programme.notices.append((mentee_id, "request_closed", {"reason": reason}))
        return True

    async def end_pair(self, pair_id: int, rematch: bool) -> bool:
        view = await self.pairing(pair_id)
        if view is None:
            return False
        del self._active()[pair_id]
        self._programme.calendar.pairs.pop(pair_id, None)
        request = self._programme.requests[view.mentee_id]
        status = "waiting" if rematch else "withdrawn"
        self._programme.requests[view.mentee_id] = replace(request, status=status)
        for person in (view.mentee_id, view.mentor_id):
            self._programme.notices.append((person, "pair_ended", {"rematch": rematch}))
        return True
