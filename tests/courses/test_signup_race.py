"""Two people enrol with one new address (or its case variant) at the same moment, on PostgreSQL.

Both requests find the address free; the unique e-mail constraint lets one account through. The
other must not be an IntegrityError (a 500): it is handled as an address with an account (an
invitation to its owner), so both get the same "look in your mail" answer.
"""

import threading

import pytest
from django.db import connection

from accounts.models import User
from courses.models import Enrolment, EnrolmentInvitation
from courses.services.signup import enrolment_create_with_account
from tests.courses.factories import SessionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 4


def test_same_address_at_once_gives_one_account_and_no_error():
    session = SessionFactory()
    barrier = threading.Barrier(THREADS)
    errors, results = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(
                enrolment_create_with_account(
                    session=session,
                    display_name=f"Sam {i}",
                    email="Sam@Example.org" if i % 2 else "sam@example.org",
                    password="lang-genoeg-wachtwoord-7",
                )
            )
        except Exception as exc:  # collected: the assertion says what went wrong
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert User.objects.filter(email__iexact="sam@example.org").count() == 1
    assert Enrolment.objects.filter(session=session).count() == 1
    assert sum(r.enrolment is not None for r in results) == 1
    assert EnrolmentInvitation.objects.filter(session=session).count() == 1
