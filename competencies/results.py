"""Builds what a results page shows: chart, table, plain-language summary, task fit."""

from django.utils.translation import gettext as _

from . import charts, selectors
from .models import CardPick, SelfAssessment

MOMENT_ORDER = {"personal": 0, "pre": 1, "post": 2, "follow_up": 3}
MOMENT_CSS = {"personal": "personal", "pre": "pre", "post": "post", "follow_up": "follow-up"}


def _label(assessment) -> str:
    if assessment.peer_invitation_id:
        return _("Reactie van %(name)s") % {"name": assessment.peer_invitation.name}
    if assessment.moment == "personal":
        return _("Ingevuld op %(date)s") % {"date": assessment.started_at.strftime("%d-%m-%Y")}
    return str(assessment.get_moment_display())


def growth_sentences(first, last) -> list[str]:
    """Per competency, in plain words: higher, lower or the same as the first time."""
    out = []
    before = first.by_competency_id()
    for result in last.competencies:
        old = before.get(result.competency.pk)
        if old is None or old.score is None or result.score is None:
            continue
        name = result.competency.name
        if result.score > old.score:
            out.append(_("Je scoort nu hoger op %(name)s.") % {"name": name})
        elif result.score < old.score:
            out.append(_("Je scoort nu lager op %(name)s.") % {"name": name})
        else:
            out.append(_("Je scoort even hoog op %(name)s.") % {"name": name})
    return out


def build(*, assessment: SelfAssessment, include_peer: bool, chosen_task: str | None = None):
    framework = assessment.framework
    competencies = selectors.competencies_with_statements(framework)
    highs = selectors.high_values(framework)
    if assessment.enrolment_id:
        own = list(
            SelfAssessment.objects.filter(
                enrolment_id=assessment.enrolment_id,
                kind="statements",
                peer_invitation__isnull=True,
            )
        )
    else:
        own = [assessment]
    own.sort(key=lambda a: (MOMENT_ORDER[a.moment], a.started_at))
    peers = []
    if include_peer:
        peers = list(
            SelfAssessment.objects.filter(
                user_id=assessment.user_id,
                framework=framework,
                peer_invitation__isnull=False,
                completed_at__isnull=False,
            )
            .select_related("peer_invitation")
            .order_by("-completed_at")[:1]
        )
    cards = [(a, selectors.scorecard(a, competencies, highs)) for a in own + peers]
    scale = list(framework.scale_options.order_by("value"))
    low, high = scale[0].value, scale[-1].value
    series = [
        charts.Series(
            name=_label(a),
            values=[r.score for r in card.competencies],
            css="peer" if a.peer_invitation_id else MOMENT_CSS[a.moment],
        )
        for a, card in cards
        if any(r.score is not None for r in card.competencies)
    ]
    chart = charts.radar(
        labels=[f"{c.number}. {c.name}" for c in competencies], series=series, low=low, high=high
    )
    rows = []
    for i, competency in enumerate(competencies):
        rows.append(
            {
                "competency": competency,
                # Each cell carries its column's name: on a phone the table stacks per row.
                "cells": [
                    {"label": _label(a), "result": card.competencies[i]} for a, card in cards
                ],
            }
        )
    own_cards = [card for a, card in cards if not a.peer_invitation_id]
    current = next((c for a, c in reversed(cards) if not a.peer_invitation_id), None)
    latest_complete = next(
        (c for a, c in reversed(cards) if not a.peer_invitation_id and c.complete), current
    )
    tasks = selectors.sub_tasks(framework)
    strengths = latest_complete.strengths if latest_complete else []
    fit = selectors.task_fit(tasks, strengths)
    chosen = None
    if chosen_task:
        chosen = next((f for f in fit if str(f.task.pk) == str(chosen_task)), None)
    first_complete = next((c for c in own_cards if c.complete), None)
    picks = list(
        CardPick.objects.filter(
            assessment__user_id=assessment.user_id,
            assessment__framework=framework,
            assessment__kind="cards",
            assessment__completed_at__isnull=False,
        )
        .select_related("competency", "assessment")
        .order_by("-assessment__completed_at", "competency__number")
    )
    if picks:
        newest = picks[0].assessment_id
        picks = [p for p in picks if p.assessment_id == newest]
    return {
        "framework": framework,
        "assessment": assessment,
        "columns": [{"assessment": a, "label": _label(a)} for a, _ in cards],
        "chart": chart,
        "rows": rows,
        "current": current,
        "strengths": strengths,
        "learning_points": current.learning_points if current else [],
        "growth": growth_sentences(first_complete, own_cards[-1])
        if first_complete and len(own_cards) > 1 and own_cards[-1] is not first_complete
        else [],
        "task_fit": fit,
        "fitting_tasks": [f for f in fit if f.fits],
        "chosen_task": chosen,
        "picks_strength": [p.competency for p in picks if p.pick == "strength"],
        "picks_grow": [p.competency for p in picks if p.pick == "grow"],
        "scale": scale,
    }
