"""Every permission rule is asked by the code; a rule nothing consults is dead and misleading.

The registry (``accounts.permissions``) holds the rules each app registers. A rule counts as
consulted when its action name appears as a string in the project's code (views, API, services,
templates) anywhere but in its own ``register(...)`` call and in docstrings; tests don't count.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from accounts.permissions import registered_actions

BASE_DIR = Path(settings.BASE_DIR)


def _project_packages():
    return [
        Path(app.path) for app in apps.get_app_configs() if BASE_DIR in Path(app.path).parents
    ] + [BASE_DIR / "config"]


def _registered_names(tree) -> set[int]:
    """ids of the string nodes that name the rule in a ``register("x", ...)`` call."""
    ids = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "register"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            ids.add(id(node.args[0]))
    return ids


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            ids.add(id(first.value))
    return ids


def consulted_strings() -> set[str]:
    """Every string literal of the project's code outside rule registrations and docstrings."""
    found: set[str] = set()
    for package in _project_packages():
        for path in package.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _registered_names(tree) | _docstrings(tree)
            found |= {
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            }
    return found


def _template_text() -> str:
    folders = [BASE_DIR / "templates"] + [p / "templates" for p in _project_packages()]
    return "\n".join(
        path.read_text(encoding="utf-8")
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*.html")
    )


def test_every_registered_permission_rule_is_consulted():
    actions = registered_actions()
    assert {"courses.portal_session", "competencies.view_assessment"} <= actions
    strings = consulted_strings()
    templates = _template_text()
    unused = {a for a in actions if a not in strings and a not in templates}
    assert unused == set(), f"permission rules nothing consults: {sorted(unused)}"


def test_a_rule_only_registered_counts_as_unused():
    tree = ast.parse('register("x.only_registered", predicate=lambda u, o: True)\n"""Doc."""\n')
    skip = _registered_names(tree) | _docstrings(tree)
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in skip}
    assert "x.only_registered" not in strings
