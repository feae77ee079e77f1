"""Roles are enforced where the data is: forged, foreign and outdated buttons do nothing."""

from __future__ import annotations

from bot.channels.buttons import ButtonCodec
from bot.cli import set_staff
from storage.database import create_session_factory
from storage.models import DialogState
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import onboard, sign_up
from tests.e2e.test_matching import apply_in_latvian
from tests.e2e.test_privacy import file_content

EXPIRED = "This button has expired. Here is where we are now:"


def uow_factory_of(bot: RunningBot) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(create_session_factory(bot.runtime.db))


async def forged(bot: RunningBot, user: ChatUser, action: str, sticky: bool) -> str:
    """A correctly signed button for this user's own chat, with an action they chose."""
    async with uow_factory_of(bot)() as uow:
        key = await uow.secrets.get_or_create("buttons")
        row = await uow.users.find("telegram", str(user.id))
        assert row is not None
        state = await uow.session.get(DialogState, row.id)
        version = None if sticky else state.version  # type: ignore[union-attr]
    return ButtonCodec(key.encode()).encode(user.id, action, version)


async def refused(user: ChatUser, payload: str) -> str:
    """Press the payload on the user's latest message; the text of everything said back."""
    before = len(await user.bot_messages())
    await user.press_data((await user.last()).message_id, payload)
    said = [m.text for m in (await user.bot_messages())[before:]]
    assert EXPIRED in said, said
    return " ".join(said)


async def test_forged_foreign_and_outdated_buttons_do_nothing(
    admin_and_bot, sandbox: SandboxClient
) -> None:
    admin, bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    mentor = await sandbox.new_user("Anna", "lv")
    await apply_in_latvian(mentor)
    notice = await admin.received(lambda m: "New mentor application" in m.text)
    person = await sandbox.new_user("Tom", "en")
    await onboard(person, "en", age="14-17")
    await sign_up(person, "en", "Tommy", "Plan my week")
    intruder = await sandbox.new_user("Eve", "en")
    await onboard(intruder, "en", age="18-25")

    # Another person's signed button, pressed in one's own chat.
    review_payload = notice.buttons[0][0]["callback_data"]
    await refused(intruder, review_payload)

    # Buttons signed for one's own chat, with actions only coordinators may take.
    async with uow_factory_of(bot)() as uow:
        mentor_id = (await uow.users.find("telegram", str(mentor.id))).id  # type: ignore[union-attr]
        person_id = (await uow.users.find("telegram", str(person.id))).id  # type: ignore[union-attr]
    for action, sticky in (
        (f"review:{mentor_id}", True),
        (f"match:{person_id}", True),
        ("pairing:1", True),
        ("rate:1:5", True),
        ("held:1", True),
        ("menu:applications", False),
        ("menu:matching", False),
        ("menu:guardians", False),
        ("figures:audit", False),
    ):
        said = await refused(intruder, await forged(bot, intruder, action, sticky))
        for secret in ("Anna", "Tommy", "Plan my week", "Studēju"):
            assert secret not in said, (action, said)
    async with uow_factory_of(bot)() as uow:
        application = await uow.applications.get(mentor_id)
        assert application is not None and application.status == "submitted"

    # A coordinator whose role was taken away keeps an old Review button: it opens nothing.
    helper = await sandbox.new_user("Helper", "en")
    await onboard(helper, "en", age="26plus")
    await admin.send(f"/grant_staff {helper.id}")
    assert "Done: they are now a coordinator." in [m.text for m in await admin.bot_messages()]
    second = await sandbox.new_user("Kārlis", "lv")
    await apply_in_latvian(second)
    kept = await helper.received(lambda m: "New mentor application" in m.text)
    assert await set_staff(uow_factory_of(bot), str(helper.id), "revoke-staff") == 0
    before = len(await helper.bot_messages())
    await helper.click("👀 Review", kept)
    said = " ".join(m.text for m in (await helper.bot_messages())[before:])
    assert EXPIRED in said and "Studēju" not in said

    # Coordinators' actions are in the audit log, by number, never by name.
    review = await admin.click("👀 Review", notice)
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)
    menu = await admin.send("/menu")
    figures = await admin.click("📊 Figures", menu)
    await admin.click("🧾 Coordinators' actions (CSV)", figures)
    document = await admin.received(lambda m: m.raw.get("document") is not None)
    assert document.raw["document"]["file_name"] == "audit-log.csv"
    csv = (await file_content(sandbox, document)).decode()
    assert csv.startswith("at_utc,actor,action,target,detail\n")
    assert "staff_granted" in csv and "mentor_approved" in csv and f",{mentor_id}," in csv
    assert "Anna" not in csv and "Helper" not in csv
