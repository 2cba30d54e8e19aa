"""What ``courses`` holds about a person: enrolments (with attendance), invitations, the calendar
link, and, for trainers, their sessions and qualifications. Registered in ``accounts.privacy``.

Erasing keeps every count: an enrolment stays (with its status and seats) but loses the needs
and the support person's name; the account it points at has become anonymous. Places in courses
still to come are given up, so the waitlist moves on.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import ANONYMOUS_NAME, register_activity
from accounts.privacy import count_rows, register_kind, when

from .models import (
    Assignment,
    Attendance,
    CalendarFeedToken,
    Enrolment,
    EnrolmentInvitation,
    Qualification,
    Session,
)

#: A support person's name is replaced, not emptied: ``seats`` counts 2 when it is filled.
SUPPORT_PLACEHOLDER = "Begeleider"


def _session_label(session) -> str:
    start = when(session.starts_at)
    return f"{session.course.title} ({start:%d-%m-%Y})" if start else session.course.title


def export_enrolments(user) -> list[dict]:
    """The person's own places; nothing of the other participants (not even how many)."""
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("session__course", "session__region", "session__venue")
        .annotate(
            present=Count("attendance", filter=Q(attendance__present=True)),
            absent=Count("attendance", filter=Q(attendance__present=False)),
        )
        .order_by("created_at", "pk")
    )
    return [
        {
            gettext("Cursus"): _session_label(e.session),
            gettext("Regio"): e.session.region.name if e.session.region_id else "",
            gettext("Plaats"): e.session.venue.name if e.session.venue_id else "",
            gettext("Status"): e.get_status_display(),
            gettext("Ingeschreven op"): when(e.created_at),
            gettext("Ingeschreven door jezelf"): e.enrolled_by_id in (None, user.pk),
            gettext("Afgemeld op"): when(e.cancelled_at),
            gettext("Naam begeleider"): e.support_person_name,
            gettext("Wat je nodig hebt"): e.access_needs,
            gettext("Eten en drinken"): e.dietary_needs,
            gettext("Bijeenkomsten aanwezig"): e.present,
            gettext("Bijeenkomsten afwezig"): e.absent,
        }
        for e in enrolments
    ]


def erase_enrolments(user) -> int:
    from .services import enrolment_cancel

    changed = 0
    now = timezone.now()
    upcoming = Enrolment.objects.filter(
        user=user,
        status__in=Enrolment.ACTIVE,
        session__status__in=(Session.Status.DRAFT, Session.Status.PUBLISHED),
    ).filter(Q(session__starts_at__gt=now) | Q(session__starts_at__isnull=True))
    for enrolment in upcoming:
        enrolment_cancel(actor=None, enrolment=enrolment, now=now)
        changed += 1
    changed += (
        Enrolment.objects.filter(user=user)
        .exclude(support_person_name="")
        .exclude(support_person_name=SUPPORT_PLACEHOLDER)
        .update(support_person_name=SUPPORT_PLACEHOLDER)
    )
    changed += (
        Enrolment.objects.filter(user=user)
        .filter(~Q(access_needs="") | ~Q(dietary_needs=""))
        .update(access_needs="", dietary_needs="")
    )
    return changed


def _invitations(user):
    if not user.email:
        return EnrolmentInvitation.objects.none()
    return EnrolmentInvitation.objects.filter(email__iexact=user.email)


def export_invitations(user) -> list[dict]:
    """Invitations to enrol sent to the person's address, and (for trainers) how many they sent
    per session: the invited people's names are theirs, not the trainer's."""
    rows = [
        {
            gettext("Uitnodiging voor"): _session_label(i.session),
            gettext("Naam"): i.display_name,
            gettext("Telefoonnummer"): i.phone,
            gettext("Uitgenodigd op"): when(i.created_at),
            gettext("Bevestigd op"): when(i.accepted_at),
        }
        for i in _invitations(user).select_related("session__course").order_by("created_at")
    ]
    sent = (
        EnrolmentInvitation.objects.filter(invited_by=user)
        .values("session")
        .annotate(n=Count("pk"))
        .order_by("session")
    )
    sessions = Session.objects.select_related("course").in_bulk([row["session"] for row in sent])
    rows += [
        {
            gettext("Uitnodigingen die je stuurde voor"): _session_label(sessions[row["session"]]),
            gettext("Aantal"): row["n"],
        }
        for row in sent
    ]
    return rows


def erase_invitations(user) -> int:
    """Open invitations go; accepted ones stay as a record without name or address."""
    if not user.email:
        return 0
    invitations = _invitations(user)
    changed = invitations.filter(accepted_at__isnull=True).delete()[0]
    for invitation in invitations:
        invitation.email = f"anoniem-{invitation.pk}@invalid.invalid"
        invitation.display_name = ANONYMOUS_NAME
        invitation.phone = ""
        invitation.support_person_name = ""
        invitation.access_needs = invitation.dietary_needs = ""
        invitation.save()
        changed += 1
    return changed


def export_calendar(user) -> list[dict]:
    return [
        {gettext("Agenda-link gemaakt op"): when(token.created_at)}
        for token in CalendarFeedToken.objects.filter(user=user)
    ]


def erase_calendar(user) -> int:
    return CalendarFeedToken.objects.filter(user=user).delete()[0]


def export_teaching(user) -> list[dict]:
    """A trainer's sessions and qualifications; what they recorded about others only as counts."""
    rows = [
        {
            gettext("Sessie"): _session_label(a.session),
            gettext("Rol"): a.get_role_display(),
            gettext("Toegevoegd op"): when(a.created_at),
        }
        for a in Assignment.objects.filter(trainer=user).select_related("session__course")
    ]
    rows += [
        {
            gettext("Bevoegd voor"): q.course.title,
            gettext("Toegekend op"): when(q.granted_at),
        }
        for q in Qualification.objects.filter(trainer=user).select_related("course")
    ]
    counts = {
        gettext("Sessies gemaakt"): Session.objects.filter(created_by=user).count(),
        gettext("Aanwezigheid genoteerd"): Attendance.objects.filter(recorded_by=user).count(),
        gettext("Iemand anders ingeschreven"): Enrolment.objects.filter(enrolled_by=user)
        .exclude(user=user)
        .count(),
        gettext("Bevoegdheden gegeven"): Qualification.objects.filter(granted_by=user).count(),
    }
    rows += count_rows(counts)
    return rows


def erase_teaching(user) -> int:
    """Sessions, staffing and records stay: they are the organisation's history and now point
    at an anonymous account (a session's trainer shows as "Anoniem")."""
    return 0


def _active_since(since):
    return Enrolment.objects.filter(
        Q(created_at__gte=since) | Q(session__ends_at__gte=since)
    ).values_list("user_id", flat=True)


def register():
    register_kind(
        "courses.enrolments",
        label=_("Je inschrijvingen"),
        help_text=_("Bij welke cursussen je bent ingeschreven, en of je er was."),
        export=export_enrolments,
        erase=erase_enrolments,
        covers=(
            "courses.Enrolment.user",
            "courses.Attendance.enrolment",
            "courses.EnrolmentInvitation.enrolment",
        ),
        order=10,
        unit=ngettext_lazy("%(n)s inschrijving", "%(n)s inschrijvingen", "n"),
    )
    register_kind(
        "courses.invitations",
        label=_("Je uitnodigingen voor een cursus"),
        help_text=_("De uitnodigingen die je kreeg, en hoeveel je er zelf stuurde."),
        export=export_invitations,
        erase=erase_invitations,
        covers=("courses.EnrolmentInvitation.invited_by",),
        order=11,
    )
    register_kind(
        "courses.calendar",
        label=_("Je agenda-link"),
        export=export_calendar,
        erase=erase_calendar,
        covers=("courses.CalendarFeedToken.user",),
        order=12,
    )
    register_kind(
        "courses.teaching",
        label=_("Als trainer"),
        help_text=_("De sessies die je gaf en de cursussen die je mag geven."),
        export=export_teaching,
        erase=erase_teaching,
        covers=(
            "courses.Assignment.trainer",
            "courses.Qualification.trainer",
            "courses.Qualification.granted_by",
            "courses.Session.created_by",
            "courses.Attendance.recorded_by",
            "courses.Enrolment.enrolled_by",
        ),
        order=40,
    )
    register_activity(_active_since)
