"""The sandbox survives restarts: the same people, their chats, and ids that go on."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from sandbox import BotApiEmulator
from tests.e2e.conftest import TOKEN, settings_for, start_bot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import say


async def sandbox_run(state: Path, database_url: str):  # type: ignore[no-untyped-def]
    """An emulator with its state file and a bot on the database, as `scripts/run` starts them."""
    emulator = BotApiEmulator(TOKEN, Settings().sandbox.spec_path, state_path=state)
    await emulator.start()
    bot = await start_bot(settings_for(database_url), emulator.base_url, emulator)
    emulator.state.continue_after(*await bot.runtime.known_telegram_ids())
    return emulator, bot, SandboxClient(emulator.base_url)


async def stop(emulator, bot, client) -> None:  # type: ignore[no-untyped-def]
    await bot.stop()
    await client.close()
    await emulator.stop()
    assert emulator.rejected == []


async def test_restarting_twice_keeps_every_person_and_answers_at_once(
    tmp_path: Path, database_url: str
) -> None:
    state = tmp_path / "sandbox-state.json"
    emulator, bot, client = await sandbox_run(state, database_url)
    laura = await client.new_user("Laura", "lv")
    await laura.send("/start")
    privacy = await laura.click("English")
    await stop(emulator, bot, client)

    emulator, bot, client = await sandbox_run(state, database_url)
    laura = ChatUser(client, laura.id)
    users = await client.request("GET", "/sandbox/users")
    assert [user["first_name"] for user in users] == ["Laura"]
    kept = await laura.bot_messages()
    assert kept[-1].text == privacy.text, "the chat is there, as it was"
    country = await laura.click("✅ I agree", kept[-1])
    assert country.text == "Where do you live?", "the bot answers at once"
    newcomer = await client.new_user("Jonas", "lt")
    assert newcomer.id != laura.id
    welcome = await newcomer.send("/start")
    assert welcome.text.startswith("Labas, Jonai!"), "a new person, with an account of their own"
    await stop(emulator, bot, client)

    emulator, bot, client = await sandbox_run(state, database_url)
    laura, newcomer = ChatUser(client, laura.id), ChatUser(client, newcomer.id)
    age = await laura.click("🇱🇻 Latvia")
    assert age.text == "How old are you?"
    language = await newcomer.click("Lietuvių")
    assert say("lt", "Do you agree?") in language.text
    third = await client.new_user("Olga", "ru")
    assert third.id not in (laura.id, newcomer.id)
    await stop(emulator, bot, client)


async def test_without_the_state_file_the_database_keeps_ids_apart(
    tmp_path: Path, database_url: str
) -> None:
    emulator, bot, client = await sandbox_run(tmp_path / "first.json", database_url)
    first = await client.new_user("Laura", "lv")
    await first.send("/start")
    await stop(emulator, bot, client)

    # The state file is gone (another folder): people are new, but no id is handed out twice.
    emulator, bot, client = await sandbox_run(tmp_path / "second.json", database_url)
    someone = await client.new_user("Jonas", "lt")
    assert someone.id > first.id
    welcome = await someone.send("/start")
    assert welcome.text.startswith("Labas"), "their own new account, answered at once"
    await stop(emulator, bot, client)


async def test_a_restarted_page_gives_new_people_new_ids_and_hears_them(
    tmp_path: Path, database_url: str
) -> None:
    from sandbox import GraphEmulator
    from tests.e2e.messenger import new_person

    async def run() -> tuple[GraphEmulator, object, SandboxClient]:
        emulator = BotApiEmulator(TOKEN, Settings().sandbox.spec_path)
        await emulator.start()
        graph = GraphEmulator("sandbox-page-token", "sandbox-app-secret")
        await graph.start()
        bot = await start_bot(settings_for(database_url), emulator.base_url, emulator, graph)
        graph.continue_after(await bot.runtime.highest_user_id("messenger"))
        return graph, (emulator, bot), SandboxClient(graph.base_url)

    graph, (emulator, bot), page = await run()
    first = await new_person(page, "Ieva")
    await first.get_started()
    await bot.stop()
    await page.close()
    await graph.stop()
    await emulator.stop()

    graph, (emulator, bot), page = await run()
    second = await new_person(page, "Jonas")
    assert int(second.psid) > int(first.psid), "nobody inherits an earlier person's account"
    welcome = await second.get_started()  # a new message id: heard, not taken for a repeat
    assert welcome.labels
    await bot.stop()
    await page.close()
    await graph.stop()
    await emulator.stop()
