"""Coordinators match a young person with a mentor; both sides see and question the pairing."""

from __future__ import annotations

from dialogs.events import ActionEvent, CommandEvent, TextEvent
from dialogs.notices import render_notice
from dialogs.ports import ApplicationAnswers, ApplicationView, MenteeAnswers, MenteeRequestView
from tests.fakes import SUBMITTED_AT, Programme
from tests.unit.test_engine import CATALOGUES
from tests.unit.test_mentoring_flows import onboarded

ADMIN = 900
MENTEE = 1
ANNA, BORIS, CARL = 10, 11, 12


def mentor(name: str, languages: tuple[str, ...], region: str, capacity: int) -> ApplicationView:
    answers = ApplicationAnswers(name, 30, languages, "LV", region, ("money",), capacity, "Hi!")
    return ApplicationView(0, answers, "approved", SUBMITTED_AT)


def programme() -> Programme:
    request = MenteeAnswers(
        "Ilze", "14-17", "LV", "riga", ("money", "goals"), ("lv",), "in_person", ("weekends",)
    )
    return Programme(
        admins={ADMIN},
        applications={
            ANNA: mentor("Anna", ("lv", "ru"), "riga", 2),
            BORIS: mentor("Boris", ("ru",), "riga", 2),  # no shared language: never suggested
            CARL: mentor("Carl", ("lv",), "latgale", 1),
        },
        requests={MENTEE: MenteeRequestView(request, "waiting", SUBMITTED_AT)},
    )


def labels(reply) -> list[str]:  # type: ignore[no-untyped-def]
    return [button.label for row in reply.buttons for button in row]


async def test_staff_see_ranked_mentors_with_reasons_and_pair_them() -> None:
    world = programme()
    coordinator = await onboarded(world, ADMIN)
    menu = (await coordinator.do(CommandEvent("menu"))).replies[-1]
    assert "🧩 Match mentees" in labels(menu)
    listing = (await coordinator.press("menu:matching")).replies[-1]
    assert listing.text == "1 young person is waiting for a mentor:"
    assert labels(listing)[0] == "Ilze (Riga)"
    request = (await coordinator.press(f"match:{MENTEE}")).replies[-1]
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
    confirm = (await coordinator.press(f"pair:{ANNA}")).replies[-1]
    assert "Pair Ilze with Anna?" in confirm.text
    assert labels(confirm)[:3] == ["6 months", "9 months", "12 months"]
    done = await coordinator.press("months:9")
    assert done.replies[0].text == "Paired. Both have been introduced to each other."
    assert coordinator.at == ("matching", "requests")
    assert done.replies[-1].text == "Nobody is waiting for a mentor."
    assert (MENTEE, "pair_intro_mentee", {"months": 9}) in world.notices
    assert (ANNA, "pair_intro_mentor", {"months": 9}) in world.notices
    assert world.requests[MENTEE].status == "matched"


async def test_a_full_mentor_is_shown_last_without_a_button() -> None:
    world = programme()
    other = MenteeAnswers("Olga", "14-17", "LV", "latgale", (), ("lv",), "online", ("weekends",))
    world.requests[2] = MenteeRequestView(other, "waiting", SUBMITTED_AT)
    coordinator = await onboarded(world, ADMIN)
    await coordinator.press("menu:matching")
    await coordinator.press("match:2")
    await coordinator.press(f"pair:{CARL}")
    await coordinator.press("months:6")
    request = (await coordinator.do(ActionEvent(f"match:{MENTEE}", None))).replies[-1]
    full = "2. Carl\n• speaks Latvian\n• 1 area of help in common\n• same country\n• no free place"
    assert request.text.endswith(full)
    assert "Pair with Carl" not in labels(request)
    refused = await coordinator.press(f"pair:{CARL}")  # an old or forged press
    assert "no longer possible" in refused.replies[-1].text


async def test_the_sticky_match_button_is_for_staff_only() -> None:
    world = programme()
    outsider = await onboarded(world, 3)
    refused = await outsider.do(ActionEvent(f"match:{MENTEE}", None))
    assert refused.toast is not None and outsider.at == ("menu", "main")
    coordinator = await onboarded(world, ADMIN)
    await coordinator.do(CommandEvent("help"))
    opened = await coordinator.do(ActionEvent(f"match:{MENTEE}", None))
    assert coordinator.at == ("matching", "request") and "Ilze" in opened.replies[-1].text


async def test_new_request_notice_carries_a_sticky_match_button() -> None:
    t = CATALOGUES.translator("en")
    reply = render_notice("staff_new_request", {"mentee": 7, "name": "Ilze", "region": "riga"}, t)
    button = reply[0].buttons[0][0]
    assert (button.label, button.action, button.sticky) == ("🧩 Match", "match:7", True)
    older = render_notice("staff_new_request", {"name": "Ilze", "region": "riga"}, t)
    assert older[0].buttons == ()


async def paired() -> tuple[Programme, object, object, object]:  # type: ignore[type-arg]
    world = programme()
    coordinator = await onboarded(world, ADMIN)
    young = await onboarded(world, MENTEE, age="14-17")
    anna = await onboarded(world, ANNA)
    await coordinator.do(ActionEvent(f"match:{MENTEE}", None))
    await coordinator.press(f"pair:{ANNA}")
    await coordinator.press("months:6")
    return world, coordinator, young, anna


async def test_each_side_sees_only_their_own_pairing() -> None:
    world, _coordinator, young, anna = await paired()
    menu = (await young.do(CommandEvent("menu"))).replies[-1]  # type: ignore[attr-defined]
    assert "🤝 My mentor" in labels(menu) and "👥 My mentees" not in labels(menu)
    mine = (await young.press("menu:my_mentor")).replies[-1]  # type: ignore[attr-defined]
    assert mine.text.startswith("Your mentor: Anna\n\nStarted November 24, 2026; planned until")
    menu = (await anna.do(CommandEvent("menu"))).replies[-1]  # type: ignore[attr-defined]
    assert "👥 My mentees" in labels(menu) and "🤝 My mentor" not in labels(menu)
    mentees = (await anna.press("menu:my_mentees")).replies[-1]  # type: ignore[attr-defined]
    assert mentees.text.startswith("Ilze\nStarted November 24, 2026")
    assert labels(mentees)[:2] == ["✉️ Write to Ilze", "Ask about the pairing with Ilze"]
    carl = await onboarded(world, CARL)
    nobody = (await carl.press("menu:my_mentees")).replies[-1]
    assert nobody.text.startswith("You have no mentees at the moment.")
    forged = await carl.do(ActionEvent("ask:1", carl.conversation.version))
    assert forged.toast is not None


async def test_a_young_person_asks_to_end_the_pairing() -> None:
    world, coordinator, young, _anna = await paired()
    await young.press("menu:my_mentor")  # type: ignore[attr-defined]
    await young.press("ask:1")  # type: ignore[attr-defined]
    why = (await young.press("ask:end")).replies[-1]  # type: ignore[attr-defined]
    assert why.text.startswith("Would you like to tell the coordinators why?")
    confirm = (await young.do(TextEvent("We never find a time that suits us both."))).replies[-1]  # type: ignore[attr-defined]
    assert confirm.text.startswith("Ask the coordinators to end this pairing?")
    assert "We never find a time that suits us both." in confirm.text
    sent = await young.press("ask:send")  # type: ignore[attr-defined]
    assert sent.replies[0].text == "Sent. A coordinator will get in touch with you soon."
    assert young.at == ("pairing", "my_mentor")  # type: ignore[attr-defined]
    assert "You asked the coordinators for a change" in sent.replies[-1].text
    assert (ADMIN, "staff_pair_change", {"kind": "end"}) in world.notices
    view = (await coordinator.do(ActionEvent("pairing:1", None))).replies[-1]  # type: ignore[attr-defined]
    assert "Pairing of Anna (mentor) and Ilze (young person)." in view.text
    assert "A change was asked for on November 24, 2026." in view.text
    assert "Their reason: We never find a time that suits us both." in view.text
    await coordinator.press("end:rematch")  # type: ignore[attr-defined]
    ended = await coordinator.press("end:yes")  # type: ignore[attr-defined]
    assert ended.replies[0].text == "The pairing has ended. Both have been told. Now a new mentor:"
    assert ended.replies[-1].text.startswith("Request for a mentor, sent")  # the next step
    assert world.requests[MENTEE].status == "waiting" and world.pairings == {}
    assert [kind for who, kind, _ in world.notices if who == MENTEE][-1] == "pair_ended"


async def test_matched_request_is_not_withdrawn_from_the_sign_up_screen() -> None:
    _world, _coordinator, young, _anna = await paired()
    status = (await young.press("menu:mentee")).replies[-1]  # type: ignore[attr-defined]
    assert "matched with a mentor" in status.text
    assert "Withdraw my request" not in labels(status)


def test_introductions_speak_the_reader_language() -> None:
    dates = {
        "started_at": "2026-11-24T12:00:00+00:00",
        "planned_end_at": "2027-05-24T12:00:00+00:00",
    }
    en = CATALOGUES.translator("en")
    to_mentee = {"mentor_name": "Anna", "languages": ["lv", "ru"], "introduction": "Hi!", **dates}
    text = render_notice("pair_intro_mentee", to_mentee, en)[0].text
    assert text.startswith("Good news: you have a mentor! Meet Anna.")
    assert "Languages: Latvian, Russian" in text and "planned until May 24, 2027" in text
    in_latvian = render_notice("pair_intro_mentee", to_mentee, CATALOGUES.translator("lv"))
    assert "Valodas: latviešu, krievu" in in_latvian[0].text
    to_mentor = {
        "mentee_name": "Ilze",
        "age_group": "14-17",
        "country": "LV",
        "region": "riga",
        "areas": ["money"],
        "languages": ["lv"],
        "meeting_format": "online",
        "free_times": ["weekends"],
        "hopes": "To plan my week.",
        **dates,
    }
    text = render_notice("pair_intro_mentor", to_mentor, en)[0].text
    assert "Age group: 14–17" in text and "Region: Riga (Latvia)" in text
    assert "Help with: Money skills" in text and "Their hopes: To plan my week." in text


def test_every_matching_notice_speaks_only_through_the_catalogues() -> None:
    from tests.unit.test_every_text_is_translatable import MarkingCatalogues, leftover

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
