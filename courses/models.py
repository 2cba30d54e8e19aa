"""Courses, venues, sessions with their meetings and staffing, enrolments and attendance.

Every invariant that fits one table is a database constraint here; the rules that span rows
(capacity, waitlist order, no double-booked trainer) live in ``services.py`` under a row lock.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, actor_field

#: The most places a session (or a course's default) may have: a bound for forms, services and
#: the database alike, so a typo such as 30 nines is a field error, never a 500.
CAPACITY_MAX = 500
#: The longest free text on a session (notes for participants, the reason for calling it off).
SESSION_TEXT_MAX = 2000
CAPACITY_VALIDATORS = [MinValueValidator(1), MaxValueValidator(CAPACITY_MAX)]
MINIMUM_VALIDATORS = [MaxValueValidator(CAPACITY_MAX)]


class Course(models.Model):
    """A kind of training; its content lives on a Wagtail course page (in ``cms``)."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Cursus")
        TRAIN_THE_TRAINER = "train_the_trainer", _("Train-de-trainer")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=100, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.COURSE)
    description = models.TextField(_("korte omschrijving"), blank=True)
    default_capacity = models.PositiveSmallIntegerField(
        _("standaard aantal plaatsen"), default=12, validators=CAPACITY_VALIDATORS
    )
    min_participants = models.PositiveSmallIntegerField(
        _("minimum aantal deelnemers"), default=6, validators=MINIMUM_VALIDATORS
    )
    number_of_meetings = models.PositiveSmallIntegerField(_("aantal bijeenkomsten"), default=1)
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("afmelden kan tot (uren voor de start)"), default=24
    )
    is_active = models.BooleanField(_("actief"), default=True)

    wagtail_reference_index_ignore = True  # listed in the admin, never references pages

    class Meta:
        ordering = ["title"]
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")
        constraints = [
            models.CheckConstraint(
                condition=Q(default_capacity__gte=1), name="courses_course_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(default_capacity__lte=CAPACITY_MAX), name="courses_course_capacity_max"
            ),
            models.CheckConstraint(
                condition=Q(min_participants__lte=models.F("default_capacity")),
                name="courses_course_min_le_capacity",
            ),
            models.CheckConstraint(
                condition=Q(number_of_meetings__gte=1), name="courses_course_meetings_positive"
            ),
        ]

    def __str__(self):
        return self.title


class Venue(models.Model):
    """A place where meetings are held, with what people need to know to get in."""

    name = models.CharField(_("naam"), max_length=200)
    street = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venues",
    )
    step_free = models.BooleanField(_("zonder drempels of trappen"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    quiet_room = models.BooleanField(_("stille ruimte"), default=False)
    parking = models.BooleanField(_("parkeren"), default=False)
    public_transport_notes = models.TextField(_("met het openbaar vervoer"), blank=True)
    notes = models.TextField(_("meer informatie"), blank=True)

    wagtail_reference_index_ignore = True  # listed in the admin, never references pages

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postcode} {self.city}".strip()] if p)


class Session(models.Model):
    """One scheduled run of a course: ``draft -> published -> (cancelled | completed)``.

    ``starts_at``/``ends_at`` copy the first meeting's start and the last meeting's end (kept by
    the meeting services) so the catalogue filters and sorts without touching meetings.
    ``revision`` counts the changes people were told about (it keys those messages).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")
        CANCELLED = "cancelled", _("Afgezegd")
        COMPLETED = "completed", _("Afgerond")

    course = models.ForeignKey(
        Course, verbose_name=_("cursus"), on_delete=models.PROTECT, related_name="sessions"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="sessions"
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("locatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), validators=CAPACITY_VALIDATORS
    )
    min_participants = models.PositiveSmallIntegerField(
        _("minimum aantal deelnemers"), default=0, validators=MINIMUM_VALIDATORS
    )
    enrolment_deadline = models.DateTimeField(_("inschrijven kan tot"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    cancel_reason = models.TextField(
        _("reden van afzeggen"), blank=True, max_length=SESSION_TEXT_MAX
    )
    notes = models.TextField(_("extra informatie"), blank=True, max_length=SESSION_TEXT_MAX)
    starts_at = models.DateTimeField(_("begint"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("eindigt"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = actor_field(_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    published_at = models.DateTimeField(_("gepubliceerd"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgezegd"), null=True, blank=True)
    completed_at = models.DateTimeField(_("afgerond"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # listed in the admin, never references pages

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="courses_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(capacity__lte=CAPACITY_MAX), name="courses_session_capacity_max"
            ),
            models.CheckConstraint(
                condition=Q(min_participants__lte=models.F("capacity")),
                name="courses_session_min_le_capacity",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(venue__isnull=False) | ~Q(online_url=""),
                name="courses_session_place_when_public",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="courses_session_cancel_reason",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="courses_session_ends_after_start",
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%d-%m-%Y") if self.starts_at else "?"
        return f"{self.course} — {self.region} ({when})"

    def get_absolute_url(self):
        return reverse("courses:session_detail", kwargs={"pk": self.pk})

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and self.venue_id is None

    @property
    def effective_deadline(self):
        """Enrolment closes at the deadline, and at the latest when the first meeting starts."""
        if self.enrolment_deadline and self.starts_at:
            return min(self.enrolment_deadline, self.starts_at)
        return self.enrolment_deadline or self.starts_at

    def has_started(self, now=None) -> bool:
        return self.starts_at is not None and self.starts_at <= (now or timezone.now())


class Meeting(models.Model):
    """One meeting (date, start, end) of a session; a session has one or more."""

    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="courses_meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{start:%d-%m-%Y %H:%M}-{end:%H:%M}"

    def has_started(self, now=None) -> bool:
        """Attendance is taken from the moment a meeting begins, not before."""
        return self.starts_at <= (now or timezone.now())


# The seat rule for querysets and SQL, beside ``Enrolment.seats`` (the same rule on one row): a
# support person takes a seat too. Every count of seats uses this one expression.
SEATS = Case(When(support_person_name="", then=Value(1)), default=Value(2))


class Enrolment(models.Model):
    """A person's place (or place in line) in a session. One per person per session.

    A support person takes a seat too: ``seats`` is 2 when ``support_person_name`` is filled.
    ``queued_at`` orders the waitlist (first come, first served; ties by id). A cancelled
    enrolment that enrols again is the same row, queued anew.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Ingeschreven")
        WAITLISTED = "waitlisted", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")
        ATTENDED = "attended", _("Deelgenomen")
        NO_SHOW = "no_show", _("Niet gekomen")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)
    SEATED = (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)

    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), on_delete=models.CASCADE, related_name="enrolments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    support_person_name = models.CharField(
        _("naam begeleider"),
        max_length=150,
        blank=True,
        help_text=_("Een begeleider neemt ook een plaats in."),
    )
    access_needs = models.TextField(_("wat heb je nodig om mee te doen?"), blank=True)
    dietary_needs = models.TextField(_("eten en drinken"), blank=True)
    queued_at = models.DateTimeField(_("in de rij sinds"), default=timezone.now)
    enrolled_by = actor_field(_("ingeschreven door"))
    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status gewijzigd"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # listed in the admin, never references pages

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="courses_enrolment_one_per_person"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="courses_enrolment_cancelled_at",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queued_at"])]

    def __str__(self):
        return f"{self.user} — {self.session}"

    @property
    def seats(self) -> int:
        return 2 if self.support_person_name else 1

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Attendance(models.Model):
    """Whether an enrolled person was at one meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="attendance"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    present = models.BooleanField(_("aanwezig"))
    recorded_by = actor_field(_("genoteerd door"))
    recorded_at = models.DateTimeField(_("genoteerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "enrolment"], name="courses_attendance_once_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.user} @ {self.meeting}: {'ja' if self.present else 'nee'}"


class Assignment(models.Model):
    """A trainer's place on a session's staff."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Hoofdtrainer")
        CO_TRAINER = "co_trainer", _("Co-trainer")
        INTERN = "intern", _("Stagiair")

    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), on_delete=models.CASCADE, related_name="assignments"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices, default=Role.LEAD)
    created_at = models.DateTimeField(_("toegevoegd"), default=timezone.now)

    class Meta:
        ordering = ["session", "role", "pk"]
        verbose_name = _("trainer bij sessie")
        verbose_name_plural = _("trainers bij sessies")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainer"], name="courses_assignment_once_per_session"
            ),
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(role="lead"),
                name="courses_assignment_one_lead",
            ),
        ]

    def __str__(self):
        return f"{self.trainer} ({self.get_role_display()}) — {self.session}"


class Qualification(models.Model):
    """Which courses a trainer may give. National staff set it; certification will grant it."""

    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("cursus"), on_delete=models.CASCADE, related_name="qualifications"
    )
    granted_by = actor_field(_("toegekend door"))
    granted_at = models.DateTimeField(_("toegekend op"), default=timezone.now)

    wagtail_reference_index_ignore = True  # listed in the admin, never references pages

    class Meta:
        ordering = ["course", "trainer"]
        verbose_name = _("bevoegdheid")
        verbose_name_plural = _("bevoegdheden")
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "course"], name="courses_qualification_once"
            ),
        ]

    def __str__(self):
        return f"{self.trainer} — {self.course}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a person's private calendar feed URL; regenerating it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda-link")
        verbose_name_plural = _("agenda-links")

    def __str__(self):
        return f"{self.user}"

    def get_absolute_url(self):
        return reverse("courses:calendar_feed", kwargs={"token": self.token})


class EnrolmentInvitation(models.Model):
    """A request to enrol the owner of an e-mail address, waiting for them to confirm.

    Made when a trainer enrols someone by e-mail, or when someone enrols without logging in using
    an address that already has an account. Nobody's account is enrolled without them: the owner
    follows the secret link and confirms (logged in as that account, if it exists). Until then the
    trainer sees the name they typed, never the account behind the address.
    """

    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    display_name = models.CharField(_("naam"), max_length=150)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    support_person_name = models.CharField(_("naam begeleider"), max_length=150, blank=True)
    access_needs = models.TextField(_("wat heb je nodig om mee te doen?"), blank=True)
    dietary_needs = models.TextField(_("eten en drinken"), blank=True)
    invited_by = actor_field(_("uitgenodigd door"))
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    accepted_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("inschrijving"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uitnodiging om in te schrijven")
        verbose_name_plural = _("uitnodigingen om in te schrijven")
        constraints = [
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="courses_invitation_one_pending_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} — {self.session}"

    def get_absolute_url(self):
        return reverse("courses:invitation_accept", kwargs={"token": self.token})

    @property
    def seats(self) -> int:
        return 2 if self.support_person_name else 1
