"""Bot API error type shared by the emulator modules."""

from __future__ import annotations

import math
from typing import Any


class ApiError(Exception):
    """An error answered to the bot as `{"ok": false, ...}` with the matching HTTP status."""

    def __init__(self, error_code: int, description: str, retry_after: float | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """Build the JSON body Telegram would answer with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            # Telegram always reports whole seconds, never 0.
            body["parameters"] = {"retry_after": max(1, math.ceil(self.retry_after))}
        return body


def bad_request(reason: str) -> ApiError:
    """Build a 400 error with Telegram's `Bad Request: ` prefix."""
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    """Build a 403 error with Telegram's `Forbidden: ` prefix."""
    return ApiError(403, f"Forbidden: {reason}")


def conflict(reason: str) -> ApiError:
    """Build a 409 error with Telegram's `Conflict: ` prefix."""
    return ApiError(409, f"Conflict: {reason}")


def too_many_requests(retry_after: float) -> ApiError:
    """Build a 429 error carrying `parameters.retry_after`."""
    seconds = max(1, math.ceil(retry_after))
    return ApiError(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)
