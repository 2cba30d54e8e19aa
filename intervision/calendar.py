"""iCalendar (RFC 5545) for intervision moments, in the style of ``courses.calendar``.

One VEVENT per moment with a stable UID; SEQUENCE is the moment's revision, so a changed or
cancelled moment updates the event in people's calendars instead of adding a copy.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Moment

PRODID = "-//Leerkring//Intervisie//NL"
UID_DOMAIN = "leerkring.nl"


def moment_event(moment: Moment, stamp=None) -> Event:
    event = Event()
    event.add("uid", f"intervision-moment-{moment.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", moment.starts_at)
    event.add("dtend", moment.ends_at)
    event.add(
        "summary",
        _("Intervisie %(number)s: %(name)s")
        % {"number": moment.number, "name": moment.series_name},
    )
    if moment.place:
        event.add("location", moment.place)
    description = [settings.SITE_URL]
    if moment.online_url:
        description.append(f"Online: {moment.online_url}")
        event.add("url", moment.online_url)
    event.add("description", "\n".join(description))
    event.add("sequence", moment.revision)
    event.add("status", "CANCELLED" if moment.status == Moment.Status.CANCELLED else "CONFIRMED")
    return event


def moment_ics(moment: Moment) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if moment.status == Moment.Status.CANCELLED else "PUBLISH")
    cal.add("x-wr-calname", moment.series_name)
    cal.add_component(moment_event(moment))
    return cal.to_ical()


def moment_attachment(moment: Moment) -> list[dict]:
    return [
        {
            "filename": f"intervisie-{moment.pk}.ics",
            "content": moment_ics(moment).decode(),
            "mimetype": "text/calendar",
        }
    ]
