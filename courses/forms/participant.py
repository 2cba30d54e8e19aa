"""Enrolment forms for participants: short, plain questions; only the name is needed."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from accounts.validators import PlainTextForm

#: What the enrol form asks (also kept in the session while someone logs in first).
ENROL_FIELDS = ("support_person_name", "access_needs", "dietary_needs")


class EnrolForm(PlainTextForm, forms.Form):
    support_person_name = forms.CharField(
        label=_("Neem je een begeleider mee? Schrijf dan hier zijn of haar naam."),
        help_text=_("Laat leeg als je alleen komt. Een begeleider neemt ook een plaats in."),
        max_length=150,
        required=False,
    )
    access_needs = forms.CharField(
        label=_("Wat heb je nodig om goed mee te doen?"),
        help_text=_("Bijvoorbeeld: een rolstoelplek, grote letters of een rustige plek."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    dietary_needs = forms.CharField(
        label=_("Eet of drink je iets niet?"),
        help_text=_("Bijvoorbeeld: geen vlees, geen melk."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class SignupEnrolForm(EnrolForm):
    """New here: make an account and enrol in one go."""

    display_name = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een mail om dit adres te controleren."),
    )
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        help_text=password_validation.password_validators_help_text_html,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        strip=False,
    )

    field_order = ["display_name", "email", "password", *ENROL_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = _(
            "Minstens 10 tekens. Gebruik geen woord dat makkelijk te raden is."
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["display_name"].widget.attrs["autocomplete"] = "name"

    def clean_email(self):
        # An address that has an account is not refused here: that would tell anyone whether it
        # has one. The service invites its owner to log in and confirm instead.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            user = get_user_model()(
                email=cleaned.get("email", ""), display_name=cleaned.get("display_name", "")
            )
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
