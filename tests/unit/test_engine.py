"""The dialog engine, without any transport or database."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.conversation import build_engine
from dialogs.engine import Context, Conversation, Profile
from dialogs.events import ActionEvent, CommandEvent, ContactEvent, TextEvent
from dialogs.i18n import Catalogues
from tests.fakes import Programme, fake_ports

ENGINE = build_engine()
CATALOGUES = Catalogues()
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


class Person:
    """A user of the pure engine: events in, replies out."""

    def __init__(self, language: str = "en", user_id: int = 1, programme=None) -> None:  # type: ignore[no-untyped-def]
        self.profile = Profile(language=language)
        self.conversation = Conversation("onboarding", "welcome")
        self.ports = fake_ports(programme or Programme(), user_id)

    async def do(self, event):  # type: ignore[no-untyped-def]
        ctx = Context(
            self.profile, self.conversation, CATALOGUES, NOW, sender_name="Ann", ports=self.ports
        )
        return await ENGINE.handle(ctx, event)

    async def press(self, action: str):  # type: ignore[no-untyped-def]
        return await self.do(ActionEvent(action, self.conversation.version))

    @property
    def at(self) -> tuple[str, str]:
        return self.conversation.flow, self.conversation.step


async def test_onboarding_stores_answers_only_when_consent_is_complete() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    await person.press("lang:lv")
    await person.press("consent:yes")
    await person.press("country:LT")
    assert person.profile.consent_at is None and person.profile.country is None
    outcome = await person.press("age:18-25")
    assert person.at == ("menu", "main")
    assert person.profile.consent_at == NOW
    assert (person.profile.country, person.profile.age_group) == ("LT", "18-25")
    assert person.profile.guardian_confirmed_at is None
    assert outcome.replies[0].replace  # the pressed message becomes the note


async def test_guardian_declines_and_nothing_is_kept() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    await person.press("lang:lt")
    await person.press("consent:yes")
    await person.press("country:LT")
    await person.press("age:13")
    assert person.at == ("onboarding", "guardian")
    await person.press("guardian:no")
    assert person.at == ("menu", "main")
    assert person.profile.consent_at is None and person.profile.age_group is None
    assert person.conversation.data == {}


async def test_stale_version_is_expired_and_shows_current_step() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    old = person.conversation.version
    await person.press("lang:en")
    outcome = await person.do(ActionEvent("consent:yes", old))
    assert person.at == ("onboarding", "privacy")
    assert outcome.toast == "This button has expired. Here is where we are now:"
    assert not outcome.replies[-1].replace
    assert "Do you agree?" in outcome.replies[-1].text


async def test_an_action_of_another_step_is_expired() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    outcome = await person.press("guardian:yes")
    assert outcome.toast is not None
    assert person.at == ("onboarding", "welcome")


async def test_language_is_a_detour_that_returns_with_data() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    await person.press("lang:en")
    await person.press("consent:yes")
    await person.do(CommandEvent("language"))
    assert person.at == ("language", "choose")
    outcome = await person.press("set:ru")
    assert person.at == ("onboarding", "country")
    assert person.conversation.data == {"consent": True}
    assert outcome.replies[-1].text == CATALOGUES.translator("ru").gettext("Where do you live?")


async def test_text_where_buttons_are_expected_keeps_the_step() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    outcome = await person.do(TextEvent("hello" * 1000))
    assert person.at == ("onboarding", "welcome")
    assert (
        outcome.replies[0].text
        == "Please choose one of the buttons below. If you need help right now, write “help”."
    )
    assert "Which language shall we speak?" in outcome.replies[-1].text


async def test_unknown_command_and_contact() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    unknown = await person.do(CommandEvent("nope"))
    assert unknown.replies[0].text.startswith("I don't know")
    contact = await person.do(ContactEvent("+371"))
    assert contact.replies[0].text.startswith("I can only read")
    assert person.at == ("onboarding", "welcome")


async def test_sos_works_before_consent_and_back_returns() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    await person.press("lang:lv")
    outcome = await person.press("sos")
    assert "112" in outcome.replies[-1].text and "116111" in outcome.replies[-1].text
    await person.press("back")
    assert person.at == ("onboarding", "privacy")


async def test_deleting_everything_ends_on_a_farewell_without_buttons() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    for action in ("lang:en", "consent:yes", "country:LV", "age:14-17"):
        await person.press(action)
    await person.press("menu:privacy")
    confirm = await person.press("privacy:delete")
    assert "at once and for good" in confirm.replies[-1].text
    outcome = await person.press("privacy:confirm")
    assert person.at == ("privacy", "erased")
    assert outcome.replies[-1].text.startswith("Done: I have deleted everything about you.")
    assert outcome.replies[-1].buttons == ()


async def test_typed_help_opens_the_helplines_from_a_form_and_back_returns() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    await person.press("lang:en")
    for words in ("help", "SOS!!", "Palīdzība", "помогите", "🆘 Man vajag palīdzību tagad"):
        outcome = await person.do(TextEvent(words))
        assert person.at == ("info", "crisis"), words
        assert "116111" in outcome.replies[-1].text
    back = await person.press("back")
    assert person.at == ("onboarding", "privacy")
    # The helplines stay in the chat: the screen comes below them, not in their place.
    assert not back.replies[0].replace


async def test_words_of_danger_get_the_helplines_then_the_same_step() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    await person.press("lang:lv")
    outcome = await person.do(TextEvent("man ir loti slikti, negribu vairs dzivot"))
    assert outcome.concern is not None
    assert "116123" in outcome.replies[0].text and "112" in outcome.replies[0].text
    assert person.at == ("onboarding", "privacy")
    lv = CATALOGUES.translator("lv")
    assert lv.gettext("Do you agree?") in outcome.replies[-1].text
    use_buttons = (
        "Please choose one of the buttons below. If you need help right now, write “help”."
    )
    assert lv.gettext(use_buttons) not in [reply.text for reply in outcome.replies]


async def test_ordinary_words_raise_no_concern() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    outcome = await person.do(TextEvent("I want help with my homework"))
    assert outcome.concern is None
    assert person.at == ("onboarding", "welcome")


async def test_start_for_a_known_user_goes_home() -> None:
    person = Person()
    await person.do(CommandEvent("start"))
    for action in ("lang:en", "consent:yes", "country:LV", "age:18-25"):
        await person.press(action)
    outcome = await person.do(CommandEvent("start"))
    assert outcome.replies[0].text == "Welcome back!"
    assert person.at == ("menu", "main")
