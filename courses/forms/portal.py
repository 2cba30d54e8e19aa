"""Forms of the trainer portal ("Mijn sessies")."""

from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from accounts.roles import Role
from accounts.validators import PlainTextForm

from ..exceptions import MeetingTimesInvalid
from ..models import CAPACITY_MAX, Course, Session, Venue

SAME_DAY = _(
    "Een bijeenkomst moet op dezelfde dag eindigen. Loopt hij door na middernacht? "
    "Kies dan 23:59 als eindtijd, of maak er twee bijeenkomsten van."
)

#: Hidden ids posted back by the form fit a 64-bit database id.
MAX_ID = 2**63 - 1


def _bounded(field, low: int, high: int) -> None:
    """Limit a number field to ``low..high``, with one plain Dutch message for both ends."""
    message = _("Vul een getal in van %(low)s tot en met %(high)s.") % {"low": low, "high": high}
    field.min_value, field.max_value = low, high
    field.validators = [
        v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
    ] + [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]
    field.widget.attrs.update({"min": low, "max": high})


def _trainers():
    return (
        get_user_model()
        .objects.filter(groups__name=Role.TRAINER.value, is_active=True)
        .order_by("display_name", "email")
    )


class TrainerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class SessionForm(PlainTextForm, forms.ModelForm):
    """The session's own fields; meetings come in a formset next to it.

    ``courses`` limits the course list to what the trainer is qualified for. On a new session the
    co-trainer and intern can be named too; a published session's course cannot change.
    """

    co_trainer = TrainerChoiceField(
        label=_("Co-trainer (mag leeg blijven)"), queryset=None, required=False
    )
    intern = TrainerChoiceField(
        label=_("Stagiair (mag leeg blijven)"), queryset=None, required=False
    )

    class Meta:
        model = Session
        fields = [
            "course",
            "region",
            "venue",
            "online_url",
            "capacity",
            "min_participants",
            "enrolment_deadline",
            "notes",
        ]
        labels = {
            "venue": _("Locatie"),
            "online_url": _("Of: online link (bijvoorbeeld een Teams- of Zoom-link)"),
            "enrolment_deadline": _("Inschrijven kan tot (mag leeg blijven)"),
            "notes": _("Extra informatie voor deelnemers (mag leeg blijven)"),
        }
        help_texts = {
            "venue": _("Kies een locatie, of vul hieronder een online link in."),
            "enrolment_deadline": _("Leeg: inschrijven kan tot de eerste bijeenkomst begint."),
        }
        widgets = {
            "enrolment_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, courses=None, staffing=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses if courses is not None else Course.objects.none()
        self.fields["region"].queryset = Region.objects.all()
        self.fields["venue"].queryset = Venue.objects.select_related("region")
        self.fields["venue"].required = False
        self.fields["enrolment_deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        # The model's bound (one place), with one plain message for both ends of the range.
        _bounded(self.fields["capacity"], 1, CAPACITY_MAX)
        _bounded(self.fields["min_participants"], 0, CAPACITY_MAX)
        if staffing:
            self.fields["co_trainer"].queryset = _trainers()
            self.fields["intern"].queryset = _trainers()
        else:
            del self.fields["co_trainer"]
            del self.fields["intern"]
        if self.instance.pk and self.instance.status != Session.Status.DRAFT:
            self.fields["course"].disabled = True
            self.fields["course"].help_text = _("Na het publiceren kan de cursus niet meer anders.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("venue") and not cleaned.get("online_url"):
            self.add_error("venue", _("Kies een locatie of vul een online link in."))
        co, intern = cleaned.get("co_trainer"), cleaned.get("intern")
        if co and intern and co == intern:
            self.add_error("intern", _("Kies voor stagiair iemand anders dan de co-trainer."))
        return cleaned

    def _post_clean(self):
        # The services check the model rules (under a lock); the form only parses.
        pass


class MeetingForm(forms.Form):
    """One meeting: a date with a start and an end time on that same day.

    A meeting that runs past midnight cannot be written this way. An existing one (made in the
    admin, or before this rule) is shown with a note on its row and kept as it is unless the
    trainer changes the row; a changed or new row must end on its own day.
    """

    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Eindtijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    meeting_id = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ID
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ends_on = self.initial.get("ends_on")
        self.notice = ""
        if ends_on:
            self.notice = _(
                "%(rule)s Deze bijeenkomst eindigt nu pas op %(date)s om %(time)s. "
                "Pas de eindtijd aan; zolang je deze regel niet verandert, blijft hij zoals hij is."
            ) % {
                "rule": SAME_DAY,
                "date": date_format(ends_on, "l j F"),
                "time": time_format(ends_on, "H:i"),
            }

    @property
    def kept_as_is(self) -> bool:
        """An existing meeting the trainer did not touch: nothing to check or save."""
        return bool(self.initial.get("meeting_id")) and not self.has_changed()

    def clean(self):
        cleaned = super().clean()
        date, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        if self.kept_as_is or not (date and start and end):
            return cleaned
        tz = timezone.get_current_timezone()
        cleaned["starts_at"] = timezone.make_aware(datetime.combine(date, start), tz)
        cleaned["ends_at"] = timezone.make_aware(datetime.combine(date, end), tz)
        if cleaned["ends_at"] <= cleaned["starts_at"]:
            self.add_error("end", MeetingTimesInvalid.message)
            if end < start:
                self.add_error("end", SAME_DAY)
        return cleaned


class _MeetingFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        kept += [
            f
            for f in self.initial_forms
            if not f.has_changed() and not self._should_delete_form(f) and f not in kept
        ]
        if not kept:
            raise forms.ValidationError(_("Vul minstens één bijeenkomst in."))

    def meetings(self) -> tuple[list[dict], list[int]]:
        """Rows to save: ``{"id", "starts_at", "ends_at"}``; and the ids to delete.

        ``row_forms`` holds the form of each row, so a service's problem with row ``i`` is shown
        on ``row_forms[i]``.
        """
        rows, deleted = [], []
        self.row_forms = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if not data:
                continue
            if self._should_delete_form(form):
                if data.get("meeting_id"):
                    deleted.append(data["meeting_id"])
                continue
            if "starts_at" in data:
                self.row_forms.append(form)
                rows.append(
                    {
                        "id": data.get("meeting_id"),
                        "starts_at": data["starts_at"],
                        "ends_at": data["ends_at"],
                    }
                )
        return rows, deleted


MeetingFormSet = forms.formset_factory(
    MeetingForm, formset=_MeetingFormSet, extra=1, can_delete=True, max_num=20, absolute_max=20
)


def meeting_initial(session: Session) -> list[dict]:
    rows = []
    for meeting in session.meetings.all():
        start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        row = {"date": start.date(), "start": start.time(), "end": end.time()}
        if end.date() != start.date():
            row["ends_on"] = end
        rows.append({**row, "meeting_id": meeting.pk})
    return rows


class CancelSessionForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat de cursus niet door?"),
        help_text=_("Iedereen die is ingeschreven of op de wachtlijst staat, krijgt deze reden."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class OnBehalfForm(PlainTextForm, forms.Form):
    display_name = forms.CharField(label=_("Naam van de deelnemer"), max_length=150)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mailadres (mag leeg blijven)"),
        required=False,
        help_text=_(
            "Met een e-mailadres krijgt de persoon een uitnodiging: "
            "hij of zij bevestigt de inschrijving zelf."
        ),
    )
    support_person_name = forms.CharField(
        label=_("Naam begeleider (mag leeg blijven)"),
        help_text=_("Een begeleider neemt ook een plaats in."),
        max_length=150,
        required=False,
    )
    access_needs = forms.CharField(
        label=_("Wat heeft de deelnemer nodig?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    dietary_needs = forms.CharField(
        label=_("Eten en drinken"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


def _person_choices(enrolments):
    return [(str(e.pk), e.user.get_full_name()) for e in enrolments]


class _PeopleForm(forms.Form):
    people = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )

    def ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["people"]]


def attendance_form(enrolments, *, data=None, initial=None):
    form = _PeopleForm(data=data, initial={"people": initial or []})
    form.fields["people"].choices = _person_choices(enrolments)
    form.fields["people"].label = _("Wie is er?")
    form.fields["people"].error_messages["invalid_choice"] = _(
        "Deze persoon is niet ingeschreven voor deze cursus."
    )
    return form


def complete_form(enrolments, *, data=None, initial=None):
    form = attendance_form(enrolments, data=data, initial=initial)
    form.fields["people"].label = _("Wie heeft de cursus gevolgd?")
    return form
