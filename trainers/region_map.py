"""A schematic map of the Netherlands with the trainers per region, drawn on the server.

Why schematic: the dashboard needs "where are the trainers" at a glance, not cartography. The
outline is a rough polygon of the country; each pilot region is a dot at its real place with
its name and numbers (the same figures as the table next to it). Regions without a known place
line up under the map. Coordinates are plain integers in SVG units (never localised).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Longitude/latitude to SVG units: x = (lon - LON0) * SX, y = (LAT0 - lat) * SY.
LON0, LAT0, SX, SY = 3.2, 53.65, 90, 150
WIDTH = 380
MAP_HEIGHT = 440
ROW_HEIGHT = 100  # each row of regions without a place under the map
RADIUS = 20

# A rough outline of the country (lon, lat), clockwise from the south-west.
OUTLINE = [
    (3.37, 51.37),
    (4.0, 51.25),
    (4.4, 51.35),
    (4.8, 51.45),
    (5.1, 51.35),
    (5.5, 51.25),
    (5.85, 51.15),
    (5.65, 50.85),
    (5.7, 50.75),
    (6.0, 50.75),
    (6.05, 51.0),
    (6.2, 51.35),
    (6.0, 51.75),
    (6.8, 51.9),
    (7.05, 52.2),
    (6.7, 52.5),
    (7.05, 52.65),
    (7.2, 53.2),
    (6.9, 53.45),
    (6.0, 53.5),
    (5.1, 53.35),
    (4.75, 52.95),
    (4.6, 52.45),
    (4.3, 52.15),
    (3.95, 51.95),
    (3.6, 51.75),
    (3.45, 51.55),
]

# Where a region lies (lon, lat), which way its label reads from the dot (a region near the edge
# starts at the dot instead of centring on it, so no name is cut off) and how far below the dot
# the label starts (Walcheren's sits lower than its neighbour's, so the two never overlap).
PLACES = {
    "amsterdam": (4.9, 52.37, "middle", 40),
    "bossche-ommelanden": (5.3, 51.69, "middle", 40),
    "friesland-zuid": (5.8, 52.95, "middle", 40),
    "walcheren": (3.6, 51.5, "start", 52),
}
LINE = 20  # between a region's name and its numbers


def _point(lon: float, lat: float) -> tuple[int, int]:
    return round((lon - LON0) * SX), round((LAT0 - lat) * SY)


def trainers_label(total: int, active: int) -> str:
    """Counted plurals in the interface language: "1 trainer, 1 actief", "3 trainers, 0 actief"."""
    trainers = ngettext("%(n)d trainer", "%(n)d trainers", total) % {"n": total}
    return _("%(trainers)s, %(active)d actief") % {"trainers": trainers, "active": active}


def region_map(regions) -> dict:
    """Dots, labels and the outline for ``regions`` ([(region, {status: n}, total)])."""
    dots, elsewhere = [], []
    for region, counts, total in regions:
        active = counts.get("active", 0)
        dot = {"region": region, "total": total, "label": trainers_label(total, active)}
        place = PLACES.get(region.slug)
        if place is None:
            elsewhere.append(dot)
            continue
        lon, lat, anchor, below = place
        x, y = _point(lon, lat)
        dots.append(
            {
                **dot,
                "x": x,
                "y": y,
                "anchor": anchor,
                "tx": x - RADIUS if anchor == "start" else x,
                "y1": y + below,
                "y2": y + below + LINE,
            }
        )
    per_row = 2
    for i, dot in enumerate(elsewhere):
        x = 20 + (i % per_row) * (WIDTH // per_row) + RADIUS
        y = MAP_HEIGHT + (i // per_row) * ROW_HEIGHT + RADIUS
        below = RADIUS + LINE
        dots.append(
            {
                **dot,
                "x": x,
                "y": y,
                "anchor": "start",
                "tx": x - RADIUS,
                "y1": y + below,
                "y2": y + below + LINE,
            }
        )
    rows = (len(elsewhere) + per_row - 1) // per_row
    return {
        "width": WIDTH,
        "height": MAP_HEIGHT + rows * ROW_HEIGHT,
        "outline": " ".join(f"{x},{y}" for x, y in (_point(lon, lat) for lon, lat in OUTLINE)),
        "dots": dots,
        "radius": RADIUS,
    }
