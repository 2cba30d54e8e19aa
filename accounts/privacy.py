"""The privacy registry: what each app holds about a person, how to export it and how to erase it.

``accounts`` sits at the bottom of the app graph, so it cannot know the apps above it. Instead
each app registers, in its ``AppConfig.ready``, one :class:`Kind` per sort of personal data it
keeps (``register_kind``), and optionally a retention rule (``register_retention``). "Mijn
gegevens", the download, erasure and the retention job walk these registries; a test walks every
model with a relation to the user model and fails when a relation is not covered by a kind.

An exporter returns the person's rows as plain dicts with readable keys (only their own data:
never another person's name or address). An eraser anonymises or deletes the rows in place and
returns how many it changed; it runs inside the erasure transaction and must be idempotent (a
second run changes nothing and returns 0).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Exporter = Callable[[object], list[dict]]
Eraser = Callable[[object], int]


@dataclass(frozen=True)
class Kind:
    key: str  # file name in the download, e.g. "courses.enrolments"
    label: str  # what a person reads on Mijn gegevens (lazy translation)
    export: Exporter
    erase: Eraser
    #: The user relations this kind answers for, as "app_label.Model.field" (the test checks).
    covers: tuple[str, ...] = ()
    #: Shown under the heading on Mijn gegevens: what this is and why it is kept.
    help_text: str = ""
    order: int = 100
    #: What the rows are, to count them on Mijn gegevens ("3 inschrijvingen"): an
    #: ``ngettext_lazy("%(n)s inschrijving", "%(n)s inschrijvingen", "n")``. ``None`` when the
    #: rows are of different sorts (an account and its log-in addresses): a number says nothing.
    unit: object = None


def count_text(kind: Kind, n: int) -> str:
    """The count after a kind's heading: "3 inschrijvingen", "leeg", or "" (no count noun)."""
    from django.utils.translation import gettext

    if not n:
        return gettext("leeg")
    if kind.unit is None:
        return ""
    return str(kind.unit % {"n": n})


@dataclass(frozen=True)
class Retention:
    key: str  # e.g. "answers"; the setting LEERKRING_RETENTION_DAYS[key] overrides the default
    label: str
    default_days: int
    #: (now, days) -> how many objects are past retention (no names: counts only).
    count: Callable[..., int]
    #: (now, days) -> anonymise or delete them; idempotent; returns how many it changed.
    apply: Callable[..., int]
    order: int = 100


_kinds: dict[str, Kind] = {}
_retention: dict[str, Retention] = {}


def register_kind(
    key: str,
    *,
    label,
    export: Exporter,
    erase: Eraser,
    covers: Iterable[str] = (),
    help_text="",
    order: int = 100,
    unit=None,
) -> Kind:
    kind = Kind(
        key=key,
        label=label,
        export=export,
        erase=erase,
        covers=tuple(covers),
        help_text=help_text,
        order=order,
        unit=unit,
    )
    _kinds[key] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def covered_relations() -> set[str]:
    return {relation for kind in _kinds.values() for relation in kind.covers}


def register_retention(
    key: str, *, label, default_days: int, count, apply, order: int = 100
) -> Retention:
    rule = Retention(
        key=key, label=label, default_days=default_days, count=count, apply=apply, order=order
    )
    _retention[key] = rule
    return rule


def retention_rules() -> list[Retention]:
    return sorted(_retention.values(), key=lambda r: (r.order, r.key))


def retention_days(rule: Retention) -> int:
    from django.conf import settings

    return int(getattr(settings, "LEERKRING_RETENTION_DAYS", {}).get(rule.key, rule.default_days))


# --- Helpers for the exporters ----------------------------------------------------------------


def when(value):
    """A moment as the person reads it: in local time (``None`` stays ``None``)."""
    from django.utils import timezone

    return timezone.localtime(value) if value else None


def count_rows(counts: dict) -> list[dict]:
    """What someone did to other people's data, as counts only ("Wat", "Aantal"): their names
    are not this person's data. Zero counts are left out."""
    from django.utils.translation import gettext

    return [{gettext("Wat"): what, gettext("Aantal"): n} for what, n in counts.items() if n]


@dataclass
class Section:
    """One kind's rows for one person, ready to show or to write into the download."""

    kind: Kind
    rows: list[dict] = field(default_factory=list)

    @property
    def count(self) -> str:
        return count_text(self.kind, len(self.rows))


def collect(user, *, progress: Callable[[int, int], None] | None = None) -> list[Section]:
    """Everything Leerkring holds about ``user``, kind by kind (empty kinds included)."""
    sections = []
    all_kinds = kinds()
    for done, kind in enumerate(all_kinds, start=1):
        sections.append(Section(kind=kind, rows=list(kind.export(user))))
        if progress is not None:
            progress(done, len(all_kinds))
    return sections
