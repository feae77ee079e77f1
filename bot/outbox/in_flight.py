"""Mark broadcast messages as being sent, just before each goes to the platform, many in one
transaction: whoever comes first writes the marks of all waiting, and the rest wait for it.

The mark is what lets a restarted worker tell a row its dead predecessor had begun sending (it
may have gone out: not sent again) from one it never got to (sent now).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from storage.outbox import ClaimedMessage
from storage.unit_of_work import UnitOfWork


class InFlightMarks:
    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], clock: Callable[[], datetime]
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._waiting: list[tuple[ClaimedMessage, asyncio.Future[bool]]] = []
        self._writing = False

    async def mark(self, item: ClaimedMessage) -> bool:
        """Wait until the message is recorded as being sent; False if its claim was lost (it
        must not be sent)."""
        marked: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, marked))
        if not self._writing:
            self._writing = True
            try:
                while self._waiting:
                    batch, self._waiting = self._waiting, []
                    await self._write(batch)
            finally:
                self._writing = False
                for _, future in self._waiting:  # left when this writer was cancelled
                    if not future.done():
                        future.set_result(False)
                self._waiting = []
        return await marked

    async def _write(self, batch: list[tuple[ClaimedMessage, asyncio.Future[bool]]]) -> None:
        """Write the batch's marks and tell each waiter; a failure goes to every waiter."""
        claims: dict[str, list[int]] = {}
        for item, _ in batch:
            claims.setdefault(item.claim_token, []).append(item.id)
        marked: set[int] = set()
        try:
            async with self._uow_factory() as uow:
                for token, ids in claims.items():
                    marked |= await uow.outbox.mark_in_flight(ids, token, self._clock())
                await uow.commit()
        except Exception as error:
            for _, future in batch:
                future.set_exception(error)
            return
        except BaseException:  # cancelled (shut down): none of them is sent
            for _, future in batch:
                future.set_result(False)
            raise
        for item, future in batch:
            future.set_result(item.id in marked)
