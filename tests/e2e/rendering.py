"""What a person would notice on a page and axe does not: the rendering check.

axe checks roles, names and contrast. It does not notice a chart whose coordinates are written
with a decimal comma, a heading that reads "None", a raw message id, or a phone page that scrolls
sideways once the text is large. ``check_page`` looks for exactly those, runs axe with every
impact counted, and writes a screenshot a person can look at (``var/screens/``, kept by CI).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

SCREENS = Path(settings.BASE_DIR) / "var" / "screens"

# Words that only appear when Python values leak into the page.
LEAKED_VALUES = re.compile(r"(?<![\w-])(None|True|False|nan|NaN|undefined|null)(?![\w-])")
# Unrendered template or format syntax.
UNRENDERED = re.compile(r"\{\{|\}\}|\{%|%\}|%\([a-z_]+\)s|\{[a-z_]+\}")
# Machine codes shown to people: dotted verbs ("attendance.recorded") and snake_case ids
# ("session_not_open"). File names and host names are fine.
DOTTED_CODE = re.compile(r"(?<![\w@/.-])([a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*)(?![\w@/.-])")
SNAKE_CODE = re.compile(r"(?<![\w@/.-])([a-z]+_[a-z_]+)(?![\w@/.-])")
FILE_OR_HOST = re.compile(r"\.(nl|com|org|net|eu|ics|csv|xlsx|pdf|png|svg|jpg|txt|zip|json)$")

# SVG attributes that must hold plain numbers (a decimal point, never a comma).
NUMBER_ATTRIBUTES = [
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "dx",
    "dy",
    "width",
    "height",
    "stroke-width",
    "font-size",
    "stroke-dashoffset",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
    "offset",
]
NUMBER = re.compile(r"^-?(\d+(\.\d+)?|\.\d+)([eE]-?\d+)?(px|em|rem|%)?$")

_SVG_ATTRIBUTES = """() => {
  const names = %s;
  const out = [];
  for (const el of document.querySelectorAll('svg, svg *')) {
    for (const name of names.concat(['points', 'viewBox', 'd', 'transform'])) {
      const value = el.getAttribute(name);
      if (value !== null) out.push([el.tagName.toLowerCase(), name, value]);
    }
  }
  return out;
}"""

_VISIBLE_TEXT = """() => {
  const parts = [document.title];
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  parts.push(document.body.innerText);
  return parts.join('\\n');
}"""

_OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > doc.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > doc.clientWidth + 1 && box.width > 0) {
        const inScroller = el.closest('[data-scrolls], .table-scroll, [role=region][tabindex]');
        const name = typeof el.className === 'string' && el.className.trim()
          ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        if (!inScroller) wide.push(el.tagName.toLowerCase() + name + ' ' + Math.round(box.right));
      }
    }
  }
  return {scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 8)};
}"""


@dataclass
class Findings:
    """Everything wrong on the pages of one run, reported together at the end."""

    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def report(self) -> str:
        return f"{len(self.problems)} rendering problem(s):\n" + "\n".join(self.problems)


def _number_problems(tag: str, name: str, value: str) -> str | None:
    value = value.strip()
    if name in NUMBER_ATTRIBUTES:
        if not NUMBER.match(value):
            return f"<{tag} {name}={value!r}> is not a number"
    elif name == "viewBox":
        parts = value.replace(",", " ").split()
        if len(parts) != 4 or not all(NUMBER.match(p) for p in parts) or "," in value:
            return f"<{tag} viewBox={value!r}> is not four numbers"
    elif name == "points":
        for pair in value.split():
            coords = pair.split(",")
            if len(coords) != 2 or not all(NUMBER.match(c) for c in coords):
                return f"<{tag} points=...{pair!r}...> is not an x,y pair of numbers"
    elif name == "d":
        # Path data: a comma between two digit runs that is followed by more digits and another
        # comma ("10,5,20") is a localised decimal; plain "M10,20 L30,40" is fine.
        if re.search(r"\d,\d+,\d+,", value) or re.search(r"\d+\.\d+,\d+\.\d+,\d", value):
            return f"<{tag} d={value[:60]!r}> looks localised"
    elif name == "transform":
        for args in re.findall(r"\(([^)]*)\)", value):
            for part in re.split(r"[\s,]+", args.strip()):
                if part and not NUMBER.match(part):
                    return f"<{tag} transform={value!r}> has a non-number"
            if re.search(r"\d,\d", args) and " " not in args and args.count(",") > 1:
                return f"<{tag} transform={value!r}> looks localised"
    return None


def text_problems(text: str) -> list[str]:
    problems = []
    for match in LEAKED_VALUES.finditer(text):
        context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " / ")
        problems.append(f"shows {match.group(1)!r}: ...{context}...")
    for match in UNRENDERED.finditer(text):
        context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " / ")
        problems.append(f"unrendered template syntax: ...{context}...")
    for match in DOTTED_CODE.finditer(text):
        if not FILE_OR_HOST.search(match.group(1)):
            problems.append(f"shows a raw code {match.group(1)!r}")
    for match in SNAKE_CODE.finditer(text):
        problems.append(f"shows a raw id {match.group(1)!r}")
    return problems


def check_page(
    page,
    *,
    findings: Findings,
    label: str,
    run_axe,
    axe: bool = True,
    phone: bool = False,
    shot: str | None = None,
) -> None:
    """Check the page that is loaded now; add what is wrong to ``findings``."""
    page.wait_for_load_state("load")
    where = f"[{label}] {page.url}"
    findings.pages.append(where)
    text = page.evaluate(_VISIBLE_TEXT)
    for problem in text_problems(text):
        findings.add(where, problem)
    empty = page.evaluate(
        "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]"
        ".filter((h) => !h.textContent.trim() && !h.querySelector('img[alt], svg[aria-label]'))"
        ".map((h) => h.outerHTML.slice(0, 120))"
    )
    for heading in empty:
        findings.add(where, f"an empty heading: {heading}")
    for tag, name, value in page.evaluate(_SVG_ATTRIBUTES % NUMBER_ATTRIBUTES):
        problem = _number_problems(tag, name, value)
        if problem:
            findings.add(where, problem)
    if phone:
        overflow = page.evaluate(_OVERFLOW)
        if overflow["scroll"] > overflow["client"]:
            findings.add(
                where,
                f"scrolls sideways: {overflow['scroll']}px on {overflow['client']}px "
                f"({', '.join(overflow['wide'])})",
            )
    if axe:
        for violation in run_axe(page):
            nodes = "; ".join(n["target"] for n in violation["nodes"][:4])
            findings.add(where, f"axe [{violation['impact']}] {violation['id']} at {nodes}")
    if shot:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"{shot}.png"), full_page=True)
