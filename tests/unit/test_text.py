"""What people type where a number or a name is asked: any script, nothing invisible."""

from __future__ import annotations

import pytest

from dialogs.text import one_line_name, parse_age, parse_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [("27", 27), ("２７", 27), ("٢٧", 27), (" 31 ", 31), ("2o", None), ("", None), ("1e3", None)],
)
def test_a_number_in_any_script(typed: str, number: int | None) -> None:
    assert parse_number(typed) == number


@pytest.mark.parametrize(
    ("typed", "age"),
    [
        ("25", 25),
        ("25 gadi", 25),
        ("25 metai", 25),
        ("25 лет", 25),
        ("31 years", 31),
        ("25 or 30", None),
        ("25 gadi!", None),
        ("twenty", None),
    ],
)
def test_an_age_as_people_write_it(typed: str, age: int | None) -> None:
    assert parse_age(typed) == age


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("An\u200bna", "Anna"),  # a zero-width space would make a second "Anna"
        ("\u2060Jānis\u00ad ", "Jānis"),  # a word joiner and a soft hyphen
        ("Ilze  \n Ozola", "Ilze Ozola"),
        ("Kim 👩\u200d💻", "Kim 👩\u200d💻"),  # the joiner of an emoji sequence stays
    ],
)
def test_a_name_keeps_only_what_can_be_seen(typed: str, kept: str) -> None:
    assert one_line_name(typed) == kept
