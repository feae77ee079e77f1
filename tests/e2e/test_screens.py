"""A press on a message that is no longer the last one is answered at the bottom of the chat."""

from __future__ import annotations

from tests.e2e.harness import SandboxClient
from tests.e2e.people import onboard, sign_up


async def test_a_press_above_newer_messages_answers_below(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    menu = await admin.send("/menu")
    person = await sandbox.new_user("Ona", "lt")
    await onboard(person, "lt", country="LT", age="14-17")
    await sign_up(person, "lt", "Ona", "Noriu draugų")
    notice = await admin.received(lambda m: "New mentee request from Ona" in m.text)
    assert notice.message_id > menu.message_id

    requests = await admin.click("🧩 Match mentees", menu)
    assert requests.message_id > notice.message_id, "the answer comes below the notice"
    assert requests.text.startswith("1 young person is waiting for a mentor")
    old = next(m for m in await admin.bot_messages() if m.message_id == menu.message_id)
    assert old.text == menu.text and old.labels == [], "the old menu keeps its words, not buttons"

    # The newest message is edited in place, as before.
    back = await admin.click("⬅️ Back", requests)
    assert back.message_id == requests.message_id and back.edited
