from pathlib import Path

from reportgen.layout import ImageStore, PageGeometry, build_story
from reportgen.layout.blocks.photo import Photo
from reportgen.layout.tagging import leaves
from reportgen.model import validate
from reportgen.spec import load_spec
from reportgen.theme import build_theme


def test_a_photo_never_splits_a_bullet_list(write_spec):
    spec = write_spec("""\
meta: {title: T, organization: O}
sections:
  - type: pillar
    number: 1
    title: P
    body: |
      Intro.

      - one
      - two
      - three
      - four

      Outro.
    images: [{file: assets/photos/photo.jpg, alt: A photo}]
""")
    report, _ = validate(load_spec(spec))
    story = build_story(report, build_theme(report), PageGeometry.from_page(report.page), ImageStore())
    kinds = ["photo" if isinstance(f, Photo) else "item" if getattr(f, "label", None) else "text"
             for f in leaves(story.flowables) if isinstance(f, Photo) or hasattr(f, "semantics")]
    body = kinds[kinds.index("text", 1):] if "text" in kinds[1:] else kinds
    assert "item photo item" not in " ".join(body)
    assert body.count("photo") == 1
