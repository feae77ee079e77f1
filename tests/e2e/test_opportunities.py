"""Opportunities from the sample content, as a young person and a coordinator meet them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.campaign.content import parse
from bot.campaign.library import SAMPLE
from storage.models import as_utc
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.messenger import new_person
from tests.e2e.people import onboard, say
from tests.e2e.test_journey import drain_at
from tests.e2e.test_messenger import onboard as onboard_on_messenger
from tests.e2e.test_privacy import uow_factory_of
from tests.e2e.test_reminders import worker_at

OPPORTUNITIES = {
    item.slug: item
    for item in parse((SAMPLE / "opportunities.yaml").read_text(encoding="utf-8")).opportunities
}
KONTAKTS = OPPORTUNITIES["kontakts"]


async def open_list(user: ChatUser, language: str):  # type: ignore[no-untyped-def]
    menu = await user.send("/menu")
    return await user.click(say(language, "🌟 Opportunities"), menu)


async def test_a_young_person_in_latvia_finds_kontakts(
    admin_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient
) -> None:
    admin, bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    person = await sandbox.new_user("Marta", "lv")
    await onboard(person, "lv", country="LV", age="14-17")
    listing = await open_list(person, "lv")
    assert KONTAKTS.title["lv"] in listing.labels
    assert OPPORTUNITIES["active-citizens"].title["lv"] not in listing.labels  # Lithuania's

    detail = await person.click(KONTAKTS.title["lv"], listing)
    assert KONTAKTS.text["lv"] in detail.text
    # The deadline in the person's zone, as a Latvian sentence says "when".
    assert "2027. gada 31. janvārī plkst. 23:59" in detail.text

    # "I'm interested": a team is needed, so the person is asked first.
    team = await person.click(say("lv", "🙋 I'm interested"), detail)
    assert "3 jaunieši" in team.text  # a team of three, and an adult
    after = await person.click(say("lv", "✅ Yes, we have a team"), team)
    assert say("lv", "✅ You said you are interested: the organisers will get in touch here.") in (
        after.text
    )

    # The coordinators hear of it, with a button to write to the person through the bot.
    interested = await admin.received(lambda m: m.text.startswith("🙋 A young person (no. "))
    assert KONTAKTS.title["en"] in interested.text and "💬 Write to them" in interested.labels

    # The contact for the person's region.
    regions = await person.click(say("lv", "📍 Contact in my region"), after)
    await person.click(say("lv", "Kurzeme"), regions)
    kurzeme = next(c for c in KONTAKTS.contacts if c["region"] == "kurzeme")
    assert kurzeme["text"]["lv"] in [m.text.split("\n", 1)[-1] for m in await person.bot_messages()]

    # A question typed on the screen is passed on, never lost.
    await person.send("Kā pieteikties, ja mums nav skolotāja?")
    said = [m.text for m in await person.bot_messages()]
    assert (
        say("lv", "Passed on to the coordinators, with your question: they will answer you here.")
        in said
    )
    asked = await admin.received(lambda m: "Kā pieteikties, ja mums nav skolotāja?" in m.text)
    assert "Region: Kurzeme" in asked.text

    # A reminder three days before the deadline, through the outbox.
    detail = await person.last()
    await person.click(say("lv", "⏰ Remind me 3 days before"), detail)
    said = [m.text for m in await person.bot_messages()]
    assert say("lv", "Done: I will remind you three days before the deadline.") in said
    assert KONTAKTS.deadline is not None
    clock = [as_utc(KONTAKTS.deadline) - timedelta(days=3, minutes=-1)]
    await drain_at(await worker_at(bot, clock), clock, clock[0])
    reminder = await person.received(
        lambda m: m.text.startswith(say("lv", "⏰ A reminder about “{title}”:").split("{")[0])
    )
    opened = await person.click(say("lv", "👀 Open it"), reminder)
    assert KONTAKTS.text["lv"] in opened.text

    # The coordinator sees who is interested, and gets the list as a file.
    listing = await open_list(admin, "en")
    detail = await admin.click(KONTAKTS.title["en"], listing)
    assert "👥 1 person is interested." in detail.text
    await admin.click("📋 Who is interested (CSV)", detail)
    document = next(m for m in reversed(await admin.bot_messages()) if m.raw.get("document"))
    assert document.raw["document"]["file_name"] == "interest-kontakts.csv"
    async with uow_factory_of(bot)() as uow:
        kontakts = await uow.campaign.opportunity("kontakts")
        assert kontakts is not None and kontakts.id is not None
        regions = [row.region for row in await uow.campaign.interested(kontakts.id)]
    assert regions == ["kurzeme"]


@pytest.mark.usefixtures("both_bot")
async def test_opportunities_on_messenger(page: SandboxClient) -> None:
    person = await new_person(page, "Jonas")
    await onboard_on_messenger(person, "lt")  # in Latvia, 18–25
    menu = await person.send("/menu")
    listing = await person.click(say("lt", "🌟 Opportunities"), menu)
    # Long titles are listed in the text under numbers, and tapped by their number.
    assert KONTAKTS.title["lt"] in listing.text
    detail = await person.click(KONTAKTS.title["lt"], listing)
    assert KONTAKTS.text["lt"] in detail.text
    await person.click(say("lt", "⏰ Remind me"), detail)  # the short label
    messenger_note = say(
        "lt",
        "Done. Here I can only write to you within a day of your last message, so the reminder "
        "may wait until you next write to me. On Telegram it would come on time.",
    )
    note = next(m for m in await person.bot_messages() if m.text == messenger_note)
    assert say("lt", "📲 Telegram") in note.labels
