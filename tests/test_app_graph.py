"""The import-linter contract of the app graph covers every app of the project."""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings


def test_every_project_app_is_a_root_package_of_the_app_graph_contract():
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    project_apps = {
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).parent == Path(settings.BASE_DIR)
    }
    assert project_apps == set(linter["root_packages"])
    layered = {
        name.strip().strip("()")
        for contract in linter["contracts"]
        for layer in contract.get("layers", [])
        for name in layer.replace(":", "|").split("|")
    }
    assert project_apps <= layered
