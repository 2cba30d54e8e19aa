"""A radar chart drawn on the server as SVG: readable without JavaScript, printable.

Only geometry lives here; the template draws it and the page repeats the numbers in a table.
Every coordinate leaves this module as a string with a '.' decimal point: SVG attributes are
for machines, and a localised number ("210,0" in Dutch) is an invalid length the browser drops.
"""

import math
import re
from dataclasses import dataclass

SIZE = 420
CENTER = SIZE / 2
RADIUS = 140
MARGIN_X = 90  # room for the axis labels left and right of the circle
MARGIN_Y = 10


def num(value: float) -> str:
    """A coordinate for an SVG attribute: one decimal, '.' as the decimal point, always."""
    return f"{value:.1f}"


@dataclass
class Series:
    name: str
    values: list  # one float or None per axis
    css: str
    points: str = ""
    dots: list | None = None


def axis_key(label: str, index: int) -> str:
    """The short name of an axis: a label's leading number ("3. Netwerken" -> "3"), else its
    position. A phone shows these keys in large type with a list of the names below the chart,
    because the full names, squeezed into a 390px-wide chart, are too small to read."""
    match = re.match(r"^(\d+)\.\s", label)
    return match.group(1) if match else str(index + 1)


def radar(*, labels: list[str], series: list[Series], low: float, high: float) -> dict:
    count = len(labels)
    if count < 3:
        count = max(count, 3)

    def point(index, fraction):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return (
            round(CENTER + RADIUS * fraction * math.cos(angle), 1),
            round(CENTER + RADIUS * fraction * math.sin(angle), 1),
        )

    span = (high - low) or 1
    rings = []
    steps = round(high - low) or 1
    for step in range(1, steps + 1):
        fraction = step / steps
        rings.append(
            {
                "points": " ".join(
                    f"{num(x)},{num(y)}" for x, y in (point(i, fraction) for i in range(count))
                ),
                "value": low + step * span / steps,
                "label_y": num(CENTER - RADIUS * fraction - 2),
            }
        )
    axes = []
    for i, label in enumerate(labels):
        x, y = point(i, 1)
        lx, ly = point(i, 1.18)
        anchor = "middle" if abs(lx - CENTER) < 10 else ("start" if lx > CENTER else "end")
        axes.append(
            {
                "x": num(x),
                "y": num(y),
                "lx": num(lx),
                "ly": num(ly),
                "label": label,
                "key": axis_key(label, i),
                "anchor": anchor,
            }
        )
    for s in series:
        coords = []
        s.dots = []
        for i, value in enumerate(s.values):
            fraction = 0 if value is None else max(0.0, (value - low) / span)
            x, y = point(i, fraction)
            coords.append(f"{num(x)},{num(y)}")
            if value is not None:
                s.dots.append({"x": num(x), "y": num(y), "value": value, "label": labels[i]})
        s.points = " ".join(coords)
    return {
        "size": SIZE,
        "center": num(CENTER),
        "view_box": f"{-MARGIN_X} {-MARGIN_Y} {SIZE + 2 * MARGIN_X} {SIZE + 2 * MARGIN_Y}",
        "width": str(SIZE + 2 * MARGIN_X),
        "rings": rings,
        "axes": axes,
        "series": series,
        "low": low,
    }
