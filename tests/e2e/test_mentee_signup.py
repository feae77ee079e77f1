"""A young person signs up for a mentor in Russian; a coordinator, in English, is notified."""

from __future__ import annotations

from dialogs.i18n import Catalogues
from tests.e2e.harness import SandboxClient
from tests.e2e.test_mentor_application import onboard

RU = Catalogues().translator("ru").gettext


async def test_sign_up_edit_send_notify_and_see_status(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    person = await sandbox.new_user("Ваня", "ru")
    await onboard(person, "Русский", RU("✅ I agree"), RU("🇱🇻 Latvia"), "14–17")

    intro = await person.click(RU("🌱 Find a mentor"))
    await person.click(RU("Start"), intro)
    name = '<i>Ваня</i> & "Co"'
    await person.send(name)
    await person.click(RU("Riga"))
    await person.click(RU("Friends and peers"))
    await person.click(RU("Done"))
    await person.click("Русский")
    await person.click(RU("Done"))
    await person.click(RU("Online"))
    await person.click(RU("Weekday evenings"))
    await person.click(RU("Done"))
    summary = await person.send("Хочу научиться планировать своё время.")
    assert name in summary.text and RU("Online") in summary.text

    edit_format = RU("✏️ {what}").format(what=RU("How to meet"))
    await person.click(edit_format, summary)
    summary = await person.click(RU("In person"))
    assert RU("Meetings: {format}").format(format=RU("In person")) in summary.text
    menu = await person.click(RU("📨 Send"), summary)
    assert RU("🌱 My mentor request") in menu.labels

    notice = await admin.wait_for(lambda m: "New mentee request" in m.text)
    assert notice.text == f"New mentee request from {name} (Riga)."
    assert "&lt;i&gt;Ваня&lt;/i&gt; &amp;" in notice.raw["html"]
    assert notice.labels == ["🧩 Match"]

    status = await person.click(RU("🌱 My mentor request"), menu)
    assert RU("waiting for a mentor match") in status.text
    assert await admin.unanswered_callbacks() == []
    assert await person.unanswered_callbacks() == []
