"""Parse Telegram-flavoured HTML the way the Bot API does (modelled on TDLib's parse_html)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import ApiError, bad_request

SUPPORTED_TAGS = {
    "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
    "tg-spoiler", "tg-emoji", "tg-time", "code", "pre", "blockquote",
}  # fmt: skip
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
SAFE_URL_RE = re.compile(r"(https?|tg|mailto):", re.IGNORECASE)
LANGUAGE_RE = re.compile(r"[\w+#.-]+")
WHITESPACE = " \t\r\n\f\v"
ENTITY_RE = re.compile(r"&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);?")
INTEGER_TEXT = re.compile(r"-?\d+")

# tag -> (entity type, canonical opening HTML, canonical closing HTML)
SIMPLE_TAGS = {
    "b": ("bold", "<b>", "</b>"),
    "strong": ("bold", "<b>", "</b>"),
    "i": ("italic", "<i>", "</i>"),
    "em": ("italic", "<i>", "</i>"),
    "u": ("underline", "<u>", "</u>"),
    "ins": ("underline", "<u>", "</u>"),
    "s": ("strikethrough", "<s>", "</s>"),
    "strike": ("strikethrough", "<s>", "</s>"),
    "del": ("strikethrough", "<s>", "</s>"),
    "tg-spoiler": ("spoiler", '<span class="tg-spoiler">', "</span>"),
    "span": ("spoiler", '<span class="tg-spoiler">', "</span>"),
    "pre": ("pre", "<pre>", "</pre>"),
}


@dataclass
class ParsedText:
    """Result of parsing: plain text, sanitised HTML and Bot API MessageEntity dicts."""

    text: str
    html: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    name: str
    entity: dict[str, Any] | None
    start: int  # UTF-16 offset in the plain text
    closing_html: str


def utf16_len(text: str) -> int:
    """Count UTF-16 code units, which is how Telegram measures text length and offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


class _Parser:
    """Single-pass HTML parser; errors use TDLib's wording and UTF-8 byte offsets."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.text: list[str] = []
        self.html: list[str] = []
        self.offset = 0  # UTF-16 length of self.text so far
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode("utf-8", "surrogatepass"))

    def peek(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def parse(self) -> ParsedText:
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "&":
                self.append(self.read_entity())
            elif char == "<":
                self.read_tag()
            else:
                self.append(char)
                self.pos += 1
        if self.stack:
            raise _error(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        return ParsedText("".join(self.text), "".join(self.html), self.entities)

    def append(self, chars: str) -> None:
        self.text.append(chars)
        self.html.append(html.escape(chars, quote=False))
        self.offset += utf16_len(chars)

    def read_entity(self) -> str:
        """Decode &lt; &gt; &amp; &quot; or a numeric reference starting at self.pos."""
        start = self.pos
        match = ENTITY_RE.match(self.src, start)
        char = _decode_entity(match.group(1)) if match else None
        if char is None:
            # TDLib keeps such '&' literally; the sandbox is stricter on purpose so that
            # unescaped user data is caught before it reaches production.
            raise _error(
                f'Character "&" must be escaped as "&amp;" at byte offset {self.byte_offset(start)}'
            )
        assert match is not None
        self.pos = match.end()
        return char

    def read_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        if self.peek() == "/":
            self.read_end_tag(begin)
            return
        name_end = self.pos
        while name_end < len(self.src) and self.src[name_end] not in WHITESPACE + ">":
            name_end += 1
        if name_end >= len(self.src):
            raise _error(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = self.src[self.pos : name_end].lower()
        if name not in SUPPORTED_TAGS:
            raise _error(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}')
        self.pos = name_end
        attributes = self.read_attributes(name, begin)
        self.pos += 1  # the closing '>'
        self.open_tag(name, attributes, begin)

    def read_attributes(self, tag: str, begin: int) -> dict[str, str]:
        attributes: dict[str, str] = {}
        while True:
            while self.peek() and self.peek() in WHITESPACE:
                self.pos += 1
            if self.peek() == "":
                raise _error(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            if self.peek() == ">":
                return attributes
            name_start = self.pos
            while self.peek() and self.peek() not in WHITESPACE + "=>":
                self.pos += 1
            name = self.src[name_start : self.pos].lower()
            while self.peek() and self.peek() in WHITESPACE:
                self.pos += 1
            if self.peek() != "=":
                if tag == "blockquote" and name == "expandable":
                    attributes[name] = ""
                    continue
                raise _error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {self.byte_offset(begin)}'
                )
            self.pos += 1
            while self.peek() and self.peek() in WHITESPACE:
                self.pos += 1
            attributes[name] = self.read_attribute_value(begin)

    def read_attribute_value(self, begin: int) -> str:
        quote = self.peek()
        if quote in ("'", '"'):
            end = self.src.find(quote, self.pos + 1)
            if end < 0:
                raise _error(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            raw = self.src[self.pos + 1 : end]
            self.pos = end + 1
            return html.unescape(raw)
        start = self.pos
        while self.peek() and (self.peek().isalnum() or self.peek() in ".-"):
            self.pos += 1
        if self.peek() not in WHITESPACE + ">" or self.peek() == "":
            raise _error(f"Unexpected end of name token at byte offset {self.byte_offset(start)}")
        return self.src[start : self.pos].lower()

    def open_tag(self, name: str, attributes: dict[str, str], begin: int) -> None:
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise _error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        entity, opening, closing = self.describe_tag(name, attributes)
        self.html.append(opening)
        self.stack.append(_OpenTag(name, entity, self.offset, closing))

    def describe_tag(
        self, name: str, attrs: dict[str, str]
    ) -> tuple[dict[str, Any] | None, str, str]:
        """Map a tag to its MessageEntity and the sanitised HTML the page may render."""
        if name in SIMPLE_TAGS:
            kind, opening, closing = SIMPLE_TAGS[name]
            return {"type": kind}, opening, closing
        if name == "a":
            href = attrs.get("href", "")
            if not href or not SAFE_URL_RE.match(href):
                return None, "", ""
            attr = html.escape(href, quote=True)
            opening = f'<a href="{attr}" target="_blank" rel="noopener noreferrer">'
            return {"type": "text_link", "url": href}, opening, "</a>"
        if name == "code":
            return self.describe_code(attrs)
        if name == "blockquote":
            if "expandable" in attrs:
                kind, opening = "expandable_blockquote", '<blockquote class="expandable">'
                return {"type": kind}, opening, "</blockquote>"
            return {"type": "blockquote"}, "<blockquote>", "</blockquote>"
        if name == "tg-emoji":
            emoji = {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id", "")}
            return emoji, '<span class="tg-emoji">', "</span>"
        # tg-time
        entity: dict[str, Any] = {"type": "date_time"}
        if INTEGER_TEXT.fullmatch(attrs.get("unix", "")):
            entity["unix_time"] = int(attrs["unix"])
        if attrs.get("format"):
            entity["date_time_format"] = attrs["format"]
        return entity, '<span class="tg-time">', "</span>"

    def describe_code(self, attrs: dict[str, str]) -> tuple[dict[str, Any] | None, str, str]:
        language = attrs.get("class", "").removeprefix("language-")
        inside_pre = bool(self.stack) and self.stack[-1].name == "pre"
        if inside_pre and language and LANGUAGE_RE.fullmatch(language):
            # Telegram folds <pre><code class="language-x"> into one pre entity.
            pre = self.stack[-1].entity
            if pre is not None:
                pre["language"] = language
            return None, f'<code class="language-{language}">', "</code>"
        if inside_pre:
            return None, "<code>", "</code>"
        return {"type": "code"}, "<code>", "</code>"

    def read_end_tag(self, begin: int) -> None:
        if not self.stack:
            raise _error(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        name_start = self.pos
        while self.peek() and self.peek() not in WHITESPACE + ">":
            self.pos += 1
        end_name = self.src[name_start : self.pos]
        while self.peek() and self.peek() in WHITESPACE:
            self.pos += 1
        if self.peek() != ">":
            raise _error(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        open_tag = self.stack.pop()
        if end_name and end_name.lower() != open_tag.name:
            raise _error(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{open_tag.name}>", found "</{end_name}>"'
            )
        self.html.append(open_tag.closing_html)
        length = self.offset - open_tag.start
        if open_tag.entity is not None and length > 0:
            self.entities.append({**open_tag.entity, "offset": open_tag.start, "length": length})


def _decode_entity(body: str) -> str | None:
    """Decode the inside of an &...; reference, or None if Telegram does not support it."""
    if not body.startswith("#"):
        return NAMED_ENTITIES.get(body)
    try:
        code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
    except ValueError:
        return None
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def parse_html(source: str) -> ParsedText:
    """Parse a parse_mode=HTML text; raise ApiError with Telegram's wording on bad markup."""
    parsed = _Parser(source).parse()
    parsed.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return parsed


def plain(source: str) -> ParsedText:
    """Wrap text sent without parse_mode (escaped so it can be shown as HTML)."""
    return ParsedText(source, html.escape(source, quote=False))


def strip_text(parsed: ParsedText) -> ParsedText:
    """Trim surrounding whitespace like Telegram does, shifting entity offsets to match."""
    stripped = parsed.text.strip()
    if stripped == parsed.text:
        return parsed
    lead = utf16_len(parsed.text[: len(parsed.text) - len(parsed.text.lstrip())])
    total = utf16_len(stripped)
    entities = []
    for entity in parsed.entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, parsed.html, entities)
