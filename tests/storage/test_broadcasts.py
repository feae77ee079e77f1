"""Broadcasts reach exactly their audience: written into the outbox in batches that survive a
crash and two workers at once, held and released by pause and resume, and reported on."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from bot.broadcasts import control
from bot.broadcasts.expand import expand, expand_due
from bot.broadcasts.post import Post, parse_audience, parse_post
from bot.broadcasts.progress import tell_composers
from bot.campaign.content import ContentError
from bot.cli import parser, run
from bot.config import Settings
from storage.broadcasts import DONE, PAUSED, SENDING, Audience
from storage.models import Subscription, User
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
POST = Post(texts={"lv": "Sveiki!", "en": "Hello!"}, fallback=False)
EVERYONE = Audience()


async def person(
    uow: UnitOfWork,
    key: str,
    language: str = "lv",
    country: str = "LV",
    age: str = "18-25",
    news: bool = True,
) -> User:
    user = await uow.users.get_or_create("telegram", key, language)
    user.country, user.age_group, user.consent_at = country, age, NOW
    uow.session.add(user)
    await uow.session.flush()
    assert user.id is not None
    if news:
        uow.session.add(Subscription(user_id=user.id, kind="stories", topic="", at=NOW))
    return user


async def population(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    """Who is who: those the broadcast should reach, and each who should not."""
    async with uow_factory() as uow:
        people = {
            "lv1": await person(uow, "1"),
            "lv2": await person(uow, "2"),
            "en": await person(uow, "3", language="en", country="LT"),
            "ru": await person(uow, "4", language="ru"),  # no Russian version, no fallback
            "stopped": await person(uow, "5", news=False),  # never asked, or wrote /stop
            # Lithuania's digital consent age is 14: without a guardian's agreement, no posts.
            "lt13": await person(uow, "6", language="en", country="LT", age="13"),
            "blocked": await person(uow, "7"),
            "lv3": await person(uow, "8"),
        }
        people["blocked"].blocked_at = NOW
        erased = await person(uow, "9")
        erased.erased_at, erased.consent_at = NOW, None
        uow.session.add_all([people["blocked"], erased])
        await uow.commit()
        return {name: user.id or 0 for name, user in people.items()}


async def rows(uow_factory: UnitOfWorkFactory, broadcast_id: int) -> list[OutboxMessage]:
    async with uow_factory() as uow:
        query = select(OutboxMessage).where(col(OutboxMessage.broadcast_id) == broadcast_id)
        found = list((await uow.session.exec(query)).all())
        uow.session.expunge_all()  # read after the unit of work ends
        return found


async def new_broadcast(
    uow_factory: UnitOfWorkFactory, audience: Audience = EVERYONE, post: Post = POST
) -> int:
    async with uow_factory() as uow:
        made = await control.create(uow, post, audience, NOW, NOW)
        await uow.commit()
        assert made.id is not None
        return made.id


async def test_exactly_the_audience_once_in_small_batches(uow_factory: UnitOfWorkFactory) -> None:
    people = await population(uow_factory)
    broadcast_id = await new_broadcast(uow_factory)
    assert await expand_due(uow_factory, NOW, batch=2) == 5
    written = await rows(uow_factory, broadcast_id)
    expected = {people[name] for name in ("lv1", "lv2", "en", "blocked", "lv3")}
    assert sorted(row.user_id for row in written) == sorted(expected)
    texts = {row.user_id: row.payload for row in written}
    assert '"Hello!"' in texts[people["en"]] and '"Sveiki!"' in texts[people["lv1"]]
    # Again, as after a restart: nothing more.
    assert await expand_due(uow_factory, NOW, batch=2) == 0
    async with uow_factory() as uow:
        broadcast = await uow.broadcasts.get(broadcast_id)
        assert broadcast is not None and broadcast.expanded_at is not None
        report = await uow.broadcasts.report(broadcast)
    assert (report.skipped_language, report.skipped_consent) == (1, 2)
    assert report.total("pending") == 5


async def test_a_crash_mid_way_loses_nobody_and_doubles_nobody(
    uow_factory: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    await population(uow_factory)
    broadcast_id = await new_broadcast(uow_factory)
    from storage.broadcasts import BroadcastRepository

    real = BroadcastRepository.write_batch
    calls = 0

    async def crashing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 3:  # the process dies while writing the third batch
            raise RuntimeError("killed")
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(BroadcastRepository, "write_batch", crashing)
    with pytest.raises(RuntimeError):
        await expand(uow_factory, broadcast_id, NOW, batch=2)
    monkeypatch.setattr(BroadcastRepository, "write_batch", real)
    await expand(uow_factory, broadcast_id, NOW, batch=2)
    written = [row.user_id for row in await rows(uow_factory, broadcast_id)]
    assert len(written) == len(set(written)) == 5
    async with uow_factory() as uow:
        broadcast = await uow.broadcasts.get(broadcast_id)
        assert broadcast is not None
        assert (broadcast.skipped_language, broadcast.skipped_consent) == (1, 2)


async def test_two_workers_at_once_write_each_recipient_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for number in range(60):
            await person(uow, f"p{number}", language="ru" if number % 5 == 0 else "lv")
        await uow.commit()
    broadcast_id = await new_broadcast(uow_factory)
    await asyncio.gather(*(expand(uow_factory, broadcast_id, NOW, batch=7) for _ in range(2)))
    written = [row.user_id for row in await rows(uow_factory, broadcast_id)]
    assert len(written) == len(set(written)) == 48
    async with uow_factory() as uow:
        broadcast = await uow.broadcasts.get(broadcast_id)
        assert broadcast is not None and broadcast.skipped_language == 12


async def test_audiences_combine(uow_factory: UnitOfWorkFactory) -> None:
    people = await population(uow_factory)
    latvians = Audience(languages=("lv",), countries=("LV",))
    broadcast_id = await new_broadcast(uow_factory, latvians)
    await expand(uow_factory, broadcast_id, NOW)
    reached = {row.user_id for row in await rows(uow_factory, broadcast_id)}
    assert reached == {people[name] for name in ("lv1", "lv2", "blocked", "lv3")}
    assert parse_audience("language=lv; country=LV", {}) == latvians
    assert parse_audience("everyone", {}) == Audience()
    assert parse_audience("interested=kontakts", {"kontakts": 3}) == Audience(interested=(3,))
    with pytest.raises(ContentError) as problems:
        parse_audience("language=xx; colour=red", {})
    assert len(problems.value.problems) == 2


async def test_pause_resume_cancel_and_done(uow_factory: UnitOfWorkFactory) -> None:
    await population(uow_factory)
    broadcast_id = await new_broadcast(uow_factory)
    await expand(uow_factory, broadcast_id, NOW)
    async with uow_factory() as uow:
        assert (await control.pause(uow, broadcast_id)).status == PAUSED
        await uow.commit()
    assert {row.status for row in await rows(uow_factory, broadcast_id)} == {"paused"}
    async with uow_factory() as uow:  # nothing of it is claimed while paused
        assert await uow.outbox.claim_due(NOW + timedelta(minutes=1), 50, 60) == []
        assert (await control.resume(uow, broadcast_id)).status == SENDING
        await uow.commit()
    async with uow_factory() as uow:
        claimed = await uow.outbox.claim_due(NOW + timedelta(minutes=1), 50, 60)
        for item in claimed[:3]:
            await uow.outbox.mark_sent(item.id, item.claim_token, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        assert (await control.cancel(uow, broadcast_id)).status == "cancelled"
        await uow.commit()
        with pytest.raises(control.BroadcastError):
            await control.resume(uow, broadcast_id)
        broadcast = await uow.broadcasts.get(broadcast_id)
        assert broadcast is not None
        report = await uow.broadcasts.report(broadcast)
    assert report.total("sent") == 3 and report.total("cancelled") == 2

    # A broadcast with nothing left to send is done.
    second = await new_broadcast(uow_factory, Audience(languages=("en",)))
    await expand_due(uow_factory, NOW)
    async with uow_factory() as uow:
        [item] = await uow.outbox.claim_due(NOW + timedelta(minutes=1), 50, 60)
        await uow.outbox.mark_sent(item.id, item.claim_token, NOW)
        await uow.commit()
    await expand_due(uow_factory, NOW)
    async with uow_factory() as uow:
        broadcast = await uow.broadcasts.get(second)
        assert broadcast is not None and broadcast.status == DONE


async def test_broadcast_rows_go_after_everything_else_due(uow_factory: UnitOfWorkFactory) -> None:
    people = await population(uow_factory)
    broadcast_id = await new_broadcast(uow_factory)
    await expand(uow_factory, broadcast_id, NOW)
    async with uow_factory() as uow:  # a reminder, due later than the broadcast's rows
        await uow.outbox.enqueue(people["lv1"], "book_nudge", {"count": 0}, due_at=NOW)
        await uow.commit()
    later = NOW + timedelta(minutes=1)
    async with uow_factory() as uow:
        [first] = await uow.outbox.claim_due(later, 1, 60)
        assert first.kind == "book_nudge"
        # Each worker has its lane: the broadcast worker never takes a reminder, nor the other
        # worker a broadcast's row.
        assert await uow.outbox.claim_due(later, 50, 60, broadcasts=False) == []
        bulk = await uow.outbox.claim_due(later, 50, 60, broadcasts=True)
        assert {item.kind for item in bulk} == {"broadcast"} and len(bulk) == 5


def test_a_post_file_names_every_problem() -> None:
    post = parse_post(
        "texts: {lv: Sveiki, en: Hello}\nphoto: https://x.lv/a.jpg\n"
        "button: {link: 'https://x.lv', label: {lv: Pieteikties}}\n"
    )
    assert post.media == {"kind": "photo", "url": "https://x.lv/a.jpg"}
    assert post.button == {"kind": "link", "url": "https://x.lv", "label": {"lv": "Pieteikties"}}
    with pytest.raises(ContentError) as problems:
        parse_post("texts: {xx: Hi}\nvideo: not-a-url\ncurrent_hours: 0\ncolour: red\n")
    assert len(problems.value.problems) == 4


async def test_the_command_line_schedules_steers_and_reports(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    post = tmp_path / "post.yaml"
    post.write_text("texts: {lv: Sveiki, xx: Hi}\n", encoding="utf-8")
    assert await _cli("broadcast", "create", "--file", str(post)) == 1
    assert "texts.xx: unknown language" in capsys.readouterr().err
    post.write_text("texts: {lv: Sveiki, en: Hello}\n", encoding="utf-8")
    assert await _cli("broadcast", "create", "--file", str(post), "--audience", "age=9") == 1
    assert "age: one or more of" in capsys.readouterr().err
    later = "--at", "2030-01-01 18:00"
    arguments = ("--file", str(post), "--audience", "language=lv; subscribed=stories", *later)
    assert await _cli("broadcast", "create", *arguments) == 0
    assert "Broadcast #1 is scheduled for 2030-01-01 18:00 (Riga time)." in capsys.readouterr().err
    assert await _cli("broadcast", "pause", "1") == 0
    assert await _cli("broadcast", "pause", "1") == 1
    assert "broadcast 1 is paused" in capsys.readouterr().err
    assert await _cli("broadcast", "list") == 0
    listed = capsys.readouterr().out
    assert "#1 paused · sends at 2030-01-01 18:00 (Riga time)" in listed
    assert "audience: language=lv; subscribed=stories" in listed
    assert await _cli("broadcast", "status", "1", "--csv") == 0
    assert capsys.readouterr().out.startswith("broadcast,outcome,channel,language,count")


async def _cli(*argv: str) -> int:
    return await run(parser().parse_args(list(argv)), Settings())


async def test_a_claim_takes_no_more_than_its_limit(uow_factory: UnitOfWorkFactory) -> None:
    # With statistics of a near-empty outbox, PostgreSQL planned the claim's `IN (SELECT ...
    # LIMIT ... SKIP LOCKED)` as a nested loop that ran the subquery again for every row, and
    # leased 600 rows to a worker asking for 50: their leases ran out before they were sent.
    async with uow_factory() as uow:
        users = [
            User(
                channel="telegram",
                external_id=str(n),
                language="lv",
                country="LV",
                age_group="18-25",
                consent_at=NOW,
            )
            for n in range(600)
        ]
        uow.session.add_all(users)
        await uow.session.flush()
        uow.session.add_all(
            Subscription(user_id=user.id or 0, kind="stories", topic="", at=NOW) for user in users
        )
        await uow.commit()
    broadcast_id = await new_broadcast(uow_factory)
    await expand(uow_factory, broadcast_id, NOW)
    async with uow_factory() as uow:
        if uow.session.bind.dialect.name == "postgresql":  # that plan, whatever the statistics
            for method in ("hashagg", "hashjoin", "mergejoin", "material", "sort"):
                await uow.session.exec(text(f"SET LOCAL enable_{method} = off"))
        claimed = await uow.outbox.claim_due(NOW + timedelta(minutes=1), 50, 60, broadcasts=True)
        await uow.commit()
    leased = [row for row in await rows(uow_factory, broadcast_id) if row.claim_token]
    assert len(claimed) == 50 and len(leased) == 50


async def progress_rows(uow_factory: UnitOfWorkFactory, user_id: int) -> list[OutboxMessage]:
    async with uow_factory() as uow:
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.user_id == user_id, OutboxMessage.kind == "broadcast_progress")
            .order_by(col(OutboxMessage.id))
        )
        found = list((await uow.session.exec(query)).all())
        uow.session.expunge_all()
        return found


async def deliver_progress(uow_factory: UnitOfWorkFactory, ref: str | None) -> None:
    """The progress message goes out; `ref` is its id where the platform can edit it."""
    async with uow_factory() as uow:
        claimed = await uow.outbox.claim_due(NOW + timedelta(minutes=1), 50, 60, broadcasts=False)
        for item in claimed:
            await uow.outbox.mark_sent(item.id, item.claim_token, NOW, ref)
        await uow.commit()


@pytest.mark.parametrize("editable", [True, False], ids=["telegram", "messenger"])
async def test_the_composer_is_told_how_it_goes_and_how_it_ended(
    uow_factory: UnitOfWorkFactory, editable: bool
) -> None:
    await population(uow_factory)
    async with uow_factory() as uow:
        composer = (await person(uow, "composer", news=False)).id or 0
        made = await control.create(uow, POST, EVERYONE, NOW, NOW, composer)
        await uow.commit()
        broadcast_id = made.id or 0
    later = NOW + timedelta(seconds=5)
    assert await tell_composers(uow_factory, NOW) == 0  # not under way yet
    await expand(uow_factory, broadcast_id, NOW)
    assert await tell_composers(uow_factory, NOW) == 1
    assert await tell_composers(uow_factory, later) == 0  # the first is not out yet
    await deliver_progress(uow_factory, "77" if editable else None)
    assert await tell_composers(uow_factory, later) == 0  # nothing changed
    async with uow_factory() as uow:  # one recipient's message goes out
        [item] = await uow.outbox.claim_due(NOW, 1, 60, broadcasts=True)
        await uow.outbox.mark_sent(item.id, item.claim_token, NOW)
        await uow.commit()
    # Where the message can be edited, the new figures replace the old; else they wait.
    assert await tell_composers(uow_factory, later) == (1 if editable else 0)
    async with uow_factory() as uow:
        assert (await control.cancel(uow, broadcast_id)).status == "cancelled"
        await uow.commit()
    # The end is a message of its own, once.
    assert await tell_composers(uow_factory, later) == 1
    assert await tell_composers(uow_factory, later) == 0
    sent = [json.loads(row.payload) for row in await progress_rows(uow_factory, composer)]
    assert [(payload["edit"], payload["final"]) for payload in sent] == (
        [(None, False), ("77", False), (None, True)] if editable else [(None, False), (None, True)]
    )
    assert sent[-1]["status"] == "cancelled" and sent[-1]["outcomes"]["sent"] == 1


async def test_a_row_cut_off_mid_send_is_not_sent_again(uow_factory: UnitOfWorkFactory) -> None:
    await population(uow_factory)
    broadcast_id = await new_broadcast(uow_factory)
    await expand(uow_factory, broadcast_id, NOW)
    async with uow_factory() as uow:
        first, second, third, *_ = await uow.outbox.claim_due(NOW, 50, 15, broadcasts=True)
        # Two were being sent when the worker died; the third it never got to.
        marked = await uow.outbox.mark_in_flight([first.id, second.id], first.claim_token, NOW)
        assert marked == {first.id, second.id}
        # One of those two the platform answered "try later": it was not sent after all.
        await uow.outbox.reschedule(second.id, second.claim_token, NOW, "RetryAfter")
        await uow.commit()
    later = NOW + timedelta(seconds=30)  # the dead worker's lease has run out
    async with uow_factory() as uow:
        assert await uow.outbox.settle_interrupted(NOW) == 0  # its lease is still running
        assert await uow.outbox.settle_interrupted(later) == 1
        again = await uow.outbox.claim_due(later, 50, 15, broadcasts=True)
        await uow.commit()
    assert first.id not in {item.id for item in again}
    assert {second.id, third.id} <= {item.id for item in again}
    broadcast_rows = {row.id: row.status for row in await rows(uow_factory, broadcast_id)}
    assert broadcast_rows[first.id] == "unconfirmed"
    async with uow_factory() as uow:
        broadcast = await uow.broadcasts.get(broadcast_id)
        assert broadcast is not None
        assert (await uow.broadcasts.report(broadcast)).total("unconfirmed") == 1
