"""Placeholders for the campaign's media paths, so every link in the sandbox opens something.

No internet here and no real videos: `/media/<path>` answers a picture that names the file
(for a thumbnail) or a small page saying which video would play.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

from aiohttp import web

IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


async def placeholder(request: web.Request) -> web.Response:
    name = PurePosixPath(request.match_info["path"]).name or "media"
    label = escape(name)
    if name.lower().endswith(IMAGES):
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="336">'
            '<rect width="100%" height="100%" fill="#e4e6eb"/>'
            '<text x="50%" y="50%" font-family="sans-serif" font-size="28" fill="#444" '
            f'text-anchor="middle">🎬 {label}</text></svg>'
        )
        return web.Response(text=svg, content_type="image/svg+xml")
    page = (
        f"<!doctype html><meta charset=utf-8><title>{label}</title>"
        f"<p style='font-family:sans-serif'>🎬 The video <b>{label}</b> would play here: "
        "the sandbox has placeholders, not the campaign's real videos.</p>"
    )
    return web.Response(text=page, content_type="text/html")


ROUTES = [web.get("/media/{path:.+}", placeholder)]
