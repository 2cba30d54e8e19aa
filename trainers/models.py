"""The trainer pool: profiles, status periods (the history), applications and programme steps.

The current status is the one open period of a profile (``ended_at`` is empty); the database
allows at most one. ``inactive`` is not stored: it follows from the sessions a trainer gave
(see ``selectors.inactive_trainers``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, actor_field
from courses.models import Assignment, Enrolment


class TrainerProfile(models.Model):
    """One volunteer in the pool (from the moment staff accept their application)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="trainer_profile",
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regio's"), related_name="trainer_profiles", blank=True
    )
    bio = models.TextField(_("korte voorstelling"), max_length=1000, blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    access_needs = models.TextField(_("wat heb je zelf nodig?"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    checked_at = models.DateTimeField(_("profiel nagekeken op"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["user__display_name", "pk"]
        verbose_name = _("trainersprofiel")
        verbose_name_plural = _("trainersprofielen")

    def __str__(self):
        return str(self.user)


class StatusPeriod(models.Model):
    """A stretch of time a profile had one status; the open one (no end) is the current status."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Kandidaat")
        IN_PROGRAMME = "in_programme", _("In het traject")
        CERTIFIED = "certified", _("Gecertificeerd")
        ACTIVE = "active", _("Actief")
        STOPPED = "stopped", _("Gestopt")

    profile = models.ForeignKey(
        TrainerProfile,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="status_periods",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    started_at = models.DateTimeField(_("vanaf"), default=timezone.now)
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)
    reason = models.TextField(_("reden"), max_length=1000, blank=True)
    actor = actor_field(_("door"))

    class Meta:
        ordering = ["profile", "started_at", "pk"]
        verbose_name = _("statusperiode")
        verbose_name_plural = _("statusperiodes")
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=Q(ended_at__isnull=True),
                name="trainers_one_open_status_period",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="trainers_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="stopped") | ~Q(reason=""),
                name="trainers_stopped_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "ended_at"])]

    def __str__(self):
        return f"{self.profile}: {self.get_status_display()}"


class Application(models.Model):
    """A participant who attended a course asks to become a trainer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Nieuw")
        ACCEPTED = "accepted", _("Aangenomen")
        DECLINED = "declined", _("Afgewezen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanmelder"),
        on_delete=models.CASCADE,
        related_name="trainer_applications",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="+"
    )
    motivation = models.TextField(_("waarom wil je trainer worden?"), max_length=2000)
    availability = models.TextField(_("wanneer kun je?"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_message = models.TextField(_("bericht bij afwijzen"), max_length=2000, blank=True)
    decided_by = actor_field(_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding als trainer")
        verbose_name_plural = _("aanmeldingen als trainer")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="trainers_one_pending_application",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="trainers_application_decided_at",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_message=""),
                name="trainers_application_decline_message",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"


class ProgrammeStep(models.Model):
    """One decision on one of the three steps; a repeated step gets a new row (the history).

    A stage decision points at the intern assignment it is about, a cursus decision at the
    attended enrolment: each of those is decided once.
    """

    class Step(models.TextChoices):
        STAGE = "stage", _("Stage")
        CURSUS = "cursus", _("Cursus")
        INTERVISIE = "intervisie", _("Intervisie")

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Gehaald")
        ASKED_TO_REPEAT = "asked_to_repeat", _("Nog een keer doen")
        FAILED = "failed", _("Niet gehaald")

    profile = models.ForeignKey(
        TrainerProfile,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    step = models.CharField(_("stap"), max_length=12, choices=Step.choices)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    assignment = models.OneToOneField(
        Assignment,
        verbose_name=_("stageplaats"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stage_decision",
    )
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("inschrijving"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cursus_decision",
    )
    decided_by = actor_field(_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)

    class Meta:
        ordering = ["profile", "decided_at", "pk"]
        verbose_name = _("stap in het traject")
        verbose_name_plural = _("stappen in het traject")
        constraints = [
            models.CheckConstraint(
                condition=~Q(step="stage") | Q(assignment__isnull=False),
                name="trainers_stage_has_assignment",
            ),
            models.CheckConstraint(
                condition=~Q(step="cursus") | Q(enrolment__isnull=False),
                name="trainers_cursus_has_enrolment",
            ),
        ]

    def __str__(self):
        return f"{self.profile}: {self.get_step_display()} ({self.get_outcome_display()})"


class Availability(models.Model):
    """A trainer's mark for one part of one day: can (or cannot) give a course then.

    ``region`` empty means: in any of my regions. One mark per profile, day and part of day.
    """

    class Part(models.TextChoices):
        MORNING = "ochtend", _("Ochtend")
        AFTERNOON = "middag", _("Middag")
        EVENING = "avond", _("Avond")

    profile = models.ForeignKey(
        TrainerProfile,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="availability",
    )
    day = models.DateField(_("dag"))
    part = models.CharField(_("dagdeel"), max_length=8, choices=Part.choices)
    available = models.BooleanField(_("ik kan"), default=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["profile", "day", "part"]
        verbose_name = _("beschikbaarheid")
        verbose_name_plural = _("beschikbaarheid")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "day", "part"], name="trainers_availability_once_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.profile} {self.day} {self.part}: {'ja' if self.available else 'nee'}"
