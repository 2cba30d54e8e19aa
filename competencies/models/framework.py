"""A competency framework is data: no code assumes its shape (12 x 4 is MOVISIE's, not ours)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The highest answer value any scale may use. A framework's own scale is checked exactly by the
#: service; the database refuses anything outside 1..MAX_SCALE_VALUE for every framework.
MAX_SCALE_VALUE = 10


class Framework(models.Model):
    slug = models.SlugField(_("korte naam"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    credit = models.CharField(_("bron"), max_length=200, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competentieprofiel")
        verbose_name_plural = _("competentieprofielen")

    def __str__(self):
        return self.name

    @property
    def statements(self):
        """The framework's statements, through its competencies (a statement stores no
        framework of its own, so it can never name another framework than its competency's)."""
        return Statement.objects.filter(competency__framework=self)


class ScaleOption(models.Model):
    """One answer on the framework's scale. ``is_high`` answers count toward a strength;
    the others make a statement a learning point (seed 000, chapter 3)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scale_options")
    value = models.PositiveSmallIntegerField(_("waarde"))
    label = models.CharField(_("antwoord"), max_length=60)
    is_high = models.BooleanField(_("telt als sterk"), default=False)

    class Meta:
        ordering = ["framework", "value"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "value"], name="scale_value_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=MAX_SCALE_VALUE), name="scale_value_range"
            ),
        ]
        verbose_name = _("antwoordmogelijkheid")
        verbose_name_plural = _("antwoordmogelijkheden")

    def __str__(self):
        return f"{self.label} ({self.value})"


class Competency(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="competencies")
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"))
    plain_text = models.CharField(
        _("in gewone woorden"),
        max_length=300,
        blank=True,
        help_text=_("Eén korte zin, voor het kaartje en boven de vragen."),
    )
    icon = models.CharField(_("pictogram"), max_length=8, blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="competency_number_unique")
        ]
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Statement(models.Model):
    # No framework column: it is the competency's. A copy here could disagree with it.
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="statements")
    number = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.CharField(_("stelling"), max_length=300)

    class Meta:
        ordering = ["competency__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "number"], name="statement_number_unique")
        ]
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self):
        return self.text


class CoreTask(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="core_tasks")
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="core_task_number_unique")
        ]
        verbose_name = _("kerntaak")
        verbose_name_plural = _("kerntaken")

    def __str__(self):
        return f"{self.number}. {self.name}"


class SubTask(models.Model):
    """A task of the task-competency table (MOVISIE Bijlage 1)."""

    core_task = models.ForeignKey(CoreTask, on_delete=models.CASCADE, related_name="sub_tasks")
    code = models.CharField(_("nummer"), max_length=10)
    number = models.PositiveSmallIntegerField(_("volgorde"))
    name = models.CharField(_("naam"), max_length=300)
    competencies = models.ManyToManyField(
        Competency, through="TaskCompetency", related_name="sub_tasks"
    )

    class Meta:
        ordering = ["core_task__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["core_task", "number"], name="sub_task_number_unique")
        ]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self):
        return f"{self.code} {self.name}"


class TaskCompetency(models.Model):
    sub_task = models.ForeignKey(SubTask, on_delete=models.CASCADE, related_name="links")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="task_links")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sub_task", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_task", "competency"], name="task_competency_unique"
            )
        ]

    def __str__(self):
        return f"{self.sub_task.code} - {self.competency.name}"
