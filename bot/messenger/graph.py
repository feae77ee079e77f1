"""The Graph API client: one POST per call, and Graph's errors turned into what they mean.

Meta documents its Send API errors by code and subcode; the body is read before anything is
decided (a 400 may mean "blocked", "outside the window" or "slow down", which call for
different answers). Errors carry codes only, never the message text or the person's id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp

# Error codes from Meta's Send API reference.
PERSON_UNAVAILABLE = 551  # subcode 1545041: blocked the Page or turned its messages off
OUTSIDE_WINDOW = 10  # subcode 2018278: more than 24 hours since the person last wrote
RATE_LIMITS = {4, 17, 32, 613}
TEMPORARY = {1, 2, 1200}  # "unknown", "service temporarily unavailable", "temporary failure"
PERSON_NOT_FOUND = 100  # subcode 2018001: no such person (never wrote to the Page)


class GraphError(Exception):
    """A call Graph did not accept; `describe()` is safe to log and store."""

    def __init__(self, status: int, code: int | None = None, subcode: int | None = None) -> None:
        super().__init__(f"graph {status} code={code} subcode={subcode}")
        self.status = status
        self.code = code
        self.subcode = subcode

    def describe(self) -> str:
        return f"{type(self).__name__}: http {self.status} code {self.code}/{self.subcode}"


class PersonUnavailable(GraphError):
    """The person blocked the Page or turned its messages off: like Telegram's 403."""


class OutsideWindow(GraphError):
    """More than 24 hours since the person last wrote: the bot may not write on its own."""


class RateLimited(GraphError):
    """Too many calls: wait and try again."""

    retry_after = 30.0  # Graph names no wait; half a minute lets its counters move on


class Temporary(GraphError):
    """Graph failed on its side (5xx, or a temporary error code): try again."""


class Rejected(GraphError):
    """Graph refused the call as made: trying again changes nothing."""


class Unreachable(Exception):
    """No answer from Graph (network error or time-out): try again."""


def describe(error: Exception) -> str:
    """What may be logged of a failed call: Graph's codes, or the kind of network failure."""
    return error.describe() if isinstance(error, GraphError) else type(error).__name__


def classify(status: int, body: Any) -> GraphError:
    """The error a Graph answer means, from its status and its `error` object."""
    error = body.get("error", {}) if isinstance(body, dict) else {}
    code = error.get("code") if isinstance(error.get("code"), int) else None
    subcode = error.get("error_subcode") if isinstance(error.get("error_subcode"), int) else None
    kind: type[GraphError]
    if code == PERSON_UNAVAILABLE:
        kind = PersonUnavailable
    elif code == OUTSIDE_WINDOW and subcode in (2018278, None):
        kind = OutsideWindow
    elif code in RATE_LIMITS:
        kind = RateLimited
    elif status >= 500 or code in TEMPORARY or error.get("is_transient") is True:
        kind = Temporary
    else:
        kind = Rejected
    return kind(status, code, subcode)


@dataclass(frozen=True)
class Upload:
    """A file sent with the message as multipart form data."""

    filename: str
    content: bytes
    mime_type: str


class GraphClient:
    """Calls `{base_url}/{version}/me/...` with the Page's access token."""

    def __init__(self, base_url: str, version: str, page_token: str, timeout: float = 20.0) -> None:
        self._base = f"{base_url.rstrip('/')}/{version}"
        self._token = page_token
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._http: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()

    async def post(
        self, path: str, body: dict[str, Any], upload: Upload | None = None
    ) -> dict[str, Any]:
        """POST to `me/{path}`; the parsed answer, or the GraphError it means."""
        return await self._request("POST", path, body, upload)

    async def delete(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """DELETE at `me/{path}` (Graph reads what to delete from the JSON body)."""
        return await self._request("DELETE", path, body, None)

    async def _request(
        self, method: str, path: str, body: dict[str, Any], upload: Upload | None
    ) -> dict[str, Any]:
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=self._timeout)
        url = f"{self._base}/me/{path}"
        params = {"access_token": self._token}
        data: aiohttp.FormData | None = None
        if upload is not None:
            data = aiohttp.FormData()
            for key, value in body.items():
                data.add_field(key, json.dumps(value) if not isinstance(value, str) else value)
            data.add_field(
                "filedata", upload.content, filename=upload.filename, content_type=upload.mime_type
            )
        try:
            async with self._http.request(
                method, url, params=params, json=None if data else body, data=data
            ) as response:
                try:
                    answer = await response.json(content_type=None)
                except (json.JSONDecodeError, aiohttp.ContentTypeError):
                    answer = None
                if response.status >= 400 or (isinstance(answer, dict) and "error" in answer):
                    raise classify(response.status, answer)
                return answer if isinstance(answer, dict) else {}
        except (TimeoutError, aiohttp.ClientError) as error:
            # Only the class: the error's text may quote the URL with the Page token.
            raise Unreachable(type(error).__name__) from None
