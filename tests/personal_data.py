"""A copy of someone's data with one item of every kind and every field it can carry."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dialogs.ports import DataItem, PersonalData

ASKED = datetime(2026, 11, 20, tzinfo=UTC)

# One item of every kind, with every field a copy of someone's data can carry.
EVERYTHING = PersonalData(
    (
        DataItem(
            "profile",
            (
                ("channel", "telegram"),
                ("platform_id", "100001"),
                ("language", "lv"),
                ("first_contact", ASKED),
                ("consent", ASKED),
                ("country", "LV"),
                ("age_group", "14-17"),
                ("guardian_confirmed", None),
            ),
        ),
        DataItem(
            "guardian",
            (
                ("status", "confirmed"),
                ("asked", ASKED),
                ("answered", ASKED),
                ("method", "paper"),
                ("guardian_name", "Ann"),
            ),
        ),
        DataItem("guardian_given", (("child", 7), ("answered", ASKED), ("your_name", "Ann"))),
        DataItem(
            "request",
            (
                ("name", "Ann"),
                ("age_group", "14-17"),
                ("country", "LV"),
                ("region", "riga"),
                ("areas", ("money", "goals")),
                ("languages", ("lv", "ru")),
                ("meeting_format", "online"),
                ("free_times", ("weekends",)),
                ("hopes", "Hello there"),
                ("status", "closed"),
                ("sent", ASKED),
                ("closed_reason", "Hello there"),
            ),
        ),
        DataItem(
            "application",
            (
                ("name", "Ann"),
                ("age", 30),
                ("languages", ("lv",)),
                ("country", "LT"),
                ("region", "vilnius"),
                ("areas", ("health",)),
                ("capacity", 2),
                ("introduction", "Hello there"),
                ("status", "declined"),
                ("sent", ASKED),
                ("decline_reason", "Hello there"),
            ),
        ),
        DataItem("staff", (("since", ASKED),)),
        *(
            DataItem(
                "pair",
                (
                    ("role", role),
                    ("partner", "Ann"),
                    ("status", status),
                    ("started", ASKED),
                    ("planned_end", ASKED),
                    ("ended", None),
                ),
            )
            for role, status in (("mentor", "active"), ("mentee", "ended"))
        ),
        *(
            DataItem(
                "session",
                (
                    ("starts", ASKED),
                    ("status", status),
                    ("rating", 4),
                    ("place", "Youth centre"),
                    ("online_url", None),
                ),
            )
            for status in ("proposed", "declined", "booked", "cancelled", "held", "missed")
        ),
        DataItem("plan_item", (("text", "Hello there"), ("written", ASKED), ("done", ASKED))),
        DataItem(
            "free_time",
            (
                ("weekday", 1),
                ("day", None),
                ("start", "17:00"),
                ("end", "19:00"),
                ("place", None),
                ("online_url", "https://meet.example.org/x"),
            ),
        ),
        DataItem("meeting_place", (("place", "Youth centre"), ("online_url", None))),
        DataItem(
            "free_time",
            (("weekday", None), ("day", date(2026, 11, 26)), ("start", "9:00"), ("end", "10:00")),
        ),
        DataItem("day_off", (("day", date(2026, 12, 1)),)),
        DataItem("message", (("kind", "session_reminder"), ("due", ASKED))),
        *(
            DataItem(
                "conversation",
                (("partner", "Ann"), ("role", role), ("opened", ASKED), ("closed", ASKED)),
            )
            for role in ("mentor", "mentee", "coordinators", "person")
        ),
        *(
            DataItem("subscription", (("news", news), ("topic", topic), ("since", ASKED)))
            for news, topic in (("stories", "all"), ("stories", "school"), ("opportunities", "all"))
        ),
        DataItem("interest", (("opportunity", "Kontakts"), ("region", "kurzeme"), ("at", ASKED))),
        DataItem("helped", (("story", "I went back to school"),)),
        *(
            DataItem("audit", (("action", action), ("at", ASKED)))
            for action in (
                "mentor_approved",
                "mentor_declined",
                "pair_created",
                "pair_ended",
                "request_closed",
                "staff_granted",
                "guardian_recorded",
                "content_created",
                "broadcast_created",
                "broadcast_pause",
                "broadcast_resume",
                "broadcast_cancel",
                "content_published",
                "content_unpublished",
            )
        ),
    )
)
