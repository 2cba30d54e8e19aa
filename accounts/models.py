from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def actor_field(verbose_name) -> models.ForeignKey:
    """Who did something to a row (recorded, decided, planned it): optional, without a reverse
    relation, and emptied (not cascaded) if the account row is ever deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class Region(models.Model):
    """A region of the organisation (a pilot region or a province).

    It lives in ``accounts`` because a person's profile names their region and ``accounts`` is
    the bottom of the app graph; courses, trainers and analytics all group by it.
    """

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=100, unique=True)
    is_pilot = models.BooleanField(_("pilotregio"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who uses Leerkring: participant, trainer, national staff or administrator.

    E-mail is the login. It may be empty for someone enrolled on their behalf who has no e-mail
    address (a trainer enrols them with name and phone); such an account has no password and can
    be claimed later.
    """

    email = models.EmailField(_("e-mailadres"), blank=True, null=True, unique=True)
    display_name = models.CharField(_("naam"), max_length=150, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    organisation = models.CharField(
        _("organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld je ledengroep, cliëntenraad of Wmo-raad."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    is_staff = models.BooleanField(
        _("toegang tot Django-beheer"),
        default=False,
        help_text=_("Alleen voor technisch beheerders."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # Part of the session hash: a new value ends every session of this person at once ("log uit
    # op alle apparaten"). Empty keeps Django's own hash, so existing sessions stay valid.
    session_token = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["display_name", "email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                condition=models.Q(email__isnull=False),
            ),
            models.CheckConstraint(
                condition=~models.Q(email=""), name="accounts_user_email_null_not_blank"
            ),
        ]

    def __str__(self):
        return self.display_name or self.email or f"#{self.pk}"

    def clean(self):
        super().clean()
        self.email = (
            self.__class__.objects.normalize_email(self.email).lower() if self.email else None
        )

    def get_absolute_url(self):
        return reverse("accounts:dashboard")

    def get_full_name(self):
        return self.display_name or self.email or ""

    def get_short_name(self):
        return (self.display_name or "").split(" ")[0] or self.email or ""

    def get_public_name(self) -> str:
        """How a trainer is named to the public (session pages, catalogue, API).

        The first name they gave, never the e-mail address: an empty name must not publish the
        login of a volunteer. The one place this rule lives; templates and the API call it.
        """
        words = (self.display_name or "").split()
        return words[0] if words else gettext("Trainer")

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, plus the session token once it was ever rotated."""
        if not self.session_token:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_token}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def first_name(self):
        """Wagtail and allauth templates greet people by first name."""
        return self.get_short_name()

    @property
    def last_name(self):
        return ""


class AuditEntry(models.Model):
    """Who did what to which object, when. Written by every state-changing service."""

    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = actor_field(_("door"))
    verb = models.CharField(_("actie"), max_length=100)
    # Indexed by (target_type, target_id) below: a second index on the type alone would only
    # be one more to update on every audited change.
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("soort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
    )
    target_id = models.CharField(_("object-id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    # Shown in the Wagtail admin, but it never references pages, images or documents: keep it out
    # of Wagtail's reference index, which would otherwise be updated on every audited change.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            # A plain index: no one filters the verb with LIKE, so no second pattern index.
            models.Index(fields=["verb"], name="auditentry_verb"),
        ]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor or '-'} {self.get_verb_display()} "
            f"{self.target_repr}"
        )

    def get_verb_display(self) -> str:
        from .audit import verb_label

        return verb_label(self.verb)


class PrivacyNotice(models.Model):
    """One published version of the privacy notice, in full and in easy-read Dutch (B1).

    Every consent names the version it was given under; publishing a new version asks the people
    with a current consent again at their next visit.
    """

    version = models.PositiveIntegerField(_("versie"), unique=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    text = models.TextField(_("volledige tekst"))
    easy_read_text = models.TextField(_("tekst in makkelijke taal"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("privacyverklaring")
        verbose_name_plural = _("privacyverklaringen")

    def __str__(self):
        return gettext("Privacyverklaring versie %(version)s") % {"version": self.version}


class ConsentPurpose(models.TextChoices):
    COURSES = "courses", _("Meedoen aan cursussen")
    COMPETENCIES = "competencies", _("De competentielijst invullen")
    SHARE_WITH_TRAINER = "share_with_trainer", _("Je uitslag delen met je trainer")


class RepresentativeRelation(models.TextChoices):
    CURATOR = "curator", _("Curator")
    MENTOR = "mentor", _("Mentor")
    BEWINDVOERDER = "bewindvoerder", _("Bewindvoerder")
    PARENT_GUARDIAN = "parent_guardian", _("Ouder of voogd")
    OTHER = "other", _("Iemand anders")


class ConsentRecord(models.Model):
    """One consent for one purpose: given by the person or their legal representative.

    Append-only history: withdrawing sets ``withdrawn_at``; giving again (or again under a new
    notice version) sets ``replaced_at`` on the open record and adds a new one. Nothing is
    deleted, so the history shows who agreed to what, under which notice, and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    purpose = models.CharField(_("waarvoor"), max_length=32, choices=ConsentPurpose.choices)
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("privacyverklaring"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    by_representative = models.BooleanField(
        _("door een wettelijk vertegenwoordiger"), default=False
    )
    representative_name = models.CharField(_("naam vertegenwoordiger"), max_length=150, blank=True)
    representative_relation = models.CharField(
        _("relatie"), max_length=20, choices=RepresentativeRelation.choices, blank=True
    )
    representative_contact = models.CharField(
        _("contact vertegenwoordiger"), max_length=200, blank=True
    )
    # Who was logged in when it was recorded (the person, or staff entering a paper form).
    recorded_by = actor_field(_("vastgelegd door"))
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = actor_field(_("ingetrokken door"))
    replaced_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True, replaced_at__isnull=True),
                name="accounts_one_open_consent_per_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(by_representative=False, representative_name="")
                | (
                    models.Q(by_representative=True)
                    & ~models.Q(representative_name="")
                    & ~models.Q(representative_relation="")
                ),
                name="accounts_consent_representative_named",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="accounts_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.given_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.withdrawn_at is None and self.replaced_at is None


def _export_upload_to(job, filename: str) -> str:
    """A folder per job with a random part: the path is never guessable, and never served as is
    (media under ``exports/`` is not public; :func:`accounts.views_exports.download` serves it)."""
    import secrets

    return f"exports/{job.requester_id}/{secrets.token_hex(12)}/{filename}"


class ExportJob(models.Model):
    """One export run in the background for one person: what they asked, how far it is, the file.

    Large exports (enrolments, growth, the trainer pool, a person's own data) are produced by a
    Celery task, not inside the request. The kind names a producer in :mod:`accounts.export_jobs`
    that apps register; ``params`` are its cleaned filters, and ``params_hash`` lets a second
    request for the same export join the one that is still queued or running (the constraint
    below makes that the database's rule, also under concurrent requests). The file expires after
    a day; a periodic clean-up removes it with the row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("soort"), max_length=60)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    params_hash = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang"), default=0)
    file = models.FileField(_("bestand"), upload_to=_export_upload_to, blank=True, max_length=255)
    error = models.CharField(_("fout"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    #: Updated with every progress step: a running job whose heartbeat stopped lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("verloopt op"), db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "kind", "params_hash"],
                condition=models.Q(status__in=["queued", "running"]),
                name="accounts_exportjob_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="accounts_exportjob_progress_max"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        # People read this (the audit log keeps it as the target's name): the kind's label,
        # never its machine name.
        from .export_jobs import get as export_kind

        kind = export_kind(self.kind)
        return f"{kind.label if kind else _('Export')} #{self.pk}"

    def get_absolute_url(self):
        return reverse("accounts:export_job", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ErasureRequest(models.Model):
    """A request to forget a person, carried out by a beat job after a grace period.

    Made by the person (Mijn gegevens), by staff on their request, or by the retention job for an
    account without activity (``kind`` inactivity: the warning mail is the grace period, and
    logging in cancels it). Until ``execute_after`` it can be undone. At most one open request per
    person (a database constraint), so asking twice is one request.
    """

    class Kind(models.TextChoices):
        REQUEST = "request", _("Op verzoek")
        INACTIVITY = "inactivity", _("Lang niet gebruikt")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="erasure_requests",
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.REQUEST)
    requested_by = actor_field(_("gevraagd door"))
    reason = models.TextField(_("reden"), max_length=1000, blank=True)
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    execute_after = models.DateTimeField(_("wordt uitgevoerd na"), db_index=True)
    cancelled_at = models.DateTimeField(_("teruggedraaid op"), null=True, blank=True)
    executed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("verzoek om gegevens te wissen")
        verbose_name_plural = _("verzoeken om gegevens te wissen")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(cancelled_at__isnull=True, executed_at__isnull=True),
                name="accounts_one_open_erasure_request",
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled_at__isnull=True) | models.Q(executed_at__isnull=True),
                name="accounts_erasure_cancelled_or_executed",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} ({self.requested_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.cancelled_at is None and self.executed_at is None


class StaffApiToken(models.Model):
    """A personal API key of a national staff member, for scripts that read the overview's
    figures. Only a hash is stored: the key itself is shown once, when it is made. A revoked key
    stays (with who made it and when) for the audit trail, and no longer opens anything."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("van"),
        on_delete=models.CASCADE,
        related_name="staff_api_tokens",
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begint met"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
