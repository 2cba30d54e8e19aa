"""Forms of the course pages: they parse input only; the services decide."""

from .participant import EnrolForm, SignupEnrolForm
from .portal import (
    CancelSessionForm,
    MeetingFormSet,
    OnBehalfForm,
    SessionForm,
    attendance_form,
    complete_form,
)

__all__ = [
    "CancelSessionForm",
    "EnrolForm",
    "MeetingFormSet",
    "OnBehalfForm",
    "SessionForm",
    "SignupEnrolForm",
    "attendance_form",
    "complete_form",
]
