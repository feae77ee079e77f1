"""Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(body: bytes, app_secret: str) -> str:
    """The header value Meta sends with this body."""
    return PREFIX + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed(body: bytes, header: str | None, app_secret: str) -> bool:
    """Whether the header is this body's signature with the app secret (constant time)."""
    if not header or not header.startswith(PREFIX):
        return False
    return hmac.compare_digest(header.encode(), sign(body, app_secret).encode())
