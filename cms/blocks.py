"""StreamField blocks of module pages.

Every block validates what a reader needs: an image without alt text is useless to a screen
reader user, and a module that does not start with "kort gezegd" breaks the easy-read promise.
The messages are written for the editor, in plain Dutch.
"""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from competencies.data.movisie import COMPETENCIES as MOVISIE_DATA

#: Icons an editor may put next to a heading: static/img/icons/<name>.svg, made for Leerkring.
ICON_CHOICES = [
    ("", _("Geen")),
    ("info", _("Informatie")),
    ("stappen", _("Stappen")),
    ("groep", _("Groep")),
    ("vogel", _("Vogel")),
    ("vlinder", _("Vlinder")),
    ("trompet", _("Trompet")),
    ("rugzak", _("Rugzak")),
    ("megafoon", _("Megafoon")),
    ("ster", _("Ster")),
]

#: The twelve competencies of the MOVISIE profile (© MOVISIE 2011), by number, read from the
#: framework data the competencies app ships, so an editor points at the same names participants
#: see in their list.
MOVISIE_COMPETENCIES = [(str(number), name) for number, name, *_ in MOVISIE_DATA]

#: A small rich-text feature set: enough for plain language, not enough to make a mess.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]

_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


def count_sentences(text: str) -> int:
    return len([part for part in _SENTENCE_END.split(text.strip()) if part.strip()])


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Kop"), max_length=120)
    icon = blocks.ChoiceBlock(choices=ICON_CHOICES, required=False, label=_("Pictogram"))

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "cms/blocks/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Alinea")
        template = "cms/blocks/paragraph.html"


class AccessibleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt = blocks.CharBlock(
        label=_("Alt-tekst"),
        required=False,
        max_length=250,
        help_text=_("Vertel in één zin wat er op de afbeelding te zien is."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "cms/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt": ValidationError(
                        _(
                            "Geef de afbeelding een alt-tekst. Zo weet iemand die niet kan zien "
                            "wat er op de afbeelding staat."
                        )
                    )
                }
            )
        return value


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel van de stap"), max_length=120)
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Uitleg"))


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), min_num=2, label=_("Stappen"))

    class Meta:
        icon = "list-ol"
        label = _("Genummerde stappen")
        template = "cms/blocks/steps.html"


class ExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Naam van de oefening"), max_length=120)
    goal = blocks.TextBlock(label=_("Doel"))
    instructions = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Zo doe je het"))
    duration_minutes = blocks.IntegerBlock(label=_("Duur in minuten"), min_value=1, max_value=480)
    group_size = blocks.CharBlock(
        label=_("Groepsgrootte"), max_length=60, help_text=_("Bijvoorbeeld: in tweetallen")
    )

    class Meta:
        icon = "group"
        label = _("Oefening")
        template = "cms/blocks/exercise.html"


class TipBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("quote", _("Citaat"))], default="tip", label=_("Soort")
    )
    text = blocks.TextBlock(label=_("Tekst"))
    source = blocks.CharBlock(
        label=_("Wie zegt het?"), required=False, max_length=120, help_text=_("Alleen bij citaat")
    )

    class Meta:
        icon = "openquote"
        label = _("Tip of citaat")
        template = "cms/blocks/tip.html"


class KortGezegdBlock(blocks.TextBlock):
    """The module in 2 to 4 short sentences: read first, and gathered in "Mijn rugzak"."""

    def __init__(self, **kwargs):
        super().__init__(
            help_text=_("Zeg in 2 tot 4 korte zinnen waar deze module over gaat."), **kwargs
        )

    def clean(self, value):
        value = super().clean(value)
        sentences = count_sentences(value or "")
        if not 2 <= sentences <= 4:
            raise ValidationError(
                _("Schrijf 2 tot 4 korte zinnen. Nu zijn het er %(count)s."),
                params={"count": sentences},
            )
        return value

    class Meta:
        icon = "doc-full"
        label = _("Kort gezegd")
        template = "cms/blocks/kort_gezegd.html"


class HandoutBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    description = blocks.TextBlock(label=_("Wat staat erin?"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Hand-out om te downloaden")
        template = "cms/blocks/handout.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Adres van de video"), help_text=_("YouTube of Vimeo"))
    title = blocks.CharBlock(label=_("Waar gaat de video over?"), max_length=120)
    transcript = blocks.TextBlock(
        label=_("Uitgeschreven tekst"),
        required=False,
        help_text=_("Voor wie de video niet kan zien of horen."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"


class CompetencyLinkValue(blocks.StructValue):
    def name(self) -> str:
        return dict(MOVISIE_COMPETENCIES).get(self.get("number"), "")

    def self_assessment_url(self) -> str:
        """The competency list to fill in, once the competencies app serves it."""
        for name in ("competencies:index",):
            try:
                return reverse(name)
            except NoReverseMatch:
                continue
        return ""


class CompetencyLinkBlock(blocks.StructBlock):
    number = blocks.ChoiceBlock(choices=MOVISIE_COMPETENCIES, label=_("Competentie"))
    text = blocks.TextBlock(label=_("Waarom past deze competentie hier?"), required=False)

    class Meta:
        icon = "pick"
        label = _("Competentie")
        template = "cms/blocks/competency.html"
        value_class = CompetencyLinkValue


class ModuleStreamBlock(blocks.StreamBlock):
    kort_gezegd = KortGezegdBlock()
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = AccessibleImageBlock()
    steps = StepsBlock()
    exercise = ExerciseBlock()
    tip = TipBlock()
    handout = HandoutBlock()
    video = VideoBlock()
    competency = CompetencyLinkBlock()

    def clean(self, value):
        value = super().clean(value)
        kinds = [child.block_type for child in value]
        if not kinds or kinds[0] != "kort_gezegd" or kinds.count("kort_gezegd") != 1:
            raise StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [
                        ValidationError(
                            _(
                                "Een module begint altijd met één blok 'Kort gezegd'. "
                                "Zet dat blok bovenaan, en gebruik het maar één keer."
                            ),
                            code="kort_gezegd",
                        )
                    ]
                )
            )
        return value


class StandardStreamBlock(blocks.StreamBlock):
    """Standard pages (about, privacy, ...) use the same building blocks, minus the exercises."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = AccessibleImageBlock()
    steps = StepsBlock()
    tip = TipBlock()
    handout = HandoutBlock()
