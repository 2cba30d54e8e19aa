from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail that a change caused, written in the same transaction as that change.

    ``key`` says what the message is about (e.g. ``enrolment-confirmed:42``); it is unique, so a
    change that is retried writes its message once, and the send task sends each row once.

    A sender first *claims* a row (``sending`` until ``claimed_until``) in a short transaction and
    only then talks to the mail server, so no row lock is held over SMTP. A sender that dies
    mid-send leaves a claim that expires; the sweep then tries the row again.

    A message can also be written *to be rendered later*: ``kind`` names a renderer another app
    registered (``notifications.services.register_renderer``) and ``context`` holds what it needs
    (primary keys and the few facts of the moment the message is about, e.g. the status an
    enrolment got). The sender renders it, in ``language``, before the first send and stores the
    result on the row, so a request only inserts a small row; ``subject`` stays empty until then.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht")
        SENDING = "sending", _("Wordt verstuurd")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(
        _("bijlagen"),
        default=list,
        blank=True,
        help_text="[{filename, content (text), mimetype}]",
    )
    kind = models.CharField(
        _("soort"),
        max_length=100,
        blank=True,
        help_text="Renderer that makes the mail at send time; empty: rendered when written.",
    )
    context = models.JSONField(
        _("context"), default=dict, blank=True, help_text="What the renderer needs (ids, facts)."
    )
    language = models.CharField(_("taal"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("geclaimd tot"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unsent_idx",
                condition=models.Q(status__in=["pending", "sending"]),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_sent_at",
            )
        ]

    def __str__(self):
        return f"{self.key} → {self.to} ({self.get_status_display()})"

    @property
    def needs_render(self) -> bool:
        """Written to be rendered by its sender, and not rendered yet (a rendered subject is
        never empty)."""
        return bool(self.kind) and not self.subject
