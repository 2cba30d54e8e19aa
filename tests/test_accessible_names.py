"""Links, buttons and labels get their full name from ``aria-label``, not from a hidden span.

Chromium counts a visually hidden span (absolutely positioned) as a block when it builds an
accessible name from the content, so ``Afmelden<span class="visually-hidden">: Cursus</span>``
is read as "Afmelden : Cursus". The house pattern is an ``aria-label`` with the full name on the
link or button, the visible text unchanged; for a checkbox, on the input itself. The visible text
comes first in the ``aria-label`` (WCAG 2.5.3, label in name), so speech users can say what they
see. A plain scan of the template source, no rendering.
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP_PARTS = {".venv", "node_modules", "var", ".git", "static"}
#: Template tags, variables and quoted values may hold ``>``; none of them ends the tag.
TAG = r"\{%.*?%\}|\{\{.*?\}\}"
ATTRIBUTES = rf"""(?P<attrs>(?:{TAG}|"(?:{TAG}|[^"])*"|'(?:{TAG}|[^'])*'|[^>"'])*)"""
#: Elements whose accessible name is built from their content.
NAMED_BY_CONTENT = re.compile(
    r"<(?P<tag>a|button|summary|label)\b" + ATTRIBUTES + r">(?P<content>.*?)</(?P=tag)\s*>",
    re.S | re.I,
)
HIDDEN = re.compile(r"""class\s*=\s*["'][^"']*\b(?:visually-hidden|sr-only)\b""", re.I)
NAMED = re.compile(r"\baria-label(?:ledby)?\s*=", re.I)
INPUT = re.compile(r"<input\b" + ATTRIBUTES + r">", re.S | re.I)


def _templates():
    for path in sorted(ROOT.rglob("*.html")):
        relative = path.relative_to(ROOT)
        if "templates" in relative.parts and not SKIP_PARTS & set(relative.parts):
            yield path


def _source(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", " ", text, flags=re.S)
    return re.sub(r"\{#.*?#\}|<!--.*?-->", " ", text, flags=re.S)


def _attribute(attrs: str, name: str) -> str | None:
    """The raw value of ``name="…"``, template tags inside it kept whole."""
    match = re.search(rf"""\b{name}\s*=\s*(["'])""", attrs)
    if not match:
        return None
    quote, i, value = match.group(1), match.end(), []
    while i < len(attrs) and attrs[i] != quote:
        if attrs.startswith(("{{", "{%"), i):
            end = attrs.find("}}" if attrs[i + 1] == "{" else "%}", i) + 2
            value.append(attrs[i:end])
            i = end
        else:
            value.append(attrs[i])
            i += 1
    return "".join(value)


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())


def _elements():
    for path in _templates():
        source = _source(path)
        for match in NAMED_BY_CONTENT.finditer(source):
            line = source.count("\n", 0, match.start()) + 1
            yield f"{path.relative_to(ROOT)}:{line}", source, match


def test_no_hidden_span_makes_up_a_name():
    found = []
    for where, _source_text, match in _elements():
        if not HIDDEN.search(match["content"]):
            continue
        tag = match["tag"].lower()
        # A label names its control: give the control the aria-label instead.
        if tag == "label" or not NAMED.search(match["attrs"]):
            found.append(f"{where}: <{tag}> {_text(match['content'])!r}")
    assert found == []


def test_aria_label_starts_with_the_visible_text():
    found = []
    for where, source, match in _elements():
        tag = match["tag"].lower()
        if tag == "label":
            control = _attribute(match["attrs"], "for")
            name = next(
                (
                    _attribute(i["attrs"], "aria-label")
                    for i in INPUT.finditer(source)
                    if control and _attribute(i["attrs"], "id") == control
                ),
                None,
            )
        else:
            name = _attribute(match["attrs"], "aria-label")
        visible = _text(match["content"])
        if name is not None and visible and not " ".join(name.split()).startswith(visible):
            found.append(f"{where}: <{tag}> {visible!r} is not the start of {name!r}")
    assert found == []


def test_the_scan_sees_the_pattern():
    """The regular expressions find what they are meant to find."""
    bad = (
        """<a class="button" href="{% url 'x' 1 %}">"""
        """{{ label }}<span class="visually-hidden">: {{ t }}</span></a>"""
    )
    good = (
        """<a href="{{ u|default:">" }}" aria-label="{{ label }}: {{ d|date:"j F Y" }}">"""
        """{{ label }}</a>"""
    )
    (match,) = NAMED_BY_CONTENT.finditer(bad)
    assert HIDDEN.search(match["content"])
    assert not NAMED.search(match["attrs"])
    (match,) = NAMED_BY_CONTENT.finditer(good)
    assert _attribute(match["attrs"], "aria-label") == '{{ label }}: {{ d|date:"j F Y" }}'
    assert _text(match["content"]) == "{{ label }}"
    assert len(list(_elements())) > 100  # the scan reads the project's templates
