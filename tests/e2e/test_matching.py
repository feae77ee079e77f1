"""A coordinator matches a young person (English) with a mentor (Latvian) from the notice."""

from __future__ import annotations

from dialogs.i18n import Catalogues
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.test_mentor_application import onboard

LV = Catalogues().translator("lv").gettext


async def apply_in_latvian(mentor: ChatUser, name: str = "Anna") -> None:
    await onboard(mentor, "Latviešu", "✅ Piekrītu", "🇱🇻 Latvija", "18–25")
    menu = await mentor.last()
    intro = await mentor.click(next(label for label in menu.labels if label.startswith("🤝")))
    await mentor.click(intro.labels[0])  # start
    await mentor.send(name)
    await mentor.send("24")
    await mentor.click("Latviešu")
    await mentor.click("English")
    await mentor.click((await mentor.last()).labels[-2])  # done
    await mentor.click("Rīga")
    areas = await mentor.last()
    await mentor.click(areas.labels[6])  # money skills
    await mentor.click(areas.labels[-2])  # done
    await mentor.click("2")
    summary = await mentor.send("Studēju sociālo darbu un trenēju futbola komandu.")
    await mentor.click(summary.labels[-2])  # send


async def ask_for_a_mentor(person: ChatUser, name: str, hopes: str) -> None:
    await onboard(person, "English", "✅ I agree", "🇱🇻 Latvia", "14–17")
    intro = await person.click("🌱 Find a mentor")
    await person.click("Start", intro)
    await person.send(name)
    await person.click("Riga")
    await person.click("Money skills")
    await person.click("Done")
    await person.click("English")
    await person.click("Done")
    await person.click("Online")
    await person.click("Weekends")
    await person.click("Done")
    summary = await person.send(hopes)
    await person.click("📨 Send", summary)


async def test_match_from_the_notice_and_introduce_both(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    mentor = await sandbox.new_user("Anna", "lv")
    await apply_in_latvian(mentor)
    application = await admin.wait_for(lambda m: "New mentor application" in m.text)
    review = await admin.click("👀 Review", application)
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)

    bystander = await sandbox.new_user("Zane", "en")
    await ask_for_a_mentor(bystander, "Zane", "Zane's own hopes.")
    await admin.wait_for(lambda m: "New mentee request from Zane" in m.text)
    person = await sandbox.new_user("Tom", "en")
    await ask_for_a_mentor(person, "Tom", "To plan my week.")
    notice = await admin.wait_for(lambda m: "New mentee request from Tom" in m.text)

    request = await admin.click("🧩 Match", notice)
    assert "Name: Tom" in request.text and "Zane" not in request.text
    assert "1. Anna\n• speaks English\n• 1 area of help in common" in request.text
    confirm = await admin.click("Pair with Anna", request)
    assert confirm.text.startswith("Pair Tom with Anna?")
    await admin.click("6 months", confirm)
    said = [m.text for m in await admin.bot_messages()]
    assert "Paired. Both have been introduced to each other." in said

    intro = await person.wait_for(lambda m: m.text.startswith("Good news: you have a mentor!"))
    assert "Meet Anna." in intro.text and "Studēju sociālo darbu" in intro.text
    assert "Languages: Latvian, English" in intro.text
    heading = LV("You have a new mentee: {name}. Here is what they told us:").format(name="Tom")
    news = await mentor.wait_for(lambda m: m.text.startswith(heading))
    assert "To plan my week." in news.text
    assert LV("Money skills") in news.text and "Money skills" not in news.text  # not English

    # Each learns of the other only: nothing of the bystander or of the coordinator.
    for user in (mentor, person):
        texts = " ".join(m.text for m in await user.bot_messages())
        assert "Zane" not in texts and "Coordinator" not in texts
    for user in (admin, mentor, person, bystander):
        assert await user.unanswered_callbacks() == []
