"""Hostile and odd input gets a clear answer; nothing the bot sends is refused by the API."""

from __future__ import annotations

from dialogs.i18n import Catalogues
from tests.e2e.harness import SandboxClient

T = Catalogues().translator


async def test_hostile_input_gets_clear_answers(
    running_bot, emulator, sandbox: SandboxClient
) -> None:
    name = '<b>Ann</b> & "Co" <script>'
    user = await sandbox.new_user(name, "en")
    welcome = await user.send("/start")
    # The name is shown as written, never interpreted as markup.
    assert welcome.text.startswith(f"Hi, {name}!")
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp;" in welcome.raw["html"]

    # 5,000 characters where a button is expected: a clear hint and the same step again.
    answer = await user.send("x" * 5000)
    assert answer.text.startswith("Which language shall we speak?") or "Hi," in answer.text
    notes = [m.text for m in await user.bot_messages()]
    assert (
        "Please choose one of the buttons below. If you need help right now, write “help”." in notes
    )

    # A forged button, and one for another chat, are refused politely.
    forged = await user.press_data(welcome.message_id, "consent:yes~1~AAAAAAAAAAAA")
    assert "Which language shall we speak?" in forged.text
    assert "This button has expired. Here is where we are now:" in [
        m.text for m in await user.bot_messages()
    ]
    garbage = await user.press_data(welcome.message_id, "💥" * 16)
    assert "Which language shall we speak?" in garbage.text

    # Unknown commands.
    await user.send("/definitely_not_a_command with args")
    texts = [m.text for m in await user.bot_messages()]
    assert "I don't know that command. Here are the ones I know: /help" in texts

    # Markup-like text is not echoed back as markup; the conversation still works.
    await user.send("<i>hi</i> & </b>")
    latest = await user.last()
    privacy = await user.click("English", latest)
    assert "Do you agree?" in privacy.text
    assert await user.unanswered_callbacks() == []
    assert emulator.rejected == []


async def test_stale_button_after_moving_on(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Kai", "en")
    welcome = await user.send("/start")
    await user.click("English", welcome)  # the welcome message becomes the privacy screen
    privacy = await user.last()
    await user.click("✅ I agree", privacy)
    # The same privacy message was edited into the next screen; press an old payload again.
    old_payload = privacy.buttons[0][0]["callback_data"]
    after = await user.press_data(privacy.message_id, old_payload)
    assert after.text == "Where do you live?"
    assert "This button has expired. Here is where we are now:" in [
        m.text for m in await user.bot_messages()
    ]


async def test_double_tap_is_harmless(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Rita", "en")
    welcome = await user.send("/start")
    payload = next(
        button["callback_data"]
        for row in welcome.buttons
        for button in row
        if button["text"] == "English"
    )
    await user.press_data(welcome.message_id, payload)
    second = await user.press_data(welcome.message_id, payload)
    assert "Do you agree?" in second.text
    assert await user.unanswered_callbacks() == []


async def test_sticker_or_contact_gets_a_hint(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Ola", "en")
    await user.send("/start")
    await user.send_payload({"contact": {"phone_number": "+37100000000", "first_name": "Ola"}})
    texts = [m.text for m in await user.bot_messages()]
    assert "I can only read text messages and button presses." in texts


async def test_blocked_user_is_sent_nothing(running_bot, emulator, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Mia", "en")
    await user.send("/start")
    await user.block(True)
    await user.block(False)
    menu = await user.send("/menu")
    assert menu.text == "What would you like to do?"
    assert emulator.rejected == []


async def test_internal_failure_gets_an_apology(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Mārtiņš", "lv")
    await user.send("/start")
    async with running_bot.runtime.db.begin() as connection:  # break the storage underneath
        await connection.exec_driver_sql("DROP TABLE dialog_states")
    apology = await user.send("/help")
    assert apology.text == T("lv").gettext(
        "Sorry, something went wrong on my side. Please try again in a moment."
    )
    assert apology.text.startswith("Atvaino")


async def test_only_the_current_screen_has_buttons(running_bot, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Uma", "en")
    welcome = await user.send("/start")
    await user.send("hello?")  # the note and the same screen again, as a new message
    messages = await user.bot_messages()
    assert messages[-1].labels and messages[-1].message_id != welcome.message_id
    screens = [m for m in messages if m.buttons]
    assert [m.message_id for m in screens] == [messages[-1].message_id]
