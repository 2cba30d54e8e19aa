"""What ``intervision`` holds about a person: the moments they asked for or supported, where they
were present, and the trainer groups they are in. Registered in ``accounts.privacy``.

Erasure: a request keeps its place in the series (other people supported it, a moment may answer
it) but loses its words; support, attendance and group membership stay as anonymous counts (the
account itself is anonymised); as trainer or staff the person is no longer named on what they
scheduled, reported or closed.
"""

from django.db.models import Q
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.privacy import register_kind, when

from .models import Attendance, Moment, Request, SeriesClosure, Support, TrainerGroup

ERASED_TOPIC = "—"


def export_requests(user) -> list[dict]:
    """Their own questions, and the questions they supported (only the topic and the course:
    who else supported it is other people's data)."""
    rows = [
        {
            gettext("Cursus"): str(r.session.course),
            gettext("Je vraag"): r.topic,
            gettext("Status"): r.get_status_display(),
            gettext("Gevraagd op"): when(r.created_at),
        }
        for r in Request.objects.filter(author=user).select_related("session__course")
    ]
    rows += [
        {
            gettext("Cursus"): str(s.request.session.course),
            gettext("Je wilde hier ook over praten"): s.request.topic,
        }
        for s in Support.objects.filter(user=user).select_related("request__session__course")
    ]
    return rows


def erase_requests(user) -> int:
    return (
        Request.objects.filter(author=user)
        .exclude(topic=ERASED_TOPIC)
        .update(topic=ERASED_TOPIC, suggestion="")
    )


def export_attendance(user) -> list[dict]:
    return [
        {
            gettext("Cursus of groep"): a.moment.series_name,
            gettext("Moment"): a.moment.number,
            gettext("Datum"): when(a.moment.starts_at),
            gettext("Was je erbij?"): a.get_status_display(),
        }
        for a in Attendance.objects.filter(user=user).select_related(
            "moment__session__course", "moment__group"
        )
    ]


def export_groups(user) -> list[dict]:
    rows = [{gettext("Groep"): g.name} for g in TrainerGroup.objects.filter(members=user)]
    rows += [
        {gettext("Groep die je begeleidt"): g.name}
        for g in TrainerGroup.objects.filter(facilitators=user)
    ]
    return rows


def export_work(user) -> list[dict]:
    """What they did as trainer: the moments they scheduled or reported (which series, number
    and date)."""
    return [
        {
            gettext("Cursus of groep"): m.series_name,
            gettext("Moment"): m.number,
            gettext("Datum"): when(m.starts_at),
        }
        for m in Moment.objects.filter(Q(created_by=user) | Q(reported_by=user)).select_related(
            "session__course", "group"
        )
    ]


def erase_work(user) -> int:
    changed = Moment.objects.filter(created_by=user).update(created_by=None)
    changed += Moment.objects.filter(reported_by=user).update(reported_by=None)
    changed += Attendance.objects.filter(recorded_by=user).update(recorded_by=None)
    changed += SeriesClosure.objects.filter(closed_by=user).update(closed_by=None)
    return changed


def _keep(user) -> int:
    """Kept as anonymous counts: the account they belong to is anonymised."""
    return 0


def register():
    register_kind(
        "intervision.requests",
        label=_("Waar je over wilde praten na de cursus"),
        help_text=_(
            "Je vragen voor intervisie, en vragen van anderen waar je ook over wilde praten."
        ),
        export=export_requests,
        erase=erase_requests,
        covers=(
            "intervision.Request.author",
            "intervision.Support.user",
            "intervision.Support.request",
            "intervision.Moment.answered_requests",
        ),
        order=23,
        unit=ngettext_lazy("%(n)s vraag", "%(n)s vragen", "n"),
    )
    register_kind(
        "intervision.attendance",
        label=_("Intervisie: was je erbij?"),
        export=export_attendance,
        erase=_keep,
        covers=("intervision.Attendance.user",),
        order=24,
        unit=ngettext_lazy("%(n)s moment", "%(n)s momenten", "n"),
    )
    register_kind(
        "intervision.groups",
        label=_("Groepen voor trainers waar je in zit"),
        export=export_groups,
        erase=_keep,
        covers=("intervision.TrainerGroup.members", "intervision.TrainerGroup.facilitators"),
        order=42,
        unit=ngettext_lazy("%(n)s groep", "%(n)s groepen", "n"),
    )
    register_kind(
        "intervision.work",
        label=_("Intervisie die je als trainer regelde"),
        help_text=_("De momenten die je plande, of waarvan je het verslag schreef."),
        export=export_work,
        erase=erase_work,
        covers=(
            "intervision.Moment.created_by",
            "intervision.Moment.reported_by",
            "intervision.Attendance.recorded_by",
            "intervision.SeriesClosure.closed_by",
        ),
        order=43,
        unit=ngettext_lazy("%(n)s moment", "%(n)s momenten", "n"),
    )
