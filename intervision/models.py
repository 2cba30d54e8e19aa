"""Intervision after a course: requests, supports, up to three moments, attendance, closure.

A *series* is the intervision of one completed course session, or of one trainer group (the
programme's trainer intervision). Every moment belongs to exactly one of the two. The rules that
span rows (who may ask, the lowest free number, the follow-up list) live in ``services.py``
under a row lock; what fits one table is a constraint here, with the one that matters most last
in line: two non-cancelled moments of a series never share a number, and a number is 1, 2 or 3.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, actor_field
from courses.models import Course, Session

#: Never a fourth moment per series (the issue, DESIGN.md "Intervision").
MOMENTS_MAX = 3
TOPIC_MAX = 300
TEXT_MAX = 4000
SUPPORT_THRESHOLD_DEFAULT = 3
CLOSE_AFTER_MONTHS_DEFAULT = 6


class Suggestion(models.TextChoices):
    """Topics a participant can pick instead of typing one (seed 003 and the issue)."""

    ACHTERBAN = "achterban", _("Hoe betrekken we de achterban?")
    GEMEENTE = "gemeente", _("Waar is de gemeente precies verantwoordelijk voor?")
    AGENDA = "agenda", _("Hoe krijgen we ons onderwerp op de agenda?")
    SAMENWERKEN = "samenwerken", _("Hoe werken we goed samen in onze groep?")
    ZICHTBAAR = "zichtbaar", _("Hoe laten we zien wat we doen?")


class IntervisionSettings(models.Model):
    """Per-course settings; a course without a row uses the defaults (``courses`` never knows)."""

    course = models.OneToOneField(
        Course,
        verbose_name=_("cursus"),
        on_delete=models.CASCADE,
        related_name="intervision_settings",
    )
    support_threshold = models.PositiveSmallIntegerField(
        _("trainers horen het bij zoveel steunbetuigingen"),
        default=SUPPORT_THRESHOLD_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    close_after_months = models.PositiveSmallIntegerField(
        _("vragen kan tot zoveel maanden na de cursus"),
        default=CLOSE_AFTER_MONTHS_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )

    class Meta:
        verbose_name = _("intervisie-instelling")
        verbose_name_plural = _("intervisie-instellingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(support_threshold__gte=1) & Q(support_threshold__lte=100),
                name="intervision_settings_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(close_after_months__gte=1) & Q(close_after_months__lte=24),
                name="intervision_settings_months_range",
            ),
        ]

    def __str__(self):
        return str(self.course)


class TrainerGroup(models.Model):
    """A group of trainers and candidates that holds a trainer intervision (the programme step).

    ``members`` attend; ``facilitators`` schedule the moments and take attendance.
    """

    name = models.CharField(_("naam"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemers"),
        related_name="intervision_groups",
        blank=True,
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begeleiders"),
        related_name="intervision_groups_led",
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("intervisiegroep voor trainers")
        verbose_name_plural = _("intervisiegroepen voor trainers")

    def __str__(self):
        return self.name


class Request(models.Model):
    """A participant's wish for an intervision moment on a topic."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PLANNED = "planned", _("Gepland")
        CLOSED = "closed", _("Gesloten")

    session = models.ForeignKey(
        Session,
        verbose_name=_("sessie"),
        on_delete=models.CASCADE,
        related_name="intervision_requests",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.CASCADE,
        related_name="intervision_requests",
    )
    topic = models.CharField(_("onderwerp"), max_length=TOPIC_MAX)
    suggestion = models.CharField(
        _("voorgesteld onderwerp"), max_length=20, choices=Suggestion.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    trainers_told_at = models.DateTimeField(_("trainers ingelicht"), null=True, blank=True)
    created_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)

    class Meta:
        ordering = ["session", "created_at", "pk"]
        verbose_name = _("intervisievraag")
        verbose_name_plural = _("intervisievragen")
        constraints = [
            models.CheckConstraint(condition=~Q(topic=""), name="intervision_request_topic"),
        ]

    def __str__(self):
        return self.topic


class Support(models.Model):
    """ "Ik wil dit ook": another participant of the session backs a request."""

    request = models.ForeignKey(
        Request, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="intervision_supports",
    )
    created_at = models.DateTimeField(_("gesteund op"), default=timezone.now)

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "user"], name="intervision_support_once_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.request}"


class Moment(models.Model):
    """One intervision meeting, numbered 1-3 within its series (a session or a trainer group).

    A cancelled moment keeps its number for the record but frees it: the uniqueness holds among
    the moments that are not cancelled, so the next moment scheduled takes the lowest free
    number.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        CANCELLED = "cancelled", _("Afgezegd")

    session = models.ForeignKey(
        Session,
        verbose_name=_("sessie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="intervision_moments",
    )
    group = models.ForeignKey(
        TrainerGroup,
        verbose_name=_("trainersgroep"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moments",
    )
    number = models.PositiveSmallIntegerField(
        _("nummer"), validators=[MinValueValidator(1), MaxValueValidator(MOMENTS_MAX)]
    )
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    place = models.CharField(_("plaats"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    answered_requests = models.ManyToManyField(
        Request, verbose_name=_("beantwoordt vragen"), related_name="moments", blank=True
    )
    discussed = models.TextField(_("wat is besproken"), max_length=TEXT_MAX, blank=True)
    agreements = models.TextField(_("afspraken"), max_length=TEXT_MAX, blank=True)
    reported_by = actor_field(_("verslag door"))
    reported_at = models.DateTimeField(_("verslag op"), null=True, blank=True)
    cancel_reason = models.TextField(_("reden van afzeggen"), max_length=TEXT_MAX, blank=True)
    cancelled_at = models.DateTimeField(_("afgezegd op"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = actor_field(_("gepland door"))
    created_at = models.DateTimeField(_("gepland op"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("intervisiemoment")
        verbose_name_plural = _("intervisiemomenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=MOMENTS_MAX),
                name="intervision_moment_number_range",
            ),
            models.CheckConstraint(
                condition=(Q(session__isnull=False) & Q(group__isnull=True))
                | (Q(session__isnull=True) & Q(group__isnull=False)),
                name="intervision_moment_one_series",
            ),
            models.UniqueConstraint(
                fields=["session", "number"],
                condition=~Q(status="cancelled"),
                name="intervision_moment_number_per_session",
            ),
            models.UniqueConstraint(
                fields=["group", "number"],
                condition=~Q(status="cancelled"),
                name="intervision_moment_number_per_group",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="intervision_moment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="intervision_moment_place_or_link",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="intervision_moment_cancelled_at",
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%d-%m-%Y")
        return f"{self.series_name} — {self.number} ({when})"

    @property
    def series_name(self) -> str:
        return str(self.group) if self.group_id else str(self.session.course)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.place


class Attendance(models.Model):
    """Whether one invited person was at one moment."""

    class Status(models.TextChoices):
        ATTENDED = "attended", _("Aanwezig")
        ABSENT = "absent", _("Afwezig")

    moment = models.ForeignKey(
        Moment, verbose_name=_("moment"), on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="intervision_attendance",
    )
    status = models.CharField(_("aanwezig"), max_length=10, choices=Status.choices)
    recorded_by = actor_field(_("genoteerd door"))
    recorded_at = models.DateTimeField(_("genoteerd op"), default=timezone.now)

    class Meta:
        ordering = ["moment", "user", "pk"]
        verbose_name = _("aanwezigheid bij intervisie")
        verbose_name_plural = _("aanwezigheid bij intervisie")
        constraints = [
            models.UniqueConstraint(
                fields=["moment", "user"], name="intervision_attendance_once_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.moment}: {self.get_status_display()}"


class SeriesClosure(models.Model):
    """The end of a series: the third moment held, the trainer closed it, or time ran out.

    Closing opens the follow-up self-assessment (``competencies``) for a session's series; one row
    per series, so it happens once.
    """

    class Reason(models.TextChoices):
        THIRD_HELD = "third_held", _("Derde moment gehouden")
        TRAINER = "trainer", _("Afgesloten door trainer")
        TIME = "time", _("Termijn verstreken")

    session = models.OneToOneField(
        Session,
        verbose_name=_("sessie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="intervision_closure",
    )
    group = models.OneToOneField(
        TrainerGroup,
        verbose_name=_("trainersgroep"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closure",
    )
    reason = models.CharField(_("reden"), max_length=12, choices=Reason.choices)
    closed_by = actor_field(_("afgesloten door"))
    closed_at = models.DateTimeField(_("afgesloten op"), default=timezone.now)

    class Meta:
        ordering = ["-closed_at", "pk"]
        verbose_name = _("afgesloten intervisiereeks")
        verbose_name_plural = _("afgesloten intervisiereeksen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(session__isnull=False) & Q(group__isnull=True))
                | (Q(session__isnull=True) & Q(group__isnull=False)),
                name="intervision_closure_one_series",
            ),
        ]

    def __str__(self):
        return str(self.group or self.session)
