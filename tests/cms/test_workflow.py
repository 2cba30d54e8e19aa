"""Moderation: with "Tweede paar ogen" switched on, a publish needs a second staff member."""

import pytest
from wagtail.models import Workflow, WorkflowPage

from cms.models import ColleagueApprovalTask
from tests.accounts.factories import UserFactory
from tests.cms import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow():
    workflow = Workflow.objects.get(name="Tweede paar ogen")
    workflow.active = True
    workflow.save()
    return workflow


def test_workflow_ships_switched_off_on_the_home_page():
    workflow = Workflow.objects.get(name="Tweede paar ogen")
    assert not workflow.active
    assert WorkflowPage.objects.get(page=f.home_page()).workflow == workflow
    assert f.home_page().get_workflow() is None


def test_requester_cannot_approve_own_page_but_a_colleague_can(workflow, national_staff):
    colleague = UserFactory(role="national_staff", with_mfa=True)
    page = f.course_page()
    page.save_revision(user=national_staff)
    workflow.start(page, national_staff)
    page.refresh_from_db()
    task = ColleagueApprovalTask.objects.get()
    assert task.get_actions(page, national_staff) == []
    assert "approve" in [name for name, *_ in task.get_actions(page, colleague)]


def test_direct_publish_is_refused_while_the_workflow_is_on(client, workflow, national_staff):
    page = f.course_page(summary="Oud.")
    client.force_login(national_staff)
    edit_url = f"/beheer/pages/{page.pk}/edit/"
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html

    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "course": page.course_id,
            "summary": "Nieuw.",
            "for_whom": rich_text("<p>x</p>"),
            "what_you_learn": rich_text("<p>y</p>"),
            "practical": rich_text(""),
            "illustration": "kring",
            "action-publish": "action-publish",
        }
    )
    client.post(edit_url, data)
    page.refresh_from_db()
    assert page.summary == "Oud."
