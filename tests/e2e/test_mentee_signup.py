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
    assert notice.labels == ["🧩 Match", "💬 Write to them"]

    status = await person.click(RU("🌱 My mentor request"), menu)
    assert RU("waiting for a mentor match") in status.text
    assert await admin.unanswered_callbacks() == []
    assert await person.unanswered_callbacks() == []


async def test_cancel_after_some_answers_asks_no_keeps_them_yes_discards(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "English", "✅ I agree", "🇱🇻 Latvia", "26 or older")
    person = await sandbox.new_user("Оля", "ru")
    await onboard(person, "Русский", RU("✅ I agree"), RU("🇱🇻 Latvia"), "14–17")
    intro = await person.click(RU("🌱 Find a mentor"))
    await person.click(RU("Start"), intro)
    await person.send("Оля")
    await person.click(RU("Riga"))
    areas = await person.click(RU("Friends and peers"))  # ticked, not yet Done

    asked = await person.click(RU("Cancel"), areas)
    assert asked.text == RU("Discard your answers? Nothing will be sent.")
    assert asked.labels == [RU("Yes, discard"), RU("No, go on")]
    areas = await person.click(RU("No, go on"), asked)
    assert areas.text == RU("What would you like help with? Choose all that apply.")
    assert "✅ " + RU("Friends and peers") in areas.labels
    await person.click(RU("Done"), areas)
    await person.click("Русский")
    await person.click(RU("Done"))
    await person.click(RU("Online"))
    await person.click(RU("Weekends"))
    await person.click(RU("Done"))
    summary = await person.send("Хочу больше верить в себя.")
    assert RU("Name: {name}").format(name="Оля") in summary.text
    region = RU("Region: {region}").format(region=f"{RU('Riga')} ({RU('Latvia')})")
    assert region in summary.text
    assert RU("Help with: {areas}").format(areas=RU("Friends and peers")) in summary.text

    asked = await person.click(RU("Cancel"), summary)
    assert asked.text == RU("Discard your answers? Nothing will be sent.")
    menu = await person.click(RU("Yes, discard"), asked)
    assert RU("Cancelled. Nothing was sent.") in [m.text for m in await person.bot_messages()]
    assert menu.text == RU("What would you like to do?")
    assert RU("🌱 Find a mentor") in menu.labels  # no request was sent
    intro = await person.click(RU("🌱 Find a mentor"), menu)
    name_question = await person.click(RU("Start"), intro)
    assert name_question.text == RU("Which name should your mentor see? Your first name is enough.")
    assert not any("New mentee request" in m.text for m in await admin.bot_messages())
    assert await person.unanswered_callbacks() == []
