"""One person, two channels: a one-time code links a Telegram account to a Messenger profile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.erasure import erase_person
from bot.services.linking import LinkingService
from storage.models import User
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
T_ME = ("https://t.me/mentor_bot?start=",)


async def account(uow: UnitOfWork, channel: str, external_id: str, consent: bool) -> User:
    user = await uow.users.get_or_create(channel, external_id, "lv")
    user.consent_at = NOW if consent else None
    uow.session.add(user)
    await uow.session.flush()
    return user


async def test_a_code_links_a_fresh_account_once(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        person = await account(uow, "messenger", "7000000000001", consent=True)
        fresh = await account(uow, "telegram", "100001", consent=False)
        own_profile = await account(uow, "telegram", "100002", consent=True)
        offer = await LinkingService(uow, person, person, NOW, T_ME).offer()
        assert offer is not None and offer.links == (f"{T_ME[0]}link-{offer.code}",)
        as_person = LinkingService(uow, person, person, NOW, T_ME)
        assert await as_person.link(offer.code) == "own"  # opened where it was made
        await uow.commit()

    async with uow_factory() as uow:
        offer = await LinkingService(uow, person, person, NOW, T_ME).offer()
        assert offer is not None
        taken = LinkingService(uow, own_profile, own_profile, NOW, T_ME)
        assert await taken.link(offer.code) == "taken"  # someone with a profile of their own
        offer = await LinkingService(uow, person, person, NOW, T_ME).offer()
        assert offer is not None
        later = NOW + timedelta(minutes=31)
        assert await LinkingService(uow, fresh, fresh, later, T_ME).link(offer.code) == "gone"
        offer = await LinkingService(uow, person, person, NOW, T_ME).offer()
        assert offer is not None
        linking = LinkingService(uow, fresh, fresh, NOW, T_ME)
        assert await linking.link(offer.code.lower()) == "ok"  # typed in small letters: fine
        assert await linking.link(offer.code) == "gone"  # once only
        await uow.commit()

    async with uow_factory() as uow:
        assert person.id is not None
        await uow.outbox.enqueue(person.id, "book_nudge", {"count": 1}, due_at=NOW)
        await uow.commit()
    async with uow_factory() as uow:
        [claimed] = await uow.outbox.claim_due(NOW, 10, 60)
        # The person's news go to the linked Telegram account, in the person's language.
        assert (claimed.channel, claimed.external_id, claimed.user_id) == (
            "telegram",
            "100001",
            person.id,
        )
        await uow.commit()

    async with uow_factory() as uow:
        stored = await uow.users.get(person.id)
        assert stored is not None
        await erase_person(uow, stored, NOW, [])
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.find("telegram", "100001") is None  # erased with the person
        assert await uow.users.find("telegram", "100002") is not None  # someone else
