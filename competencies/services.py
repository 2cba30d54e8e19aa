"""Every state change of the competency app: consent, filling in, cards, peers, sharing."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.audit import log_action
from accounts.models import ConsentPurpose
from accounts.selectors import has_consent
from accounts.services import consent_give as accounts_consent_give
from accounts.validators import parse_int
from notifications.services import message_enqueue, message_enqueue_new

from . import moments
from .exceptions import (
    AnswerNotANumber,
    ConsentRequired,
    InvalidCardPick,
    MomentClosed,
    PeerInvitationLimit,
    PeerLinkInvalid,
    StatementNotInFramework,
    ValueOutsideScale,
)
from .models import (
    Answer,
    CardPick,
    Competency,
    Framework,
    MomentOverride,
    PeerInvitation,
    ResultSharing,
    SelfAssessment,
)
from .selectors import Shape, framework_shape
from .summary import enrolment_contribution, summary_apply_delta

CARDS_PER_PICK = 3
PEER_LINK_MAX_AGE = 60 * 60 * 24 * 21  # three weeks
PEER_SALT = "competencies.peer"


# --- Consent ----------------------------------------------------------------------------------


def consent_give(*, user, representative=None):
    """Consent to fill in the competency list: a consent record of ``accounts``, audited there."""
    return accounts_consent_give(
        user=user,
        purpose=ConsentPurpose.COMPETENCIES,
        actor=user,
        representative=representative,
    )


def has_list_consent(user) -> bool:
    return has_consent(user, ConsentPurpose.COMPETENCIES)


def _require_consent(user) -> None:
    if not has_list_consent(user):
        raise ConsentRequired


# --- Starting a list --------------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *,
    user,
    framework: Framework,
    kind: str = SelfAssessment.Kind.STATEMENTS,
    moment: str = SelfAssessment.Moment.PERSONAL,
    enrolment=None,
) -> SelfAssessment:
    """Start (or return the running) list. Course lists: one per enrolment x moment x kind.

    Personal lists: one running list per person, framework and kind (a database constraint).
    Two requests at once (a double click) both get that one list: ``get_or_create`` reads the
    other's row when its insert hits the constraint.
    """
    _require_consent(user)
    if moment == SelfAssessment.Moment.PERSONAL:
        enrolment = None
    else:
        if enrolment is None or enrolment.user_id != user.pk:
            raise MomentClosed
        existing = SelfAssessment.objects.filter(
            enrolment=enrolment, moment=moment, kind=kind
        ).first()
        if existing:
            return existing
        if not moments.is_open(enrolment, moment):
            raise MomentClosed
    assessment, created = SelfAssessment.objects.get_or_create(
        user=user,
        framework=framework,
        kind=kind,
        moment=moment,
        enrolment=enrolment,
        completed_at=None,
        peer_invitation=None,
    )
    if created:
        log_action(actor=user, verb="competencies.assessment_started", target=assessment)
    return assessment


def _check_open(assessment: SelfAssessment) -> None:
    if assessment.enrolment_id is not None and not moments.is_open(
        assessment.enrolment, assessment.moment
    ):
        raise MomentClosed


# --- Answers ----------------------------------------------------------------------------------


def _validated(assessment: SelfAssessment, values: dict) -> tuple[dict[int, int], Shape]:
    """Statement id -> value, checked against the framework (cached: no query), and that
    framework's shape."""
    try:
        values = {parse_int(k): parse_int(v) for k, v in values.items()}
    except ValueError:
        raise AnswerNotANumber from None
    shape = framework_shape(assessment.framework_id)
    if any(v not in shape.scale for v in values.values()):
        raise ValueOutsideScale
    if not set(values) <= shape.statements:
        raise StatementNotInFramework
    return values, shape


def answers_save(*, assessment: SelfAssessment, values: dict, actor=None) -> SelfAssessment:
    """Save one screen of answers (statement id → value). A repeat updates, never duplicates.

    The list completes itself when its last statement is answered. Changing a complete course
    list replaces its contribution to the growth summary in the same transaction.

    An open list (the usual case: one autosave per answer) costs one statement: the answers,
    the list's ``answered_count`` and the audit entry (``answer_store``). When that count reaches
    the number of statements, completing takes the list's row lock and counts the rows
    (``_complete_if_full``). A list that is complete, or became so meanwhile, goes the locked
    way (``_answers_save_locked``). The returned list carries the new ``answered_count``.
    """
    from .answer_store import answers_write_if_open

    _check_open(assessment)
    answers, shape = _validated(assessment, values)
    if not answers:
        return assessment
    if assessment.completed_at is None:
        answered = answers_write_if_open(
            assessment=assessment,
            answers=answers,
            now=timezone.now(),
            actor=actor,
            verb="competencies.answers_saved",
            data={"count": len(answers), "complete": False},
        )
        if answered is not None:
            assessment.answered_count = answered
            if answered >= len(shape.statements):
                assessment = _complete_if_full(assessment_id=assessment.pk, actor=actor)
            return assessment
    return _answers_save_locked(assessment=assessment, answers=answers, actor=actor)


@transaction.atomic
def _complete_if_full(*, assessment_id: int, actor) -> SelfAssessment:
    """Complete the list when every statement is answered (once, under the row lock), and add
    a course list's contribution to the growth summary. The rows are counted here, so a count
    kept wrong elsewhere cannot complete a list too early; it is corrected instead."""
    from .answer_store import answers_recount

    assessment = (
        SelfAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "enrolment__session")
        .get(pk=assessment_id)
    )
    total = len(framework_shape(assessment.framework_id).statements)
    assessment.answered_count = answers_recount(assessment.pk)
    if assessment.completed_at is not None or assessment.answered_count != total:
        return assessment
    tracked = assessment.enrolment_id is not None and assessment.peer_invitation_id is None
    if tracked:
        # Still incomplete here, so this is the contribution without this list.
        session = _lock_session(assessment)
        before = enrolment_contribution(assessment.enrolment_id)
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["completed_at"])
    if assessment.peer_invitation_id:
        PeerInvitation.objects.filter(pk=assessment.peer_invitation_id).update(
            completed_at=assessment.completed_at
        )
    if tracked:
        summary_apply_delta(
            session_id=session, before=before, after=enrolment_contribution(assessment.enrolment_id)
        )
    log_action(actor=actor, verb="competencies.assessment_completed", target=assessment)
    return assessment


@transaction.atomic
def _answers_save_locked(*, assessment: SelfAssessment, answers: dict, actor) -> SelfAssessment:
    """Change answers of a complete list: under its row lock, and its course's session lock,
    its contribution to the growth summary is replaced in the same transaction."""
    from .answer_store import answers_recount

    assessment = (
        SelfAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "enrolment__session")
        .get(pk=assessment.pk)
    )
    _check_open(assessment)
    tracked = assessment.enrolment_id is not None and assessment.peer_invitation_id is None
    before = None
    if tracked and assessment.completed_at is not None:
        session = _lock_session(assessment)
        before = enrolment_contribution(assessment.enrolment_id)
    now = timezone.now()
    Answer.objects.bulk_create(
        [
            Answer(assessment=assessment, statement_id=s, value=v, answered_at=now)
            for s, v in answers.items()
        ],
        update_conflicts=True,
        unique_fields=["assessment", "statement"],
        update_fields=["value", "answered_at"],
    )
    log_action(
        actor=actor,
        verb="competencies.answers_saved",
        target=assessment,
        data={"count": len(answers), "complete": assessment.completed_at is not None},
    )
    if before is not None:
        summary_apply_delta(
            session_id=session, before=before, after=enrolment_contribution(assessment.enrolment_id)
        )
    if assessment.completed_at is None:
        # Still open (it was found complete a moment ago, then reopened?): complete it if full.
        # Completing counts the rows and stores the count.
        return _complete_if_full(assessment_id=assessment.pk, actor=actor)
    assessment.answered_count = answers_recount(assessment.pk)
    return assessment


def _lock_session(assessment) -> int:
    """Serialise summary updates per session (rows may need creating)."""
    from courses.models import Session

    return (
        Session.objects.select_for_update()
        .values_list("pk", flat=True)
        .get(pk=assessment.enrolment.session_id)
    )


# --- Card mode --------------------------------------------------------------------------------


@transaction.atomic
def cards_save(*, assessment: SelfAssessment, strengths: list, grow: list, actor) -> SelfAssessment:
    """Three cards that fit you and three you want to grow in (seed 000, "Andere mogelijkheden")."""
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment)
    try:
        strengths = {parse_int(x) for x in strengths}
        grow = {parse_int(x) for x in grow}
    except ValueError:
        raise InvalidCardPick from None
    if len(strengths) != CARDS_PER_PICK or len(grow) != CARDS_PER_PICK or strengths & grow:
        raise InvalidCardPick
    valid = set(
        Competency.objects.filter(
            framework_id=assessment.framework_id, pk__in=strengths | grow
        ).values_list("pk", flat=True)
    )
    if valid != strengths | grow:
        raise StatementNotInFramework
    assessment.card_picks.all().delete()
    CardPick.objects.bulk_create(
        [CardPick(assessment=assessment, competency_id=c, pick="strength") for c in strengths]
        + [CardPick(assessment=assessment, competency_id=c, pick="grow") for c in grow]
    )
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["completed_at"])
    log_action(actor=actor, verb="competencies.cards_saved", target=assessment)
    return assessment


# --- Peer view --------------------------------------------------------------------------------


def peer_token(invitation: PeerInvitation) -> str:
    return signing.TimestampSigner(salt=PEER_SALT).sign(str(invitation.pk))


def peer_invitation_from_token(token: str) -> PeerInvitation:
    """The invitation behind a link, or ``PeerLinkInvalid`` (tampered, expired, withdrawn)."""
    try:
        pk = signing.TimestampSigner(salt=PEER_SALT).unsign(token, max_age=PEER_LINK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        raise PeerLinkInvalid from None
    invitation = PeerInvitation.objects.select_related("user", "framework").filter(pk=pk).first()
    if invitation is None or invitation.withdrawn_at or invitation.completed_at:
        raise PeerLinkInvalid
    return invitation


def _check_peer_limit(user) -> None:
    """Each invitation mails an address the participant typed: a few a day, never a stream.

    The person's row is locked first, so two requests at once cannot both take the last one.
    """
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    since = timezone.now() - timedelta(days=1)
    sent = PeerInvitation.objects.filter(user=user, created_at__gt=since).count()
    if sent >= settings.COMPETENCIES_PEER_INVITATIONS_PER_DAY:
        raise PeerInvitationLimit


@transaction.atomic
def peer_invite(*, user, framework: Framework, name: str, email: str) -> PeerInvitation:
    _require_consent(user)
    _check_peer_limit(user)
    invitation = PeerInvitation.objects.create(
        user=user, framework=framework, name=name, email=email
    )
    SelfAssessment.objects.create(
        user=user,
        framework=framework,
        moment=SelfAssessment.Moment.PERSONAL,
        peer_invitation=invitation,
    )
    link = reverse("competencies:peer_fill", args=[peer_token(invitation)])
    context = {
        "name": name,
        "participant": user.display_name or user.email,
        "link": link,
        "days": PEER_LINK_MAX_AGE // 86400,
        "credit": framework.credit,
    }
    message_enqueue(
        key=f"competencies:peer:{invitation.pk}",
        to=email,
        template="competencies/email/peer_invitation",
        context=context,
    )
    log_action(actor=user, verb="competencies.peer_invited", target=invitation)
    return invitation


@transaction.atomic
def peer_answers_save(*, token: str, values: dict) -> SelfAssessment:
    invitation = peer_invitation_from_token(token)
    return answers_save(assessment=invitation.assessment, values=values, actor=None)


# --- Sharing and moments ----------------------------------------------------------------------


@transaction.atomic
def sharing_set(*, enrolment, user, share: bool) -> bool:
    """Share (or stop sharing) this enrolment's results with the session's trainers."""
    if enrolment.user_id != user.pk:
        raise PermissionError("not your enrolment")
    if share:
        # Switching sharing on is the consent to share with the trainer: recorded in accounts
        # (withdrawing it there hides every shared result again).
        if not has_consent(user, ConsentPurpose.SHARE_WITH_TRAINER):
            accounts_consent_give(user=user, purpose=ConsentPurpose.SHARE_WITH_TRAINER, actor=user)
        ResultSharing.objects.get_or_create(enrolment=enrolment)
    else:
        ResultSharing.objects.filter(enrolment=enrolment).delete()
    log_action(actor=user, verb="competencies.sharing_set", target=enrolment, data={"share": share})
    return share


@transaction.atomic
def follow_up_open_early(*, session, opens_at=None, actor=None) -> MomentOverride:
    """For the intervision app: open the follow-up list after the last intervision moment."""
    override, _ = MomentOverride.objects.update_or_create(
        session=session, defaults={"follow_up_opens_at": opens_at or timezone.now()}
    )
    log_action(actor=actor, verb="competencies.follow_up_opened", target=session)
    return override


# --- Invitations and reminders (run by beat) --------------------------------------------------

REMIND_BEFORE_CLOSE = timedelta(days=7)
FOLLOW_UP_HORIZON = timedelta(days=31 * moments.FOLLOW_UP_AFTER_MONTHS) + moments.FOLLOW_UP_OPEN_FOR


def _remind_at(win: moments.Window):
    halfway = win.opens_at + (win.closes_at - win.opens_at) / 2
    return max(halfway, win.closes_at - REMIND_BEFORE_CLOSE)


def moment_invitations_send(*, now=None) -> int:
    """Invite each participant once per open moment, and remind them once before it closes.

    Idempotent: every message has an outbox key (enrolment x moment x kind), so running it
    every few minutes sends each message once. Reads session state only. Answers how many
    messages this run wrote new.
    """
    from courses.models import Enrolment, Session

    now = now or timezone.now()
    enrolments = (
        Enrolment.objects.filter(
            status__in=(*moments.ACTIVE_ENROLMENT, Enrolment.Status.WAITLISTED)
        )
        .filter(
            Q(session__status=Session.Status.PUBLISHED, session__starts_at__gt=now)
            | Q(
                session__status=Session.Status.COMPLETED,
                session__completed_at__gte=now - FOLLOW_UP_HORIZON,
            )
        )
        .select_related("user", "session__course", "session__competency_moment_override")
        .prefetch_related("session__meetings", "self_assessments")
    )
    sent = 0
    link = reverse("competencies:index")
    for enrolment in enrolments.iterator(chunk_size=500):
        done = {a.moment for a in enrolment.self_assessments.all() if a.completed_at is not None}
        for moment in ("pre", "post", "follow_up"):
            win = moments.window(enrolment, moment)
            if moment in done or not win.is_open(now) or win.closes_at is None:
                continue
            reminder = now >= _remind_at(win)
            key = f"competencies:{'remind' if reminder else 'invite'}:{enrolment.pk}:{moment}"
            context = {
                "name": enrolment.user.display_name or enrolment.user.email,
                "course": enrolment.session.course.title,
                "moment": str(SelfAssessment.Moment(moment).label).lower(),
                "closes": win.closes_at.strftime("%d-%m-%Y"),
                "link": link,
                "reminder": reminder,
                "credit": "",
            }
            with transaction.atomic():
                message = message_enqueue_new(
                    key=key,
                    to=enrolment.user.email,
                    template="competencies/email/moment_invitation",
                    context=context,
                )
            sent += message is not None
    return sent
