"""Button payloads and Telegram text rendering."""

from __future__ import annotations

import pytest

from bot.channels.buttons import MAX_BYTES, ButtonCodec
from bot.channels.text import utf16_length
from bot.telegram.render import TEXT_LIMIT, escape, split_text
from dialogs.replies import Button

CODEC = ButtonCodec(b"test-key")


def test_round_trip_and_size() -> None:
    data = CODEC.encode("123456789012", "a" * 32, 10**9)
    assert len(data.encode()) <= MAX_BYTES
    pressed = CODEC.decode("123456789012", data)
    assert pressed is not None and pressed.action == "a" * 32 and pressed.version == 10**9


@pytest.mark.parametrize(
    "data",
    ["", "x", "lang:lv~1~AAAAAAAAAAAA", "lang:lv~1", "<b>~1~zz", "💥" * 16, "a~b~c~d"],
)
def test_forged_or_damaged_payloads_are_refused(data: str) -> None:
    assert CODEC.decode("1", data) is None


def test_payload_of_another_chat_or_key_is_refused() -> None:
    data = CODEC.encode("1", "consent:yes", 3)
    assert CODEC.decode("2", data) is None
    assert ButtonCodec(b"other-key").decode("1", data) is None


def test_action_ids_cannot_carry_user_text() -> None:
    with pytest.raises(ValueError):
        Button("x", action="hello world")
    with pytest.raises(ValueError):
        CODEC.encode("1", "<b>", 1)


def test_escape_user_text() -> None:
    assert escape('<b>Ann</b> & "Co"') == '&lt;b&gt;Ann&lt;/b&gt; &amp; "Co"'


def test_split_long_text_at_breaks_under_the_limit() -> None:
    paragraph = "word " * 300
    text = "\n\n".join([paragraph.strip()] * 10)
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(utf16_length(chunk) <= TEXT_LIMIT for chunk in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())


def test_split_counts_utf16_like_telegram() -> None:
    text = "😀" * 3000  # 6,000 UTF-16 code units
    chunks = split_text(text)
    assert all(utf16_length(chunk) <= TEXT_LIMIT for chunk in chunks)
    assert "".join(chunks) == text


def test_short_text_is_one_chunk() -> None:
    assert split_text("hello") == ["hello"]


def test_sticky_buttons_carry_no_version() -> None:
    data = CODEC.encode("5", "app:42:ok", None)
    pressed = CODEC.decode("5", data)
    assert pressed is not None and pressed.version is None
    assert CODEC.decode("5", data.replace("~-~", "~0~")) is None  # the version is signed too
