"""The campaign's content file: checked as a whole, imported by slug, exported the same way."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.campaign.content import ContentError, dump, parse
from bot.campaign.library import SAMPLE, export_content, import_content, load_sample_if_new
from bot.cli import parser, run
from bot.config import Settings
from bot.services.campaign import CampaignService
from dialogs.ports import StoryDraft
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)

GOOD = """
stories:
  - slug: back-to-school
    order: 1
    published: true
    expert: {lv: "Elīna", ru: "Элина"}
    topics: [school]
    video: media/stories/back-to-school.mp4
    title: {lv: "Atgriezos skolā", en: "I went back to school"}
    summary: {lv: "Elīna stāsta.", en: "Elīna tells how."}
opportunities:
  - slug: kontakts
    published: true
    countries: [LV]
    deadline: "2027-01-31T23:59:00+02:00"
    interest: true
    age: {min: 13, max: 25}
    team: {members: 3, support_person: true}
    title: {lv: "Kontakts", en: "Kontakts"}
    text: {lv: "Pašpārvaldēm.", en: "For school councils."}
    contacts:
      - region: kurzeme
        text: {lv: "Raksti šeit čatā.", en: "Write here in the chat."}
"""

BAD = """
stories:
  - slug: Back To School
    expert: ""
    topics: [school, astrology]
    video: "ftp://x"
    title: {lv: "Atgriezos", xx: "?"}
    colour: blue
  - slug: same
    expert: A
    video: media/a.mp4
    title: {en: "A"}
    summary: {en: "A"}
  - slug: same
    expert: B
    video: media/b.mp4
    title: {en: "B"}
    summary: {en: "B"}
opportunities:
  - slug: kontakts
    countries: [EE]
    deadline: "next friday"
    age: {min: 25, max: 13}
    title: {lv: "Kontakts"}
    text: {lv: "..."}
    contacts:
      - region: vilnius
        text: {lv: "..."}
"""


def test_every_problem_is_named_with_its_place() -> None:
    with pytest.raises(ContentError) as raised:
        parse(BAD)
    problems = "\n".join(raised.value.problems)
    for expected in (
        "stories[0].slug: must be",
        "stories[0].expert: must be a non-empty text",
        "stories[0].topics: must be a list of:",
        "stories[0].video: must be an http(s) URL or a path",
        "stories[0].title.xx: unknown language",
        "stories[0].summary: missing",
        "stories[0].colour: unknown field",
        "stories: the slug 'same' is used twice",
        "opportunities[0].countries: must be a list of: LV, LT",
        "opportunities[0].deadline: must be a date and time with its offset",
        "opportunities[0].apply_url: give an apply_url, or set interest: true",
        "opportunities[0].contacts[0].region: must be a region of the opportunity's countries",
    ):
        assert expected in problems, problems


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(ContentError) as raised:
        parse("stories:\n  - slug: a\n    title: {lv: [\n")
    assert raised.value.problems[0].startswith("line ")


async def test_import_is_idempotent_and_export_reads_back(uow_factory: UnitOfWorkFactory) -> None:
    content = parse(GOOD)
    async with uow_factory() as uow:
        first = await import_content(uow, content, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        again = await import_content(uow, content, NOW)
        await uow.commit()
    assert (first.added, first.changed, first.unchanged) == (2, 0, 0)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)

    async with uow_factory() as uow:
        exported = await export_content(uow)
    assert parse(dump(exported)) == content  # the export is a valid import of the same

    changed = parse(GOOD.replace("Atgriezos skolā", "Es atgriezos skolā"))
    async with uow_factory() as uow:
        result = await import_content(uow, changed, NOW)
        await uow.commit()
    assert (result.added, result.changed, result.unchanged) == (0, 1, 1)


async def test_the_sample_is_valid_and_loads_once(uow_factory: UnitOfWorkFactory) -> None:
    files = sorted(SAMPLE.glob("*.yaml"))
    assert [path.name for path in files] == ["opportunities.yaml", "stories.yaml"]
    stories = parse(files[1].read_text(encoding="utf-8")).stories
    published = [story for story in stories if story.published]
    assert len(published) >= 8
    assert all(set(story.title) == {"lv", "lt", "ru", "en"} for story in stories)
    async with uow_factory() as uow:
        assert await load_sample_if_new(uow, NOW)
        await uow.commit()
    async with uow_factory() as uow:
        assert not await load_sample_if_new(uow, NOW)  # not into a database that has content
        slugs = [row.slug for row in await uow.campaign.opportunities()]
    assert sorted(slugs) == ["active-citizens", "kontakts", "newcomers-mentoring"]


async def test_the_command_line_checks_first_then_imports_and_exports(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    bad, good = tmp_path / "bad.yaml", tmp_path / "good.yaml"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")

    assert await _cli("content", "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err and "stories[0].colour: unknown field" in err
    assert await _cli("content", "import", str(good)) == 0
    assert "2 added, 0 changed, 0 unchanged" in capsys.readouterr().err
    assert await _cli("content", "import", str(good)) == 0
    assert "0 added, 0 changed, 2 unchanged" in capsys.readouterr().err
    assert await _cli("content", "export") == 0
    assert parse(capsys.readouterr().out) == parse(GOOD)


async def _cli(*argv: str) -> int:
    return await run(parser().parse_args(list(argv)), Settings())


async def test_a_story_sent_as_a_file_plays_only_where_it_was_sent(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """A video sent in the chat is known to that platform only; a link reaches every app."""
    now = datetime(2026, 11, 27, tzinfo=UTC)
    draft = StoryDraft(
        title={"lv": "Mans ceļš"},
        summary={"lv": "Kā es atradu draugus."},
        topics=("school",),
        expert="Anna",
        upload="BAACAgIAAxkBAAIB",
    )
    async with uow_factory() as uow:
        admin = await uow.users.get_or_create("telegram", "1", "en")
        made = CampaignService(uow, admin, ["telegram:1"], now, "telegram", None)
        first = await made.save_story(draft)
        second = await made.save_story(replace(draft, upload=None, link="https://x.lv/a.mp4"))
        assert first is not None and second is not None
        for story_id in (first, second):
            assert await made.set_published("story", story_id, True)
        young = await uow.users.get_or_create("messenger", "2", "lv")
        stranger = CampaignService(uow, young, [], now, "messenger", None)
        assert await stranger.save_story(draft) is None  # only coordinators make content
        slugs = {story.slug: story.video for story in await made.stories()}
        assert slugs["mans-cels"] == "BAACAgIAAxkBAAIB"  # played by Telegram's own id
        assert slugs["mans-cels-2"] == "https://x.lv/a.mp4"
        assert [story.slug for story in await stranger.stories()] == ["mans-cels-2"]
