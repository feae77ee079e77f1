"""An in-memory after-session port over the fake calendar's sessions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dialogs.ports import PastSession, PlanItemView, SessionsPort


class FakeSessions(SessionsPort):
    """Plans and ratings live beside the sessions: calendar.plans and calendar.ratings."""

    def __init__(self, programme: Any, user_id: int) -> None:
        self._programme = programme
        self._calendar = programme.calendar
        self._me = user_id

    def _found(self, session_id: int) -> tuple[int, int, Any] | None:
        return self._calendar.sessions.get(session_id)

    async def record_outcome(self, session_id: int, held: bool) -> str:
        found = self._found(session_id)
        if found is None or found[0] != self._me:
            return "refused"
        mentor, mentee, view = found
        if view.status in ("held", "missed"):
            return "answered"
        if view.status != "booked" or view.starts_at > self._calendar.now:
            return "refused"
        status = "held" if held else "missed"
        self._calendar.sessions[session_id] = (mentor, mentee, replace(view, status=status))
        return "ok"

    async def save_plan(self, session_id: int, items: list[str]) -> bool:
        found = self._found(session_id)
        if found is None or found[0] != self._me or found[2].status != "held":
            return False
        if session_id in self._calendar.plans:
            return False
        self._calendar.plans[session_id] = list(items)
        self._programme.notices.append((found[1], "session_recap", {"plan": list(items)}))
        return True

    async def rate(self, session_id: int, rating: int) -> str:
        found = self._found(session_id)
        if found is None or found[1] != self._me or found[2].status != "held":
            return "refused"
        if not 1 <= rating <= 5:
            return "refused"
        if session_id in self._calendar.ratings:
            return "answered"
        self._calendar.ratings[session_id] = rating
        return "ok"

    def _pair(self, pair_id: int) -> tuple[int, int] | None:
        pair = self._calendar.pairs.get(pair_id)
        return pair if pair is not None and self._me in pair else None

    def _held(self, pair_id: int) -> list[Any]:
        views = [v for _m, _e, v in self._calendar.sessions.values() if v.pair_id == pair_id]
        return sorted((v for v in views if v.status == "held"), key=lambda v: v.starts_at)

    async def plan(self, pair_id: int) -> list[PlanItemView]:
        if self._pair(pair_id) is None:
            return []
        for view in reversed(self._held(pair_id)):
            items = self._calendar.plans.get(view.id)
            if items:
                done = self._calendar.done
                return [
                    PlanItemView(view.id * 100 + n, text, view.id * 100 + n in done)
                    for n, text in enumerate(items)
                ]
        return []

    async def tick(self, item_id: int) -> bool:
        session_id, line = divmod(item_id, 100)
        found = self._found(session_id)
        if found is None or found[1] != self._me:
            return False
        if line >= len(self._calendar.plans.get(session_id, [])):
            return False
        self._calendar.done ^= {item_id}
        return True

    async def history(self, pair_id: int) -> list[PastSession]:
        if self._pair(pair_id) is None:
            return []
        views = [v for _m, _e, v in self._calendar.sessions.values() if v.pair_id == pair_id]
        past = [v for v in views if v.status in ("held", "missed")]
        past.sort(key=lambda v: v.starts_at, reverse=True)
        ratings = self._calendar.ratings
        return [PastSession(v.id, v.starts_at, v.status, ratings.get(v.id)) for v in past[:10]]
