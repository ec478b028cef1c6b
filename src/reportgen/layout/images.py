"""Images: checked photo files in, upright, flattened, downsampled JPEG/PNG bytes sized for their placement.

Every image is decoded once before layout (so a corrupt file is reported with the others),
and re-encoded at the target resolution for the size it is placed at: 150 ppi on screen,
300 ppi in print. JPEG draft mode keeps memory bounded for huge photos.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

from reportgen.diagnostics import Diagnostic, ReportError, SpecPath
from reportgen.model.types import MAX_IMAGE_PIXELS

SCREEN_PPI = 150
PRINT_PPI = 300
MAX_PAGE_PIXELS = 3600  # the longest side any placement can need (12in at 300 ppi)
_RESIZABLE = {"RGB", "RGBA", "L", "LA", "CMYK"}  # modes Pillow resamples with a proper filter


@dataclass(frozen=True)
class LoadedImage:
    path: Path
    spec_path: SpecPath
    image: Image.Image
    original_size: tuple[int, int]
    photo: bool  # JPEG-like content (re-encoded as JPEG) rather than line art (kept lossless)

    @property
    def aspect(self) -> float:
        width, height = self.image.size
        return width / height


@dataclass
class ImageStore:
    """Loads each image file once and serves encodings for a placed size."""

    ppi: int = SCREEN_PPI
    cmyk: bool = False
    loaded: dict[Path, LoadedImage] = field(default_factory=dict)
    encoded: dict[tuple[Path, int, int], ImageReader] = field(default_factory=dict)

    def load_all(self, requests: list[tuple[Path, SpecPath]]) -> None:
        problems = []
        for path, spec_path in requests:
            if path in self.loaded:
                continue
            try:
                self.loaded[path] = self._load(path, spec_path)
            except ReportError as error:
                problems += error.diagnostics
        if problems:
            raise ReportError(problems)

    def get(self, path: Path) -> LoadedImage:
        return self.loaded[path]

    def reader(self, path: Path, width: float, height: float) -> tuple[ImageReader, tuple[int, int]]:
        """An ImageReader for `path` placed at width x height points."""
        source = self.loaded[path]
        target = (max(1, round(width / 72 * self.ppi)), max(1, round(height / 72 * self.ppi)))
        key = (path, *target)
        if key not in self.encoded:
            self.encoded[key] = ImageReader(io.BytesIO(self._encode(source, target)))
        return self.encoded[key], target

    def _load(self, path: Path, spec_path: SpecPath) -> LoadedImage:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS
                try:
                    image = Image.open(path)
                    original_size = image.size
                    photo = image.format == "JPEG"
                    if photo:
                        image.draft("RGB" if image.mode != "CMYK" else "CMYK", (MAX_PAGE_PIXELS, MAX_PAGE_PIXELS))
                    image.load()
                finally:
                    Image.MAX_IMAGE_PIXELS = previous
                image = ImageOps.exif_transpose(image)
                if image.mode in _RESIZABLE and max(image.size) > MAX_PAGE_PIXELS:  # shrink before copies
                    image.thumbnail((MAX_PAGE_PIXELS, MAX_PAGE_PIXELS), Image.Resampling.LANCZOS)
                image = _flatten(image, self.cmyk)
                if max(image.size) > MAX_PAGE_PIXELS:
                    image.thumbnail((MAX_PAGE_PIXELS, MAX_PAGE_PIXELS), Image.Resampling.LANCZOS)
                photo = photo or _looks_photographic(image)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            raise ReportError([Diagnostic(f"{path.name} could not be decoded: {error}", spec_path,
                                          "the file is damaged or truncated; export it again as JPEG or PNG")]) from None
        return LoadedImage(path, spec_path, image, original_size, photo)

    def _encode(self, source: LoadedImage, target: tuple[int, int]) -> bytes:
        image = source.image
        width, height = image.size
        if target[0] < width or target[1] < height:
            image = image.resize((min(target[0], width), min(target[1], height)), Image.Resampling.LANCZOS,
                                 reducing_gap=3.0)
        buffer = io.BytesIO()
        if source.photo:
            image.save(buffer, "JPEG", quality=88, optimize=True, dpi=(self.ppi, self.ppi))
        elif image.mode == "CMYK":  # PNG has no CMYK; ReportLab embeds TIFF pixels losslessly as DeviceCMYK
            image.save(buffer, "TIFF")
        else:
            image.save(buffer, "PNG", optimize=False, compress_level=6)
        return buffer.getvalue()


def _flatten(image: Image.Image, cmyk: bool) -> Image.Image:
    """Any mode (palette, 16-bit, alpha, CMYK) to 8-bit RGB, or CMYK in print mode."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image if image.mode == "RGBA" else image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    if cmyk:
        return image if image.mode == "CMYK" else image.convert("RGB").convert("CMYK")
    return image.convert("RGB") if image.mode != "RGB" else image


def _looks_photographic(image: Image.Image) -> bool:
    """Many distinct colours means a photo (JPEG); few means line art (lossless)."""
    sample = image.copy()
    sample.thumbnail((128, 128))
    colors = sample.getcolors(maxcolors=2048)
    return colors is None


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
