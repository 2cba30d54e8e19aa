"""Horizontal bar charts drawn on the server as SVG: readable without JavaScript, printable.

Only geometry lives here; ``overview/_bars.html`` draws it with a title and description for
screen readers, and the page repeats every number in a table after the chart. Coordinates leave
this module as strings with a '.' decimal point (a Dutch "12,5" is an invalid SVG length).
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format

# Narrow on purpose: a phone shows the chart at about its own size, so the 13px text stays
# readable; a laptop scales it up a little (the CSS caps the width). Each label sits on its own
# line above its bars, so long competency names need no room beside them.
WIDTH = 360
LEFT = 2
VALUE_W = 58  # room for the number right of the longest bar
LABEL_H = 18
BAR_H = 16
GAP = 4
GROUP_GAP = 12
TOP = 4


def num(value: float) -> str:
    return f"{value:.1f}"


@dataclass
class Series:
    name: str
    css: str


@dataclass
class Row:
    label: str
    values: list  # one number (or None) per series


@dataclass
class Chart:
    title: str
    desc: str
    series: list
    width: int = WIDTH
    height: int = 0
    bars: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    axis_x: str = ""
    label_x: str = ""
    axis_y1: str = ""
    axis_y2: str = ""


def bars(
    *,
    title: str,
    desc: str,
    rows: list[Row],
    series: list[Series],
    low: float = 0,
    high: float | None = None,
    decimals: int = 0,
    suffix: str = "",
    ticks: list[float] | None = None,
) -> Chart:
    """A bar per row and series; bars start at ``low`` (0, or 1 for a 1-4 score).

    A series without a single value is left out (no empty slot next to every label).
    """
    keep = [i for i in range(len(series)) if any(row.values[i] is not None for row in rows)]
    if keep and len(keep) < len(series):
        series = [series[i] for i in keep]
        rows = [Row(row.label, [row.values[i] for i in keep]) for row in rows]
    values = [v for row in rows for v in row.values if v is not None]
    top = high if high is not None else max([*values, 1])
    span = (top - low) or 1
    plot = WIDTH - LEFT - VALUE_W
    chart = Chart(title=title, desc=desc, series=series)
    y = TOP
    for row in rows:
        group_h = LABEL_H + len(series) * BAR_H + (len(series) - 1) * GAP
        chart.labels.append({"text": row.label, "y": num(y + 13)})
        for index, value in enumerate(row.values):
            by = y + LABEL_H + index * (BAR_H + GAP)
            if value is not None:
                w = max(0.0, (min(value, top) - low) / span * plot)
                # Visible text, so in the reader's language ("2,45" in Dutch).
                text = number_format(round(value, decimals), decimals) + suffix
                chart.bars.append(
                    {
                        "x": num(LEFT),
                        "y": num(by),
                        "w": num(w),
                        "h": num(BAR_H),
                        "css": series[index].css,
                        "value": value,
                        "text_x": num(LEFT + w + 5),
                        "text_y": num(by + BAR_H - 3),
                        "text": text,
                        "series": series[index].name,
                        "label": row.label,
                    }
                )
        y += group_h + GROUP_GAP
    chart.height = int(y + 22)
    chart.axis_x = num(LEFT)
    chart.label_x = num(LEFT)
    chart.axis_y1 = num(TOP + LABEL_H - 2)
    chart.axis_y2 = num(y - GROUP_GAP + 4)
    for tick in ticks or []:
        chart.ticks.append(
            {
                "x": num(LEFT + (tick - low) / span * plot),
                "y": num(y + 12),
                "text": f"{tick:g}",
                "anchor": "start" if tick == low else "middle",  # not cut off at the left edge
            }
        )
    return chart
