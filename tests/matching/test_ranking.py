"""Ranking mentors for a young person."""

from __future__ import annotations

from bot.matching.ranking import Candidate, Seeker, rank

SEEKER = Seeker(
    languages=frozenset({"ru", "lv"}),
    country="LV",
    region="riga",
    areas=frozenset({"education", "money", "health"}),
    meeting_format="in_person",
)


def candidate(mentor_id: int, **changes) -> Candidate:  # type: ignore[no-untyped-def]
    values = {
        "languages": frozenset({"lv"}),
        "country": "LV",
        "region": "riga",
        "areas": frozenset({"education"}),
        "free_places": 1,
    }
    values.update(changes)
    return Candidate(mentor_id, **values)


def test_a_shared_language_is_a_must() -> None:
    ranked = rank(SEEKER, [candidate(1, languages=frozenset({"en", "lt"})), candidate(2)])
    assert [item.mentor_id for item in ranked] == [2]


def test_areas_region_and_places_raise_the_rank_with_reasons() -> None:
    ranked = rank(
        SEEKER,
        [
            candidate(1, region="latgale"),  # same country only
            candidate(2, areas=frozenset({"education", "money"})),
            candidate(3, areas=frozenset(), free_places=3),
            candidate(4),
        ],
    )
    assert [item.mentor_id for item in ranked] == [2, 3, 4, 1]
    best = ranked[0]
    kinds = [reason.kind for reason in best.reasons]
    assert kinds == ["languages", "areas", "region", "places"]
    assert best.reasons[1].values == ("education", "money")
    assert best.reasons[0].values == ("lv",)


def test_online_meetings_ignore_the_region() -> None:
    online = Seeker(**{**SEEKER.__dict__, "meeting_format": "online"})
    ranked = rank(online, [candidate(1, region="latgale"), candidate(2)])
    assert ranked[0].score == ranked[1].score
    assert [item.mentor_id for item in ranked] == [1, 2]  # ties keep the given order


def test_full_mentors_come_last() -> None:
    ranked = rank(
        SEEKER,
        [
            candidate(1, free_places=0, areas=frozenset({"education", "money", "health"})),
            candidate(2, areas=frozenset()),
        ],
    )
    assert [item.mentor_id for item in ranked] == [2, 1]
    assert ranked[1].reasons[-1].kind == "full"
