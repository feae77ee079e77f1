"""Rank mentors for one young person, with the reasons behind each rank.

A shared language is a must. Then, in order of weight: the areas the young person wants help
with, meeting in the same region (it matters most for in-person meetings), the same country,
and free places. A mentor with no free place is still shown, last, so a coordinator can decide.
"""

from __future__ import annotations

from dataclasses import dataclass

AREA_POINTS = 2
MAX_COUNTED_AREAS = 3
REGION_POINTS = 3
IN_PERSON_REGION_BONUS = 2
COUNTRY_POINTS = 1
MAX_COUNTED_PLACES = 3


@dataclass(frozen=True)
class Seeker:
    languages: frozenset[str]
    country: str
    region: str
    areas: frozenset[str]
    meeting_format: str  # in_person | online | either


@dataclass(frozen=True)
class Candidate:
    mentor_id: int
    languages: frozenset[str]
    country: str
    region: str
    areas: frozenset[str]
    free_places: int


@dataclass(frozen=True)
class Reason:
    """Why a mentor ranks where they do; flows turn these into words."""

    kind: str  # languages | areas | region | country | places | full
    values: tuple[str, ...] = ()
    count: int = 0


@dataclass(frozen=True)
class Ranked:
    mentor_id: int
    score: int
    reasons: tuple[Reason, ...]


def rank(seeker: Seeker, candidates: list[Candidate]) -> list[Ranked]:
    """Mentors sharing a language, best first; ties keep the candidates' order."""
    ranked = [
        _score(seeker, candidate)
        for candidate in candidates
        if seeker.languages & candidate.languages
    ]
    # sorted() is stable, so equal ranks keep the order the candidates came in.
    return sorted(ranked, key=lambda item: (_is_full(item), -item.score))


def _is_full(item: Ranked) -> bool:
    return any(reason.kind == "full" for reason in item.reasons)


def _score(seeker: Seeker, candidate: Candidate) -> Ranked:
    shared_languages = tuple(sorted(seeker.languages & candidate.languages))
    reasons = [Reason("languages", shared_languages)]
    score = 0
    shared_areas = tuple(sorted(seeker.areas & candidate.areas))
    if shared_areas:
        score += AREA_POINTS * min(len(shared_areas), MAX_COUNTED_AREAS)
        reasons.append(Reason("areas", shared_areas, len(shared_areas)))
    if seeker.meeting_format != "online":
        if (seeker.country, seeker.region) == (candidate.country, candidate.region):
            score += REGION_POINTS
            if seeker.meeting_format == "in_person":
                score += IN_PERSON_REGION_BONUS
            reasons.append(Reason("region", (candidate.region,)))
        elif seeker.country == candidate.country:
            score += COUNTRY_POINTS
            reasons.append(Reason("country", (candidate.country,)))
    if candidate.free_places > 0:
        score += min(candidate.free_places, MAX_COUNTED_PLACES)
        reasons.append(Reason("places", count=candidate.free_places))
    else:
        reasons.append(Reason("full"))
    return Ranked(candidate.mentor_id, score, tuple(reasons))
