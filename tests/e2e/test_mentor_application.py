"""A mentor applies in Latvian; a coordinator, in English, is notified and approves."""

from __future__ import annotations

from tests.e2e.harness import ChatUser, SandboxClient


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
    assert "Age: 24" in review.text and "Latviešu, Русский" in review.text
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)
    edited = {m.message_id: m for m in await admin.bot_messages()}[review.message_id]
    assert edited.text == "Approved. The applicant has been told."

    good_news = await applicant.wait_for(lambda m: m.text.startswith("Lab"))
    assert "mentor" in good_news.text.lower()
    assert await admin.unanswered_callbacks() == []
    assert await applicant.unanswered_callbacks() == []
