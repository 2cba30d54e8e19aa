"""Technical admin for frameworks: a second framework is added here, without code.

Answers and assessments are deliberately not listed: they belong to the participants.
"""

from django import forms
from django.contrib import admin

from . import icons
from .models import (
    Competency,
    CoreTask,
    CourseFramework,
    Framework,
    ScaleOption,
    Statement,
    SubTask,
    TaskCompetency,
)


class ScaleOptionInline(admin.TabularInline):
    model = ScaleOption
    extra = 0


class CompetencyForm(forms.ModelForm):
    """The icon is one of our drawn icons, picked by name (no emoji: they can show as boxes)."""

    icon = forms.ChoiceField(label=Competency._meta.get_field("icon").verbose_name, required=False)

    class Meta:
        model = Competency
        fields = ("framework", "number", "name", "description", "plain_text", "icon")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["icon"].choices = icons.choices()


class CompetencyInline(admin.TabularInline):
    model = Competency
    form = CompetencyForm
    extra = 0
    fields = ("number", "name", "plain_text", "icon")
    show_change_link = True


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    fields = ("number", "text")


class SubTaskInline(admin.TabularInline):
    model = SubTask
    extra = 0
    show_change_link = True


class TaskCompetencyInline(admin.TabularInline):
    model = TaskCompetency
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "credit", "is_active")
    inlines = [ScaleOptionInline, CompetencyInline]


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    form = CompetencyForm
    list_display = ("__str__", "framework")
    list_filter = ("framework",)
    inlines = [StatementInline]


@admin.register(CoreTask)
class CoreTaskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "framework")
    inlines = [SubTaskInline]


@admin.register(SubTask)
class SubTaskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "core_task")
    inlines = [TaskCompetencyInline]


admin.site.register(CourseFramework)
