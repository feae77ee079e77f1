"""Which of an item's languages a person reads."""

from __future__ import annotations

from dialogs.i18n import LANGUAGES
from storage.models import User

# The language a country's people are most likely to read after their own.
COUNTRY_LANGUAGE = {"LV": "lv", "LT": "lt"}


def nearest_language(texts: dict[str, str], user: User) -> str:
    """The person's language, else the one of their country, else English, else any."""
    preferred = [user.language, COUNTRY_LANGUAGE.get(user.country or ""), "en"]
    for language in [*preferred, *LANGUAGES]:
        if language and language in texts:
            return language
    return next(iter(texts))
