from django import forms
from django.utils.translation import gettext_lazy as _


class OverviewFilterForm(forms.Form):
    """Period (by the month a session starts), region and course; empty = everything."""

    date_from = forms.DateField(
        label=_("Vanaf"),
        required=False,
        help_text=_("Sessies die in deze maand of later beginnen."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        help_text=_("Sessies die in deze maand of eerder beginnen."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = forms.ModelChoiceField(
        label=_("Regio"), queryset=None, required=False, empty_label=_("Alle regio's")
    )
    course = forms.ModelChoiceField(
        label=_("Cursus"), queryset=None, required=False, empty_label=_("Alle cursussen")
    )

    def __init__(self, *args, **kwargs):
        from accounts.models import Region
        from courses.models import Course

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["course"].queryset = Course.objects.order_by("title")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _('Deze datum ligt voor de datum bij "Vanaf".'))
        return data
