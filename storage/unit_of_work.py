"""One transaction per service call: repositories query, the unit of work commits."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.audit import AuditRepository
from storage.broadcasts import BroadcastRepository
from storage.campaign import CampaignRepository
from storage.conversations import ConversationRepository
from storage.figures import FiguresRepository
from storage.guardians import GuardianRepository
from storage.links import LinkRepository
from storage.media import MediaIdRepository
from storage.mentoring import ApplicationRepository, StaffRepository
from storage.outbox import OutboxRepository
from storage.pairs import PairRepository
from storage.people import PeopleRepository
from storage.plans import PlanRepository
from storage.repositories import (
    DialogStateRepository,
    ProcessedUpdateRepository,
    SecretRepository,
    UserRepository,
)
from storage.sessions import AvailabilityRepository, SessionRepository
from storage.signup import MenteeRequestRepository
from storage.subscriptions import SubscriptionRepository
from storage.talk import TalkRepository


class UnitOfWork:
    """Use as `async with uow_factory() as uow: ...; await uow.commit()`; otherwise rolled back."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self.users = UserRepository(self.session)
        self.dialogs = DialogStateRepository(self.session)
        self.updates = ProcessedUpdateRepository(self.session)
        self.secrets = SecretRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.broadcasts = BroadcastRepository(self.session)
        self.staff = StaffRepository(self.session)
        self.applications = ApplicationRepository(self.session)
        self.requests = MenteeRequestRepository(self.session)
        self.pairs = PairRepository(self.session)
        self.availability = AvailabilityRepository(self.session)
        self.sessions = SessionRepository(self.session)
        self.plans = PlanRepository(self.session)
        self.figures = FiguresRepository(self.session)
        self.guardians = GuardianRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.people = PeopleRepository(self.session)
        self.conversations = ConversationRepository(self.session)
        self.links = LinkRepository(self.session)
        self.campaign = CampaignRepository(self.session)
        self.media = MediaIdRepository(self.session)
        self.subscriptions = SubscriptionRepository(self.session)
        self.talk = TalkRepository(self.session)
        return self

    async def commit(self) -> None:
        await self.session.commit()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.session.rollback()
        await self.session.close()


class UnitOfWorkFactory:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self._session_factory)
