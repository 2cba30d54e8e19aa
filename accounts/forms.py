from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region, User
from .validators import PlainTextForm


class SignupProfileForm(PlainTextForm, forms.Form):
    """Extra fields on allauth's sign-up form: who you are and where you are from."""

    display_name = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        help_text=_("Zo noemen we je op de website."),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer (mag leeg blijven)"), max_length=30, required=False
    )
    organisation = forms.CharField(
        label=_("Je groep of raad (mag leeg blijven)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld je ledengroep, cliëntenraad of Wmo-raad."),
    )
    region = forms.ModelChoiceField(
        label=_("Je regio (mag leeg blijven)"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Kies je regio"),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def signup(self, request, user):
        from .services import user_signup_complete

        user_signup_complete(
            user=user,
            profile={
                k: self.cleaned_data.get(k)
                for k in ("display_name", "phone", "organisation", "region")
            },
        )


class ProfileForm(PlainTextForm, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "phone", "organisation", "region"]
        labels = {
            "display_name": _("Je naam"),
            "phone": _("Telefoonnummer"),
            "organisation": _("Je groep of raad"),
            "region": _("Je regio"),
        }


class ErasureConfirmForm(forms.Form):
    """The person asks to be forgotten: one box to tick, so it is never a slip of the finger."""

    confirm = forms.BooleanField(
        label=_("Ja, wis mijn gegevens"),
        help_text=_("Je kunt dit nog terugdraaien tot de dag dat het gebeurt."),
        error_messages={"required": _("Zet een vinkje als je dit echt wilt.")},
    )


class StaffErasureForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: verzoek per e-mail van 3 maart. Komt in het logboek."),
        error_messages={"required": _("Schrijf op waarom je dit doet.")},
    )
