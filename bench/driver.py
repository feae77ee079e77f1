"""Simulated users: act through the emulator's control API and time each reaction."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

WAIT_SECONDS = 10.0  # one step's reply must be visible within this
MAX_FOLLOW_UPS = 3  # further replies of one step awaited before it counts as failed


@dataclass(frozen=True)
class Step:
    """One user action (`message` or `press`) and a text or label its answer must show."""

    action: str
    text: str
    expect: str


ONBOARDING = (
    Step("message", "/start", "English"),
    Step("press", "English", "✅ I agree"),
    Step("press", "✅ I agree", "🇱🇻 Latvia"),
    Step("press", "🇱🇻 Latvia", "18–25"),
    Step("press", "18–25", "What would you like to do?"),
)
ECHO = (
    Step("message", "/start", "/start"),
    *(Step("press", f"Step {n}", f"pressed {n}") for n in range(1, 5)),
)


class StepFailed(Exception):
    """The emulator refused an action or the bot did not show the expected answer in time."""


class Control:
    """A thin client of the emulator's control API."""

    def __init__(self, base_url: str, connections: int) -> None:
        self.base_url = base_url
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=connections),
            timeout=aiohttp.ClientTimeout(total=WAIT_SECONDS + 5),
        )

    async def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """Make one request and return its JSON body, raising StepFailed on an error status."""
        async with self.http.request(method, self.base_url + path, **kwargs) as response:
            body = await response.json()
            if response.status >= 400:
                raise StepFailed(f"{method} {path} -> {response.status}: {body}")
            return body

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.http.close()


@dataclass
class SimUser:
    """One simulated person: their chat, the newest message id seen and the current screen."""

    id: int
    last_id: int = 0
    screen: dict[str, Any] = field(default_factory=dict)


@dataclass
class Measurement:
    """Raw outcome of driving a batch of users."""

    reactions_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    timed_out: bool = False


async def act(control: Control, user: SimUser, step: Step) -> dict[str, Any]:
    """Send the step's message or press its button; return the emulator's answer."""
    if step.action == "message":
        path, body = f"/sandbox/users/{user.id}/messages", {"text": step.text}
    else:
        path = f"/sandbox/users/{user.id}/callback"
        body = {"message_id": user.screen["message_id"], "text": step.text}
    return await control.call("POST", path, json=body)


async def await_reply(
    control: Control, user: SimUser, version: int
) -> tuple[int, list[dict[str, Any]]]:
    """Long-poll until the bot posts a newer message or edits one after chat `version`."""
    params = {"after": user.last_id, "edited_after": version, "timeout": WAIT_SECONDS}
    view = await control.call("GET", f"/sandbox/users/{user.id}/wait", params=params)
    return view["version"], [message for message in view["messages"] if message["from"] == "bot"]


def shows(message: dict[str, Any], expect: str) -> bool:
    """Whether the message's text or one of its button labels contains `expect`."""
    labels = [button["text"] for row in message.get("buttons", []) for button in row]
    return expect in message.get("text", "") or expect in labels


def look_at(user: SimUser, replies: list[dict[str, Any]]) -> None:
    """Make the newest of the bot's replies the user's current screen."""
    user.screen = max(replies, key=lambda message: message["message_id"])
    user.last_id = max(user.last_id, user.screen["message_id"])


async def settle(control: Control, user: SimUser, step: Step, version: int) -> None:
    """Wait (bounded, not timed) until the expected screen is visible; a step may send two."""
    for _ in range(MAX_FOLLOW_UPS):
        if shows(user.screen, step.expect):
            return
        version, replies = await await_reply(control, user, version)
        if not replies:
            break
        look_at(user, replies)
    if not shows(user.screen, step.expect):
        raise StepFailed(f"after {step.text!r} expected {step.expect!r}, got {user.screen!r}")


async def run_step(control: Control, user: SimUser, step: Step) -> float:
    """Do one step and return its reaction time (to the bot's first reply) in milliseconds."""
    started = time.perf_counter()
    answer = await act(control, user, step)
    user.last_id = max(user.last_id, answer.get("message_id", 0))
    version, replies = await await_reply(control, user, answer["version"])
    elapsed_ms = (time.perf_counter() - started) * 1000
    if not replies:
        raise StepFailed(f"no reply to {step.text!r} within {WAIT_SECONDS:.0f} s")
    look_at(user, replies)
    await settle(control, user, step, version)
    return elapsed_ms


async def drive_user(control: Control, steps: tuple[Step, ...], index: int, out: Measurement):
    """Create one user and take them through every step, recording times or the failure."""
    body = {"first_name": f"Bench {index}", "language_code": "en"}
    try:
        user = SimUser((await control.call("POST", "/sandbox/users", json=body))["id"])
        for step in steps:
            out.reactions_ms.append(await run_step(control, user, step))
    except (StepFailed, aiohttp.ClientError, TimeoutError) as error:
        out.errors.append(f"user {index}: {type(error).__name__}: {error}")


async def measure(
    control: Control, steps: tuple[Step, ...], users: range, concurrency: int, limit_s: float
) -> Measurement:
    """Drive `users` with at most `concurrency` at a time, stopping after `limit_s` seconds."""
    out = Measurement()
    pending = iter(users)

    async def worker() -> None:
        for index in pending:
            await drive_user(control, steps, index, out)

    started = time.perf_counter()
    try:
        async with asyncio.timeout(limit_s):
            await asyncio.gather(*(worker() for _ in range(min(concurrency, len(users)))))
    except TimeoutError:
        out.timed_out = True
    out.wall_seconds = time.perf_counter() - started
    return out
