"""The newest message of each chat, so a press on an older one is answered at the bottom."""

from __future__ import annotations

from collections import OrderedDict


class ChatTail:
    """Message ids grow within a chat: the highest one seen, sent or received, is the newest.

    Kept in memory for the chats heard from lately; after a restart a chat is unknown, and a
    press on its screen edits that screen in place, as it did before.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._newest: OrderedDict[int, int] = OrderedDict()

    def seen(self, chat_id: int, message_id: int) -> None:
        newest = max(message_id, self._newest.pop(chat_id, message_id))
        self._newest[chat_id] = newest
        if len(self._newest) > self._capacity:
            self._newest.popitem(last=False)

    def is_newest(self, chat_id: int, message_id: int) -> bool:
        """Whether nothing came after this message (True too for a chat not seen lately)."""
        return self._newest.get(chat_id, message_id) <= message_id
