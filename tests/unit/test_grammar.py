"""Names in address, dates inside sentences, languages and time zones as people say them."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

import pytest

from dialogs.flows.common import language_list
from dialogs.grammar import vocative, when_date
from dialogs.i18n import Catalogues
from dialogs.timeslots import moment_label, zone_label

CATALOGUES = Catalogues()
SATURDAY_FIVE_PM = datetime(2026, 11, 28, 15, tzinfo=UTC)  # 17:00 in Riga and Vilnius
A_WEEK_BEFORE = datetime(2026, 11, 20, 12, tzinfo=UTC)
A_YEAR_BEFORE = datetime(2025, 11, 20, 12, tzinfo=UTC)

LATVIAN = {
    "Jānis": "Jāni",
    "Pēteris": "Pēteri",
    "Kārlis": "Kārli",
    "Andris": "Andri",
    "Uģis": "Uģi",
    "Raimonds": "Raimond",
    "Ivars": "Ivar",
    "Roberts": "Robert",
    "Edgars": "Edgar",
    "Ģirts": "Ģirt",
    "Kristaps": "Kristap",
    "Andrejs": "Andrej",
    "Matīss": "Matīs",
    "Krišs": "Kriš",
    "Mārtiņš": "Mārtiņ",
    "Ingus": "Ingu",
    "Mikus": "Miku",
    "Markus": "Marku",
    "Anna": "Anna",
    "Alise": "Alise",
    "Laura": "Laura",
    "Līga": "Līga",
    "Marta": "Marta",
    "Elza": "Elza",
    "Dace": "Dace",
    "Ilze": "Ilze",
    "Kristīne": "Kristīne",
    "Ņikita": "Ņikita",
}
LITHUANIAN = {
    "Matas": "Matai",
    "Jonas": "Jonai",
    "Mindaugas": "Mindaugai",
    "Lukas": "Lukai",
    "Tadas": "Tadai",
    "Tomas": "Tomai",
    "Vytautas": "Vytautai",
    "Kęstutis": "Kęstuti",
    "Gytis": "Gyti",
    "Jurgis": "Jurgi",
    "Kazys": "Kazy",
    "Julius": "Juliau",
    "Paulius": "Pauliau",
    "Darius": "Dariau",
    "Andrius": "Andriau",
    "Kajus": "Kajau",
    "Nojus": "Nojau",
    "Mikus": "Mikau",
    "Eglė": "Egle",
    "Gabrielė": "Gabriele",
    "Urtė": "Urte",
    "Saulė": "Saule",
    "Rūta": "Rūta",
    "Ona": "Ona",
    "Austėja": "Austėja",
    "Gabija": "Gabija",
    "Emilija": "Emilija",
}


@pytest.mark.parametrize(("name", "called"), LATVIAN.items())
def test_latvian_first_names_in_address(name: str, called: str) -> None:
    assert vocative(name, "lv") == called


@pytest.mark.parametrize(("name", "called"), LITHUANIAN.items())
def test_lithuanian_first_names_in_address(name: str, called: str) -> None:
    assert vocative(name, "lt") == called


@pytest.mark.parametrize(
    ("name", "language", "called"),
    [
        ("JĀNIS", "lv", "JĀNI"),
        ("jānis", "lv", "jāni"),
        ("EGLĖ", "lt", "EGLE"),
        ("MATAS", "lt", "MATAI"),
        ("Jānis-Pēteris", "lv", "Jāni-Pēteri"),
        ("Anna-Marija", "lv", "Anna-Marija"),
        ("Jonas-Petras", "lt", "Jonai-Petrai"),
        # Written with combining marks, as some keyboards send it: the same name.
        (unicodedata.normalize("NFD", "Jānis"), "lv", "Jāni"),
    ],
)
def test_case_double_names_and_combining_marks(name: str, language: str, called: str) -> None:
    assert vocative(name, language) == called


@pytest.mark.parametrize(
    "name",
    [
        "Ваня",  # Cyrillic
        "Jānis Bērziņš",  # two words
        "Jānis2",
        "Jānis 🙂",
        "🙂",
        "",
        "J.",
        "-Jānis",
        "Is",  # too short to have an ending
        "Thomas",  # foreign spellings: no guess
        "Chris",
        "Max",
        "Klaus",
        "Luis",
        "Andreas",
    ],
)
@pytest.mark.parametrize("language", ["lv", "lt"])
def test_names_left_as_they_are(name: str, language: str) -> None:
    assert vocative(name, language) == name


@pytest.mark.parametrize(
    ("name", "language"),
    [("Tomas", "lv"), ("Andrejas", "lt"), ("Tobias", "lt"), ("Jānis", "ru"), ("Jonas", "en")],
)
def test_no_guess_outside_the_rules(name: str, language: str) -> None:
    assert vocative(name, language) == name


def test_the_welcome_greets_in_the_vocative() -> None:
    lv = CATALOGUES.translator("lv")
    assert lv.gettext("Hi, {name}!").format(name=vocative("Jānis", "lv")) == "Čau, Jāni!"


# --- dates inside sentences ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "zone", "within_the_year", "a_year_ahead"),
    [
        (
            "lv",
            "Europe/Riga",
            "sestdien, 28. novembrī, plkst. 17:00",
            "sestdien, 2026. gada 28. novembrī, plkst. 17:00",
        ),
        (
            "lt",
            "Europe/Vilnius",
            "lapkričio 28 d., šeštadienį, 17:00",
            "2026 m. lapkričio 28 d., šeštadienį, 17:00",
        ),
        (
            "ru",
            "Europe/Riga",
            "суббота, 28 ноября в 17:00",
            "суббота, 28 ноября 2026\u202fг. в 17:00",
        ),
        (
            "en",
            "Europe/Riga",
            "Saturday, November 28, 5:00\u202fPM",
            "Saturday, November 28, 2026, 5:00\u202fPM",
        ),
    ],
)
def test_a_start_in_a_sentence(
    language: str, zone: str, within_the_year: str, a_year_ahead: str
) -> None:
    t = CATALOGUES.translator(language, zone)
    assert moment_label(t.as_of(A_WEEK_BEFORE), SATURDAY_FIVE_PM) == within_the_year
    assert moment_label(t.as_of(A_YEAR_BEFORE), SATURDAY_FIVE_PM) == a_year_ahead


def test_the_day_is_the_readers_own() -> None:
    late = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)  # already Sunday in Riga
    lv = CATALOGUES.translator("lv", "Europe/Riga").as_of(A_WEEK_BEFORE)
    assert moment_label(lv, late) == "svētdien, 29. novembrī, plkst. 01:30"


@pytest.mark.parametrize(
    ("now", "day", "with_year"),
    [
        (date(2026, 12, 20), date(2027, 1, 5), False),  # next year, but in two weeks
        (date(2026, 11, 28), date(2026, 3, 2), False),  # earlier this year
        (date(2027, 1, 3), date(2026, 12, 28), True),  # last year
        (date(2026, 1, 10), date(2027, 1, 10), True),  # a year ahead
    ],
)
def test_the_year_only_when_it_is_not_clear(now: date, day: date, with_year: bool) -> None:
    en = CATALOGUES.translator("en").as_of(datetime(now.year, now.month, now.day, 12, tzinfo=UTC))
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    assert (str(day.year) in moment_label(en, moment)) is with_year


def test_russian_never_ends_with_two_full_stops() -> None:
    ru = CATALOGUES.translator("ru", "Europe/Riga").as_of(A_YEAR_BEFORE)
    reminder = ru.gettext("Reminder: you meet {name} on {when}.")
    text = reminder.format(name="Анна", when=moment_label(ru, SATURDAY_FIVE_PM))
    assert text == "Напоминание о встрече (Анна): суббота, 28 ноября 2026\u202fг. в 17:00."


@pytest.mark.parametrize(
    ("month", "latvian"),
    list(
        enumerate(
            (
                "janvārī",
                "februārī",
                "martā",
                "aprīlī",
                "maijā",
                "jūnijā",
                "jūlijā",
                "augustā",
                "septembrī",
                "oktobrī",
                "novembrī",
                "decembrī",
            ),
            start=1,
        )
    ),
)
def test_latvian_months_in_the_locative(month: int, latvian: str) -> None:
    assert when_date(date(2027, month, 1), "lv", with_year=False).endswith(f" 1. {latvian}")


@pytest.mark.parametrize(
    ("day", "latvian", "lithuanian", "russian"),
    [
        (date(2026, 11, 23), "pirmdien", "pirmadienį", "понедельник"),
        (date(2026, 11, 24), "otrdien", "antradienį", "вторник"),
        (date(2026, 11, 25), "trešdien", "trečiadienį", "среда"),
        (date(2026, 11, 26), "ceturtdien", "ketvirtadienį", "четверг"),
        (date(2026, 11, 27), "piektdien", "penktadienį", "пятница"),
        (date(2026, 11, 28), "sestdien", "šeštadienį", "суббота"),
        (date(2026, 11, 29), "svētdien", "sekmadienį", "воскресенье"),
    ],
)
def test_weekdays_answer_when(day: date, latvian: str, lithuanian: str, russian: str) -> None:
    assert when_date(day, "lv", with_year=False) == f"{latvian}, {day.day}. novembrī"
    assert when_date(day, "lt", with_year=False) == f"lapkričio {day.day} d., {lithuanian}"
    assert when_date(day, "ru", with_year=False) == f"{russian}, {day.day} ноября"


# --- languages and time zones in running text ----------------------------------------------------


@pytest.mark.parametrize(
    ("reader", "named"),
    [
        ("lv", "latviešu, angļu, krievu, lietuviešu"),
        ("lt", "latvių, anglų, rusų, lietuvių"),
        ("ru", "латышский, английский, русский, литовский"),
        ("en", "Latvian, English, Russian, Lithuanian"),
    ],
)
def test_languages_named_in_the_readers_language(reader: str, named: str) -> None:
    assert language_list(CATALOGUES.translator(reader), ["lv", "en", "ru", "lt"]) == named


@pytest.mark.parametrize(
    ("language", "zone", "named"),
    [
        ("en", "Europe/Riga", "Riga time"),
        ("en", "Europe/Vilnius", "Vilnius time"),
        ("en", "Europe/London", "London"),
        ("ru", "Europe/London", "Лондон"),
        ("lt", "Europe/London", "Londonas"),
    ],
)
def test_time_zones_as_people_name_them(language: str, zone: str, named: str) -> None:
    assert zone_label(CATALOGUES.translator(language, zone)) == named
