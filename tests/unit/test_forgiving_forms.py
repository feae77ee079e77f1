"""Forms that forgive: a wrong answer asks again, Back keeps answers, Cancel asks first."""

from __future__ import annotations

from dialogs.events import ActionEvent, TextEvent
from tests.fakes import Programme
from tests.unit.test_engine import Person
from tests.unit.test_mentee_signup import fill_in, labels
from tests.unit.test_mentee_signup import onboarded as young_person
from tests.unit.test_mentoring_flows import onboarded as grown_up

ADMIN = 900
AGE_QUESTION = "How old are you? Please write it as a number."
NAME_QUESTION = "Which name should young people see? Your first name is enough."
DISCARD = "Discard your answers? Nothing will be sent."
USE_BUTTONS = "Please choose one of the buttons below. If you need help right now, write “help”."


async def start_application(person: Person) -> None:
    await person.press("menu:mentor")
    await person.press("apply:start")


def texts(outcome) -> list[str]:  # type: ignore[no-untyped-def]
    return [reply.text for reply in outcome.replies]


# --- a wrong answer asks the same question again ---------------------------------------------


async def test_age_typos_ask_again_and_the_application_completes_with_every_answer() -> None:
    programme = Programme(admins={ADMIN})
    person = await grown_up(programme, 1)
    await start_application(person)
    await person.do(TextEvent("Anna"))
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
        outcome = await person.do(TextEvent(typo))
        assert texts(outcome) == [note, AGE_QUESTION], typo
        assert person.at == ("mentor_application", "age")
        assert person.conversation.data == {"country": "LV", "name": "Anna"}
    await person.do(TextEvent("27"))
    for action in ("opt:lv", "opt:ru", "pick:done", "opt:riga", "opt:money", "pick:done", "opt:2"):
        await person.press(action)
    summary = await person.do(TextEvent("I study social work and run a youth football club."))
    assert "Name: Anna" in summary.replies[-1].text and "Age: 27" in summary.replies[-1].text
    await person.press("apply:send")
    sent = programme.applications[1].answers
    assert (sent.display_name, sent.age, sent.languages, sent.region) == (
        "Anna",
        27,
        ("lv", "ru"),
        "riga",
    )
    assert (sent.areas, sent.capacity) == (("money",), 2)


async def test_a_typo_when_changing_the_age_from_the_summary_keeps_the_old_one() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    for answer in ("Anna", "27"):
        await person.do(TextEvent(answer))
    for action in ("opt:lv", "pick:done", "opt:riga", "opt:money", "pick:done", "opt:2"):
        await person.press(action)
    await person.do(TextEvent("I study social work and run a youth football club."))
    await person.press("edit:age")
    await person.do(TextEvent("2O"))
    assert person.at == ("mentor_application", "age")
    assert person.conversation.data["age"] == 27
    summary = (await person.do(TextEvent("28"))).replies[-1].text
    assert "Age: 28" in summary and "Name: Anna" in summary and "Region: Riga" in summary


async def test_names_and_free_words_need_letters() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    outcome = await person.do(TextEvent("🙂🙂🙂"))
    assert texts(outcome) == [
        "Please write a name with letters, not only emoji or numbers.",
        NAME_QUESTION,
    ]
    for answer in ("Anna", "27"):
        await person.do(TextEvent(answer))
    for action in ("opt:lv", "pick:done", "opt:riga", "opt:money", "pick:done", "opt:2"):
        await person.press(action)
    outcome = await person.do(TextEvent("🙂" * 12))
    assert outcome.replies[0].text == "Please write at least a sentence."
    assert person.at == ("mentor_application", "introduction")

    young = await young_person(Programme(), 2)
    await fill_in(young)
    await young.press("edit:hopes")
    outcome = await young.do(TextEvent("🙂🙂🙂"))
    assert outcome.replies[0].text == "Please write a few words, or press Skip."
    assert young.conversation.data["hopes"] == "Someone to talk to about school."


async def test_typed_words_and_old_buttons_at_a_choice_keep_every_answer() -> None:
    person = await young_person(Programme(), 1)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.do(TextEvent("Jonas"))
    region_version = person.conversation.version
    await person.press("opt:kaunas")
    await person.press("opt:peers")  # ticked, not yet confirmed with Done
    outcome = await person.do(TextEvent("Kaunas, I said"))
    assert outcome.replies[0].text == USE_BUTTONS
    stale = await person.do(ActionEvent("opt:vilnius", region_version))
    assert stale.toast == "This button has expired. Here is where we are now:"
    assert person.at == ("mentee_signup", "areas")
    assert "✅ Friends and peers" in labels(stale.replies[-1])
    assert person.conversation.data["region"] == "kaunas"


async def test_words_of_danger_in_a_form_bring_the_helplines_and_keep_the_answers() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    await person.do(TextEvent("Anna"))
    outcome = await person.do(TextEvent("I want to die"))
    assert outcome.concern is not None and "116123" in outcome.replies[0].text
    assert outcome.replies[-1].text == AGE_QUESTION
    await person.do(TextEvent("help"))
    assert person.at == ("info", "crisis")
    await person.press("back")
    assert person.at == ("mentor_application", "age")
    assert person.conversation.data["name"] == "Anna"


# --- Back --------------------------------------------------------------------------------------


async def test_back_goes_to_the_previous_question_with_its_answer_shown() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    await person.do(TextEvent("Anna"))
    await person.do(TextEvent("27"))
    await person.press("opt:lv")
    await person.press("pick:done")
    assert person.at == ("mentor_application", "region")
    languages = await person.press("form:back")
    assert person.at == ("mentor_application", "languages")
    assert languages.replies[0].replace  # the question turns into the one before
    assert labels(languages.replies[-1])[:2] == ["✅ Latviešu", "Lietuvių"]
    assert labels(languages.replies[-1])[-3:] == ["⬅️ Back", "Done", "Cancel"]
    age = (await person.press("form:back")).replies[-1]
    assert person.at == ("mentor_application", "age")
    assert age.text == f"{AGE_QUESTION}\n\nNow: 27"
    assert labels(age) == ["⬅️ Back", "Next ➡️", "Cancel"]
    await person.press("form:next")
    assert person.at == ("mentor_application", "languages")
    await person.press("pick:done")
    assert person.at == ("mentor_application", "region")
    assert person.conversation.data["languages"] == ["lv"]


async def test_back_does_not_change_an_answer_being_chosen() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    for answer in ("Anna", "27"):
        await person.do(TextEvent(answer))
    await person.press("opt:lv")
    await person.press("pick:done")
    await person.press("form:back")
    await person.press("opt:ru")  # ticked, then left with Back: not an answer
    await person.press("form:back")
    languages = (await person.press("form:next")).replies[-1]
    assert "✅ Русский" not in labels(languages) and "✅ Latviešu" in labels(languages)
    assert person.conversation.data["languages"] == ["lv"]


async def test_back_on_the_first_question_leaves_at_once_when_nothing_is_answered() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    outcome = await person.press("form:back")
    assert person.at == ("mentor_application", "intro")
    assert texts(outcome)[0].startswith("Mentors are volunteers aged 20 or older.")


async def test_back_on_the_first_question_asks_before_discarding_answers() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    await person.do(TextEvent("Anna"))
    name = (await person.press("form:back")).replies[-1]
    assert name.text == f"{NAME_QUESTION}\n\nNow: Anna"
    asked = (await person.press("form:back")).replies[-1]
    assert asked.text == DISCARD
    assert labels(asked) == ["Yes, discard", "No, go on"]
    kept = (await person.press("form:resume")).replies[-1]
    assert person.at == ("mentor_application", "name") and kept.text == name.text
    await person.press("form:back")
    outcome = await person.press("form:discard")
    assert texts(outcome)[0] == "Cancelled. Nothing was sent."
    assert person.at == ("mentor_application", "intro")
    assert person.conversation.data == {}


async def test_back_and_next_from_a_question_opened_from_the_summary_return_to_it() -> None:
    person = await young_person(Programme(), 1)
    await fill_in(person)
    format_screen = (await person.press("edit:format")).replies[-1]
    assert "✅ Online" in labels(format_screen)
    await person.press("form:back")
    assert person.at == ("mentee_signup", "summary")
    await person.press("edit:areas")
    await person.press("opt:education")
    await person.press("opt:peers")  # nothing chosen now, but not confirmed
    summary = (await person.press("form:back")).replies[-1].text
    assert person.at == ("mentee_signup", "summary")
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
    assert person.at == ("mentee_signup", "summary")


# --- Cancel ------------------------------------------------------------------------------------


async def test_cancel_with_nothing_answered_just_leaves() -> None:
    person = await young_person(Programme(), 1)
    await person.press("menu:mentee")
    await person.press("signup:start")
    outcome = await person.press("form:cancel")
    assert texts(outcome)[0] == "Cancelled. Nothing was sent."
    assert person.at == ("menu", "main")


async def test_cancel_after_some_answers_asks_no_keeps_everything_yes_discards() -> None:
    programme = Programme(admins={ADMIN})
    person = await young_person(programme, 1)
    await person.press("menu:mentee")
    await person.press("signup:start")
    await person.do(TextEvent("Jonas"))
    await person.press("opt:kaunas")
    await person.press("opt:peers")
    asked = await person.press("form:cancel")
    assert texts(asked) == [DISCARD]
    assert person.at == ("mentee_signup", "discard")
    areas = (await person.press("form:resume")).replies[-1]
    assert person.at == ("mentee_signup", "areas")
    assert areas.text == "What would you like help with? Choose all that apply."
    assert "✅ Friends and peers" in labels(areas)
    await person.press("pick:done")
    assert person.conversation.data["areas"] == ["peers"]
    assert person.conversation.data["name"] == "Jonas"
    await person.press("form:cancel")
    outcome = await person.press("form:discard")
    assert texts(outcome)[0] == "Cancelled. Nothing was sent."
    assert person.at == ("menu", "main")
    assert programme.requests == {} and programme.notices == []
    await person.press("menu:mentee")
    await person.press("signup:start")
    assert person.conversation.data == {"country": "LT"}


async def test_the_buttons_of_the_form_fit_messenger() -> None:
    person = await grown_up(Programme(), 1)
    await start_application(person)
    await person.do(TextEvent("Anna"))
    screens = [(await person.press("form:back")).replies[-1]]
    screens.append((await person.press("form:back")).replies[-1])
    shown = {label for screen in screens for label in labels(screen)}
    assert shown == {"⬅️ Back", "Next ➡️", "Cancel", "Yes, discard", "No, go on"}
    assert all(len(label) <= 20 for label in shown)
