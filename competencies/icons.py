"""Simple line icons, drawn by us, one per competency, chosen by ``Competency.icon`` (a key).

Emoji were the icons first; they show as empty boxes where no emoji font is installed. These
are inline SVG (24 x 24, stroked with the text colour), always beside the competency's name,
so they are decoration: ``aria-hidden``. A key not listed here draws ``FALLBACK``.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# key -> (what it shows, for the admin; SVG elements inside a 0 0 24 24 viewBox)
ICONS = {
    "loep": (
        _("loep"),
        '<circle cx="10" cy="10" r="6"/><path d="M14.5 14.5 21 21"/>',
    ),
    "hart": (
        _("hart"),
        '<path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"/>',
    ),
    "ballon": (
        _("spreekballon"),
        '<path d="M4 5h16v10H10l-5 4v-4H4z"/>',
    ),
    "bliksem": (
        _("bliksem"),
        '<path d="M13 2 5 14h6l-1 8 8-12h-6z"/>',
    ),
    "lamp": (
        _("lamp"),
        '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.9.7 1.5 1.8 1.5 3.1h4c0-1.3.6-2.4 '
        '1.5-3.1A6 6 0 0 0 12 3z"/>',
    ),
    "ruil": (
        _("twee pijlen"),
        '<path d="M4 8h14M14 4l4 4-4 4M20 16H6M10 12l-4 4 4 4"/>',
    ),
    "megafoon": (
        _("megafoon"),
        '<path d="M3 10v4h4l9 5V5L7 10z"/><path d="M7 14l1.5 6h3L10 15.5M19 9.5a3 3 0 0 1 0 5"/>',
    ),
    "netwerk": (
        _("netwerk"),
        '<circle cx="12" cy="5" r="2.5"/><circle cx="5" cy="18" r="2.5"/>'
        '<circle cx="19" cy="18" r="2.5"/><path d="M10.8 7.2 6.2 15.8M13.2 7.2l4.6 8.6M7.5 18h9"/>',
    ),
    "groep": (
        _("groep mensen"),
        '<circle cx="8" cy="8" r="3"/><circle cx="16.5" cy="9" r="2.5"/>'
        '<path d="M2.5 20a5.5 5.5 0 0 1 11 0M13.5 14.5A4.5 4.5 0 0 1 21 18"/>',
    ),
    "spiegel": (
        _("spiegel"),
        '<ellipse cx="12" cy="9.5" rx="5" ry="6.5"/><path d="M12 16v5M8 21h8M10 6.5l-1.5 2"/>',
    ),
    "boom": (
        _("boom"),
        '<path d="M12 22v-7M12 15l-3-3M12 17l3-3"/>'
        '<path d="M12 2a6 6 0 0 0-6 6 5 5 0 0 0 3 4.6h6A5 5 0 0 0 18 8a6 6 0 0 0-6-6z"/>',
    ),
    "gebouw": (
        _("gebouw met zuilen"),
        '<path d="M3 9 12 3l9 6zM4 21h16M5 18h14M6.5 10v8M10 10v8M14 10v8M17.5 10v8"/>',
    ),
}
FALLBACK = '<circle cx="12" cy="12" r="8"/><circle cx="12" cy="12" r="2.5"/>'


def choices() -> list[tuple[str, str]]:
    return [("", _("(geen: een rondje)"))] + [(key, label) for key, (label, _d) in ICONS.items()]


def svg(key: str, css: str = "competency-icon") -> str:
    """The icon as inline SVG; decorative, since the competency's name is always beside it."""
    shapes = ICONS[key][1] if key in ICONS else FALLBACK
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" width="24" height="24" fill="none" '
        'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
        'stroke-linejoin="round" aria-hidden="true" focusable="false">{}</svg>',
        css,
        mark_safe(shapes),  # noqa: S308 -- constants of this module, never user input
    )
