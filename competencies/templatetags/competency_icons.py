from django import template

from competencies import icons

register = template.Library()


@register.simple_tag
def competency_icon(competency):
    """``{% competency_icon c %}``: the competency's drawn icon (see ``competencies.icons``)."""
    return icons.svg(getattr(competency, "icon", "") or "")
