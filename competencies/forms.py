from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import PlainTextForm


class PeerInviteForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Naam van die persoon"), max_length=120)
    email = forms.EmailField(
        label=_("E-mailadres van die persoon"),
        help_text=_(
            "We sturen één e-mail met een link. We bewaren het adres niet voor iets anders."
        ),
    )


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("Ik heb dit gelezen en ik wil de lijst invullen."),
        error_messages={"required": _("Zet een vinkje als je verder wilt.")},
    )


class GrowthFilterForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Cursus"), queryset=None, required=False)
    region = forms.ModelChoiceField(label=_("Regio"), queryset=None, required=False)
    date_from = forms.DateField(
        label=_("Afgerond vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Afgerond tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        from accounts.models import Region
        from courses.models import Course

        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.order_by("title")
        self.fields["region"].queryset = Region.objects.order_by("name")
