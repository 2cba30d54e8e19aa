"""Participants ask for an intervision moment and support each other's requests."""

from datetime import datetime

from django.db import transaction
from django.utils import translation

from accounts.audit import log_action
from courses.models import Session

from .. import exceptions as e
from .. import notices, selectors
from ..models import (
    TOPIC_MAX,
    Request,
    Suggestion,
    Support,
)
from ._base import (
    RS,
    _check_participant,
    _check_requests_open,
    _now,
)


@transaction.atomic
def request_create(
    *,
    actor,
    session: Session,
    topic: str = "",
    suggestion: str = "",
    now: datetime | None = None,
) -> Request:
    """Someone who attended the completed course asks for a moment, on a topic of their own or
    one of the suggestions (the suggestion's Dutch text becomes the topic when none is typed)."""
    now = _now(now)
    session = Session.objects.select_related("course").get(pk=session.pk)
    _check_participant(actor, session)
    _check_requests_open(session, now)
    topic = " ".join((topic or "").split())
    suggestion = (suggestion or "").strip()
    if suggestion and suggestion not in Suggestion.values:
        raise e.UnknownSuggestion()
    if not topic and suggestion:
        with translation.override("nl"):
            topic = str(Suggestion(suggestion).label)
    if not topic:
        raise e.TopicRequired()
    if len(topic) > TOPIC_MAX:
        raise e.TopicTooLong()
    request = Request.objects.create(
        session=session, author=actor, topic=topic, suggestion=suggestion, created_at=now
    )
    log_action(
        actor=actor,
        verb="intervision.request_created",
        target=request,
        data={"session": session.pk, "suggestion": suggestion},
    )
    return request


def _lock_request(request: Request) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))  # the request, not its session or course
        .select_related("session__course")
        .get(pk=request.pk)
    )


@transaction.atomic
def request_support(*, actor, request: Request, now: datetime | None = None) -> Support:
    """ "Ik wil dit ook". The request is locked so the trainers are told exactly once when it
    reaches the course's threshold. Supporting twice is the same as once."""
    now = _now(now)
    request = _lock_request(request)
    session = request.session
    _check_participant(actor, session)
    if request.author_id == actor.pk:
        raise e.OwnRequest()
    if request.status != RS.OPEN:
        raise e.RequestNotOpen()
    _check_requests_open(session, now)
    support, created = Support.objects.get_or_create(
        request=request, user=actor, defaults={"created_at": now}
    )
    if not created:
        return support
    log_action(actor=actor, verb="intervision.request_supported", target=request)
    threshold = selectors.settings_for(session.course).support_threshold
    if request.trainers_told_at is None and request.supports.count() >= threshold:
        notices.request_supported(request_id=request.pk)
        request.trainers_told_at = now
        request.save(update_fields=["trainers_told_at"])
    return support


@transaction.atomic
def request_unsupport(*, actor, request: Request) -> bool:
    """Take one's support back (while the request is open). Answers whether there was any."""
    request = _lock_request(request)
    if request.status != RS.OPEN:
        raise e.RequestNotOpen()
    deleted, _ = Support.objects.filter(request=request, user=actor).delete()
    if deleted:
        log_action(actor=actor, verb="intervision.request_unsupported", target=request)
    return bool(deleted)
