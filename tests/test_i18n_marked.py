"""Every Dutch string people see is marked for translation, so the English site can be complete.

A plain scan, no rendering: in the templates of the participant-facing apps no text is left
outside ``{% translate %}``/``{% blocktranslate %}``, and in their Python no Dutch sentence is
left outside gettext. Proper names and codes are listed below.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [
    ROOT / "courses" / "templates",
    ROOT / "intervision" / "templates",
    ROOT / "templates" / "cms",
    ROOT / "templates" / "accounts",
    ROOT / "templates" / "account",
    ROOT / "templates" / "includes",
    ROOT / "intervision" / "templates",
]
TEMPLATE_FILES = [ROOT / "templates" / "base.html", ROOT / "templates" / "404.html"]
PYTHON_DIRS = [ROOT / "courses", ROOT / "cms", ROOT / "accounts", ROOT / "intervision"]
#: Words that are the same in every language.
ALLOWED_WORDS = {"Leerkring", "MOVISIE", "CSV"}
#: Attributes whose text people read (or hear).
VISIBLE_ATTRIBUTES = re.compile(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"')
DUTCH_WORDS = re.compile(
    r"\b(je|jij|het|een|niet|voor|naar|geen|uur|wordt|zijn|deze|dit|kan|bent|van|met)\b", re.I
)
#: Developer-facing text: the OpenAPI description.
EXEMPT_STRINGS = {"Cursussessies zoeken en je inschrijvingen beheren."}
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "gettext_noop"}


def _untranslated_words(source: str) -> list[str]:
    text = re.sub(
        r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}", " ", source, flags=re.S
    )
    text = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", " ", text, flags=re.S)
    text = re.sub(r"\{%\s*block body_class\s*%\}.*?\{%\s*endblock\s*%\}", " ", text, flags=re.S)
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", text, flags=re.S)
    attributes = " ".join(VISIBLE_ATTRIBUTES.findall(text))
    text = re.sub(r"<[^>]*>", " ", text) + " " + attributes
    words = re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'\u2019]+", text)
    return [w for w in words if w not in ALLOWED_WORDS]


def _templates():
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            if "email" not in path.parts:  # mails are rendered in the recipient's language
                yield path
    yield from TEMPLATE_FILES


def test_templates_have_no_untranslated_text():
    found = {
        str(path.relative_to(ROOT)): words
        for path in _templates()
        if (words := _untranslated_words(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def _is_gettext_call(node) -> bool:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return name in GETTEXT


def _unmarked_dutch(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marked, docstrings = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_gettext_call(node):
            marked |= {id(n) for arg in node.args for n in ast.walk(arg)}
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and " " in node.value
        and DUTCH_WORDS.search(node.value)
        and id(node) not in marked | docstrings
        and node.value not in EXEMPT_STRINGS
    ]


def test_python_has_no_unmarked_dutch_sentences():
    paths = [
        path
        for directory in PYTHON_DIRS
        for path in sorted(directory.rglob("*.py"))
        # Demo content is data in Dutch; management commands talk to developers.
        if not {"migrations", "management"} & set(path.parts) and not path.name.startswith("demo")
    ]
    found = [line for path in paths for line in _unmarked_dutch(path)]
    assert found == []
