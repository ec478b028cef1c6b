"""The `letter` block: a letter section in, a signed letter with an optional portrait beside it out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import SpecPath
from reportgen.model.base import Model
from reportgen.model.parts import ImageField, SectionBase
from reportgen.model.types import Rich, Text, Words
from reportgen.sections.block import Block

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext

PORTRAIT_WIDTH = 150.0


class Signature(Model):
    name: Text
    role: Text = ""


class Letter(SectionBase):
    type: Literal["letter"]
    title: Words
    body: Rich
    signature: Signature | None = None
    image: ImageField | None = None


NOTES = {
    "Letter.type": ("`letter`: a signed letter, with an optional portrait.", "letter"),
    "Letter.title": ("The letter's heading.", "A Message from the Superintendent"),
    "Letter.body": ("The letter's text.", "Dear community, ..."),
    "Letter.signature": ("Name and role under the letter.", "{name: Debra Duardo, role: Superintendent}"),
    "Letter.image": ("A portrait beside the letter.", "assets/photos/superintendent.jpg"),
    "Signature.name": ("Who signs the letter.", "Debra Duardo, M.S.W., Ed.D."),
    "Signature.role": ("Their title, under the name.", "Superintendent of Schools"),
}


def layout(section: Letter, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import KeepTogether
    from reportlab.platypus.flowables import ImageAndFlowables

    from reportgen.layout.markup import plain
    from reportgen.layout.tagging import TaggedParagraph
    from reportgen.theme.styles import with_alignment

    styles = build.theme.styles
    paragraphs = build.body(section.body, path + ("body",))
    salutation = paragraphs[0] if paragraphs else None
    if isinstance(salutation, TaggedParagraph) and salutation.words.endswith((",", ":")):
        salutation.style = with_alignment(salutation.style, "left")  # "Dear ...," is addressed, not justified
    letter: list[Flowable] = []  # set at the measure of one-column text; the portrait hangs beyond it
    if section.image is not None:
        portrait = build.photo(section.image, path + ("image",), width=PORTRAIT_WIDTH, max_height=PORTRAIT_WIDTH * 1.4)
        lead_count = min(len(paragraphs), 4)
        letter.append(ImageAndFlowables(portrait, paragraphs[:lead_count], imageLeftPadding=16,
                                        imageRightPadding=-build.hang, imageSide="right"))
        letter += paragraphs[lead_count:]
    else:
        letter += paragraphs
    if section.signature is not None:
        letter.append(KeepTogether([
            TaggedParagraph(plain(section.signature.name), styles.signature_name),
            TaggedParagraph(plain(section.signature.role), styles.signature_role)]))
    return [build.title(section.title)] + build.measured(letter)  # the title spans the text area


BLOCK = Block("letter", Letter, layout, order=30, notes=NOTES,
              sample={"type": "letter", "title": "Sample Letter", "body": "Dear reader, sample letter text.",
                      "signature": {"name": "Sample Signer", "role": "Sample Role"}})
