"""Coordinators match a young person with a mentor; both sides see and question the pairing.

On the real services and a fresh database, as the bot runs them for each update.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from bot.services.signup import SignupService
from dialogs.notices import render_notice
from dialogs.ports import MenteeAnswers
from storage.models import MenteeRequest, MentorApplication, Pair, as_utc
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import CATALOGUES, Clock, RealPerson, at, labels, service

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ADMIN = 900
ILZE = MenteeAnswers(
    "Ilze",
    "14-17",
    "LV",
    "riga",
    ("money", "goals"),
    ("lv",),
    "in_person",
    ("weekends",),
    "To plan my week.",
)
OLGA = MenteeAnswers("Olga", "14-17", "LV", "latgale", (), ("lv",), "online", ("weekends",))


async def onboarded(person: RealPerson, age: str = "26plus") -> RealPerson:
    await person.command("start")
    for action in ("lang:en", "consent:yes", "country:LV", f"age:{age}"):
        await person.press(action)
    return person


async def user_id(uow_factory: UnitOfWorkFactory, external_id: str) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        await uow.commit()
        assert user.id is not None
        return user.id


async def add_mentor(
    uow_factory: UnitOfWorkFactory, name: str, languages: str, region: str, capacity: int
) -> int:
    """An approved mentor, known to the bot as their name in lower case."""
    mentor = await user_id(uow_factory, name.lower())
    async with uow_factory() as uow:
        uow.applications.save(
            MentorApplication(
                user_id=mentor,
                display_name=name,
                age=30,
                languages=languages,
                country="LV",
                region=region,
                areas="money",
                capacity=capacity,
                introduction="Hi!",
                status="approved",
                submitted_at=NOW,
            )
        )
        await uow.commit()
    return mentor


async def add_request(uow_factory: UnitOfWorkFactory, answers: MenteeAnswers) -> int:
    """A young person's request, sent as the sign-up flow sends it: the coordinators are told."""
    external_id = answers.display_name.lower()
    mentee = await user_id(uow_factory, external_id)
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, "en")
        await SignupService(uow, user, [ADMIN], NOW).submit_request(answers)
        await uow.commit()
    return mentee


@dataclass
class World:
    """A coordinator; Anna, Boris and Carl, approved mentors; Ilze, waiting for a mentor."""

    uow_factory: UnitOfWorkFactory
    coordinator: RealPerson
    anna: int
    carl: int
    ilze: int

    def person(self, external_id: str) -> RealPerson:
        return RealPerson(self.coordinator.service, external_id)

    async def at(self, person: RealPerson) -> tuple[str, str]:
        return await at(self.uow_factory, person)


async def programme(uow_factory: UnitOfWorkFactory) -> World:
    bot = service(uow_factory, Clock(NOW), admin_ids=[ADMIN])
    coordinator = await onboarded(RealPerson(bot, str(ADMIN)))
    anna = await add_mentor(uow_factory, "Anna", "lv,ru", "riga", 2)
    await add_mentor(uow_factory, "Boris", "ru", "riga", 2)  # no shared language: never suggested
    carl = await add_mentor(uow_factory, "Carl", "lv", "latgale", 1)
    ilze = await add_request(uow_factory, ILZE)
    return World(uow_factory, coordinator, anna, carl, ilze)


async def notices(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str, dict[str, Any]]]:
    """What the bot is to send on its own: to whom, what, and with which details, in order."""
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))).all()
        return [(row.user_id, row.kind, json.loads(row.payload)) for row in rows]


async def request_status(uow_factory: UnitOfWorkFactory, mentee: int) -> str:
    async with uow_factory() as uow:
        request = await uow.session.get(MenteeRequest, mentee)
        assert request is not None
        return request.status


async def active_pairs(uow_factory: UnitOfWorkFactory) -> list[tuple[int, int, datetime]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(Pair).where(Pair.status == "active"))).all()
        return [(row.mentor_id, row.mentee_id, as_utc(row.planned_end_at)) for row in rows]


async def test_staff_see_ranked_mentors_with_reasons_and_pair_them(
    uow_factory: UnitOfWorkFactory,
) -> None:
    world = await programme(uow_factory)
    coordinator = world.coordinator
    menu = (await coordinator.command("menu")).replies[-1]
    assert "🧩 Match mentees" in labels(menu)
    listing = (await coordinator.press("menu:matching")).replies[-1]
    assert listing.text == "1 young person is waiting for a mentor:"
    assert labels(listing)[0] == "Ilze (Riga)"
    request = (await coordinator.press(f"match:{world.ilze}")).replies[-1]
    text = request.text
    assert "Name: Ilze" in text and "Boris" not in text
    assert text.index("1. Anna") < text.index("2. Carl")
    assert "• speaks Latvian\n• 1 area of help in common\n• same region\n• 2 free places" in text
    assert "• same country\n• 1 free place" in text
    assert labels(request) == [
        "Pair with Anna",
        "Pair with Carl",
        "✖️ Close this request",
        "⬅️ Back",
    ]
    confirm = (await coordinator.press(f"pair:{world.anna}")).replies[-1]
    assert "Pair Ilze with Anna?" in confirm.text
    assert labels(confirm)[:3] == ["6 months", "9 months", "12 months"]
    done = await coordinator.press("months:9")
    assert done.replies[0].text == "Paired. Both have been introduced to each other."
    assert await world.at(coordinator) == ("matching", "requests")
    assert done.replies[-1].text == "Nobody is waiting for a mentor."
    in_nine_months = datetime(2027, 8, 24, 12, 0, tzinfo=UTC)
    assert await active_pairs(uow_factory) == [(world.anna, world.ilze, in_nine_months)]
    sent = {(who, kind): payload for who, kind, payload in await notices(uow_factory)}
    for who, kind in ((world.ilze, "pair_intro_mentee"), (world.anna, "pair_intro_mentor")):
        assert sent[who, kind]["planned_end_at"] == in_nine_months.isoformat()
    assert await request_status(uow_factory, world.ilze) == "matched"


async def test_a_full_mentor_is_shown_last_without_a_button(
    uow_factory: UnitOfWorkFactory,
) -> None:
    world = await programme(uow_factory)
    olga = await add_request(uow_factory, OLGA)
    coordinator = world.coordinator
    await coordinator.press("menu:matching")
    await coordinator.press(f"match:{olga}")
    await coordinator.press(f"pair:{world.carl}")
    await coordinator.press("months:6")
    request = (await coordinator.press(f"match:{world.ilze}", version=None)).replies[-1]
    full = "2. Carl\n• speaks Latvian\n• 1 area of help in common\n• same country\n• no free place"
    assert request.text.endswith(full)
    assert "Pair with Carl" not in labels(request)
    refused = await coordinator.press(f"pair:{world.carl}")  # an old or forged press
    assert "no longer possible" in refused.replies[-1].text


async def test_the_sticky_match_button_is_for_staff_only(uow_factory: UnitOfWorkFactory) -> None:
    world = await programme(uow_factory)
    outsider = await onboarded(world.person("3"))
    refused = await outsider.press(f"match:{world.ilze}", version=None)
    assert refused.toast is not None and await world.at(outsider) == ("menu", "main")
    coordinator = world.coordinator
    await coordinator.command("help")
    opened = await coordinator.press(f"match:{world.ilze}", version=None)
    assert await world.at(coordinator) == ("matching", "request")
    assert "Ilze" in opened.replies[-1].text


async def test_new_request_notice_carries_a_sticky_match_button(
    uow_factory: UnitOfWorkFactory,
) -> None:
    world = await programme(uow_factory)
    t = CATALOGUES.translator("en")
    admin = await user_id(uow_factory, str(ADMIN))
    sent = await notices(uow_factory)
    [(to, payload)] = [(who, p) for who, kind, p in sent if kind == "staff_new_request"]
    assert to == admin and payload == {"mentee": world.ilze, "name": "Ilze", "region": "riga"}
    button = render_notice("staff_new_request", payload, t)[0].buttons[0][0]
    assert (button.label, button.action, button.sticky) == ("🧩 Match", f"match:{world.ilze}", True)
    older = render_notice("staff_new_request", {"name": "Ilze", "region": "riga"}, t)
    assert older[0].buttons == ()


@dataclass
class Paired:
    """Ilze and Anna, paired for six months by the coordinator; all three have onboarded."""

    world: World
    young: RealPerson
    anna: RealPerson


async def paired(uow_factory: UnitOfWorkFactory) -> Paired:
    world = await programme(uow_factory)
    young = await onboarded(world.person("ilze"), age="14-17")
    anna = await onboarded(world.person("anna"))
    await world.coordinator.press(f"match:{world.ilze}", version=None)
    await world.coordinator.press(f"pair:{world.anna}")
    await world.coordinator.press("months:6")
    return Paired(world, young, anna)


async def test_each_side_sees_only_their_own_pairing(uow_factory: UnitOfWorkFactory) -> None:
    both = await paired(uow_factory)
    young, anna = both.young, both.anna
    menu = (await young.command("menu")).replies[-1]
    assert "🤝 My mentor" in labels(menu) and "👥 My mentees" not in labels(menu)
    mine = (await young.press("menu:my_mentor")).replies[-1]
    assert mine.text.startswith("Your mentor: Anna\n\nStarted November 24, 2026; planned until")
    menu = (await anna.command("menu")).replies[-1]
    assert "👥 My mentees" in labels(menu) and "🤝 My mentor" not in labels(menu)
    mentees = (await anna.press("menu:my_mentees")).replies[-1]
    assert mentees.text.startswith("Ilze\nStarted November 24, 2026")
    assert labels(mentees)[:2] == ["✉️ Write to Ilze", "Ask about the pairing with Ilze"]
    carl = await onboarded(both.world.person("carl"))
    nobody = (await carl.press("menu:my_mentees")).replies[-1]
    assert nobody.text.startswith("You have no mentees at the moment.")
    forged = await carl.press("ask:1")
    assert forged.toast is not None


async def test_a_young_person_asks_to_end_the_pairing(uow_factory: UnitOfWorkFactory) -> None:
    both = await paired(uow_factory)
    young, coordinator, world = both.young, both.world.coordinator, both.world
    await young.press("menu:my_mentor")
    await young.press("ask:1")
    why = (await young.press("ask:end")).replies[-1]
    assert why.text.startswith("Would you like to tell the coordinators why?")
    confirm = (await young.send("We never find a time that suits us both.")).replies[-1]
    assert confirm.text.startswith("Ask the coordinators to end this pairing?")
    assert "We never find a time that suits us both." in confirm.text
    sent = await young.press("ask:send")
    assert sent.replies[0].text == "Sent. A coordinator will get in touch with you soon."
    assert await world.at(young) == ("pairing", "my_mentor")
    assert "You asked the coordinators for a change" in sent.replies[-1].text
    admin = await user_id(uow_factory, str(ADMIN))
    changes = [
        (who, p["kind"])
        for who, kind, p in await notices(uow_factory)
        if kind == "staff_pair_change"
    ]
    assert changes == [(admin, "end")]
    view = (await coordinator.press("pairing:1", version=None)).replies[-1]
    assert "Pairing of Anna (mentor) and Ilze (young person)." in view.text
    assert "A change was asked for on November 24, 2026." in view.text
    assert "Their reason: We never find a time that suits us both." in view.text
    await coordinator.press("end:rematch")
    ended = await coordinator.press("end:yes")
    assert ended.replies[0].text == "The pairing has ended. Both have been told. Now a new mentor:"
    assert ended.replies[-1].text.startswith("Request for a mentor, sent")  # the next step
    assert await request_status(uow_factory, world.ilze) == "waiting"
    assert await active_pairs(uow_factory) == []
    told = [kind for who, kind, _ in await notices(uow_factory) if who == world.ilze]
    assert told[-1] == "pair_ended"


async def test_matched_request_is_not_withdrawn_from_the_sign_up_screen(
    uow_factory: UnitOfWorkFactory,
) -> None:
    young = (await paired(uow_factory)).young
    status = (await young.press("menu:mentee")).replies[-1]
    assert "matched with a mentor" in status.text
    assert "Withdraw my request" not in labels(status)


async def test_introductions_speak_the_reader_language(uow_factory: UnitOfWorkFactory) -> None:
    world = (await paired(uow_factory)).world
    sent = {(who, kind): payload for who, kind, payload in await notices(uow_factory)}
    en = CATALOGUES.translator("en")
    to_mentee = sent[world.ilze, "pair_intro_mentee"]
    text = render_notice("pair_intro_mentee", to_mentee, en)[0].text
    assert text.startswith("Good news: you have a mentor! Meet Anna.")
    assert "Languages: Latvian, Russian" in text and "planned until May 24, 2027" in text
    in_latvian = render_notice("pair_intro_mentee", to_mentee, CATALOGUES.translator("lv"))
    assert "Valodas: latviešu, krievu" in in_latvian[0].text
    to_mentor = sent[world.anna, "pair_intro_mentor"]
    text = render_notice("pair_intro_mentor", to_mentor, en)[0].text
    assert "Age group: 14–17" in text and "Region: Riga (Latvia)" in text
    assert "Help with: Money skills" in text and "Their hopes: To plan my week." in text


def test_every_matching_notice_speaks_only_through_the_catalogues() -> None:
    from tests.storage.test_every_text_is_translatable import MarkingCatalogues, leftover

    t = MarkingCatalogues().translator("en")
    dates = {
        "started_at": "2026-11-24T12:00:00+00:00",
        "planned_end_at": "2027-05-24T12:00:00+00:00",
    }
    payloads = {
        "pair_intro_mentee": {
            "mentor_name": "Ann",
            "languages": ["lv"],
            "introduction": "Hello there",
            **dates,
        },
        "pair_intro_mentor": {
            "mentee_name": "Ann",
            "age_group": "14-17",
            "country": "LV",
            "region": "riga",
            "areas": ["money"],
            "languages": ["lv"],
            "meeting_format": "online",
            "free_times": ["weekends"],
            "hopes": "Hello there",
            **dates,
        },
        "pair_ended": {"partner": "Ann", "rematch": True},
        "staff_pair_change": {
            "pair": 1,
            "kind": "change",
            "by_mentor": True,
            "mentor": "Ann",
            "mentee": "Ann",
        },
        "staff_new_request": {"mentee": 1, "name": "Ann", "region": "riga"},
    }
    for kind, payload in payloads.items():
        for reply in render_notice(kind, payload, t):
            assert leftover(reply.text) == "", (kind, reply.text)
            assert all(leftover(b.label) == "" for row in reply.buttons for b in row), kind
