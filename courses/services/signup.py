"""New here and enrolling: make the account and the enrolment in one transaction.

The answer must not tell whether the address already has an account (user enumeration). An
address with an account is therefore not refused: its owner gets a mail asking them to log in and
confirm (``enrolment_invite``), and the page says "look in your mail" either way.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from accounts.services import user_signup_complete

from ..models import Enrolment, EnrolmentInvitation, Session
from .enrolment import enrolment_create
from .invitations import enrolment_invite


@dataclass(frozen=True)
class SignupEnrolment:
    """What happened: a new account and its enrolment (``address`` still to verify), or an
    invitation to the owner of an existing account. Callers show the same page for both."""

    email: str
    address: EmailAddress | None = None
    enrolment: Enrolment | None = None
    invitation: EnrolmentInvitation | None = None


@transaction.atomic
def enrolment_create_with_account(
    *,
    session: Session,
    display_name: str,
    email: str,
    password: str,
    support_person_name: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
) -> SignupEnrolment:
    """An account (e-mail not yet verified) and its enrolment; either both exist or neither.

    The caller sends the verification mail for the returned address (it needs the request).
    A refused enrolment (session closed, deadline passed) rolls the account back too, so the
    person can try again with the same address. An address that has an account (also one made a
    moment ago by a concurrent request) gets an invitation instead; the password is not used.
    """
    email = email.strip().lower()
    details = {
        "support_person_name": support_person_name,
        "access_needs": access_needs,
        "dietary_needs": dietary_needs,
    }
    try:
        # No "does it exist?" query first: the unique constraint answers, also for a request
        # that takes the address a moment before this one (no check-then-act window).
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                email=email, password=password, display_name=display_name.strip()
            )
    except IntegrityError:
        user = None
    if user is None:
        invitation = enrolment_invite(
            actor=None, session=session, email=email, display_name=display_name, **details
        )
        return SignupEnrolment(email=email, invitation=invitation)
    user_signup_complete(user=user, profile={"display_name": display_name.strip()})
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    enrolment = enrolment_create(actor=user, session=session, user=user, **details)
    return SignupEnrolment(email=email, address=address, enrolment=enrolment)
