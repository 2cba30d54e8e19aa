"""What ``competencies`` holds about a person: their lists and answers, card picks, the people
they asked for a reaction and sharing (consent lives in accounts). Registered in
``accounts.privacy``.

Erasure (decision): the answers of the course moments (pre, post, follow-up) stay, because they
are part of the group figures and the account they belong to becomes anonymous; the growth
summary therefore does not change and national figures stay the same. What is not in any group
figure goes: personal lists, lists filled in by a trusted person, peer invitations (another
person's name and address) and sharing with the trainer.

Retention: answers older than the retention (3 years after the person's last course) are
deleted, and the growth summary loses their contribution in the same transaction, so group
figures are recomputed consistently (a rebuild equals the maintained table).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.privacy import register_kind, register_retention, when

from .models import Answer, CardPick, PeerInvitation, ResultSharing, SelfAssessment
from .summary import COURSE_MOMENTS, enrolment_contribution, summary_apply_delta


def _own_lists(user):
    return SelfAssessment.objects.filter(user=user, peer_invitation__isnull=True)


def export_assessments(user) -> list[dict]:
    shared = set(
        ResultSharing.objects.filter(enrolment__user=user).values_list("enrolment_id", flat=True)
    )
    lists = _own_lists(user).select_related("framework", "enrolment__session__course")
    return [
        {
            gettext("Lijst"): a.framework.name,
            gettext("Soort"): a.get_kind_display(),
            gettext("Moment"): a.get_moment_display(),
            gettext("Cursus"): a.enrolment.session.course.title if a.enrolment_id else "",
            gettext("Begonnen op"): when(a.started_at),
            gettext("Klaar op"): when(a.completed_at),
            gettext("Gedeeld met je trainer"): a.enrolment_id in shared,
        }
        for a in lists.order_by("started_at", "pk")
    ]


def export_answers(user) -> list[dict]:
    answers = (
        Answer.objects.filter(assessment__user=user, assessment__peer_invitation__isnull=True)
        .select_related("assessment", "statement__competency")
        .order_by(
            "assessment__started_at",
            "assessment_id",
            "statement__competency__number",
            "statement__number",
        )
    )
    from .models import ScaleOption

    labels = {
        (o.framework_id, o.value): o.label
        for o in ScaleOption.objects.filter(framework__assessments__user=user).distinct()
    }
    for a in answers:
        rows_entry = {
            gettext("Moment"): a.assessment.get_moment_display(),
            gettext("Lijst begonnen op"): when(a.assessment.started_at),
            gettext("Competentie"): a.statement.competency.name,
            gettext("Stelling"): a.statement.text,
            gettext("Je antwoord"): labels.get((a.assessment.framework_id, a.value), a.value),
            gettext("Waarde"): a.value,
        }
        yield rows_entry
    picks = CardPick.objects.filter(assessment__user=user).select_related(
        "assessment", "competency"
    )
    for pick in picks.order_by("assessment__started_at", "competency__number"):
        yield {
            gettext("Moment"): pick.assessment.get_moment_display(),
            gettext("Lijst begonnen op"): when(pick.assessment.started_at),
            gettext("Competentie"): pick.competency.name,
            gettext("Kaartje"): pick.get_pick_display(),
        }


def export_peer(user) -> list[dict]:
    """Who was asked is the other person's data: only when, and whether they answered."""
    return [
        {
            gettext("Gevraagd op"): when(p.created_at),
            gettext("Ingevuld op"): when(p.completed_at),
            gettext("Ingetrokken op"): when(p.withdrawn_at),
        }
        for p in PeerInvitation.objects.filter(user=user).order_by("created_at")
    ]


def erase_assessments(user) -> int:
    """Keep the course-moment answers (anonymous now, part of group figures); the rest goes."""
    changed = ResultSharing.objects.filter(enrolment__user=user).delete()[0]
    changed += (
        SelfAssessment.objects.filter(user=user)
        .filter(Q(peer_invitation__isnull=False) | Q(moment=SelfAssessment.Moment.PERSONAL))
        .delete()[0]
    )
    return changed


def erase_peer(user) -> int:
    return PeerInvitation.objects.filter(user=user).delete()[0]


@transaction.atomic
def assessments_delete(assessments) -> int:
    """Delete lists and take their answers out of the growth summary in the same transaction."""
    from courses.models import Session

    ids = list(assessments.values_list("pk", flat=True))
    if not ids:
        return 0
    tracked = (
        SelfAssessment.objects.filter(
            pk__in=ids, enrolment__isnull=False, moment__in=COURSE_MOMENTS
        )
        .values_list("enrolment_id", "enrolment__session_id")
        .distinct()
    )
    per_session = {}
    for enrolment_id, session_id in tracked:
        per_session.setdefault(session_id, set()).add(enrolment_id)
    # Lock sessions in id order (as the answer services do), so two jobs cannot deadlock.
    list(Session.objects.select_for_update().filter(pk__in=per_session).order_by("pk").values("pk"))
    before = {
        session: {e: enrolment_contribution(e) for e in enrolments}
        for session, enrolments in per_session.items()
    }
    SelfAssessment.objects.filter(pk__in=ids).delete()  # answers and card picks cascade
    for session, enrolments in per_session.items():
        for enrolment in enrolments:
            summary_apply_delta(
                session_id=session,
                before=before[session][enrolment],
                after=enrolment_contribution(enrolment),
            )
    return len(ids)


def _past_retention(now, days):
    """The lists of people whose last course ended before the cut-off."""
    cutoff = now - timedelta(days=days)
    people = (
        User.objects.filter(self_assessments__isnull=False)
        .annotate(last_course=Max("enrolments__session__ends_at"))
        .filter(Q(last_course__lt=cutoff) | Q(last_course__isnull=True))
        .values("pk")
    )
    # Their course lists all go; a personal list started after the cut-off stays (it is recent).
    return SelfAssessment.objects.filter(user__in=people).filter(
        Q(enrolment__isnull=False) | Q(started_at__lt=cutoff)
    )


def count_answers(now, days) -> int:
    return _past_retention(now, days).count()


def delete_answers(now, days) -> int:
    return assessments_delete(_past_retention(now, days))


def register():
    register_kind(
        "competencies.assessments",
        label=_("Je competentielijsten"),
        help_text=_("Welke lijsten je invulde en wanneer."),
        export=export_assessments,
        erase=erase_assessments,
        covers=(
            "competencies.SelfAssessment.user",
            "competencies.SelfAssessment.enrolment",
            "competencies.ResultSharing.enrolment",
        ),
        order=20,
        unit=ngettext_lazy("%(n)s lijst", "%(n)s lijsten", "n"),
    )
    register_kind(
        "competencies.answers",
        label=_("Je antwoorden"),
        help_text=_("Wat je bij elke zin antwoordde, en je kaartjes."),
        export=lambda user: list(export_answers(user)),
        erase=lambda user: 0,  # with the lists above: course answers stay, anonymous
        covers=("competencies.Answer.assessment", "competencies.CardPick.assessment"),
        order=21,
        unit=ngettext_lazy("%(n)s antwoord", "%(n)s antwoorden", "n"),
    )
    register_kind(
        "competencies.peer",
        label=_("Mensen die je om een reactie vroeg"),
        help_text=_("Alleen wanneer. Hun naam en e-mail zijn van hen."),
        export=export_peer,
        erase=erase_peer,
        covers=("competencies.PeerInvitation.user", "competencies.SelfAssessment.peer_invitation"),
        order=22,
        unit=ngettext_lazy("%(n)s keer", "%(n)s keer", "n"),
    )
    register_retention(
        "answers",
        label=_("Antwoorden op de competentielijst"),
        default_days=3 * 365,
        count=count_answers,
        apply=delete_answers,
        order=10,
    )
