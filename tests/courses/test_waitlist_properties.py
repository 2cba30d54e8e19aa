"""Property-based: any sequence of enrol / cancel / change capacity / promote keeps the rules.

A small model of the waitlist (a list in arrival order) runs next to the real services; after
every step the database must match it, and the invariants hold: confirmed seats never exceed
capacity, the line is first come first served (nobody waits who would fit), one enrolment per
person.
"""

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from courses import exceptions as e
from courses import selectors, services
from courses.models import Enrolment
from tests.accounts.factories import UserFactory
from tests.courses.factories import SessionFactory

pytestmark = pytest.mark.django_db
PEOPLE = 6


class WaitlistMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.session = SessionFactory(capacity=3, min_participants=0, starts_in=timedelta(days=60))
        self.people = [UserFactory() for _ in range(PEOPLE)]
        self.staff = self.people[0]
        self.clock = timezone.now()
        self.capacity = 3
        # The model: person index -> (status, seats); ``line`` holds waiting indexes in order.
        self.status: dict[int, str] = {}
        self.seats: dict[int, int] = {}
        self.line: list[int] = []

    def tick(self):
        self.clock += timedelta(seconds=1)
        return self.clock

    def taken(self):
        return sum(self.seats[i] for i, s in self.status.items() if s == "confirmed")

    def model_promote(self):
        free = self.capacity - self.taken()
        for i in list(self.line):
            if self.seats[i] <= free:
                self.line.remove(i)
                self.status[i] = "confirmed"
                free -= self.seats[i]

    @rule(who=st.integers(0, PEOPLE - 1), support=st.booleans())
    def enrol(self, who, support):
        person = self.people[who]
        kwargs = {"support_person_name": "Begeleider" if support else ""}
        if self.status.get(who) in ("confirmed", "waitlisted"):
            with pytest.raises(e.AlreadyEnrolled):
                services.enrolment_create(
                    actor=person, session=self.session, user=person, now=self.tick(), **kwargs
                )
            return
        services.enrolment_create(
            actor=person, session=self.session, user=person, now=self.tick(), **kwargs
        )
        self.seats[who] = 2 if support else 1
        if self.seats[who] <= self.capacity - self.taken():
            self.status[who] = "confirmed"
        else:
            self.status[who] = "waitlisted"
            self.line.append(who)

    @rule(who=st.integers(0, PEOPLE - 1))
    def cancel(self, who):
        enrolment = Enrolment.objects.filter(session=self.session, user=self.people[who]).first()
        if self.status.get(who) not in ("confirmed", "waitlisted"):
            if enrolment is not None:
                with pytest.raises(e.EnrolmentNotActive):
                    services.enrolment_cancel(actor=self.staff, enrolment=enrolment)
            return
        services.enrolment_cancel(actor=self.staff, enrolment=enrolment, now=self.tick())
        was = self.status[who]
        self.status[who] = "cancelled"
        if was == "waitlisted":
            self.line.remove(who)
        else:
            self.model_promote()

    @rule(capacity=st.integers(1, 7))
    def change_capacity(self, capacity):
        if capacity < self.taken():
            with pytest.raises(e.CapacityBelowConfirmed):
                services.session_change_capacity(
                    actor=self.staff, session=self.session, capacity=capacity
                )
            return
        services.session_change_capacity(actor=self.staff, session=self.session, capacity=capacity)
        self.capacity = capacity
        self.model_promote()

    @rule()
    def promote(self):
        """Re-running promotion (same capacity) changes nothing when the rules already hold."""
        promoted = services.session_change_capacity(
            actor=self.staff, session=self.session, capacity=self.capacity
        )
        assert promoted == []

    @invariant()
    def database_matches_model(self):
        rows = dict(Enrolment.objects.filter(session=self.session).values_list("user_id", "status"))
        expected = {self.people[i].pk: s for i, s in self.status.items()}
        assert rows == expected

    @invariant()
    def confirmed_within_capacity(self):
        self.session.refresh_from_db()
        assert services.seats_taken(self.session) <= self.session.capacity

    @invariant()
    def first_come_first_served(self):
        free = self.session.capacity - services.seats_taken(self.session)
        waiting = list(selectors.participant_list(session=self.session))
        line = [en for en in waiting if en.status == "waitlisted"]
        assert [en.user_id for en in line] == [self.people[i].pk for i in self.line]
        assert [en.waitlist_position for en in line] == list(range(1, len(line) + 1))
        assert all(en.seats > free for en in line)

    @invariant()
    def one_enrolment_per_person(self):
        assert not (
            Enrolment.objects.filter(session=self.session)
            .values("user")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .exists()
        )


def test_waitlist_state_machine(db):
    run_state_machine_as_test(
        WaitlistMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
