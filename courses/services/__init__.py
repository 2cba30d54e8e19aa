"""Every state change of courses: sessions, meetings, staffing, enrolment, waitlist, attendance.

The capacity rule spans rows, so it is kept under a row lock: every service that changes who
holds a seat first locks the session row (``select_for_update``) and only then counts seats, in
one transaction. Concurrent enrolments for one session therefore queue on that lock and each sees
the seats the previous one took; there is no check-then-act window. Messages are written to the
outbox in the same transaction (keyed so a retry never sends twice) and sent after commit.

The services live in sub-modules by sub-domain; import them from here.
"""

from ._base import lock_session, seats_taken
from .enrolment import (
    attendance_record,
    attendance_record_meeting,
    calendar_token_get_or_create,
    calendar_token_regenerate,
    enrolment_cancel,
    enrolment_create,
    enrolment_create_on_behalf,
    enrolment_update,
)
from .notices import go_no_go_check, reminders_send, trainer_digest_send
from .sessions import (
    SESSION_EDITABLE,
    meeting_add,
    meeting_delete,
    meeting_update,
    session_cancel,
    session_change_capacity,
    session_complete,
    session_create,
    session_edit,
    session_publish,
    session_update,
)
from .staffing import (
    assignment_create,
    assignment_delete,
    meetings_clashing,
    qualification_grant,
    qualification_revoke,
)

__all__ = [
    "SESSION_EDITABLE",
    "assignment_create",
    "assignment_delete",
    "attendance_record",
    "attendance_record_meeting",
    "calendar_token_get_or_create",
    "calendar_token_regenerate",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_create_on_behalf",
    "enrolment_update",
    "go_no_go_check",
    "lock_session",
    "meeting_add",
    "meeting_delete",
    "meeting_update",
    "meetings_clashing",
    "qualification_grant",
    "qualification_revoke",
    "reminders_send",
    "seats_taken",
    "session_cancel",
    "session_change_capacity",
    "session_complete",
    "session_create",
    "session_edit",
    "session_publish",
    "session_update",
    "trainer_digest_send",
]
