"""The Messenger Profile: Get Started, the greeting and the persistent menu, per language.

Set at start-up with one call that replaces what was there, so running it again changes
nothing. The menu follows the person's own language choice (set per person when they choose),
the Page-wide version follows their Facebook locale until then.
"""

from __future__ import annotations

from typing import Any

from bot.messenger.translate import GET_STARTED
from dialogs.conversation import help_button_label
from dialogs.i18n import LANGUAGES, Catalogues, Translator

# Facebook's locales for our languages; "default" is everyone else's.
LOCALES = {"lv": "lv_LV", "lt": "lt_LT", "ru": "ru_RU", "en": "default"}
GREETING_LIMIT = 160  # characters; the catalogues keep within it (tested)


def menu(t: Translator) -> list[dict[str, Any]]:
    """The persistent menu's entries in one language (its titles are at most 30 characters)."""
    return [
        {
            "locale": "default",
            "composer_input_disabled": False,
            "call_to_actions": [
                _postback(help_button_label(t), "HELP_NOW"),
                _postback(t.gettext("☰ Main menu"), "MENU"),
                _postback(t.gettext("🌐 Language"), "LANGUAGE"),
                _postback(t.gettext("🔒 Privacy"), "PRIVACY"),
            ],
        }
    ]


def profile(catalogues: Catalogues) -> dict[str, Any]:
    """The whole Messenger Profile of the Page."""
    greetings = []
    menus = []
    for language in LANGUAGES:
        t = catalogues.translator(language)
        locale = LOCALES[language]
        # No {{user_first_name}}: Latvian and Lithuanian would need it in the vocative.
        greeting = t.gettext(
            "Hi! Here you can find a mentor, book your sessions and get help fast."
        )
        greetings.append({"locale": locale, "text": greeting})
        entry = menu(t)[0]
        menus.append({**entry, "locale": locale})
    return {
        "get_started": {"payload": GET_STARTED},
        "greeting": greetings,
        "persistent_menu": menus,
    }


def _postback(title: str, payload: str) -> dict[str, Any]:
    return {"type": "postback", "title": title, "payload": payload}
