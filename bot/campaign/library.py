"""Content in and out of the database, matched by slug: importing twice changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.campaign.content import Content, OpportunityContent, StoryContent, parse
from storage.models import Opportunity, Story, as_utc
from storage.unit_of_work import UnitOfWork

SAMPLE = Path(__file__).parent / "sample"

Progress = Callable[[int, int, str], None]  # done, total, slug


@dataclass
class Imported:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    # Published by this import (new, or a draft until now): subscribers are told of these.
    published_stories: list[str] = field(default_factory=list)
    published_opportunities: list[str] = field(default_factory=list)


async def import_content(
    uow: UnitOfWork, content: Content, now: datetime, progress: Progress | None = None
) -> Imported:
    """Add or update every item by slug; an item already as in the file is left alone."""
    result = Imported()
    total = len(content.stories) + len(content.opportunities)
    done = 0
    for story in content.stories:
        stored = await uow.campaign.story(story.slug)
        was_published = stored is not None and stored.published  # read before it changes
        _count(result, await _put_story(uow, story, now))
        if story.published and not was_published:
            result.published_stories.append(story.slug)
        done += 1
        if progress is not None:
            progress(done, total, story.slug)
    for item in content.opportunities:
        offered = await uow.campaign.opportunity(item.slug)
        was_offered = offered is not None and offered.published
        _count(result, await _put_opportunity(uow, item, now))
        if item.published and not was_offered:
            result.published_opportunities.append(item.slug)
        done += 1
        if progress is not None:
            progress(done, total, item.slug)
    return result


async def export_content(uow: UnitOfWork) -> Content:
    stories = [_story_content(row) for row in await uow.campaign.stories()]
    opportunities = [_opportunity_content(row) for row in await uow.campaign.opportunities()]
    return Content(stories=stories, opportunities=opportunities)


async def load_sample_if_new(uow: UnitOfWork, now: datetime) -> bool:
    """Fill a new database with the sample content, so the campaign is never an empty menu."""
    if not await uow.campaign.is_empty():
        return False
    for path in sorted(SAMPLE.glob("*.yaml")):
        await import_content(uow, parse(path.read_text(encoding="utf-8")), now)
    return True


def _count(result: Imported, outcome: str) -> None:
    setattr(result, outcome, getattr(result, outcome) + 1)


_STORY_FIELDS = [f.name for f in fields(StoryContent)]
_OPPORTUNITY_FIELDS = [f.name for f in fields(OpportunityContent)]


async def _put_story(uow: UnitOfWork, story: StoryContent, now: datetime) -> str:
    row = await uow.campaign.story(story.slug)
    values = {name: getattr(story, name) for name in _STORY_FIELDS}
    if row is None:
        uow.session.add(Story(**values, updated_at=now))
        return "added"
    if {name: getattr(row, name) for name in _STORY_FIELDS} == values:
        return "unchanged"
    _assign(row, values, now)
    uow.session.add(row)
    return "changed"


async def _put_opportunity(uow: UnitOfWork, item: OpportunityContent, now: datetime) -> str:
    row = await uow.campaign.opportunity(item.slug)
    values = {name: getattr(item, name) for name in _OPPORTUNITY_FIELDS}
    # Stored in UTC: SQLite would keep the wall time and drop the offset.
    values["deadline"] = as_utc(item.deadline) if item.deadline else None
    if row is None:
        uow.session.add(Opportunity(**values, updated_at=now))
        return "added"
    stored = {name: getattr(row, name) for name in _OPPORTUNITY_FIELDS}
    if stored["deadline"] is not None:
        stored["deadline"] = as_utc(stored["deadline"])
    if stored == values:
        return "unchanged"
    _assign(row, values, now)
    uow.session.add(row)
    return "changed"


def _assign(row: Any, values: dict[str, Any], now: datetime) -> None:
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at = now


def _story_content(row: Story) -> StoryContent:
    return StoryContent(**{name: getattr(row, name) for name in _STORY_FIELDS})


def _opportunity_content(row: Opportunity) -> OpportunityContent:
    values = {name: getattr(row, name) for name in _OPPORTUNITY_FIELDS}
    if values["deadline"] is not None:
        values["deadline"] = as_utc(values["deadline"])
    return OpportunityContent(**values)
