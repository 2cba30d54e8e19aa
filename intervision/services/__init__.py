"""Every state change of intervision: requests, supports, moments, attendance, reports, closure.

A series (one completed session's intervision, or one trainer group's) has at most three
moments that are not cancelled. :func:`moment_schedule` takes a row lock on the series' owner
(the session or the group), counts and picks the lowest free number under it; the conditional
unique constraint on (series, number) and the 1..3 check are the last line should anything ever
bypass the service. Every service is audited; mail goes to the outbox inside the transaction.
"""

from .held import attendance_record, moment_report_save
from .moments import moment_cancel, moment_schedule, moment_update
from .requests import request_create, request_support, request_unsupport
from .series import (
    nudges_send,
    reminders_send,
    requests_waiting_send,
    series_close,
    series_close_due,
    settings_save,
)

__all__ = [
    "attendance_record",
    "moment_cancel",
    "moment_report_save",
    "moment_schedule",
    "moment_update",
    "nudges_send",
    "reminders_send",
    "request_create",
    "request_support",
    "request_unsupport",
    "requests_waiting_send",
    "series_close",
    "series_close_due",
    "settings_save",
]
