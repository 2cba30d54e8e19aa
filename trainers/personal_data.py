"""What ``trainers`` holds about a person: the trainer profile, its status history, availability,
programme steps and applications. Registered in ``accounts.privacy``.

Erasing stops an erased trainer (the pool's counts stay right) and empties every free text
they or staff wrote about them; dates and outcomes stay as anonymous history.
"""

from django.db.models import Q
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.privacy import count_rows, register_kind, when

from .models import Application, Availability, ProgrammeStep, StatusPeriod, TrainerProfile

ERASED_REASON = "Gegevens gewist"


def export_profile(user) -> list[dict]:
    profile = TrainerProfile.objects.filter(user=user).prefetch_related("regions").first()
    if profile is None:
        return []
    rows = [
        {
            gettext("Regio's"): ", ".join(r.name for r in profile.regions.all()),
            gettext("Korte voorstelling"): profile.bio,
            gettext("Talen"): profile.languages,
            gettext("Wat je zelf nodig hebt"): profile.access_needs,
            gettext("Aangemaakt op"): when(profile.created_at),
            gettext("Nagekeken op"): when(profile.checked_at),
        }
    ]
    rows += [
        {
            gettext("Status"): p.get_status_display(),
            gettext("Vanaf"): when(p.started_at),
            gettext("Tot"): when(p.ended_at),
            gettext("Reden"): p.reason,
        }
        for p in profile.status_periods.order_by("started_at", "pk")
    ]
    rows += [
        {
            gettext("Stap"): s.get_step_display(),
            gettext("Uitkomst"): s.get_outcome_display(),
            gettext("Toelichting"): s.note,
            gettext("Besloten op"): when(s.decided_at),
        }
        for s in profile.steps.order_by("decided_at", "pk")
    ]
    rows += [
        {
            gettext("Dag"): a.day,
            gettext("Dagdeel"): a.get_part_display(),
            gettext("Ik kan"): a.available,
        }
        for a in profile.availability.order_by("day", "part")
    ]
    return rows


def erase_profile(user) -> int:
    from .services import trainer_stop

    profile = TrainerProfile.objects.filter(user=user).first()
    if profile is None:
        return 0
    changed = 0
    current = profile.status_periods.filter(ended_at__isnull=True).first()
    if current is not None and current.status != StatusPeriod.Status.STOPPED:
        trainer_stop(actor=None, profile=profile, reason=ERASED_REASON)
        changed += 1
    changed += (
        TrainerProfile.objects.filter(pk=profile.pk)
        .filter(~Q(bio="") | ~Q(languages="") | ~Q(access_needs=""))
        .update(bio="", languages="", access_needs="")
    )
    changed += (
        profile.status_periods.exclude(reason="").exclude(reason=ERASED_REASON).update(reason="")
    )
    changed += profile.steps.exclude(note="").update(note="")
    changed += Availability.objects.filter(profile=profile).delete()[0]
    return changed


def export_applications(user) -> list[dict]:
    return [
        {
            gettext("Aangemeld op"): when(a.created_at),
            gettext("Regio"): a.region.name,
            gettext("Waarom je trainer wilt worden"): a.motivation,
            gettext("Wanneer je kunt"): a.availability,
            gettext("Status"): a.get_status_display(),
            gettext("Besloten op"): when(a.decided_at),
            gettext("Bericht"): a.decline_message,
        }
        for a in Application.objects.filter(user=user).select_related("region")
    ]


def erase_applications(user) -> int:
    return (
        Application.objects.filter(user=user)
        .filter(~Q(motivation="") | ~Q(availability="") | ~Q(decline_message=""))
        .update(motivation="", availability="", decline_message="")
    )


def export_decisions(user) -> list[dict]:
    """What a staff member or lead trainer decided about others: counts, never their names."""
    counts = {
        gettext("Aanmeldingen besloten"): Application.objects.filter(decided_by=user).count(),
        gettext("Stappen afgetekend"): ProgrammeStep.objects.filter(decided_by=user).count(),
        gettext("Statussen gewijzigd"): StatusPeriod.objects.filter(actor=user).count(),
    }
    return count_rows(counts)


def register():
    register_kind(
        "trainers.profile",
        label=_("Je trainersprofiel"),
        help_text=_("Je profiel, je status, je traject en wanneer je kunt."),
        export=export_profile,
        erase=erase_profile,
        covers=(
            "trainers.TrainerProfile.user",
            "trainers.StatusPeriod.profile",
            "trainers.ProgrammeStep.profile",
            "trainers.ProgrammeStep.enrolment",
            "trainers.ProgrammeStep.assignment",
            "trainers.Availability.profile",
        ),
        order=30,
    )
    register_kind(
        "trainers.applications",
        label=_("Je aanmelding als trainer"),
        export=export_applications,
        erase=erase_applications,
        covers=("trainers.Application.user",),
        order=31,
        unit=ngettext_lazy("%(n)s aanmelding", "%(n)s aanmeldingen", "n"),
    )
    register_kind(
        "trainers.decisions",
        label=_("Besluiten die je nam over anderen"),
        export=export_decisions,
        erase=lambda user: 0,  # the decisions stay, pointing at the anonymous account
        covers=(
            "trainers.Application.decided_by",
            "trainers.ProgrammeStep.decided_by",
            "trainers.StatusPeriod.actor",
        ),
        order=41,
    )
