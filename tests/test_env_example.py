"""`.env.example` documents every environment variable the settings read."""

import re

from django.conf import settings


def test_env_example_documents_every_setting_variable():
    source = (settings.BASE_DIR / "config" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]*)"', source))
    example = (settings.BASE_DIR / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert len(read) > 20
    assert read - documented == set()
