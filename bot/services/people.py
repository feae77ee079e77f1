"""How a person is named to others: the name they chose to show in the programme."""

from __future__ import annotations

from storage.unit_of_work import UnitOfWork


async def display_name(uow: UnitOfWork, user_id: int) -> str:
    """Their name as a mentor, else as a young person; "" for someone who gave none."""
    application = await uow.applications.get(user_id)
    if application is not None:
        return application.display_name
    request = await uow.requests.get(user_id)
    return request.display_name if request is not None else ""
