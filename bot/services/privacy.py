"""What a person can ask about their own data: a copy of all of it, or its erasure."""

from __future__ import annotations

from bot.campaign.language import nearest_language
from bot.services.audit import audit_csv
from bot.services.bound import StaffAwareService
from bot.services.erasure import erase_person
from bot.services.matching import split
from bot.services.people import display_name
from dialogs.ports import DataItem, DataValue, PersonalData, PrivacyPort
from storage.models import Pair, as_utc
from storage.outbox import OutboxMessage


def _item(kind: str, /, **fields: DataValue) -> DataItem:
    return DataItem(kind, tuple(fields.items()))


class PrivacyService(StaffAwareService, PrivacyPort):
    """The privacy port for one user, bound to the transaction handling their update."""

    erased = False  # set once the user is erased: nothing of them may be stored after it

    async def export(self) -> PersonalData:
        items = [self._profile()]
        second = await self._uow.links.second_account(self._me)
        if second is not None:  # the account on another channel they linked: its id too
            items.append(
                _item(
                    "profile",
                    channel=second.channel,
                    platform_id=second.external_id,
                    first_contact=as_utc(second.created_at),
                )
            )
        items += await self._guardian_items()
        items += await self._programme_items()
        items += await self._pair_items()
        items += await self._calendar_items()
        items += await self._conversation_items()
        items += await self._campaign_items()
        items += [_message(message) for message in await self._uow.outbox.pending_for(self._me)]
        items += [
            _item("audit", action=entry.action, at=as_utc(entry.at))
            for entry in await self._uow.audit.involving(self._me)
        ]
        return PersonalData(tuple(items))

    async def erase(self) -> None:
        await erase_person(self._uow, self._user, self._now, self._admin_ids)
        self.erased = True

    async def audit_csv(self) -> bytes | None:
        if not await self._is_staff():
            return None
        return await audit_csv(self._uow)

    def _profile(self) -> DataItem:
        user = self._user
        return _item(
            "profile",
            channel=user.channel,
            platform_id=user.external_id,
            language=user.language,
            first_contact=as_utc(user.created_at),
            consent=as_utc(user.consent_at) if user.consent_at else None,
            country=user.country,
            age_group=user.age_group,
            guardian_confirmed=(
                as_utc(user.guardian_confirmed_at) if user.guardian_confirmed_at else None
            ),
        )

    async def _guardian_items(self) -> list[DataItem]:
        items = [
            _item(
                "guardian",
                status=consent.status,
                asked=as_utc(consent.created_at),
                answered=as_utc(consent.decided_at) if consent.decided_at else None,
                method=consent.method,
                guardian_name=consent.guardian_name,
            )
            for consent in await self._uow.guardians.of_child(self._me)
        ]
        items += [
            _item(
                "guardian_given",
                child=consent.child_id,
                answered=as_utc(consent.decided_at) if consent.decided_at else None,
                your_name=consent.guardian_name,
            )
            for consent in await self._uow.guardians.given_by(self._me)
        ]
        return items

    async def _programme_items(self) -> list[DataItem]:
        items = []
        request = await self._uow.requests.get(self._me)
        if request is not None:
            items.append(
                _item(
                    "request",
                    name=request.display_name,
                    age_group=request.age_group,
                    country=request.country,
                    region=request.region,
                    areas=split(request.areas),
                    languages=split(request.languages),
                    meeting_format=request.meeting_format,
                    free_times=split(request.free_times),
                    hopes=request.hopes,
                    status=request.status,
                    sent=as_utc(request.submitted_at),
                    closed_reason=request.closed_reason,
                )
            )
        application = await self._uow.applications.get(self._me)
        if application is not None:
            items.append(
                _item(
                    "application",
                    name=application.display_name,
                    age=application.age,
                    languages=split(application.languages),
                    country=application.country,
                    region=application.region,
                    areas=split(application.areas),
                    capacity=application.capacity,
                    introduction=application.introduction,
                    status=application.status,
                    sent=as_utc(application.submitted_at),
                    decline_reason=application.decline_reason,
                )
            )
        since = await self._uow.people.staff_since(self._me)
        if since is not None:
            items.append(_item("staff", since=as_utc(since)))
        return items

    async def _pair_items(self) -> list[DataItem]:
        items = [await self._pair(pair) for pair in await self._uow.people.pairs_of(self._me)]
        for booking in await self._uow.people.sessions_of(self._me):
            items.append(
                _item(
                    "session",
                    starts=as_utc(booking.starts_at),
                    status=booking.status,
                    rating=booking.rating,
                    place=booking.place,
                    online_url=booking.online_url,
                )
            )
        for plan_item in await self._uow.people.plan_items_of(self._me):
            items.append(
                _item(
                    "plan_item",
                    text=plan_item.text,
                    written=as_utc(plan_item.created_at),
                    done=as_utc(plan_item.done_at) if plan_item.done_at else None,
                )
            )
        return items

    async def _pair(self, pair: Pair) -> DataItem:
        i_mentor = pair.mentor_id == self._me
        partner = pair.mentee_id if i_mentor else pair.mentor_id
        return _item(
            "pair",
            role="mentor" if i_mentor else "mentee",
            partner=await display_name(self._uow, partner),
            status=pair.status,
            started=as_utc(pair.started_at),
            planned_end=as_utc(pair.planned_end_at),
            ended=as_utc(pair.ended_at) if pair.ended_at else None,
        )

    async def _conversation_items(self) -> list[DataItem]:
        """Who one wrote with through the bot, and when; the messages themselves are gone."""
        items = []
        for row in await self._uow.people.conversations_of(self._me):
            other = row.second_id if row.first_id == self._me else row.first_id
            coordinator = row.kind == "staff" and other == row.first_id
            items.append(
                _item(
                    "conversation",
                    partner="" if coordinator else await display_name(self._uow, other),
                    role=("coordinators" if coordinator else "person")
                    if row.kind == "staff"
                    else ("mentor" if other == row.first_id else "mentee"),
                    opened=as_utc(row.opened_at),
                    closed=as_utc(row.closed_at) if row.closed_at else None,
                )
            )
        return items

    async def _campaign_items(self) -> list[DataItem]:
        """Campaign news asked for, opportunities one is interested in, stories that helped."""
        items = [
            _item("subscription", news=row.kind, topic=row.topic or "all", since=as_utc(row.at))
            for row in await self._uow.subscriptions.of(self._me)
        ]
        for opportunity_id in sorted(await self._uow.campaign.interests_of(self._me)):
            opportunity = await self._uow.campaign.opportunity_by_id(opportunity_id)
            if opportunity is None:
                continue
            [interest] = [
                row
                for row in await self._uow.campaign.interested(opportunity_id)
                if row.user_id == self._me
            ]
            title = opportunity.title[nearest_language(opportunity.title, self._user)]
            items.append(
                _item("interest", opportunity=title, region=interest.region, at=as_utc(interest.at))
            )
        helped = await self._uow.campaign.helped_by(self._me)
        for story in await self._uow.campaign.stories():
            if story.id in helped:
                items.append(
                    _item("helped", story=story.title[nearest_language(story.title, self._user)])
                )
        return items

    async def _calendar_items(self) -> list[DataItem]:
        items = [
            _item(
                "free_time",
                weekday=window.weekday,
                day=window.day,
                start=window.start_time.strftime("%H:%M"),
                end=window.end_time.strftime("%H:%M"),
                place=window.place,
                online_url=window.online_url,
            )
            for window in await self._uow.availability.windows(self._me)
        ]
        usual = await self._uow.availability.meeting_place(self._me)
        if usual is not None:
            items.append(_item("meeting_place", place=usual.place, online_url=usual.online_url))
        items += [
            _item("day_off", day=day) for day in await self._uow.availability.days_off(self._me)
        ]
        return items


def _message(message: OutboxMessage) -> DataItem:
    return _item("message", kind=message.kind, due=as_utc(message.due_at))
