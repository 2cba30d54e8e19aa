"""Every block renders, and the editor gets a clear Dutch message on bad content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.embeds.models import Embed
from wagtail.images.tests.utils import get_test_image_file

from cms import blocks

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=leerkring"


@pytest.fixture
def image():
    from wagtail.images.models import Image

    return Image.objects.create(title="Kring", file=get_test_image_file())


@pytest.fixture
def document():
    doc = Document(title="Werkblad")
    doc.file.save("werkblad.txt", ContentFile(b"Stap 1"), save=True)
    return doc


@pytest.fixture
def embedded_video():
    # A stored embed: rendering never calls out to the internet in a test.
    from wagtail.embeds.embeds import get_embed_hash

    return Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL, None, None),
        url=VIDEO_URL,
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>',
        title="Video",
    )


def _stream(raw):
    block = blocks.ModuleStreamBlock()
    return block.to_python(raw)


def test_every_module_block_renders(image, document, embedded_video):
    raw = [
        {"type": "kort_gezegd", "value": "Eerste zin. Tweede zin."},
        {"type": "heading", "value": {"text": "Een kop", "icon": "vogel"}},
        {"type": "paragraph", "value": "<p>Een <b>alinea</b>.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "Een kring", "caption": "Samen"}},
        {
            "type": "steps",
            "value": {
                "title": "Stappen",
                "steps": [
                    {"title": "Kijk rond", "text": "<p>a</p>"},
                    {"title": "Vlinder", "text": "<p>b</p>"},
                ],
            },
        },
        {
            "type": "exercise",
            "value": {
                "title": "Oefenen",
                "goal": "Leren",
                "instructions": "<p>Doe het.</p>",
                "duration_minutes": 15,
                "group_size": "tweetallen",
            },
        },
        {"type": "tip", "value": {"kind": "tip", "text": "Bel eerst.", "source": ""}},
        {"type": "tip", "value": {"kind": "quote", "text": "Samen sterk.", "source": "Anita"}},
        {
            "type": "handout",
            "value": {"document": document.pk, "title": "Werkblad", "description": "Stappen"},
        },
        {
            "type": "video",
            "value": {"video": VIDEO_URL, "title": "Uitleg", "transcript": "Hallo."},
        },
        {"type": "competency", "value": {"number": "8", "text": "Netwerken helpt."}},
    ]
    stream = _stream(raw)
    html = {child.block_type + str(i): child.render() for i, child in enumerate(stream)}
    joined = "\n".join(html.values())
    assert 'class="kort-gezegd"' in joined
    assert "Een kop" in joined
    assert "icons/vogel.svg" in joined
    assert 'alt="Een kring"' in joined
    assert joined.count('class="step"') == 2
    assert 'class="step-title">Vlinder</h3>' in joined
    assert "15 minuten" in joined
    assert "Bel eerst." in joined
    assert "<blockquote>" in joined
    assert "werkblad" in joined.lower()
    assert "download" in joined
    assert "youtube-nocookie.com" in joined
    assert "Hallo." in joined
    assert "Netwerken" in joined
    assert "MOVISIE 2011" in joined
    assert len(html) == len(raw)
    assert {c.block_type for c in stream} == set(blocks.ModuleStreamBlock.base_blocks)


def test_standard_blocks_render(image):
    block = blocks.StandardStreamBlock()
    stream = block.to_python(
        [
            {"type": "heading", "value": {"text": "Privacy", "icon": ""}},
            {"type": "paragraph", "value": "<p>Tekst</p>"},
        ]
    )
    assert "Privacy" in stream.render_as_block()


def test_module_must_start_with_kort_gezegd():
    block = blocks.ModuleStreamBlock()
    value = block.to_python([{"type": "paragraph", "value": "<p>Zonder samenvatting.</p>"}])
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "begint altijd met één blok 'Kort gezegd'" in str(error.value.as_json_data())


def test_kort_gezegd_only_once_and_on_top():
    block = blocks.ModuleStreamBlock()
    twice = block.to_python(
        [
            {"type": "kort_gezegd", "value": "Een zin. Nog een zin."},
            {"type": "kort_gezegd", "value": "Een zin. Nog een zin."},
        ]
    )
    with pytest.raises(StreamBlockValidationError):
        block.clean(twice)
    ok = block.to_python([{"type": "kort_gezegd", "value": "Een zin. Nog een zin."}])
    assert block.clean(ok)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("Eén zin.", False),
        ("Eén. Twee.", True),
        ("Eén. Twee. Drie! Vier?", True),
        ("Een. Twee. Drie. Vier. Vijf.", False),
    ],
)
def test_kort_gezegd_has_two_to_four_sentences(text, valid):
    block = blocks.KortGezegdBlock()
    if valid:
        assert block.clean(text) == text
    else:
        with pytest.raises(ValidationError) as error:
            block.clean(text)
        assert "Schrijf 2 tot 4 korte zinnen" in error.value.messages[0]


def test_image_without_alt_text_is_refused(image):
    block = blocks.AccessibleImageBlock()
    value = block.to_python({"image": image.pk, "alt": "  ", "caption": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "alt-tekst" in str(error.value.as_json_data())


def test_steps_block_renders_nothing_for_empty_optional_fields():
    """An empty optional field (a step saved without title or text) shows nothing, not "None"."""
    block = blocks.StepsBlock()
    value = block.to_python(
        {
            "title": None,
            "steps": [
                {"type": "item", "value": {"title": "Kijk rond", "text": "<p>a</p>"}, "id": "1"},
                {"type": "item", "value": {"title": None, "text": None}, "id": "2"},
            ],
        }
    )
    html = block.render(value)
    assert "None" not in html
    assert html.count('class="step"') == 2
    assert html.count('class="step-title"') == 1
    assert "<h2" not in html
