import pytest

from notifications.models import OutboxMessage

from .factories import completed_session


@pytest.fixture
def course(db):
    """A completed session with a lead trainer and three people who attended it."""
    session, trainer, people = completed_session(attendees=3)
    return {"session": session, "trainer": trainer, "people": people}


def outbox_keys(prefix: str) -> list[str]:
    return sorted(
        OutboxMessage.objects.filter(key__startswith=prefix).values_list("key", flat=True)
    )
