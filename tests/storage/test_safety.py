"""Alerts to coordinators about words of danger: once an hour per person, and only if wanted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.services.conversation import ConversationService, Incoming
from dialogs.conversation import build_engine
from dialogs.events import CommandEvent, TextEvent
from dialogs.i18n import Catalogues
from storage.outbox import OutboxMessage

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
ADMIN = 9001  # a coordinator's Telegram id


async def alerts(uow_factory) -> list[str]:  # type: ignore[no-untyped-def]
    """The payloads of the alerts written so far."""
    async with uow_factory() as uow:
        query = select(OutboxMessage.payload).where(OutboxMessage.kind == "staff_concern")
        return list((await uow.session.exec(query)).all())


async def service_at(uow_factory, moment: list[datetime], alerts_on: bool = True):  # type: ignore[no-untyped-def]
    service = ConversationService(
        uow_factory,
        build_engine(),
        Catalogues(),
        admin_ids=[ADMIN],
        clock=lambda: moment[0],
        distress_alerts=alerts_on,
    )
    # The coordinator has written to the bot, so the bot knows where to reach them.
    await service.handle(Incoming("telegram", str(ADMIN), CommandEvent("start"), None, "en"))
    return service


async def test_an_alert_an_hour_at_most_with_no_words_in_it(uow_factory) -> None:
    moment = [NOW]
    service = await service_at(uow_factory, moment)
    said = "nobody would care if i killed myself"
    for _ in range(3):
        handled = await service.handle(Incoming("telegram", "5", TextEvent(said), None, "en"))
        assert "116111" in handled.replies[0].text
    moment[0] = NOW + timedelta(hours=1)
    await service.handle(Incoming("telegram", "5", TextEvent(said), None, "en"))
    written = await alerts(uow_factory)
    assert len(written) == 2
    assert all("killed" not in payload for payload in written)
    assert '"concern": "self_harm"' in written[0]


async def test_no_alert_when_alerts_are_off(uow_factory) -> None:
    service = await service_at(uow_factory, [NOW], alerts_on=False)
    handled = await service.handle(
        Incoming("telegram", "5", TextEvent("tētis mani sit katru vakaru"), None, "lv")
    )
    assert "116111" in handled.replies[0].text
    assert await alerts(uow_factory) == []


async def test_a_first_message_of_danger_gets_help_before_any_welcome(uow_factory) -> None:
    service = await service_at(uow_factory, [NOW])
    handled = await service.handle(Incoming("telegram", "6", TextEvent("хочу умереть"), None, "ru"))
    assert "112" in handled.replies[0].text
    assert len(await alerts(uow_factory)) == 1
