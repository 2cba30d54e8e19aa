"""New here and enrolling: make the account and the enrolment in one transaction."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.services import user_signup_complete

from ..models import Enrolment, Session
from .enrolment import enrolment_create


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
) -> tuple[Enrolment, EmailAddress]:
    """An account (e-mail not yet verified) and its enrolment; either both exist or neither.

    The caller sends the verification mail for the returned address (it needs the request).
    A refused enrolment (session closed, deadline passed) rolls the account back too, so the
    person can try again with the same address.
    """
    email = email.strip().lower()
    user = get_user_model().objects.create_user(
        email=email, password=password, display_name=display_name.strip()
    )
    user_signup_complete(user=user, profile={"display_name": display_name.strip()})
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    enrolment = enrolment_create(
        actor=user,
        session=session,
        user=user,
        support_person_name=support_person_name,
        access_needs=access_needs,
        dietary_needs=dietary_needs,
    )
    return enrolment, address
