"""Buttons and notes that several flows share."""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale

from dialogs.engine import Context, Transition, say, stay
from dialogs.i18n import LANGUAGES, Translator
from dialogs.replies import Button

# Endonyms: each language is named in itself, so they are deliberately not translated.
# They label the buttons to choose a language; running text names languages in the reader's.
LANGUAGE_NAMES = {"lv": "Latviešu", "lt": "Lietuvių", "ru": "Русский", "en": "English"}

HOME = ("menu", "main")


def language_name(t: Translator, code: str) -> str:
    """A language as the reader's own language names it in a sentence: "angļu", "English"."""
    return Locale.parse(t.language).languages.get(code, code)


def language_list(t: Translator, codes: Iterable[str]) -> str:
    return ", ".join(language_name(t, code) for code in codes)


def language_buttons(prefix: str) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(name, action=f"{prefix}:{code}") for code, name in LANGUAGE_NAMES.items()]
    return (tuple(buttons[:2]), tuple(buttons[2:]))


def back_button(ctx: Context) -> Button:
    return Button(ctx._("⬅️ Back"), action="back")


def sos_button(ctx: Context) -> Button:
    # The same words as the help entry the channel keeps below the chat.
    # Where labels are short (Messenger), the help is still named in words, never a number.
    return Button(ctx._("🆘 I need help now"), action="sos", short=ctx._("🆘 Help now"))


def free_times_button(t: Translator, action: str, sticky: bool = False) -> Button:
    """To a mentor's free times: from the menu, or from a notice (sticky)."""
    short = t.gettext("🗓 Free times")
    return Button(t.gettext("🗓 My free times"), action=action, sticky=sticky, short=short)


def next_language(ctx: Context, written: str, done: Transition) -> Transition:
    """Texts asked one language at a time (ctx.data["lang"] indexes LANGUAGES): the next
    language, or `done` once all were asked; with none written in `ctx.data[written]`, from
    the first language again."""
    index = ctx.data.get("lang", 0) + 1
    if index < len(LANGUAGES):
        ctx.data["lang"] = index
        return stay()
    ctx.data["lang"] = 0
    if not ctx.data.get(written):
        return stay(say("It needs at least one language. Let's start again."))
    return done
