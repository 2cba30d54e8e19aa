"""Course links and the growth summary that keeps the national figures fast."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .framework import Competency, Framework


class CourseFramework(models.Model):
    """Which framework a course measures. Kept here: ``courses`` never imports this app."""

    course = models.OneToOneField(
        "courses.Course", on_delete=models.CASCADE, related_name="competency_framework"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="courses")

    class Meta:
        verbose_name = _("competentieprofiel van een cursus")
        verbose_name_plural = _("competentieprofielen van cursussen")

    def __str__(self):
        return f"{self.course} → {self.framework}"


class MomentOverride(models.Model):
    """Opens the follow-up list of a session earlier (the intervision app calls a service)."""

    session = models.OneToOneField(
        "courses.Session", on_delete=models.CASCADE, related_name="competency_moment_override"
    )
    follow_up_opens_at = models.DateTimeField()

    def __str__(self):
        return f"{self.session_id}: {self.follow_up_opens_at:%Y-%m-%d}"


class GrowthSummary(models.Model):
    """Sums per session x competency x moment, so group figures never scan the answers.

    Scores are kept as integer totals of answer values (a competency score is the total divided
    by its number of statements), so sums and sums of squares are exact and a rebuild equals
    the maintained table bit for bit. ``competency`` empty = the whole list ("overall"), whose
    unit is the list's number of statements. Paired columns are filled on the post and
    follow-up rows: people with this moment *and* a complete pre.
    """

    session = models.ForeignKey(
        "courses.Session", on_delete=models.CASCADE, related_name="growth_summaries"
    )
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    moment = models.CharField(max_length=12)
    # Number of statements the totals are made of (the divisor that turns a total into a score).
    units = models.PositiveSmallIntegerField()
    n = models.PositiveIntegerField(default=0)
    sum_total = models.BigIntegerField(default=0)
    sum_sq_total = models.BigIntegerField(default=0)
    n_paired = models.PositiveIntegerField(default=0)
    sum_pre_paired = models.BigIntegerField(default=0)
    sum_change = models.BigIntegerField(default=0)
    sum_sq_change = models.BigIntegerField(default=0)
    n_improved = models.PositiveIntegerField(default=0)
    n_declined = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "competency", "moment"],
                condition=Q(competency__isnull=False),
                name="growth_summary_unique",
            ),
            models.UniqueConstraint(
                fields=["session", "moment"],
                condition=Q(competency__isnull=True),
                name="growth_summary_overall_unique",
            ),
        ]
        verbose_name = _("groeisamenvatting")
        verbose_name_plural = _("groeisamenvattingen")

    def __str__(self):
        return f"{self.session_id}/{self.competency_id or 'all'}/{self.moment}: n={self.n}"

    SUM_FIELDS = (
        "n",
        "sum_total",
        "sum_sq_total",
        "n_paired",
        "sum_pre_paired",
        "sum_change",
        "sum_sq_change",
        "n_improved",
        "n_declined",
    )
