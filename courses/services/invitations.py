"""Invitations to enrol: the owner of an e-mail address confirms before anything is enrolled.

A trainer who enrols someone by e-mail, and someone who enrols without logging in using an
address that already has an account, both get the same answer as for a new address ("invited",
"look in your mail"): neither learns whether the address has an account. The seat rules stay in
``enrolment_create``, which runs when the owner confirms.
"""

from datetime import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from accounts.audit import log_action
from accounts.roles import Role
from accounts.services import user_assign_role

from .. import exceptions as e
from .. import notify
from ..models import Enrolment, EnrolmentInvitation, Session
from . import _base
from ._base import _now
from .enrolment import check_enrolment_open, enrolment_create

DETAILS = ("display_name", "phone", "support_person_name", "access_needs", "dietary_needs")


def invitation_pending(*, session: Session, email: str) -> EnrolmentInvitation | None:
    return EnrolmentInvitation.objects.filter(
        session=session, email__iexact=email, accepted_at__isnull=True
    ).first()


@transaction.atomic
def enrolment_invite(
    *,
    actor,
    session: Session,
    email: str,
    display_name: str,
    phone: str = "",
    support_person_name: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
    now: datetime | None = None,
) -> EnrolmentInvitation:
    """Invite the owner of ``email`` to enrol; they get a mail with a link to confirm.

    ``actor`` is the trainer (or ``None`` when the person asked themselves, without logging in).
    A second invitation for the same address and session while one waits updates that one and
    sends no second mail. A trainer is told when the address is already enrolled in this session:
    the trainer sees that person in the participant list anyway.
    """
    now = _now(now)
    email = (email or "").strip().lower()
    details = {
        "display_name": (display_name or "").strip(),
        "phone": (phone or "").strip(),
        "support_person_name": (support_person_name or "").strip(),
        "access_needs": (access_needs or "").strip(),
        "dietary_needs": (dietary_needs or "").strip(),
    }
    if not email or not details["display_name"]:
        raise e.ContactRequired()
    session = _base.lock_session(session.pk)
    check_enrolment_open(session, now=now)
    trainer = actor if getattr(actor, "is_authenticated", False) else None
    if trainer is not None:
        enrolled = Enrolment.objects.filter(
            session=session, user__email__iexact=email, status__in=Enrolment.ACTIVE
        ).first()
        if enrolled is not None:
            raise e.AlreadyEnrolled(enrolment=enrolled)
    invitation = invitation_pending(session=session, email=email)
    if invitation is None:
        try:
            with transaction.atomic():
                invitation = EnrolmentInvitation.objects.create(
                    session=session, email=email, invited_by=trainer, created_at=now, **details
                )
        except IntegrityError:
            # The same address was invited at the same moment: that invitation stands.
            invitation = invitation_pending(session=session, email=email)
            if invitation is None:
                raise
    else:
        for key, value in details.items():
            setattr(invitation, key, value)
        invitation.save(update_fields=list(DETAILS))
    log_action(
        actor=trainer,
        verb="enrolment_invitation.created",
        target=invitation,
        data={"session": session.pk},
    )
    notify.enrolment_invitation(invitation_id=invitation.pk)
    return invitation


def _owner_or_new_account(invitation: EnrolmentInvitation, user):
    """The account of the invited address, which must be the one logged in; a new account when
    the address has none (the secret link proves the mailbox).

    No "does it exist?" query first: the unique constraint decides, also when someone signs up
    with the address at the same moment. Then that account must log in: a domain error, no 500.
    """
    User = get_user_model()
    try:
        with transaction.atomic():
            owner = User.objects.create_user(
                email=invitation.email,
                password=None,
                display_name=invitation.display_name,
                phone=invitation.phone,
            )
    except IntegrityError:
        owner = User.objects.filter(email__iexact=invitation.email).first()
        if owner is None or user is None or not user.is_authenticated or user.pk != owner.pk:
            raise e.InvitationNeedsOwner() from None
        return owner
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    user_assign_role(user=owner, role=Role.PARTICIPANT, actor=invitation.invited_by)
    log_action(actor=invitation.invited_by, verb="user.created_by_invitation", target=owner)
    return owner


@transaction.atomic
def enrolment_invitation_accept(*, token: str, user=None, now: datetime | None = None) -> Enrolment:
    """The owner confirms: enrol them under the usual seat rules (a place, or the waitlist).

    Already enrolled in this session? The invitation is used up and their enrolment returned.
    """
    now = _now(now)
    invitation = (
        EnrolmentInvitation.objects.select_for_update()
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise e.InvitationInvalid()
    owner = _owner_or_new_account(invitation, user)
    try:
        enrolment = enrolment_create(
            actor=owner,
            session=invitation.session,
            user=owner,
            support_person_name=invitation.support_person_name,
            access_needs=invitation.access_needs,
            dietary_needs=invitation.dietary_needs,
            now=now,
        )
    except e.AlreadyEnrolled as error:
        enrolment = error.enrolment
    invitation.accepted_at = now
    invitation.enrolment = enrolment
    invitation.save(update_fields=["accepted_at", "enrolment"])
    log_action(
        actor=owner,
        verb="enrolment_invitation.accepted",
        target=invitation,
        data={"enrolment": enrolment.pk, "invited_by": invitation.invited_by_id},
    )
    return enrolment
