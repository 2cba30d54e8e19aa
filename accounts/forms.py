from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ConsentPurpose, Region, RepresentativeRelation, User
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

    privacy_consent = forms.BooleanField(
        label=_("Ik heb gelezen wat Leerkring over mij bewaart. Ik wil meedoen."),
        help_text=_(
            "Wat we bewaren en waarom, lees je in de privacyverklaring. "
            "De link staat onderaan elke pagina."
        ),
        error_messages={"required": _("Zet een vinkje als je een account wilt maken.")},
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


class RepresentativeForm(PlainTextForm, forms.Form):
    """A legal representative gives consent for the person whose account this is."""

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in.")},
    )
    relation = forms.ChoiceField(
        label=_("Wat bent u van deze persoon?"),
        choices=RepresentativeRelation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u van deze persoon bent.")},
    )
    contact = forms.CharField(
        label=_("Uw telefoonnummer of e-mailadres"),
        max_length=200,
        help_text=_("Zo kunnen we u bereiken als we iets moeten vragen."),
        error_messages={"required": _("Vul uw telefoonnummer of e-mailadres in.")},
    )
    purposes = forms.MultipleChoiceField(
        label=_("Waarvoor geeft u toestemming?"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één ding waarvoor u toestemming geeft.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik ben de wettelijk vertegenwoordiger van deze persoon."),
        error_messages={"required": _("Zet een vinkje als u de wettelijk vertegenwoordiger bent.")},
    )

    def representative(self):
        from .services import Representative

        data = self.cleaned_data
        return Representative(name=data["name"], relation=data["relation"], contact=data["contact"])


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
