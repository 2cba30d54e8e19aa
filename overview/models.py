"""The overview's own store: the programme's figures per course x region x month.

The page must cost the same at twenty sessions or twenty thousand, so it never scans sessions,
enrolments or the growth summary. :func:`overview.services.overview_refresh` (a periodic task,
and after loading the demo) folds those into the rows below with one grouped query each; the
page then sums at most courses x regions x months rows. ``month`` is the first day of the month
the session starts in (empty for a session without a date yet).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProgrammeFigure(models.Model):
    """One number (``metric``, e.g. ``sessions.published`` or ``seats.confirmed``) of a bucket."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(null=True, blank=True)
    metric = models.CharField(max_length=40)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("cijfer van het programma")
        verbose_name_plural = _("cijfers van het programma")
        indexes = [models.Index(fields=["month", "region", "course"])]

    def __str__(self):
        return f"{self.course_id}/{self.region_id}/{self.month}: {self.metric}={self.value}"


class GrowthFigure(models.Model):
    """Paired growth sums of a bucket, per competency (empty = the whole list) and moment."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("accounts.Region", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(null=True, blank=True)
    framework_id = models.PositiveIntegerField()
    competency_id = models.PositiveIntegerField(null=True, blank=True)
    moment = models.CharField(max_length=12)
    units = models.PositiveSmallIntegerField()
    n_paired = models.PositiveIntegerField(default=0)
    sum_pre_paired = models.BigIntegerField(default=0)
    sum_change = models.BigIntegerField(default=0)
    sum_sq_change = models.BigIntegerField(default=0)
    n_improved = models.PositiveIntegerField(default=0)
    n_declined = models.PositiveIntegerField(default=0)

    SUMS = (
        "n_paired",
        "sum_pre_paired",
        "sum_change",
        "sum_sq_change",
        "n_improved",
        "n_declined",
    )

    class Meta:
        verbose_name = _("groeicijfer")
        verbose_name_plural = _("groeicijfers")
        indexes = [models.Index(fields=["framework_id", "month"])]

    def __str__(self):
        return f"{self.course_id}/{self.region_id}/{self.month}: {self.competency_id} {self.moment}"


class Refresh(models.Model):
    """When the figures were last folded (one row)."""

    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijgewerkt")
        verbose_name_plural = _("bijgewerkt")

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
