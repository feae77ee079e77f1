"""The conversation suites on Messenger, lived as a person there lives them.

Hostile input, a mentor's application, a young person's sign-up, a long list that pages, and a
session's reminders in and out of the 24-hour window. As in the Messenger app, quick replies can
be tapped on the newest message only (they vanish under newer ones) while template buttons stay;
a label too long for a button shows as its short form or as a number listed in the text
(`MessengerPerson.click` reads both). Nothing the bot sends may be refused by the Graph
emulator: the bot fixtures check `graph.rejected == []` when the bot stops.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.channels.base import NoticeRouter
from bot.channels.buttons import ButtonCodec
from bot.jobs.housekeeping import housekeeping
from bot.messenger.delivery import OUTSIDE, MessengerDelivery
from bot.messenger.graph import GraphClient
from bot.messenger.sender import MessengerSender
from bot.outbox import OutboxWorker
from bot.services import reminders
from dialogs.flows.common import language_list
from dialogs.i18n import Catalogues
from dialogs.programme import MENTOR_MIN_AGE, NAME_LIMIT
from dialogs.timeslots import day_label
from sandbox import GraphEmulator
from storage.models import MenteeRequest, MentorApplication, MentoringSession, Pair, utcnow
from storage.outbox import OutboxMessage
from tests.e2e import test_mixed_channels
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import say
from tests.e2e.test_messenger import onboard
from tests.e2e.test_privacy import uow_factory_of
from tests.e2e.test_safety import DANGER, HELP_WORDS

# A bot on both channels whose configured coordinator is on Telegram or on Messenger.
coordinator_and_bot = test_mixed_channels.coordinator_and_bot

CATALOGUES = Catalogues()
QUICK_REPLIES = 13  # Messenger's most on one message
HINT = "Please choose one of the buttons below. If you need help right now, write “help”."
EXPIRED = "This button has expired. Here is where we are now:"
UNKNOWN = "I don't know that command. Here are the ones I know: /help"
DANGER_OPENING = (
    "I am really sorry you are going through this. There are people ready to listen and help, "
    "right now and for free."
)
AGE_QUESTION = "How old are you? Please write it as a number."
APPROVED = (
    "Good news: your mentor application is approved! Set your free times now, so that your "
    "future mentee can book meetings with you. The coordinators will be in touch about training."
)
FREE_TIMES = (
    "Your free times for sessions. Your mentees see them in their own time zone and book one hour "
    "at a time, up to three weeks ahead."
)
PLACE = "Bibliotēka, Tērbatas iela 75, Rīga"


# --- helpers ---------------------------------------------------------------------------------


def lv(message: str) -> str:
    return say("lv", message)


def lt(message: str) -> str:
    return say("lt", message)


def ru(message: str) -> str:
    return say("ru", message)


def shown(language: str, label: str, short: str) -> str:
    """A button's label as Messenger shows it: whole within 20 characters, else its short form."""
    whole = say(language, label)
    return whole if len(whole) <= 20 else say(language, short)


async def answer_to(person: MessengerPerson, action: Awaitable[object]) -> list[ChatMessage]:
    """Everything the bot said in answer to one thing the person did (a coroutine, not begun)."""
    before = len(await person.bot_messages())
    await action
    return (await person.bot_messages())[before:]


def texts(messages: list[ChatMessage]) -> list[str]:
    return [message.text for message in messages]


def payload_of(message: ChatMessage, title: str) -> str:
    """The payload of the button or quick reply with this title."""
    return next(button["payload"] for button in message.buttons[0] if button["title"] == title)


def choices_on(message: ChatMessage) -> int:
    """How many quick replies or template buttons the message carries."""
    return len(message.raw.get("quick_replies") or message.raw.get("buttons") or [])


async def start_signup(person: MessengerPerson, language: str) -> ChatMessage:
    """Onboarded as a 14-17 year old in Latvia, at the sign-up's first question (the name)."""
    await onboard(person, language, age="14-17")
    intro = await person.click(say(language, "🌱 Find a mentor"))
    return await person.click(say(language, "Start"), intro)


async def start_application(mentor: MessengerPerson) -> ChatMessage:
    """Onboarded in Latvian as an adult, at the mentor application's first question."""
    await onboard(mentor, "lv", age="26plus")
    intro = await mentor.click(lv("🤝 Become a mentor"))
    return await mentor.click(lv("Start"), intro)


async def user_id(bot: RunningBot, person: MessengerPerson) -> int:
    async with uow_factory_of(bot)() as uow:
        user = await uow.users.find("messenger", person.psid)
        assert user is not None and user.id is not None
        return user.id


def application(mentor_id: int, name: str, language: str) -> MentorApplication:
    """An approved application, as a coordinator leaves it (approval has its own test here)."""
    return MentorApplication(
        user_id=mentor_id,
        display_name=name,
        age=30,
        languages=language,
        country="LV",
        region="riga",
        areas="money",
        capacity=1,
        introduction="Studēju sociālo darbu.",
        status="approved",
        submitted_at=datetime.now(UTC),
    )


async def approved(bot: RunningBot, mentor: MessengerPerson, name: str, language: str) -> None:
    mentor_id = await user_id(bot, mentor)
    async with uow_factory_of(bot)() as uow:
        uow.session.add(application(mentor_id, name, language))
        await uow.commit()


async def booked_in(
    bot: RunningBot, mentor: MessengerPerson, mentee: MessengerPerson, hours: int
) -> datetime:
    """Anna, approved, is paired with Jānis, who has booked a session at the library about
    `hours` from now (on the hour); its reminders are written as booking writes them. Its start."""
    mentor_id, mentee_id = await user_id(bot, mentor), await user_id(bot, mentee)
    now = utcnow()
    start = (now + timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)
    async with uow_factory_of(bot)() as uow:
        uow.session.add(application(mentor_id, "Anna", "en"))
        uow.session.add(
            MenteeRequest(
                user_id=mentee_id,
                display_name="Jānis",
                age_group="18-25",
                country="LV",
                region="riga",
                areas="money",
                languages="lv",
                meeting_format="either",
                free_times="evenings",
                status="matched",
                submitted_at=now,
                updated_at=now,
            )
        )
        pair = Pair(
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            status="active",
            started_at=now,
            planned_end_at=now + timedelta(days=180),
        )
        uow.pairs.add(pair)
        await uow.session.flush()
        assert pair.id is not None
        booking = MentoringSession(
            pair_id=pair.id,
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            tz="Europe/Riga",
            status="booked",
            place=PLACE,
        )
        uow.session.add(booking)
        await uow.session.flush()
        await reminders.schedule(uow, booking, now)
        await uow.commit()
    return start


@contextlib.asynccontextmanager
async def worker_at(
    bot: RunningBot, graph: GraphEmulator, moment: list[datetime]
) -> AsyncIterator[OutboxWorker]:
    """A second sender on the bot's database, Page and button key, with a clock of our own
    (for it and for its reading of the 24-hour window)."""
    async with uow_factory_of(bot)() as uow:
        key = await uow.secrets.get_or_create("buttons")
        await uow.commit()
    client = GraphClient(graph.base_url, graph.version, graph.page_token)
    sender = MessengerSender(client, ButtonCodec(key.encode()))
    delivery = MessengerDelivery(sender, clock=lambda: moment[0])
    try:
        yield OutboxWorker(
            uow_factory_of(bot),
            NoticeRouter([delivery], CATALOGUES),
            clock=lambda: moment[0],
            rate_limiter=bot.runtime.rate_limiter,
        )
    finally:
        await client.close()


async def reminder_to(bot: RunningBot, person: MessengerPerson) -> tuple[str, str | None]:
    """The status of the person's reminder (booked hours ahead, the hour-before one only), and
    why it is not sent, if so."""
    person_id = await user_id(bot, person)
    async with uow_factory_of(bot)() as uow:
        query = select(OutboxMessage).where(
            OutboxMessage.user_id == person_id, OutboxMessage.kind == "session_reminder"
        )
        row = (await uow.session.exec(query)).one()
        return row.status, row.last_error


async def away(bot: RunningBot, person: MessengerPerson, hours: float) -> None:
    """The person last wrote this many hours ago, for the Page and for the bot."""
    await person.away(hours)
    async with uow_factory_of(bot)() as uow:
        user = await uow.users.find("messenger", person.psid)
        assert user is not None and user.last_seen_at is not None
        user.last_seen_at = user.last_seen_at - timedelta(hours=hours)
        uow.session.add(user)
        await uow.commit()


def sent_to(graph: GraphEmulator, person: MessengerPerson) -> int:
    """How many Send API calls were made for the person, accepted or not."""
    calls = [call for call in graph.calls if call["path"] == "messages"]
    return sum(call["body"].get("recipient", {}).get("id") == person.psid for call in calls)


# --- hostile input -----------------------------------------------------------------------------


async def test_a_long_text_where_a_button_is_expected_gets_a_hint_and_loses_nothing(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    person = await new_person(page, "Ieva")
    await start_signup(person, "lv")
    await person.send("Ieva")
    await person.click(lv("Riga"))
    areas = await person.click(lv("Money skills"))
    assert "✅ " + lv("Money skills") in areas.text  # too long for a button: listed, ticked

    said = await answer_to(person, person.send("x" * 5000))
    assert texts(said) == [lv(HINT), areas.text]
    assert said[-1].labels == areas.labels
    # The tick is kept: Done goes on (with nothing ticked it would ask for a choice).
    languages = await person.click(lv("Done"))
    assert languages.text == lv("In which languages would you like to talk? Choose all that apply.")


async def test_markup_and_strange_characters_at_a_free_text_step(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    person = await new_person(page, "Ваня")
    question = await start_signup(person, "ru")
    no_letters = say("ru", "Please write a name with letters, not only emoji or numbers.")
    too_short = say("ru", "Please write a name of 2 to {limit} characters.").format(
        limit=NAME_LIMIT
    )
    odd = {
        "🙂🙂🙂": no_letters,
        "\u202e\u200f\u2066": too_short,  # direction marks are dropped: nothing is left
        "\u200b\u2060\u200b": no_letters,  # zero-width characters are no letters
        "\x1b\x07\x7f": too_short,  # control characters are dropped
    }
    for text, note in odd.items():
        said = await answer_to(person, person.send(text))
        assert texts(said) == [note, question.text], repr(text)

    # Markup is a name like any other, shown as written; hidden characters are dropped.
    regions = await person.send('<b>Ва\u202eня</b>\x07 & "Co" 🙂\u200f')
    assert regions.text == say("ru", "Where do you live?")
    again = await person.click(say("ru", "⬅️ Back"), regions)
    now = say("ru", "Now: {answer}").format(answer='<b>Ваня</b> & "Co" 🙂')
    assert again.text == f"{question.text}\n\n{now}"
    assert say("ru", "Next ➡️") in again.labels


async def test_a_typed_link_is_read_though_messenger_sends_it_with_a_preview(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    mentor = await new_person(page, "Anna")
    await onboard(mentor, "en", age="26plus")
    await approved(both_bot, mentor, "Anna", "en")
    overview = await mentor.click("🗓 My free times", await mentor.send("/menu"))
    where = await mentor.click("📍 Where we meet", overview)
    question = await mentor.click("💻 Online", where)
    assert question.text.startswith("Send the link to your video call")

    link = "https://meet.example.org/anna-ozola"
    said = await answer_to(mentor, mentor.send(link))
    assert texts(said)[0] == "Saved."
    assert f"Where you usually meet:\n💻 Online: {link}" in said[-1].text


async def test_unknown_commands_and_garbage_payloads_change_nothing(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    person, stranger = await new_person(page, "Kai"), await new_person(page, "Someone else")
    for someone in (person, stranger):
        await someone.get_started()
        await someone.click("English")
    consent = await person.last()
    # The same button at the same step, signed for someone else: it is not theirs to press.
    theirs = payload_of(await stranger.last(), "✅ I agree")
    said = await answer_to(person, person.press_payload(theirs))
    assert texts(said) == [EXPIRED, consent.text]

    said = await answer_to(person, person.send("/definitely_not_a_command with args"))
    assert texts(said) == [UNKNOWN, consent.text]
    garbage = {
        "": True,
        "💥" * 16: False,
        "x" * 1000: True,
        "consent:yes~1~AAAAAAAAAAAA": False,
        "GET_STARTED": True,  # Get Started is a postback, never a quick reply
    }
    for payload, quick_reply in garbage.items():
        said = await answer_to(person, person.press_payload(payload, quick_reply))
        assert texts(said) == [EXPIRED, consent.text], payload[:30]
        assert said[-1].labels == consent.labels
    country = await person.click("✅ I agree")
    assert country.text == "Where do you live?"


async def test_a_double_tap_on_a_quick_reply_counts_once(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    person = await new_person(page, "Rita")
    await start_signup(person, "en")
    await person.send("Rita")
    await person.click("Riga")
    await person.click("Money skills")
    languages = await person.click("Done")
    # Both taps leave the phone before the answer to the first arrives.
    before = len(await person.bot_messages())
    event = {"text": "English", "quick_reply": payload_of(languages, "English")}
    path = f"/sandbox/messenger/users/{person.psid}/events"
    await asyncio.gather(*(page.request("POST", path, json=event) for _ in range(2)))
    said = (await person.bot_messages())[before:]
    assert texts(said) == [languages.text, EXPIRED, languages.text]
    assert "✅ English" in said[-1].labels and "English" not in said[-1].labels
    meeting = await person.click("Done")
    assert meeting.text.startswith("How would you like to meet your mentor?")


@pytest.mark.parametrize("language", ["lv", "lt", "ru", "en"])
async def test_help_and_words_of_danger_mid_flow_bring_the_helplines_first(
    both_bot: RunningBot, page: SandboxClient, language: str
) -> None:
    person = await new_person(page, "Kim")
    question = await start_signup(person, language)

    # Words of danger where a name is asked: the helplines, then the same question.
    said = await answer_to(person, person.send(DANGER[language]))
    assert said[0].text.startswith(say(language, DANGER_OPENING))
    assert "112" in said[0].text and "116111" in said[0].text
    assert texts(said[1:]) == [question.text], "not taken as a name"

    # "Help" where a button is expected: the helplines, and Back to the same step.
    regions = await person.send("Kim")
    assert regions.text.startswith(say(language, "Where do you live?"))
    helplines = await person.send(HELP_WORDS[language])
    assert "112" in helplines.text and "116111" in helplines.text
    assert helplines.raw["kind"] == "template", "its Back stays under the numbers"
    again = await person.click(say(language, "⬅️ Back"), helplines)
    assert (again.text, again.labels) == (regions.text, regions.labels)
    name = await person.click(say(language, "⬅️ Back"), again)
    assert name.text.endswith(say(language, "Now: {answer}").format(answer="Kim"))


# --- a mentor's application --------------------------------------------------------------------


async def test_a_mentor_applies_in_latvian_with_a_typo_and_is_approved(
    coordinator_and_bot: tuple[ChatUser | MessengerPerson, RunningBot], page: SandboxClient
) -> None:
    admin, _bot = coordinator_and_bot
    await test_mixed_channels.start_coordinator(admin)
    mentor = await new_person(page, "Anna")
    await start_application(mentor)
    await mentor.send("Anna Ozola")
    typos = {
        "2o": lv("Please write your age as a number, for example 27."),
        "2": lv(
            "Mentors need to be at least {age} years old. If that was a typo, please write your "
            "age again."
        ).format(age=MENTOR_MIN_AGE),
    }
    for typo, note in typos.items():
        said = await answer_to(mentor, mentor.send(typo))
        assert texts(said) == [note, lv(AGE_QUESTION)], typo
        assert lv("Cancel") in said[-1].labels
    await mentor.send("27")
    await mentor.click("Latviešu")
    await mentor.click(lv("Done"))
    await mentor.click(lv("Riga"))
    await mentor.click(lv("Money skills"))
    await mentor.click(lv("Done"))
    await mentor.click("2")
    summary = await mentor.send("Studēju sociālo darbu un trenēju futbola komandu.")
    assert lv("Name: {name}").format(name="Anna Ozola") in summary.text  # kept through the typos
    assert lv("Age: {age}").format(age=27) in summary.text
    await mentor.click(lv("📨 Send application"), summary)

    notice = await admin.received(lambda m: m.text == "New mentor application from Anna Ozola.")
    review = await admin.click("👀 Review", notice)
    assert "Name: Anna Ozola" in review.text and "Age: 27" in review.text
    assert "Region: Riga (Latvia)" in review.text and "Mentees at a time: 2" in review.text
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)

    good_news = await mentor.received(lambda m: m.text == lv(APPROVED))
    free_times = await mentor.click(
        shown("lv", "🗓 Set my free times", "🗓 Set free times"), good_news
    )
    assert free_times.text.startswith(lv(FREE_TIMES))


async def test_back_on_a_middle_question_keeps_every_answer(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    mentor = await new_person(page, "Jānis")
    await start_application(mentor)
    await mentor.send("Jānis")
    await mentor.send("31")
    await mentor.click("Latviešu")
    await mentor.click("Русский")
    region = await mentor.click(lv("Done"))
    assert region.text == lv("Where can you meet in person?")

    languages = await mentor.click(lv("⬅️ Back"), region)
    assert {"✅ Latviešu", "✅ Русский"} <= set(languages.labels)
    age = await mentor.click(lv("⬅️ Back"), languages)
    assert age.text == "\n\n".join((lv(AGE_QUESTION), lv("Now: {answer}").format(answer=31)))
    languages = await mentor.click(lv("Next ➡️"), age)
    assert {"✅ Latviešu", "✅ Русский"} <= set(languages.labels)
    region = await mentor.click(lv("Done"), languages)
    assert region.text == lv("Where can you meet in person?")
    await mentor.click(lv("Riga"), region)
    await mentor.click(lv("Money skills"))
    await mentor.click(lv("Done"))
    await mentor.click("1")
    summary = await mentor.send("Esmu skolotājs un vadu pārgājienus jauniešiem.")
    assert lv("Name: {name}").format(name="Jānis") in summary.text
    assert lv("Age: {age}").format(age=31) in summary.text
    spoken = language_list(CATALOGUES.translator("lv"), ("lv", "ru"))
    assert lv("Languages: {languages}").format(languages=spoken) in summary.text


# --- a young person's sign-up ------------------------------------------------------------------


async def test_a_sign_up_edited_before_sending_reaches_the_coordinator(
    coordinator_and_bot: tuple[ChatUser | MessengerPerson, RunningBot], page: SandboxClient
) -> None:
    admin, _bot = coordinator_and_bot
    await test_mixed_channels.start_coordinator(admin)
    person = await new_person(page, "Ваня")
    await start_signup(person, "ru")
    await person.send("Ваня")
    await person.click(ru("Riga"))
    await person.click(ru("Friends and peers"))
    await person.click(ru("Done"))
    await person.click("Русский")
    await person.click(ru("Done"))
    await person.click(ru("Online"))
    await person.click(ru("Weekday evenings"))
    await person.click(ru("Done"))
    summary = await person.send("Хочу научиться планировать своё время.")
    assert ru("Meetings: {format}").format(format=ru("Online")) in summary.text

    fmt = await person.click(ru("✏️ {what}").format(what=ru("How to meet")), summary)
    assert fmt.text.startswith(ru("How would you like to meet your mentor?"))
    summary = await person.click(ru("In person"), fmt)
    assert ru("Meetings: {format}").format(format=ru("In person")) in summary.text
    assert ru("Name: {name}").format(name="Ваня") in summary.text  # the rest is kept
    menu = await person.click(ru("📨 Send"), summary)
    assert shown("ru", "🌱 My mentor request", "🌱 My request") in menu.labels

    notice = await admin.received(lambda m: "New mentee request" in m.text)
    assert notice.text == "New mentee request from Ваня (Riga)."
    assert "🧩 Match" in notice.labels
    assert [m for m in await admin.bot_messages() if "New mentee request" in m.text] == [notice]


async def test_cancel_asks_before_discarding_a_sign_up(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    person = await new_person(page, "Ona")
    await start_signup(person, "lt")
    await person.send("Ona")
    await person.click(lt("Riga"))
    areas = await person.click(lt("Friends and peers"))  # ticked, not yet Done
    ticked = "✅ " + lt("Friends and peers")

    asked = await person.click(lt("Cancel"), areas)
    assert asked.text == lt("Discard your answers? Nothing will be sent.")
    assert asked.labels == [lt("Yes, discard"), lt("No, go on")]
    areas = await person.click(lt("No, go on"), asked)
    assert areas.text.startswith(lt("What would you like help with? Choose all that apply."))
    assert ticked in areas.text or ticked in areas.labels

    # The question's buttons stay in the chat: an old "Yes" discards nothing.
    said = await answer_to(person, person.click(lt("Yes, discard"), asked))
    assert texts(said) == [lt(EXPIRED), areas.text]

    asked = await person.click(lt("Cancel"), said[-1])
    said = await answer_to(person, person.click(lt("Yes, discard"), asked))
    assert texts(said) == [lt("Cancelled. Nothing was sent."), lt("What would you like to do?")]
    assert lt("🌱 Find a mentor") in said[-1].labels  # no request was sent
    async with uow_factory_of(both_bot)() as uow:
        assert (await uow.session.exec(select(MenteeRequest))).all() == []
    intro = await person.click(lt("🌱 Find a mentor"), said[-1])
    question = await person.click(lt("Start"), intro)
    assert question.text == lt("Which name should your mentor see? Your first name is enough.")


# --- a long list, in pages ---------------------------------------------------------------------


async def test_the_day_off_picker_pages_through_every_day(
    both_bot: RunningBot, page: SandboxClient
) -> None:
    mentor = await new_person(page, "Jonas")
    await onboard(mentor, "lt", age="26plus")
    await approved(both_bot, mentor, "Jonas", "lt")
    menu = await mentor.send("/menu")
    overview = await mentor.click(shown("lt", "🗓 My free times", "🗓 Free times"), menu)
    pages = [await mentor.click(lt("🚫 Block a day"), overview)]
    more, previous, cancel = lt("More ▶️"), lt("◀️ Previous"), lt("Cancel")
    while more in pages[-1].labels and len(pages) < 5:  # three weeks take three pages
        pages.append(await mentor.click(more, pages[-1]))

    question = lt("Which day are you away? No one can book you that day.")
    for number, shown_page in enumerate(pages, start=1):
        assert choices_on(shown_page) <= QUICK_REPLIES
        heading = lt("{text}\n\n(page {page} of {pages})")
        assert shown_page.text == heading.format(text=question, page=number, pages=len(pages))
        assert cancel in shown_page.labels
        assert (previous in shown_page.labels) == (number > 1)
        assert (more in shown_page.labels) == (number < len(pages))
    # Every day of the next three weeks, each once, in order, in the mentor's language.
    days = [label for p in pages for label in p.labels if label not in (more, previous, cancel)]
    translator = CATALOGUES.translator("lt", "Europe/Riga")
    today = datetime.now(ZoneInfo("Europe/Riga")).date()
    assert days == [day_label(translator, today + timedelta(days=n)) for n in range(21)]

    back = await mentor.click(previous, pages[-1])
    assert (back.text, back.labels) == (pages[-2].text, pages[-2].labels)
    last_page = await mentor.click(more, back)
    said = await answer_to(mentor, mentor.click(days[-1], last_page))
    blocked = "Blocked. Sessions already booked that day stay booked: move or cancel them."
    assert texts(said)[0] == lt(blocked)
    assert f"{lt('Days off:')}\n• {days[-1]}" in said[-1].text


# --- reminders and the 24-hour window ---------------------------------------------------------


async def test_a_reminder_due_inside_the_window_arrives(
    both_bot: RunningBot, page: SandboxClient, graph: GraphEmulator
) -> None:
    mentor, mentee = await new_person(page, "Anna"), await new_person(page, "Jānis")
    await onboard(mentor, "en", age="26plus")
    await onboard(mentee, "lv")
    start = await booked_in(both_bot, mentor, mentee, hours=3)
    calls = len(graph.calls)

    moment = [start - timedelta(minutes=59)]  # both wrote an hour or two before
    async with worker_at(both_bot, graph, moment) as worker:
        await worker.drain_once()
    riga = CATALOGUES.translator("lv", "Europe/Riga")
    soon = lv("Soon: you meet {name} at {time}.").format(name="Anna", time=riga.time(start))
    reminder = await mentee.received(lambda m: m.text.startswith(soon))
    assert PLACE in reminder.text and reminder.labels == [lv("📋 My sessions")]
    assert await reminder_to(both_bot, mentee) == ("sent", None)
    assert await reminder_to(both_bot, mentor) == ("sent", None)
    news = [c["body"] for c in graph.calls[calls:] if c["path"] == "messages"]
    assert {body["messaging_type"] for body in news} == {"UPDATE"}

    # Its button is a template's: it stays, and opens the sessions.
    await mentee.send("/menu")
    sessions = await mentee.click(lv("📋 My sessions"), reminder)
    assert "Anna" in sessions.text and riga.time(start) in sessions.text


async def test_a_reminder_for_a_session_that_began_while_away_is_dropped(
    both_bot: RunningBot, page: SandboxClient, graph: GraphEmulator
) -> None:
    mentor, mentee = await new_person(page, "Anna"), await new_person(page, "Jānis")
    await onboard(mentor, "en", age="26plus")
    await onboard(mentee, "lv")
    start = await booked_in(both_bot, mentor, mentee, hours=3)
    await away(both_bot, mentee, hours=25)
    heard = len(await mentee.bot_messages())
    tried = sent_to(graph, mentee)

    moment = [start - timedelta(minutes=59)]
    async with worker_at(both_bot, graph, moment) as worker:
        await worker.drain_once()
        # The mentor, who wrote lately, is reminded; the young person is kept for their visit.
        await mentor.received(lambda m: m.text.startswith("Soon: you meet Jānis at"))
        assert await reminder_to(both_bot, mentee) == ("waiting", OUTSIDE)
        moment[0] = start + timedelta(minutes=1)  # the session has begun; they are still away
        await worker.drain_once()
        await housekeeping(uow_factory_of(both_bot), moment[0])
        assert await reminder_to(both_bot, mentee) == (
            "expired",
            "expired while waiting for the person",
        )

        # They come back: the menu, and nothing of the dropped reminder, now or later.
        menu = await mentee.send("/menu")
        moment[0] = utcnow()
        await worker.drain_once()
    assert texts((await mentee.bot_messages())[heard:]) == [menu.text]
    assert menu.text == lv("What would you like to do?")
    assert sent_to(graph, mentee) == tried + 1  # the menu only
    assert (await reminder_to(both_bot, mentee))[0] == "expired"
