"""competencies reads courses' state through courses' enums, never through copied strings."""

import ast
from pathlib import Path

from django.conf import settings

from courses.models import Assignment, Enrolment, Session


def test_competencies_spells_no_status_of_courses_as_a_string():
    values = {*Session.Status.values, *Enrolment.Status.values, *Assignment.Role.values}
    app = Path(settings.BASE_DIR) / "competencies"
    found = []
    for path in sorted(app.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in values:
                found.append(f"{path.relative_to(app)}:{node.lineno} {node.value!r}")
    assert found == []
