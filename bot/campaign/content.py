"""The campaign's content file: stories and opportunities, read and checked as a whole.

The file is YAML with top-level `stories:` and `opportunities:` lists; per-language texts are
keyed `lv`, `lt`, `ru`, `en`. Everything is checked before anything is stored, and each problem
names its place ("stories[2].title.lt"), so one run lists every mistake in the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import yaml

from dialogs.i18n import LANGUAGES
from dialogs.programme import EXPERT_NAME, OPPORTUNITY_TEXTS, REGIONS, STORY_TEXTS, TOPICS

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
URL = re.compile(r"^https?://\S+$")
MEDIA_PATH = re.compile(r"^[A-Za-z0-9_./-]{1,200}$")
COUNTRIES = tuple(REGIONS)
CHANNELS = ("telegram", "messenger")
CONTACT_TEXT = 300


class ContentError(ValueError):
    """The file cannot be used; `problems` lists every one, each with its place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class StoryContent:
    slug: str
    expert: str
    video: str
    title: dict[str, str]
    summary: dict[str, str]
    topics: list[str] = field(default_factory=list)
    thumbnail: str | None = None
    position: int = 0
    published: bool = False
    expert_names: dict[str, str] = field(default_factory=dict)  # where languages write it apart
    # A video a coordinator sent in the chat, as the platform keeps it ({"telegram": file_id});
    # then `video` may be empty: the story plays on those channels only.
    video_ids: dict[str, str] = field(default_factory=dict)


@dataclass
class OpportunityContent:
    slug: str
    title: dict[str, str]
    text: dict[str, str]
    eligibility: dict[str, str] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)
    deadline: datetime | None = None
    apply_url: str | None = None
    interest: bool = False
    age_min: int | None = None
    age_max: int | None = None
    team_members: int | None = None
    support_person: bool = False
    contacts: list[dict[str, Any]] = field(default_factory=list)
    published: bool = False


@dataclass
class Content:
    stories: list[StoryContent] = field(default_factory=list)
    opportunities: list[OpportunityContent] = field(default_factory=list)


def new_slug(titles: dict[str, str], taken: set[str], fallback: str) -> str:
    """A slug from the first title written in Latin letters ("Jauna balss" -> jauna-balss),
    made unique with a number; `fallback` where no title has any."""
    base = ""
    for language in ("en", "lv", "lt", "ru"):
        plain = unicodedata.normalize("NFKD", titles.get(language, "")).encode("ascii", "ignore")
        base = re.sub(r"[^a-z0-9]+", "-", plain.decode().lower()).strip("-")[:32].strip("-")
        if base:
            break
    base = base or fallback
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def parse(source: str) -> Content:
    """The content of a YAML text; ContentError with every problem found."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(error, "problem", None) or error
        raise ContentError([f"{where}not valid YAML ({reason})"]) from None
    problems: list[str] = []
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(["the file must hold `stories:` and/or `opportunities:` lists"])
    unknown = sorted(set(data) - {"stories", "opportunities"})
    problems += [f"{key}: unknown section (expected stories, opportunities)" for key in unknown]
    content = Content()
    for index, item in enumerate(_list(data, "stories", problems)):
        story = _story(_Reader(f"stories[{index}]", item, problems))
        if story is not None:
            content.stories.append(story)
    for index, item in enumerate(_list(data, "opportunities", problems)):
        opportunity = _opportunity(_Reader(f"opportunities[{index}]", item, problems))
        if opportunity is not None:
            content.opportunities.append(opportunity)
    for kind, slugs in (
        ("stories", [s.slug for s in content.stories]),
        ("opportunities", [o.slug for o in content.opportunities]),
    ):
        doubled = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        problems += [f"{kind}: the slug {slug!r} is used twice" for slug in doubled]
    if problems:
        raise ContentError(problems)
    return content


def _list(data: dict[str, Any], key: str, problems: list[str]) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        problems.append(f"{key}: must be a list")
        return []
    return value


class _Reader:
    """Reads one item's fields, noting each problem with its place."""

    def __init__(self, place: str, item: Any, problems: list[str]) -> None:
        self.place = place
        self.item = item if isinstance(item, dict) else {}
        self.problems = problems
        self.ok = isinstance(item, dict)
        if not self.ok:
            problems.append(f"{place}: must be a mapping of fields")

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.place}.{key}: {message}")
        self.ok = False

    def unknown(self, known: set[str]) -> None:
        for key in sorted(set(self.item) - known):
            self.problem(str(key), "unknown field")

    def text(self, key: str, limit: int, required: bool = True) -> str | None:
        value = self.item.get(key)
        if value is None:
            if required:
                self.problem(key, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, "must be a non-empty text")
            return None
        if len(value) > limit:
            self.problem(key, f"longer than {limit} characters ({len(value)})")
        return value.strip()

    def texts(self, key: str, limit: int, required: bool = True) -> dict[str, str]:
        """Per-language texts: at least one language; every text within the limit."""
        value = self.item.get(key)
        if value is None:
            if required:
                self.problem(key, f"missing (texts keyed {', '.join(LANGUAGES)})")
            return {}
        if not isinstance(value, dict) or not value:
            self.problem(key, f"must map languages ({', '.join(LANGUAGES)}) to texts")
            return {}
        texts: dict[str, str] = {}
        for language, text in value.items():
            if language not in LANGUAGES:
                self.problem(f"{key}.{language}", f"unknown language (use {', '.join(LANGUAGES)})")
            elif not isinstance(text, str) or not text.strip():
                self.problem(f"{key}.{language}", "must be a non-empty text")
            elif len(text) > limit:
                self.problem(f"{key}.{language}", f"longer than {limit} characters ({len(text)})")
            else:
                texts[language] = text.strip()
        return texts

    def flag(self, key: str) -> bool:
        value = self.item.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, "must be true or false")
            return False
        return value

    def number(self, key: str, low: int, high: int) -> int | None:
        value = self.item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(key, f"must be a whole number from {low} to {high}")
            return None
        return int(value)

    def media(self, key: str, required: bool) -> str | None:
        value = self.text(key, 500, required)
        if value is not None and not (URL.match(value) or MEDIA_PATH.match(value)):
            self.problem(key, "must be an http(s) URL or a path like media/stories/name.mp4")
        return value


def _story(reader: _Reader) -> StoryContent | None:
    reader.unknown(
        {
            "slug", "order", "published", "expert", "topics", "video", "uploaded", "thumbnail",
            "title", "summary",
        }
    )  # fmt: skip
    slug = _slug(reader)
    topics = reader.item.get("topics") or []
    if not isinstance(topics, list) or any(topic not in TOPICS for topic in topics):
        reader.problem("topics", f"must be a list of: {', '.join(TOPICS)}")
        topics = []
    uploaded = _uploaded(reader)
    story = StoryContent(
        slug=slug or "",
        expert=_expert(reader),
        expert_names=_expert_names(reader),
        video_ids=uploaded,
        video=reader.media("video", required=not uploaded) or "",
        thumbnail=reader.media("thumbnail", required=False),
        title=reader.texts("title", STORY_TEXTS["title"]),
        summary=reader.texts("summary", STORY_TEXTS["summary"]),
        topics=list(topics),
        position=reader.number("order", 0, 100_000) or 0,
        published=reader.flag("published"),
    )
    return story if reader.ok else None


def _uploaded(reader: _Reader) -> dict[str, str]:
    """`uploaded: {telegram: <file_id>}`: a video sent in the chat, kept by the platform."""
    value = reader.item.get("uploaded")
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        channel in CHANNELS and isinstance(ref, str) and 0 < len(ref) <= 500
        for channel, ref in value.items()
    ):
        reader.problem("uploaded", f"must map {' or '.join(CHANNELS)} to the platform's file id")
        return {}
    return dict(value)


def _opportunity(reader: _Reader) -> OpportunityContent | None:
    reader.unknown(
        {
            "slug", "published", "countries", "deadline", "apply_url", "interest", "age",
            "team", "title", "text", "eligibility", "contacts",
        }
    )  # fmt: skip
    slug = _slug(reader)
    countries = reader.item.get("countries") or []
    if not isinstance(countries, list) or any(c not in COUNTRIES for c in countries):
        reader.problem("countries", f"must be a list of: {', '.join(COUNTRIES)}")
        countries = []
    apply_url = reader.text("apply_url", 500, required=False)
    if apply_url is not None and not URL.match(apply_url):
        reader.problem("apply_url", "must be an http(s) URL")
    age = reader.item.get("age") or {}
    age_reader = _Reader(f"{reader.place}.age", age, reader.problems)
    team = reader.item.get("team") or {}
    team_reader = _Reader(f"{reader.place}.team", team, reader.problems)
    opportunity = OpportunityContent(
        slug=slug or "",
        title=reader.texts("title", OPPORTUNITY_TEXTS["title"]),
        text=reader.texts("text", OPPORTUNITY_TEXTS["text"]),
        eligibility=reader.texts("eligibility", OPPORTUNITY_TEXTS["eligibility"], False),
        countries=list(countries),
        deadline=_deadline(reader),
        apply_url=apply_url,
        interest=reader.flag("interest"),
        age_min=age_reader.number("min", 0, 120),
        age_max=age_reader.number("max", 0, 120),
        team_members=team_reader.number("members", 1, 50),
        support_person=team_reader.flag("support_person"),
        contacts=_contacts(reader, countries),
        published=reader.flag("published"),
    )
    ok = reader.ok and age_reader.ok and team_reader.ok
    low, high = opportunity.age_min, opportunity.age_max
    if ok and low is not None and high is not None and low > high:
        reader.problem("age", "min is above max")
        ok = False
    if not opportunity.apply_url and not opportunity.interest:
        reader.problem("apply_url", "give an apply_url, or set interest: true (or both)")
        ok = False
    return opportunity if ok else None


def _expert(reader: _Reader) -> str:
    """The name, or from a per-language mapping the English, Latvian or first one."""
    value = reader.item.get("expert")
    if isinstance(value, dict):  # checked, with its place, by _expert_names
        names = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        return names.get("en") or names.get("lv") or next(iter(names.values()), None) or ""
    return reader.text("expert", EXPERT_NAME) or ""


def _expert_names(reader: _Reader) -> dict[str, str]:
    if not isinstance(reader.item.get("expert"), dict):
        return {}
    return reader.texts("expert", EXPERT_NAME)


def _slug(reader: _Reader) -> str | None:
    slug = reader.item.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        reader.problem(
            "slug", "must be 1–40 of a-z, 0-9 and hyphens, starting with a letter or digit"
        )
        return None
    return slug


def _deadline(reader: _Reader) -> datetime | None:
    value = reader.item.get("deadline")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, datetime) or value.tzinfo is None:
        reader.problem(
            "deadline", "must be a date and time with its offset, 2027-01-31T23:59:00+02:00"
        )
        return None
    return value


def _contacts(reader: _Reader, countries: list[str]) -> list[dict[str, Any]]:
    value = reader.item.get("contacts") or []
    if not isinstance(value, list):
        reader.problem("contacts", "must be a list")
        return []
    regions = {region for country in countries for region in REGIONS[country]}
    contacts: list[dict[str, Any]] = []
    for index, item in enumerate(value):
        contact = _Reader(f"{reader.place}.contacts[{index}]", item, reader.problems)
        contact.unknown({"region", "text"})
        region = contact.item.get("region")
        if region not in regions:
            known = ", ".join(sorted(regions)) or "none: set countries first"
            contact.problem("region", f"must be a region of the opportunity's countries ({known})")
        texts = contact.texts("text", CONTACT_TEXT)
        if contact.ok:
            contacts.append({"region": region, "text": texts})
        else:
            reader.ok = False
    return contacts


# --- back to a file ----------------------------------------------------------------------------


def dump(content: Content) -> str:
    """The same format `parse` reads, so an export can be edited and imported again."""
    data: dict[str, Any] = {
        "stories": [_story_data(story) for story in content.stories],
        "opportunities": [_opportunity_data(item) for item in content.opportunities],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _story_data(story: StoryContent) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": story.slug,
        "order": story.position,
        "published": story.published,
        "expert": story.expert_names or story.expert,
        "topics": story.topics,
    }
    if story.video:
        data["video"] = story.video
    if story.video_ids:
        data["uploaded"] = story.video_ids
    if story.thumbnail:
        data["thumbnail"] = story.thumbnail
    data |= {"title": story.title, "summary": story.summary}
    return data


def _opportunity_data(item: OpportunityContent) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": item.slug,
        "published": item.published,
        "countries": item.countries,
    }
    if item.deadline is not None:
        data["deadline"] = item.deadline.isoformat()
    if item.apply_url:
        data["apply_url"] = item.apply_url
    data["interest"] = item.interest
    age = {k: v for k, v in (("min", item.age_min), ("max", item.age_max)) if v is not None}
    if age:
        data["age"] = age
    if item.team_members is not None:
        data["team"] = {"members": item.team_members, "support_person": item.support_person}
    data |= {"title": item.title, "text": item.text}
    if item.eligibility:
        data["eligibility"] = item.eligibility
    if item.contacts:
        data["contacts"] = item.contacts
    return data
