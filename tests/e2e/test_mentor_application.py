"""A mentor applies in Latvian; a coordinator, in English, is notified and approves."""

from __future__ import annotations

from tests.e2e import people
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import say


async def onboard(user: ChatUser, language: str, agree: str, country: str, age: str) -> None:
    await user.send("/start")
    await user.click(language)
    await user.click(agree)
    await user.click(country)
    await user.click(age)


async def test_apply_notify_review_approve(admin_and_bot, sandbox: SandboxClient) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    applicant = await sandbox.new_user("Anna", "lv")
    await onboard(applicant, "Latviešu", "✅ Piekrītu", "🇱🇻 Latvija", "18–25")

    menu = await applicant.last()
    intro = await applicant.click(next(label for label in menu.labels if label.startswith("🤝")))
    await applicant.click(intro.labels[0])  # start
    await applicant.send('<b>Anna</b> & "Co"')
    await applicant.send("24")
    await applicant.click("Latviešu")
    await applicant.click("Русский")
    languages = await applicant.last()
    assert "✅ Latviešu" in languages.labels and "✅ Русский" in languages.labels
    await applicant.click(languages.labels[-2])  # done
    await applicant.click("Rīga")
    areas = await applicant.last()
    await applicant.click(areas.labels[6])  # money skills
    await applicant.click(areas.labels[-2])  # done
    await applicant.click("2")
    summary = await applicant.send("Studēju sociālo darbu un trenēju jauniešu futbola komandu.")
    assert '<b>Anna</b> & "Co"' in summary.text
    sent = await applicant.click(summary.labels[-2])  # send
    assert sent.text  # back at the menu, in Latvian

    notice = await admin.wait_for(lambda m: "New mentor application" in m.text)
    assert notice.text == 'New mentor application from <b>Anna</b> & "Co".'
    assert "&lt;b&gt;Anna&lt;/b&gt;" in notice.raw["html"]
    review = await admin.click("👀 Review", notice)
    assert "Age: 24" in review.text and "Languages: Latvian, Russian" in review.text
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)
    edited = {m.message_id: m for m in await admin.bot_messages()}[review.message_id]
    assert edited.text == "Approved. The applicant has been told."

    good_news = await applicant.wait_for(lambda m: m.text.startswith("Lab"))
    assert "mentor" in good_news.text.lower()
    assert await admin.unanswered_callbacks() == []
    assert await applicant.unanswered_callbacks() == []


# --- forms that forgive ----------------------------------------------------------------------

AGE_QUESTION = "How old are you? Please write it as a number."


def lv(message: str) -> str:
    return say("lv", message)


async def start_in_latvian(mentor: ChatUser) -> None:
    await people.onboard(mentor, "lv", age="26plus")
    menu = await mentor.send("/menu")
    intro = await mentor.click(lv("🤝 Become a mentor"), menu)
    await mentor.click(lv("Start"), intro)


async def test_a_typo_at_the_age_asks_again_and_keeps_every_answer(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    mentor = await sandbox.new_user("Anna", "lv")
    await start_in_latvian(mentor)
    await mentor.send("Anna Ozola")
    typos = {
        "2o": lv("Please write your age as a number, for example 27."),
        "150": lv("{number} cannot be an age. Please check it and write your age again.").format(
            number=150
        ),
        "2": lv(
            "Mentors need to be at least {age} years old. If that was a typo, please write your "
            "age again."
        ).format(age=20),
    }
    for typo, note in typos.items():
        question = await mentor.send(typo)
        said = [m.text for m in (await mentor.bot_messages())[-2:]]
        assert said == [note, lv(AGE_QUESTION)], typo
        assert lv("Cancel") in question.labels
    await mentor.send("27")
    await mentor.click("Latviešu")
    await mentor.click(lv("Done"))
    await mentor.click(lv("Riga"))
    await mentor.click(lv("Money skills"))
    await mentor.click(lv("Done"))
    await mentor.click("2")
    summary = await mentor.send("Studēju sociālo darbu un trenēju futbola komandu.")
    assert lv("Name: {name}").format(name="Anna Ozola") in summary.text
    assert lv("Age: {age}").format(age=27) in summary.text
    await mentor.click(lv("📨 Send application"), summary)

    notice = await admin.wait_for(lambda m: "New mentor application" in m.text)
    review = await admin.click("👀 Review", notice)
    assert "Name: Anna Ozola" in review.text and "Age: 27" in review.text
    assert "Region: Riga (Latvia)" in review.text and "Mentees at a time: 2" in review.text
    assert await mentor.unanswered_callbacks() == []


async def test_back_on_a_middle_question_keeps_the_earlier_answer(
    running_bot, sandbox: SandboxClient
) -> None:
    mentor = await sandbox.new_user("Jānis", "lv")
    await start_in_latvian(mentor)
    await mentor.send("Jānis")
    await mentor.send("31")
    await mentor.click("Latviešu")
    await mentor.click("Русский")
    region = await mentor.click(lv("Done"))
    assert region.text == lv("Where can you meet in person?")

    languages = await mentor.click(lv("⬅️ Back"), region)
    assert languages.message_id == region.message_id  # the question turns into the one before
    assert "✅ Latviešu" in languages.labels and "✅ Русский" in languages.labels
    age = await mentor.click(lv("⬅️ Back"), languages)
    assert age.text == "\n\n".join((lv(AGE_QUESTION), lv("Now: {answer}").format(answer=31)))
    languages = await mentor.click(lv("Next ➡️"), age)
    assert "✅ Latviešu" in languages.labels and "✅ Русский" in languages.labels
    region = await mentor.click(lv("Done"), languages)
    assert region.text == lv("Where can you meet in person?")
    await mentor.click(lv("Riga"), region)
    await mentor.click(lv("Money skills"))
    await mentor.click(lv("Done"))
    await mentor.click("1")
    summary = await mentor.send("Esmu skolotājs un vadu pārgājienus jauniešiem.")
    assert lv("Age: {age}").format(age=31) in summary.text
    assert lv("Name: {name}").format(name="Jānis") in summary.text
    assert await mentor.unanswered_callbacks() == []
