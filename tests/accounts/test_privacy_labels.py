"""Mijn gegevens speaks plain words: every heading is a kind's label from the registry (never a
model's name or an audit action), every row label is a phrase, and every count says what it
counts ("192 antwoorden", not "192 regels"), in Dutch and in English, on the person's page, on
the staff page and in the README of the download."""

import html
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.audit import log_view, verb_choices
from accounts.export_jobs import ZipEntry
from accounts.models import StaffApiToken
from accounts.personal_export import produce
from accounts.privacy import collect, kinds
from accounts.services import erasure_request_create, export_job_request
from courses.models import Assignment, CalendarFeedToken, EnrolmentInvitation
from intervision.models import Attendance, Support
from tests.courses.factories import AssignmentFactory
from tests.intervision.factories import MomentFactory, RequestFactory, TrainerGroupFactory
from tests.trainers.factories import ApplicationFactory, ProfileFactory

from .factories import UserFactory
from .privacy_world import build_world

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl", "en")
#: Shown on its own on the page ("Wie keek naar je gegevens?"), not as a section.
OWN_BLOCK = "accounts.views"


def _person_with_everything():
    """The privacy world's participant, with a row in every kind of personal data."""
    world = build_world(participants=2)
    me, trainer = world.me, world.trainer
    log_view(actor=trainer, verb="competencies.shared_results_viewed", target=me)
    StaffApiToken.objects.create(user=me, name="Rapport", prefix="lk_test", key_hash="0" * 64)
    export_job_request(user=me, kind="accounts.my_data", params={"language": "nl"})
    erasure_request_create(user=me, actor=me)  # also a mail in the outbox
    EnrolmentInvitation.objects.create(
        session=world.session, email=me.email, display_name=me.display_name, invited_by=trainer
    )
    CalendarFeedToken.objects.create(user=me)
    AssignmentFactory(session=world.session, trainer=me, role=Assignment.Role.CO_TRAINER)
    ProfileFactory(user=me)
    ApplicationFactory(user=me)
    ApplicationFactory(user=UserFactory(), decided_by=me)
    RequestFactory(session=world.session, author=me)
    Support.objects.create(request=RequestFactory(session=world.session), user=me)
    moment = MomentFactory(session=world.session, created_by=me)
    Attendance.objects.create(moment=moment, user=me, status=Attendance.Status.ATTENDED)
    TrainerGroupFactory(members=[me], facilitators=[me])
    return world, me


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _summaries(page: str) -> list[tuple[str, str]]:
    """(heading, count) of every section: the count is the muted part in brackets."""
    found = []
    for summary in re.findall(r"<summary>(.*?)</summary>", page, flags=re.S):
        count = re.search(r'<span class="muted">\((.*?)\)</span>', summary, flags=re.S)
        label = re.sub(r'<span class="muted">.*?</span>', "", summary, flags=re.S)
        found.append((_text(label), _text(count.group(1)) if count else ""))
    return found


def _row_labels(page: str) -> set[str]:
    return {_text(dt) for dt in re.findall(r"<dt>(.*?)</dt>", page, flags=re.S)}


def _raw_names() -> set[str]:
    """What a heading must not be, in the active language: a model's name or an audit action."""
    names = set()
    for model in apps.get_models():
        names.add(str(model._meta.verbose_name).lower())
        names.add(str(model._meta.verbose_name_plural).lower())
    names.update(label.lower() for _, label in verb_choices())
    return names


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def everything():
    return _person_with_everything()


def test_the_person_has_data_in_every_kind(everything):
    _, me = everything
    empty = [section.kind.key for section in collect(me) if not section.rows]
    assert empty == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["self", "staff"])
def test_every_heading_is_a_kind_label_not_a_model_name(
    client, everything, national_staff, language, who
):
    _, me = everything
    if who == "self":
        client.force_login(me)
        page = _get(client, reverse("accounts:my_data"), language)
    else:
        client.force_login(national_staff)
        page = _get(client, reverse("accounts:person_data", args=[me.pk]), language)
    with translation.override(language):
        labels = {str(kind.label): kind for kind in kinds()}
        assert len(labels) == len(kinds()), "two kinds share a heading"
        raw = _raw_names()
        shown = [label for label, _ in _summaries(page)]
        assert sorted(shown) == sorted(str(kind.label) for kind in kinds() if kind.key != OWN_BLOCK)
        for label in shown:
            assert label in labels
            assert label[:1].isupper(), label
            assert label.lower() not in raw, f"{labels[label].key}: {label!r} is a raw name"
            assert str(labels[label].help_text).lower() not in raw


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_row_label_is_a_phrase(client, everything, language):
    """A raw model or field name is lower case ("trainer group"); a label is a phrase."""
    _, me = everything
    client.force_login(me)
    page = _get(client, reverse("accounts:my_data"), language)
    with translation.override(language):
        actions = {label.lower() for _, label in verb_choices()}
        expected = {
            key
            for section in collect(me)
            if section.kind.key != OWN_BLOCK
            for row in section.rows
            for key in row
        }
    shown = _row_labels(page)
    assert shown == expected
    for label in shown:
        assert label[:1].isupper(), label
        assert label.lower() not in actions, label


def test_counts_say_what_they_count(client, everything):
    _, me = everything
    client.force_login(me)
    page = _get(client, reverse("accounts:my_data"), "nl")
    counts = dict(_summaries(page))
    sections = {s.kind.key: s for s in collect(me)}
    assert counts["Je inschrijvingen"] == "1 inschrijving"
    answers = len(sections["competencies.answers"].rows)
    assert answers > 1
    assert counts["Je antwoorden"] == f"{answers} antwoorden"
    assert counts["Je account"] == ""  # an account and its addresses: a number says nothing
    for label, count in counts.items():
        assert not re.search(r"\b(regels?|rows?)\b", count), label
        assert not count or re.fullmatch(r"\d+ .+", count), (label, count)


def test_an_empty_kind_says_so(client, participant):
    client.force_login(participant)
    counts = dict(_summaries(_get(client, reverse("accounts:my_data"), "nl")))
    assert counts["Je antwoorden"] == "leeg"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_readme_lists_every_kind_with_its_count(everything, language):
    _, me = everything
    entries = {
        item.name: item.content
        for item in produce(user=me, params={"language": language})
        if isinstance(item, ZipEntry)
    }
    readme = entries["README.txt"]
    with translation.override(language):
        for section in collect(me):
            line = f"- {section.kind.key}.json: {section.kind.label}"
            if section.count:
                line += f" ({section.count})"
            assert line + "\n" in readme
            assert str(section.kind.label).lower() not in _raw_names()
    assert not re.search(r"\(\d+ (regels?|rows?)\)", readme)


@pytest.mark.parametrize(
    ("language", "note"),
    [("nl", 'spreken de koppen de persoon aan met "je"'), ("en", 'address the person as "you"')],
)
def test_staff_read_that_the_headings_speak_to_the_person(
    client, everything, national_staff, language, note
):
    """The staff page shows a person's data as that person sees it, "Je account" included."""
    _, me = everything
    client.force_login(national_staff)
    staff_page = _text(_get(client, reverse("accounts:person_data", args=[me.pk]), language))
    assert note in staff_page
    assert str(me) in staff_page[staff_page.index(note) - 200 : staff_page.index(note)]
    client.force_login(me)
    assert note not in _text(_get(client, reverse("accounts:my_data"), language))
