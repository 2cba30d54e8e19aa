"""Forms of the trainer pool: parse input only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from courses.models import Course

from .models import Availability, ProgrammeStep


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Waarom wil je trainer worden?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )
    region = forms.ModelChoiceField(
        label=_("In welke regio wil je cursussen geven?"),
        queryset=Region.objects.all(),
        empty_label=_("Kies een regio"),
    )
    availability = forms.CharField(
        label=_("Wanneer kun je meestal?"),
        help_text=_("Bijvoorbeeld: dinsdagavond, of overdag in het weekend."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Vriendelijk bericht aan de aanmelder"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=ProgrammeStep.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class CertifyForm(forms.Form):
    courses = forms.ModelMultipleChoiceField(
        label=_("Welke cursussen mag deze trainer geven?"),
        queryset=Course.objects.filter(is_active=True, kind=Course.Kind.COURSE),
        widget=forms.CheckboxSelectMultiple,
    )


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class PoolFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Alle regio's"),
    )
    course = forms.ModelChoiceField(
        label=_("Cursus"),
        queryset=Course.objects.all(),
        required=False,
        empty_label=_("Alle cursussen"),
    )
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AvailabilityForm(forms.Form):
    day = forms.DateField(label=_("Dag"), widget=forms.DateInput(attrs={"type": "date"}))
    part = forms.ChoiceField(
        label=_("Dagdeel"), choices=Availability.Part.choices, widget=forms.RadioSelect
    )
    available = forms.TypedChoiceField(
        label=_("Kun je dan?"),
        choices=[("1", _("Ja, dan kan ik")), ("0", _("Nee, dan kan ik niet"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    region = forms.ModelChoiceField(
        label=_("Regio"),
        help_text=_("Kies een regio als het alleen daar geldt."),
        queryset=Region.objects.all(),
        empty_label=_("Al mijn regio's"),
        required=False,
    )
