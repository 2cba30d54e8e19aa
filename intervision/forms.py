"""Forms of the intervision pages. They parse what people type; the services decide.

A form that fails keeps everything typed: views re-render the bound form with the message.
"""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import PlainTextForm

from .models import TEXT_MAX, TOPIC_MAX, Suggestion

OTHER = ""


class RequestForm(PlainTextForm, forms.Form):
    """Pick a suggested topic, or write your own (what you write wins)."""

    suggestion = forms.ChoiceField(
        label=_("Kies een onderwerp"),
        choices=(),
        widget=forms.RadioSelect,
        required=False,
    )
    topic = forms.CharField(
        label=_("Of schrijf zelf waar je over wilt praten"),
        help_text=_("Een paar woorden is genoeg."),
        max_length=TOPIC_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestion"].choices = [
            *Suggestion.choices,
            (OTHER, _("Iets anders (schrijf het hieronder)")),
        ]
        self.fields["suggestion"].error_messages["invalid_choice"] = _(
            "Kies een onderwerp uit de lijst."
        )
        self.fields["topic"].error_messages["max_length"] = _(
            "Het onderwerp is te lang. Gebruik ten hoogste %(limit_value)d tekens."
        )

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("suggestion")
            and not cleaned.get("topic", "").strip()
        ):
            raise forms.ValidationError(
                _("Kies een onderwerp, of schrijf zelf waar je over wilt praten.")
            )
        return cleaned


class MomentForm(PlainTextForm, forms.Form):
    """Date, start and end on one day, a place or an online link, and the requests it answers."""

    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Eindtijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(
        label=_("Plaats"),
        help_text=_("Bijvoorbeeld: Buurthuis De Meeuw, Meeuwenlaan 88, Amsterdam."),
        max_length=300,
        required=False,
    )
    online_url = forms.CharField(
        label=_("Of: online link"),
        help_text=_("Bijvoorbeeld een Teams- of Zoom-link. Begin met https://"),
        max_length=200,
        required=False,
        widget=forms.URLInput,
    )
    requests = forms.MultipleChoiceField(
        label=_("Welke vragen komen aan bod?"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
    )

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(r.pk), r.topic) for r in requests]
        if choices:
            self.fields["requests"].choices = choices
            self.fields["requests"].error_messages["invalid_choice"] = _(
                "Deze vraag hoort niet bij deze cursus."
            )
        else:
            del self.fields["requests"]
        for name in ("date", "start", "end"):
            self.fields[name].error_messages["invalid"] = {
                "date": _("Vul een datum in, bijvoorbeeld 12-03-2027."),
                "start": _("Vul een tijd in, bijvoorbeeld 19:00."),
                "end": _("Vul een tijd in, bijvoorbeeld 21:00."),
            }[name]
        self.fields["place"].error_messages["max_length"] = _("De plaats is te lang.")
        self.fields["online_url"].error_messages["max_length"] = _("De online link is te lang.")

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            tz = timezone.get_current_timezone()
            cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, start), tz)
            cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, end), tz)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("end", _("De eindtijd moet na de begintijd liggen."))
        if (
            (
                not (cleaned.get("place") or "").strip()
                and not (cleaned.get("online_url") or "").strip()
            )
            and "place" not in self.errors
            and "online_url" not in self.errors
        ):
            self.add_error("place", _("Vul een plaats of een online link in."))
        return cleaned

    def request_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("requests", [])]


def moment_initial(moment) -> dict:
    start, end = timezone.localtime(moment.starts_at), timezone.localtime(moment.ends_at)
    return {
        "date": start.date(),
        "start": start.time(),
        "end": end.time(),
        "place": moment.place,
        "online_url": moment.online_url,
        "requests": [str(r.pk) for r in moment.answered_requests.all()],
    }


class CancelForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat het moment niet door?"),
        help_text=_("Iedereen die is uitgenodigd, krijgt deze reden in een e-mail."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
    )


class ReportForm(PlainTextForm, forms.Form):
    discussed = forms.CharField(
        label=_("Wat hebben jullie besproken?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX,
        required=False,
    )
    agreements = forms.CharField(
        label=_("Welke afspraken hebben jullie gemaakt?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (
            cleaned.get("discussed", "").strip() or cleaned.get("agreements", "").strip()
        ):
            raise forms.ValidationError(
                _("Schrijf op wat er is besproken of welke afspraken er zijn.")
            )
        return cleaned


class AttendanceForm(forms.Form):
    """Tick who was there; everyone not ticked was absent."""

    people = forms.MultipleChoiceField(
        label=_("Wie was er?"), widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )

    def __init__(self, *args, invitees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.invitees = list(invitees)
        self.fields["people"].choices = [(str(u.pk), u.get_full_name()) for u in self.invitees]
        self.fields["people"].error_messages["invalid_choice"] = _(
            "Deze persoon hoort niet bij dit moment."
        )

    def marks(self) -> dict[int, str]:
        present = {int(pk) for pk in self.cleaned_data["people"]}
        return {u.pk: ("attended" if u.pk in present else "absent") for u in self.invitees}


class GroupForm(PlainTextForm, forms.Form):
    """A trainer intervision group: a name, its members and who leads it."""

    name = forms.CharField(label=_("Naam van de groep"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=_("Wie doen er mee?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Wie leidt de intervisie?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people=None, leaders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = lambda u: u.get_full_name()
        self.fields["facilitators"].queryset = leaders
        self.fields["facilitators"].label_from_instance = lambda u: u.get_full_name()
        for name in ("members", "facilitators"):
            self.fields[name].error_messages["invalid_choice"] = _("Kies iemand uit de lijst.")
            self.fields[name].error_messages["invalid_pk_value"] = _("Kies iemand uit de lijst.")
            self.fields[name].error_messages["required"] = _("Kies minstens één persoon.")
