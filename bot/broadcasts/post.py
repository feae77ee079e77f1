"""A broadcast's post and audience as staff write them: a YAML file, and `--audience` text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from bot.campaign.content import URL, ContentError
from dialogs.i18n import LANGUAGES
from dialogs.programme import MENTEE_AGE_GROUPS
from storage.broadcasts import ROLES, Audience

TEXT_LIMIT = 1000  # a photo's or video's caption on Telegram holds 1024 characters
LABEL_LIMIT = 20  # a link button's label, short enough for Messenger
AGE_GROUPS = (*MENTEE_AGE_GROUPS, "26plus")
SUBSCRIPTIONS = ("stories", "opportunities")


@dataclass(frozen=True)
class Post:
    texts: dict[str, str]
    fallback: bool = True
    media: dict[str, str] | None = None  # {"kind": "photo" | "video", "url": ...}
    # {"kind": "link", "url", "label": {lang: ...}} | {"kind": "story" | "opportunity", "slug"}
    button: dict[str, Any] | None = None
    current_hours: int = 72


def parse_post(source: str) -> Post:
    """A post from YAML; ContentError naming every problem."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise ContentError([f"not valid YAML ({error})"]) from None
    if not isinstance(data, dict):
        raise ContentError(["the file must be a mapping with `texts:`"])
    problems: list[str] = []
    unknown = sorted(set(data) - {"texts", "fallback", "photo", "video", "button", "current_hours"})
    problems += [f"{key}: unknown field" for key in unknown]
    texts = data.get("texts")
    if not isinstance(texts, dict) or not texts:
        problems.append("texts: a version in at least one language (lv, lt, ru, en)")
        texts = {}
    for language, text in texts.items():
        if language not in LANGUAGES:
            problems.append(f"texts.{language}: unknown language")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"texts.{language}: must be a non-empty text")
        elif len(text) > TEXT_LIMIT:
            problems.append(f"texts.{language}: longer than {TEXT_LIMIT} characters")
    media = None
    for kind in ("photo", "video"):
        if kind in data:
            if media is not None:
                problems.append(f"{kind}: a photo or a video, not both")
            elif not isinstance(data[kind], str) or not URL.match(data[kind]):
                problems.append(f"{kind}: must be an http(s) URL")
            else:
                media = {"kind": kind, "url": data[kind]}
    button = _button(data.get("button"), problems)
    hours = data.get("current_hours", 72)
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 24 * 28:
        problems.append("current_hours: a whole number of hours from 1 to 672")
    fallback = data.get("fallback", True)
    if not isinstance(fallback, bool):
        problems.append("fallback: true or false")
    if problems:
        raise ContentError(problems)
    return Post({k: v.strip() for k, v in texts.items()}, fallback, media, button, hours)


def _button(value: Any, problems: list[str]) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(
            "button: {link: URL, label: {lv: ...}}, {story: slug} or {opportunity: slug}"
        )
        return None
    if "story" in value or "opportunity" in value:
        kind = "story" if "story" in value else "opportunity"
        if not isinstance(value[kind], str):
            problems.append(f"button.{kind}: the slug of a published {kind}")
            return None
        return {"kind": kind, "slug": value[kind]}
    link, labels = value.get("link"), value.get("label")
    if not isinstance(link, str) or not URL.match(link):
        problems.append("button.link: must be an http(s) URL")
        return None
    if not isinstance(labels, dict) or not labels:
        problems.append("button.label: the button's words per language")
        return None
    for language, label in labels.items():
        if language not in LANGUAGES or not isinstance(label, str) or not label.strip():
            problems.append(f"button.label.{language}: a language and its words")
        elif len(label) > LABEL_LIMIT:
            problems.append(f"button.label.{language}: longer than {LABEL_LIMIT} characters")
    return {"kind": "link", "url": link, "label": labels}


def parse_audience(text: str, opportunity_ids: dict[str, int]) -> Audience:
    """`language=lv,ru; role=young; country=LV; age=14-17; subscribed=stories;
    interested=kontakts` (every filter must hold; any of its values); "" or "everyone": all
    who agreed to campaign news."""
    problems: list[str] = []
    fields: dict[str, tuple[Any, ...]] = {}
    allowed = {
        "language": ("languages", LANGUAGES),
        "role": ("roles", ROLES),
        "country": ("countries", ("LV", "LT")),
        "age": ("age_groups", AGE_GROUPS),
        "subscribed": ("subscribed", SUBSCRIPTIONS),
        "interested": ("interested", tuple(opportunity_ids)),
    }
    for part in text.split(";"):
        part = part.strip()
        if not part or part == "everyone":
            continue
        key, _, values = part.partition("=")
        key = key.strip()
        if key not in allowed:
            problems.append(f"{key}: unknown filter (expected {', '.join(allowed)})")
            continue
        name, known = allowed[key]
        chosen = tuple(v.strip() for v in values.split(",") if v.strip())
        wrong = [v for v in chosen if v not in known]
        if not chosen or wrong:
            problems.append(f"{key}: one or more of {', '.join(known) or '(none yet)'}")
            continue
        fields[name] = tuple(opportunity_ids[v] for v in chosen) if key == "interested" else chosen
    if problems:
        raise ContentError(problems)
    return Audience(**fields)
