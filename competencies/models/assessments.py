"""Self-assessments, their answers, card picks, peer invitations and sharing.

Consent to fill in the list lives in ``accounts`` (``ConsentRecord``), with the other privacy
choices.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .framework import MAX_SCALE_VALUE, Competency, Framework, Statement


def _label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class SelfAssessment(models.Model):
    class Kind(models.TextChoices):
        STATEMENTS = "statements", _("Vragenlijst")
        CARDS = "cards", _("Kaartjes")

    class Moment(models.TextChoices):
        PERSONAL = "personal", _("Voor mezelf")
        PRE = "pre", _("Voor de cursus")
        POST = "post", _("Na de cursus")
        FOLLOW_UP = "follow_up", _("Later, na de intervisie")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.STATEMENTS)
    moment = models.CharField(max_length=12, choices=Moment.choices, default=Moment.PERSONAL)
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="self_assessments",
    )
    # Set when a trusted person filled the list about ``user`` through a peer link.
    peer_invitation = models.OneToOneField(
        "PeerInvitation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment",
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # How many statements are answered. The services that write answers keep it in the same
    # statement as the answers (``answer_store``), so an autosave learns whether the list is
    # now full without counting; completing counts the rows themselves and corrects it.
    answered_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "moment", "kind"],
                condition=Q(enrolment__isnull=False),
                name="one_assessment_per_enrolment_moment",
            ),
            models.CheckConstraint(
                condition=Q(moment="personal", enrolment__isnull=True)
                | (~Q(moment="personal") & Q(enrolment__isnull=False)),
                name="course_moment_needs_enrolment",
            ),
            # One running personal list per person, framework and kind: starting again resumes
            # it (peer lists are the invited person's, not the participant's own).
            models.UniqueConstraint(
                fields=["user", "framework", "kind"],
                condition=Q(
                    moment="personal", completed_at__isnull=True, peer_invitation__isnull=True
                ),
                name="one_running_personal_list",
            ),
        ]
        verbose_name = _("zelfevaluatie")
        verbose_name_plural = _("zelfevaluaties")

    def __str__(self):
        # No related objects here: the audit log calls this on every save. The labels come from
        # the enums, not ``get_FOO_display()``, which hashes (and so translates) every choice.
        return f"#{self.pk} {_label(self.Moment, self.moment)} · {_label(self.Kind, self.kind)}"

    def get_absolute_url(self):
        if self.kind == self.Kind.CARDS:
            return reverse("competencies:cards", args=[self.pk])
        return reverse("competencies:fill", args=[self.pk])


class Answer(models.Model):
    # Indexed by ``one_answer_per_statement``, which starts with the list.
    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement"], name="one_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=MAX_SCALE_VALUE), name="answer_value_range"
            ),
        ]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self):
        return f"{self.statement_id}={self.value}"


class CardPick(models.Model):
    class Pick(models.TextChoices):
        STRENGTH = "strength", _("Past bij mij")
        GROW = "grow", _("Hierin wil ik groeien")

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="card_picks"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    pick = models.CharField(max_length=10, choices=Pick.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="one_pick_per_card")
        ]

    def __str__(self):
        return f"{self.competency_id}:{self.pick}"


class PeerInvitation(models.Model):
    """A trusted person asked to fill the list about the participant (no account needed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_invitations"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mailadres"))
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging voor een reactie")
        verbose_name_plural = _("uitnodigingen voor een reactie")

    def __str__(self):
        return f"{self.name} <{self.email}>"


class ResultSharing(models.Model):
    """The participant shares the results of one enrolment with that session's trainers."""

    enrolment = models.OneToOneField(
        "courses.Enrolment", on_delete=models.CASCADE, related_name="competency_sharing"
    )
    shared_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.enrolment_id}"
