"""Every relation to a person is in the privacy registry: exported on Mijn gegevens and erased.

A new model with a foreign key to the user model (in any app, also one added later such as
intervision) fails here until its app registers a kind in ``accounts.privacy`` that covers the
relation ("app_label.Model.field") with an exporter and an eraser.

Indirect relations: a model that hangs off a person's own row (an attendance off an enrolment, an
answer off a self-assessment, a status period off a trainer profile) holds personal data without
naming the user model. The second test follows one step: every foreign key from a project model
to a "person-owned" model (one whose user relation is non-nullable) must be covered as well.
Deeper chains stay the owning kind's business; one step covers every model we have today.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.privacy import covered_relations, kinds

#: Relations deliberately left out of export and erasure. Each one points at staff who edit
#: content or run the site, never at a participant's data; erasure leaves them pointing at the
#: anonymised account (no name, no e-mail), which is what forgetting needs.
ALLOWED = {
    # Wagtail's editorial records: who owns, locked, revised, commented on, moderated a page or
    # uploaded an image or document. Content history of the organisation, written by staff.
    "wagtailcore.Page.owner",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Revision.user",
    "wagtailcore.PageLogEntry.user",
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.Comment.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.CommentReply.user",
    "wagtailcore.WorkflowState.requested_by",
    "wagtailcore.TaskState.finished_by",
    "wagtailcore.UploadedFile.uploaded_by_user",
    "wagtailimages.Image.uploaded_by_user",
    "wagtaildocs.Document.uploaded_by_user",
    # Django admin's own change log: superusers only (technical administrators).
    "admin.LogEntry.user",
}


def _label(field) -> str:
    # Inherited fields (a cms page's owner) belong to the model that defines them.
    return f"{field.model._meta.label}.{field.name}"


def _relations_to(target):
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is target:
                yield field


def _project_model(model) -> bool:
    return Path(apps.get_app_config(model._meta.app_label).path).parent == Path(settings.BASE_DIR)


def test_every_relation_to_the_user_model_is_exported_and_erased():
    user_model = get_user_model()
    direct = {_label(f) for f in _relations_to(user_model)}
    missing = direct - covered_relations() - ALLOWED
    assert not missing, f"Register these in accounts.privacy (export + erase): {sorted(missing)}"
    assert direct >= ALLOWED, f"Stale allow-list entries: {sorted(ALLOWED - direct)}"


def test_rows_owned_by_a_person_are_covered_one_step_down():
    user_model = get_user_model()
    owned = {
        f.model
        for f in _relations_to(user_model)
        if _project_model(f.model) and not f.null and f.many_to_one | f.one_to_one
    }
    assert owned, "no person-owned models found"
    indirect = {
        _label(f)
        for model in owned
        for f in _relations_to(model)
        if _project_model(f.model) and f.model is not user_model
    }
    missing = indirect - covered_relations()
    assert not missing, f"Rows that hang off a person's row, not covered: {sorted(missing)}"


def test_every_covered_relation_exists():
    """A kind cannot claim a field that is not there (a rename would silently drop coverage)."""
    for relation in covered_relations():
        label, _, field = relation.rpartition(".")
        model = apps.get_model(label)
        assert model._meta.get_field(field).is_relation, relation


@pytest.mark.parametrize("kind", kinds(), ids=lambda k: k.key)
def test_every_kind_exports_and_erases(kind):
    assert callable(kind.export)
    assert callable(kind.erase)
    assert str(kind.label)
