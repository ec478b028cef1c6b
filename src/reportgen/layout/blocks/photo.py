"""Photos: an image reference in, the picture at its own aspect ratio with its caption below out."""

from __future__ import annotations

import copy

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import LayoutLog, SpecFlowable
from reportgen.layout.images import PRINT_PPI, ImageStore
from reportgen.layout.limits import MEASURE_HEIGHT, POINTS_PER_INCH, PPI_TOLERANCE
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.layout.tagging import DECORATION, Semantics, layout_box, tagged
from reportgen.model.report import ImageRef
from reportgen.reportlab_adapter.platypus import ImageBesideText
from reportgen.theme import Theme


class Photo(ImageBesideText, SpecFlowable):
    """Never stretched: scaled to the frame width, or narrower when `max_height` binds.
    A Figure with the spec's alt text, then its Caption; without alt text (or `alt: ""`) the picture is an
    artifact (its caption still a Caption)."""

    def __init__(self, theme: Theme, image: ImageRef, store: ImageStore, spec_path: SpecPath, log: LayoutLog,
                 max_height: float | None = None, width: float | None = None, frame_height: float | None = None):
        super().__init__()
        self.theme, self.image, self.store, self.spec_path, self.log = theme, image, store, spec_path, log
        self.box = theme.measures.box("photo")  # the stylesheet's photo: measured and drawn alike
        self.max_height = max_height or theme.measures.image_max_height
        self.frame_height = frame_height  # a picture never grows taller than a page's frame holds
        self.fixed_width = width
        # the caption is a Caption after its Figure, not inside it: a Figure's Alt stands for all it holds, so
        # a caption inside would never be read; a decorative picture's caption is still a caption
        self.caption_semantics = Semantics("Caption", lang=image.language) if image.caption else None
        self.figure = Semantics("Figure", alt=image.alt, lang=image.language) if image.alt else None
        self.semantics = Semantics(children=tuple(part for part in (self.figure, self.caption_semantics) if part))
        self.caption = Paragraph(plain(image.caption), theme.styles.caption) if image.caption else None
        self.floated = False  # spread through the text by the layout: read after it, where the spec lists it
        self.spaceBefore = self.box.space_before
        self.spaceAfter = theme.measures.block_gap

    def _picture_size(self, available_width: float, caption_height: float = 0.0) -> tuple[float, float]:
        aspect = self.store.get(self.image.file).aspect
        width = min(self.fixed_width, available_width) if self.fixed_width else available_width
        height = width / aspect
        tallest = self.max_height
        if self.frame_height is not None:  # a tall photo on a small page: scaled to what the frame holds
            room = self.frame_height - caption_height - self.spaceBefore - self.spaceAfter
            # past photo.min_size a caption too long for its page is the problem: reported as too tall
            tallest = min(tallest, max(room, self.box.min_size))
        if height > tallest:
            height = tallest
            width = height * aspect
        return (width, height)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.fixed_width, available_width) if self.fixed_width else available_width
        caption_height = self.caption.wrap(self.width, MEASURE_HEIGHT)[1] + self.box.gap if self.caption else 0
        self.picture = self._picture_size(available_width, caption_height)
        self.height = self.picture[1] + caption_height
        return (self.width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def shrunk(self, available_width: float, available_height: float, canvas: object) -> "Photo | None":
        """A copy of the photo set smaller to fit `available_height`, when that keeps at least the stylesheet's
        `photo.floor` of its height (None otherwise, or without a floor)."""
        if not self.box.floor or not self.frame_height:
            return None
        full = self.wrapOn(canvas, available_width, available_height)[1] - self.picture[1]  # caption and gap
        room = available_height - full - self.spaceBefore
        if room < self.picture[1] * self.box.floor or room >= self.picture[1]:
            return None
        smaller = copy.copy(self)
        smaller.max_height = room
        if smaller.wrapOn(canvas, available_width, available_height)[1] + self.spaceBefore > available_height:
            return None
        return smaller

    def draw(self) -> None:
        width, height = self.picture
        reader, pixels = self.store.reader(self.image.file, width, height)  # in print the store judges resolution
        source = self.store.get(self.image.file).size
        effective = min(source[0] / (width / POINTS_PER_INCH), source[1] / (height / POINTS_PER_INCH))
        if self.store.ppi < PRINT_PPI and effective < self.store.ppi * PPI_TOLERANCE:
            self.log.warn(f"{self.image.file.name} is {effective:.0f} ppi at its placed size "
                          f"(target {self.store.ppi} ppi)", self.spec_path + ("file",),
                          "supply a larger photo for sharp print")
        top = self.height
        canvas = self.canv
        left = (self.width - width) / 2 if self.fixed_width else 0.0  # a narrow picture centres in its slot
        with tagged(canvas, self.figure or DECORATION):
            canvas.drawImage(reader, left, top - height, width, height)
        layout_box(canvas, self.figure, left, top - height, width, height)
        if self.caption is not None and self.caption_semantics is not None:
            caption_height = self.caption.wrap(self.width, MEASURE_HEIGHT)[1]
            with tagged(canvas, self.caption_semantics):
                self.caption.drawOn(canvas, 0, top - height - self.box.gap - caption_height)
