"""Write a broadcast's recipients into the outbox, a batch at a time.

Each batch is its own transaction: its outbox rows and the cursor past them are committed
together, and a recipient's row has a unique key. So a crash, or two workers at once, can
neither skip anyone nor write anyone twice, and a 100,000-person broadcast never holds the
database in one long transaction.
"""

from __future__ import annotations

from datetime import datetime

from bot.campaign.language import COUNTRY_LANGUAGE
from dialogs.engine import CONSENT_AGE
from dialogs.flows.onboarding import YOUNGEST_AGE
from dialogs.notice_payloads import BroadcastPost
from storage.broadcasts import CANCELLED, DONE, PAUSED, SCHEDULED, SENDING, Audience, Candidate
from storage.models import Broadcast, as_utc
from storage.unit_of_work import UnitOfWorkFactory

BATCH = 1000
# Age groups below each country's digital consent age: a guardian must have agreed.
GUARDIAN_NEEDED = [
    (country, group)
    for country, age in CONSENT_AGE.items()
    for group, youngest in YOUNGEST_AGE.items()
    if youngest < age
]


def version_for(
    texts: dict[str, str], fallback: bool, language: str, country: str | None
) -> str | None:
    """The version the person reads: their language's; else, where staff allow it, their
    country's or English; else none (they are skipped)."""
    wanted = [language]
    if fallback:
        wanted += [COUNTRY_LANGUAGE.get(country or "", ""), "en"]
    return next((code for code in wanted if code in texts), None)


def payload_for(broadcast: Broadcast, language: str, channel: str) -> BroadcastPost:
    """What the outbox row carries: rendered at delivery without reading the broadcast.

    A photo or video sent to the bot as a file is known by Telegram's file id, which only
    Telegram can send: readers on another channel get the words (a link reaches every app).
    """
    media = broadcast.media
    if media is not None and not media["url"].startswith(("http://", "https://")):
        media = media if channel == "telegram" else None
    button = broadcast.button
    if button is not None and button["kind"] == "link":
        labels = button["label"]
        label = labels.get(language) or labels.get("en") or next(iter(labels.values()))
        button = {"kind": "link", "url": button["url"], "label": label}
    assert broadcast.id is not None
    return BroadcastPost(
        broadcast=broadcast.id, text=broadcast.texts[language], media=media, button=button
    )


async def expand_due(uow_factory: UnitOfWorkFactory, now: datetime, batch: int = BATCH) -> int:
    """Start the broadcasts whose time has come and write out their recipients; how many rows."""
    async with uow_factory() as uow:
        due = [b.id for b in await uow.broadcasts.due(now) if b.id is not None]
    written = 0
    for broadcast_id in due:
        written += await expand(uow_factory, broadcast_id, now, batch)
    async with uow_factory() as uow:  # those with nothing left to send are done
        await uow.broadcasts.finish()
        await uow.commit()
    return written


async def expand(
    uow_factory: UnitOfWorkFactory, broadcast_id: int, now: datetime, batch: int = BATCH
) -> int:
    written = 0
    while True:
        async with uow_factory() as uow:
            broadcast = await uow.broadcasts.get(broadcast_id)
            if broadcast is None or broadcast.status in (CANCELLED, DONE, PAUSED):
                return written
            if broadcast.status == SCHEDULED:
                broadcast.status = SENDING
            if broadcast.expanded_at is not None:
                await uow.commit()
                return written
            audience = Audience.from_json(broadcast.audience)
            people = await uow.broadcasts.candidates(
                audience, broadcast.cursor, batch, GUARDIAN_NEEDED
            )
            if not people:
                broadcast.expanded_at = as_utc(now)
                uow.session.add(broadcast)
                await uow.commit()
                return written
            payloads, no_version, not_agreed = _split(broadcast, people)
            if not await uow.broadcasts.write_batch(
                broadcast, payloads, people[-1].user_id, no_version, not_agreed, now
            ):
                continue  # another worker wrote this batch (undone on leaving): go on after it
            await uow.commit()
            written += len(payloads)


def _split(
    broadcast: Broadcast, people: list[Candidate]
) -> tuple[dict[int, BroadcastPost], int, int]:
    payloads: dict[int, BroadcastPost] = {}
    no_version = not_agreed = 0
    for person in people:
        if not person.agreed:
            not_agreed += 1
            continue
        language = version_for(broadcast.texts, broadcast.fallback, person.language, person.country)
        if language is None:
            no_version += 1
            continue
        payloads[person.user_id] = payload_for(broadcast, language, person.channel)
    return payloads, no_version, not_agreed
