"""Forms that forgive: a wrong answer asks again, Back keeps answers, Cancel asks first. On the
real services and a fresh database.
"""

from __future__ import annotations

from storage.unit_of_work import UnitOfWorkFactory
from tests.real_flows import RealPerson, at, labels
from tests.storage.test_engine_flows import ADMIN, USE_BUTTONS, answers, coordinator, notices
from tests.storage.test_mentoring_application_flows import applications, grown_up
from tests.storage.test_signup_flows import fill_in, requests, young_person

AGE_QUESTION = "How old are you? Please write it as a number."
NAME_QUESTION = "Which name should young people see? Your first name is enough."
DISCARD = "Discard your answers? Nothing will be sent."
INTRODUCTION = "I study social work and run a youth football club."


async def start_application(person: RealPerson) -> None:
    await person.press("menu:mentor")
    await person.press("apply:start")


async def up_to_the_introduction(person: RealPerson) -> None:
    """Anna, 27, speaks Latvian, in Riga, helps with money, two mentees."""
    for answer in ("Anna", "27"):
        await person.send(answer)
    for action in ("opt:lv", "pick:done", "opt:riga", "opt:money", "pick:done", "opt:2"):
        await person.press(action)


def texts(person: RealPerson) -> list[str]:
    return [reply.text for reply in person.replies]


# --- a wrong answer asks the same question again ---------------------------------------------


async def test_age_typos_ask_again_and_the_application_completes_with_every_answer(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await person.send("Anna")
    said = {
        "2o": "Please write your age as a number, for example 27.",
        "twenty": "Please write your age as a number, for example 27.",
        "🙂": "Please write your age as a number, for example 27.",
        "150": "150 cannot be an age. Please check it and write your age again.",
        "2": "Mentors need to be at least 20 years old. If that was a typo, please write your "
        "age again.",
        "0": "Mentors need to be at least 20 years old. If that was a typo, please write your "
        "age again.",
    }
    for typo, note in said.items():
        await person.send(typo)
        assert texts(person) == [note, AGE_QUESTION], typo
        assert await at(uow_factory, person) == ("mentor_application", "age")
        assert await answers(uow_factory, person) == {"country": "LV", "name": "Anna"}
    await person.send("27")
    for action in ("opt:lv", "opt:ru", "pick:done", "opt:riga", "opt:money", "pick:done", "opt:2"):
        await person.press(action)
    summary = (await person.send(INTRODUCTION)).replies[-1].text
    assert "Name: Anna" in summary and "Age: 27" in summary
    await person.press("apply:send")
    [sent] = (await applications(uow_factory)).values()
    assert (sent.display_name, sent.age, sent.languages, sent.region) == (
        "Anna",
        27,
        "lv,ru",
        "riga",
    )
    assert (sent.areas, sent.capacity, sent.introduction) == ("money", 2, INTRODUCTION)


async def test_a_typo_when_changing_the_age_from_the_summary_keeps_the_old_one(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await up_to_the_introduction(person)
    await person.send(INTRODUCTION)
    await person.press("edit:age")
    await person.send("2O")
    assert await at(uow_factory, person) == ("mentor_application", "age")
    assert (await answers(uow_factory, person))["age"] == 27
    summary = (await person.send("28")).replies[-1].text
    assert "Age: 28" in summary and "Name: Anna" in summary and "Region: Riga" in summary


async def test_names_and_free_words_need_letters(uow_factory: UnitOfWorkFactory) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await person.send("🙂🙂🙂")
    assert texts(person) == [
        "Please write a name with letters, not only emoji or numbers.",
        NAME_QUESTION,
    ]
    await up_to_the_introduction(person)
    outcome = await person.send("🙂" * 12)
    assert outcome.replies[0].text == "Please write at least a sentence."
    assert await at(uow_factory, person) == ("mentor_application", "introduction")

    young = await young_person(uow_factory, external_id="2")
    await fill_in(young)
    await young.press("edit:hopes")
    outcome = await young.send("🙂🙂🙂")
    assert outcome.replies[0].text == "Please write a few words, or press Skip."
    assert (await answers(uow_factory, young))["hopes"] == "Someone to talk to about school."


async def test_typed_words_and_old_buttons_at_a_choice_keep_every_answer(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await young_person(uow_factory)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.send("Jonas")
    region_version = person.version
    await person.press("opt:kaunas")
    await person.press("opt:peers")  # ticked, not yet confirmed with Done
    outcome = await person.send("Kaunas, I said")
    assert outcome.replies[0].text == USE_BUTTONS
    stale = await person.press("opt:vilnius", version=region_version)
    assert stale.toast == "This button has expired. Here is where we are now:"
    assert await at(uow_factory, person) == ("mentee_signup", "areas")
    assert "✅ Friends and peers" in labels(stale.replies[-1])
    assert (await answers(uow_factory, person))["region"] == "kaunas"


async def test_words_of_danger_in_a_form_bring_the_helplines_and_keep_the_answers(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory, admin_ids=[ADMIN])
    admin = await coordinator(uow_factory, person)
    await start_application(person)
    await person.send("Anna")
    outcome = await person.send("I want to die")
    assert await notices(uow_factory) == [(admin, "staff_concern")]
    assert "116123" in outcome.replies[0].text
    assert outcome.replies[-1].text == AGE_QUESTION
    await person.send("help")
    assert await at(uow_factory, person) == ("info", "crisis")
    await person.press("back")
    assert await at(uow_factory, person) == ("mentor_application", "age")
    assert (await answers(uow_factory, person))["name"] == "Anna"


# --- Back --------------------------------------------------------------------------------------


async def test_back_goes_to_the_previous_question_with_its_answer_shown(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await person.send("Anna")
    await person.send("27")
    await person.press("opt:lv")
    await person.press("pick:done")
    assert await at(uow_factory, person) == ("mentor_application", "region")
    languages = await person.press("form:back")
    assert await at(uow_factory, person) == ("mentor_application", "languages")
    assert languages.replies[0].replace  # the question turns into the one before
    assert labels(languages.replies[-1])[:2] == ["✅ Latviešu", "Lietuvių"]
    assert labels(languages.replies[-1])[-3:] == ["⬅️ Back", "Done", "Cancel"]
    age = (await person.press("form:back")).replies[-1]
    assert await at(uow_factory, person) == ("mentor_application", "age")
    assert age.text == f"{AGE_QUESTION}\n\nNow: 27"
    assert labels(age) == ["⬅️ Back", "Next ➡️", "Cancel"]
    await person.press("form:next")
    assert await at(uow_factory, person) == ("mentor_application", "languages")
    await person.press("pick:done")
    assert await at(uow_factory, person) == ("mentor_application", "region")
    assert (await answers(uow_factory, person))["languages"] == ["lv"]


async def test_back_does_not_change_an_answer_being_chosen(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    for answer in ("Anna", "27"):
        await person.send(answer)
    await person.press("opt:lv")
    await person.press("pick:done")
    await person.press("form:back")
    await person.press("opt:ru")  # ticked, then left with Back: not an answer
    await person.press("form:back")
    languages = (await person.press("form:next")).replies[-1]
    assert "✅ Русский" not in labels(languages) and "✅ Latviešu" in labels(languages)
    assert (await answers(uow_factory, person))["languages"] == ["lv"]


async def test_back_on_the_first_question_leaves_at_once_when_nothing_is_answered(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await person.press("form:back")
    assert await at(uow_factory, person) == ("mentor_application", "intro")
    assert texts(person)[0].startswith("Mentors are volunteers aged 20 or older.")


async def test_back_on_the_first_question_asks_before_discarding_answers(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await person.send("Anna")
    name = (await person.press("form:back")).replies[-1]
    assert name.text == f"{NAME_QUESTION}\n\nNow: Anna"
    asked = (await person.press("form:back")).replies[-1]
    assert asked.text == DISCARD
    assert labels(asked) == ["Yes, discard", "No, go on"]
    kept = (await person.press("form:resume")).replies[-1]
    assert await at(uow_factory, person) == ("mentor_application", "name")
    assert kept.text == name.text
    await person.press("form:back")
    await person.press("form:discard")
    assert texts(person)[0] == "Cancelled. Nothing was sent."
    assert await at(uow_factory, person) == ("mentor_application", "intro")
    assert await answers(uow_factory, person) == {}


async def test_back_and_next_from_a_question_opened_from_the_summary_return_to_it(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await young_person(uow_factory)
    await fill_in(person)
    format_screen = (await person.press("edit:format")).replies[-1]
    assert "✅ Online" in labels(format_screen)
    await person.press("form:back")
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    await person.press("edit:areas")
    await person.press("opt:education")
    await person.press("opt:peers")  # nothing chosen now, but not confirmed
    summary = (await person.press("form:back")).replies[-1].text
    assert await at(uow_factory, person) == ("mentee_signup", "summary")
    assert "Help with: School and motivation to learn, Friends and peers" in summary
    region = (await person.press("edit:region")).replies[-1]
    assert "✅ Kaunas county" in labels(region)
    await person.press("country:LV")
    summary = (await person.press("form:back")).replies[-1].text
    assert "Region: Kaunas county (Lithuania)" in summary
    hopes = (await person.press("edit:hopes")).replies[-1]
    assert hopes.text.endswith("\n\nNow: Someone to talk to about school.")
    assert labels(hopes) == ["⬅️ Back", "Skip", "Next ➡️", "Cancel"]
    await person.press("form:next")
    assert await at(uow_factory, person) == ("mentee_signup", "summary")


# --- Cancel ------------------------------------------------------------------------------------


async def test_cancel_with_nothing_answered_just_leaves(uow_factory: UnitOfWorkFactory) -> None:
    person = await young_person(uow_factory)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.press("form:cancel")
    assert texts(person)[0] == "Cancelled. Nothing was sent."
    assert await at(uow_factory, person) == ("menu", "main")


async def test_cancel_after_some_answers_asks_no_keeps_everything_yes_discards(
    uow_factory: UnitOfWorkFactory,
) -> None:
    person = await young_person(uow_factory, [ADMIN])
    await coordinator(uow_factory, person)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.send("Jonas")
    await person.press("opt:kaunas")
    await person.press("opt:peers")
    await person.press("form:cancel")
    assert texts(person) == [DISCARD]
    assert await at(uow_factory, person) == ("mentee_signup", "discard")
    areas = (await person.press("form:resume")).replies[-1]
    assert await at(uow_factory, person) == ("mentee_signup", "areas")
    assert areas.text == "What would you like help with? Choose all that apply."
    assert "✅ Friends and peers" in labels(areas)
    await person.press("pick:done")
    kept = await answers(uow_factory, person)
    assert kept["areas"] == ["peers"] and kept["name"] == "Jonas"
    await person.press("form:cancel")
    await person.press("form:discard")
    assert texts(person)[0] == "Cancelled. Nothing was sent."
    assert await at(uow_factory, person) == ("menu", "main")
    assert await requests(uow_factory) == [] and await notices(uow_factory) == []
    await person.press("menu:mentee")
    await person.press("signup:start")
    assert await answers(uow_factory, person) == {"country": "LT"}


async def test_the_buttons_of_the_form_fit_messenger(uow_factory: UnitOfWorkFactory) -> None:
    person = await grown_up(uow_factory)
    await start_application(person)
    await person.send("Anna")
    screens = [(await person.press("form:back")).replies[-1]]
    screens.append((await person.press("form:back")).replies[-1])
    shown = {label for screen in screens for label in labels(screen)}
    assert shown == {"⬅️ Back", "Next ➡️", "Cancel", "Yes, discard", "No, go on"}
    assert all(len(label) <= 20 for label in shown)
