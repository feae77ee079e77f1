"""Validate Bot API requests against the machine-readable Bot API specification."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.errors import bad_request

PRIMITIVES = {"Integer", "Float", "Boolean", "String", "InputFile"}
INTEGER_RE = re.compile(r"-?\d+")
FLOAT_RE = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")

# Telegram words a few missing-parameter errors specially; everything else is generic.
MISSING_MESSAGES = {
    "text": "message text is empty",
    "chat_id": "chat_id is empty",
    "callback_query_id": "query_id is empty",
}

# Deprecated parameters Telegram still honours, keyed by the field that replaced them. aiogram
# sends disable_web_page_preview whenever DefaultBotProperties(link_preview_is_disabled=...) is
# used, so rejecting them would fail bots that work in production.
LEGACY_FIELDS = {
    "link_preview_options": {"disable_web_page_preview": "Boolean"},
    "reply_parameters": {
        "reply_to_message_id": "Integer",
        "allow_sending_without_reply": "Boolean",
    },
}


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, kept in memory."""

    file_name: str
    data: bytes
    content_type: str

    @property
    def size(self) -> int:
        """Return the size in bytes."""
        return len(self.data)


@dataclass(frozen=True)
class FieldSpec:
    """One parameter of a method or one field of an object type."""

    name: str
    types: tuple[str, ...]
    required: bool


class _Mismatch(Exception):
    """Internal: a value does not match one candidate type (score ranks candidates)."""

    def __init__(self, reason: str, score: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.score = score


class BotApiSpec:
    """Method and type definitions loaded from the spec JSON file."""

    def __init__(self, spec_path: Path) -> None:
        raw = json.loads(Path(spec_path).read_text(encoding="utf-8"))
        self.version: str = raw.get("version", "")
        self.methods: dict[str, str] = {}  # lower-case name -> canonical name
        self._method_fields: dict[str, dict[str, FieldSpec]] = {}
        for name, method in raw["methods"].items():
            self.methods[name.lower()] = name
            self._method_fields[name] = _fields(method) | _legacy_fields(method)
        self._type_fields: dict[str, dict[str, FieldSpec]] = {
            name: _fields(type_) for name, type_ in raw["types"].items()
        }

    def canonical_method(self, name: str) -> str | None:
        """Return the spec spelling of a method name (Telegram matches case-insensitively)."""
        return self.methods.get(name.lower())

    def method_fields(self, method: str) -> dict[str, FieldSpec]:
        """Return the parameters of a canonical method name."""
        return self._method_fields[method]

    def validate(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Check params of a canonical method and return them decoded (ints, bools, objects)."""
        fields = self._method_fields[method]
        for name in params:
            if name not in fields:
                raise bad_request(f'unknown parameter "{name}"')
        decoded: dict[str, Any] = {}
        for field in fields.values():
            if field.name not in params:
                if field.required:
                    reason = MISSING_MESSAGES.get(
                        field.name, f'parameter "{field.name}" is required'
                    )
                    raise bad_request(reason)
                continue
            try:
                decoded[field.name] = self._coerce_any(params[field.name], field.types, top=True)
            except _Mismatch as exc:
                raise bad_request(f'parameter "{field.name}": {exc.reason}') from None
        return decoded

    def _coerce_any(self, value: Any, types: tuple[str, ...], top: bool) -> Any:
        """Coerce value to the first matching type; report the most relevant mismatch."""
        failures: list[_Mismatch] = []
        for type_name in types:
            try:
                return self._coerce(value, type_name, top)
            except _Mismatch as exc:
                failures.append(exc)
        best = max(failures, key=lambda exc: exc.score)
        if len(types) > 1 and best.score == 0:
            raise _Mismatch(f"expected {' or '.join(types)}")
        raise best

    def _coerce(self, value: Any, type_name: str, top: bool) -> Any:
        """Coerce value to one spec type or raise _Mismatch."""
        if type_name.startswith("Array of "):
            return self._coerce_array(value, type_name.removeprefix("Array of "), top)
        if type_name in PRIMITIVES:
            return _coerce_primitive(value, type_name)
        fields = self._type_fields.get(type_name)
        if top and isinstance(value, str):
            value = _load_json(value)
        if fields is None or not fields:
            # Abstract/union types (BotCommandScope, MenuButton, ...) carry no fields in the
            # spec, so any object is accepted; unknown type names are accepted as they come.
            if fields is not None and not isinstance(value, dict):
                raise _Mismatch(f"expected a JSON object of type {type_name}")
            return value
        if not isinstance(value, dict):
            raise _Mismatch(f"expected a JSON object of type {type_name}")
        return self._coerce_object(value, type_name, fields)

    def _coerce_array(self, value: Any, item_type: str, top: bool) -> list[Any]:
        """Coerce a JSON array whose items all have item_type."""
        if top and isinstance(value, str):
            value = _load_json(value)
        if not isinstance(value, list):
            raise _Mismatch(f"expected an Array of {item_type}")
        result = []
        for index, item in enumerate(value):
            try:
                result.append(self._coerce(item, item_type, top=False))
            except _Mismatch as exc:
                raise _Mismatch(f"[{index}]: {exc.reason}", exc.score) from None
        return result

    def _coerce_object(
        self, value: dict[str, Any], type_name: str, fields: dict[str, FieldSpec]
    ) -> dict[str, Any]:
        """Validate an object's fields recursively; unknown and missing fields are errors."""
        # The score lets a multi-type field report the error of the type the caller most
        # likely meant (the one sharing most keys), e.g. InlineKeyboardMarkup for reply_markup.
        score = 1 + sum(1 for key in value if key in fields)
        for key in value:
            if key not in fields:
                raise _Mismatch(f'unknown field "{key}" in {type_name}', score)
        result: dict[str, Any] = {}
        for field in fields.values():
            if field.name not in value:
                if field.required:
                    raise _Mismatch(f'field "{field.name}" of {type_name} is required', score)
                continue
            try:
                result[field.name] = self._coerce_any(value[field.name], field.types, top=False)
            except _Mismatch as exc:
                raise _Mismatch(
                    f'field "{field.name}" of {type_name}: {exc.reason}', score
                ) from None
        return result


def _fields(definition: dict[str, Any]) -> dict[str, FieldSpec]:
    """Index the `fields` list of a method or type definition by name."""
    return {
        f["name"]: FieldSpec(f["name"], tuple(f["types"]), bool(f.get("required")))
        for f in definition.get("fields", [])
    }


def _legacy_fields(definition: dict[str, Any]) -> dict[str, FieldSpec]:
    """Return the deprecated parameters a method still accepts."""
    names = {f["name"] for f in definition.get("fields", [])}
    return {
        legacy: FieldSpec(legacy, (type_name,), False)
        for successor, legacy_fields in LEGACY_FIELDS.items()
        if successor in names
        for legacy, type_name in legacy_fields.items()
    }


def _load_json(text: str) -> Any:
    """Decode a JSON-serialized parameter sent as a form/query string."""
    try:
        return json.loads(text)
    except ValueError:
        raise _Mismatch("can't parse JSON") from None


def _coerce_primitive(value: Any, type_name: str) -> Any:
    """Coerce a scalar the way Telegram reads form, query and JSON values."""
    if type_name == "InputFile":
        # aiogram sends uploads as "attach://<part name>" plus a separate file part.
        if isinstance(value, UploadedFile) or (
            isinstance(value, str) and value.startswith("attach://")
        ):
            return value
        raise _Mismatch("expected an uploaded file")
    if type_name == "String":
        if isinstance(value, str):
            return value
        raise _Mismatch("expected a String")
    if type_name == "Boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise _Mismatch("expected a Boolean")
    if isinstance(value, bool):
        raise _Mismatch(f"expected {'an Integer' if type_name == 'Integer' else 'a Float'}")
    if type_name == "Integer":
        if isinstance(value, int):
            return value
        if isinstance(value, str) and INTEGER_RE.fullmatch(value.strip()):
            return int(value)
        raise _Mismatch("expected an Integer")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and FLOAT_RE.fullmatch(value.strip()):
        return float(value)
    raise _Mismatch("expected a Float")
