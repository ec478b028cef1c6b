"""Images: checked photo files in, upright, flattened, downsampled JPEG/PNG bytes sized for their placement.

Every image is decoded once before layout (so a corrupt file is reported with the others),
and re-encoded at the target resolution for the size it is placed at: 150 ppi on screen,
300 ppi in print. JPEG draft mode keeps memory bounded for huge photos. In print mode photos
are converted to CMYK through an ICC transform when an output profile is given (from the
image's embedded profile, or sRGB), else with Pillow's plain formula.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageMath, ImageOps
from reportlab.lib.utils import ImageReader

from reportgen.diagnostics import Diagnostic, ReportError, SpecPath
from reportgen.model.types import MAX_IMAGE_PIXELS

SCREEN_PPI = 150
PRINT_PPI = 300
MAX_PAGE_PIXELS = 3600  # the longest side any placement can need (12in at 300 ppi)


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
    output_profile: Path | None = None  # a CMYK ICC profile: photos go through it in print mode
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
                source_profile = image.info.get("icc_profile")
                if self.cmyk and self.output_profile is not None and image.mode != "CMYK":
                    image = _to_profile(_flatten(image, False), source_profile, self.output_profile)
                else:
                    image = _flatten(image, self.cmyk)
                if max(image.size) > MAX_PAGE_PIXELS:
                    image.thumbnail((MAX_PAGE_PIXELS, MAX_PAGE_PIXELS), Image.Resampling.LANCZOS)
                photo = photo or _looks_photographic(image)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, ImageCms.PyCMSError) as error:
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
        else:
            # lossless; PNG has no CMYK, so print line art goes as TIFF (ReportLab re-encodes it with Flate)
            if image.mode == "CMYK":
                image.save(buffer, "TIFF", compression="tiff_deflate")
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
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = background
    if cmyk:
        return image if image.mode == "CMYK" else _naive_cmyk(image.convert("RGB"))
    return image.convert("RGB") if image.mode != "RGB" else image


def _naive_cmyk(image: Image.Image) -> Image.Image:
    """RGB to CMYK with full black generation (K = 1 - max(R, G, B)), the formula theme colours use:
    greys become K only. (Pillow's own convert sets K = 0 and makes every grey from C, M and Y.)"""
    red, green, blue = (channel.convert("F") for channel in image.split())
    black = ImageMath.lambda_eval(lambda a: 255 - a["max"](a["max"](a["r"], a["g"]), a["b"]), r=red, g=green, b=blue)
    room = ImageMath.lambda_eval(lambda a: a["max"](255 - a["k"], 1), k=black)  # 255 - K, never 0

    def ink(channel: Image.Image) -> Image.Image:
        value = ImageMath.lambda_eval(lambda a: (255 - a["c"] - a["k"]) * 255 / a["room"], c=channel, k=black, room=room)
        return value.convert("L")

    return Image.merge("CMYK", (ink(red), ink(green), ink(blue), black.convert("L")))


def _to_profile(image: Image.Image, source_profile: bytes | None, output_profile: Path) -> Image.Image:
    """RGB (or grey) to the output profile's CMYK, perceptually, from the image's own profile or sRGB."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(source_profile)) if source_profile else None
    if source is None or source.profile.xcolor_space.strip() != "RGB":
        source = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))  # a grey profile cannot describe RGB
    return ImageCms.profileToProfile(image, source, str(output_profile), outputMode="CMYK",
                                     renderingIntent=ImageCms.Intent.PERCEPTUAL)


def _looks_photographic(image: Image.Image) -> bool:
    """Many distinct colours means a photo (JPEG); few means line art (lossless)."""
    sample = image.copy()
    sample.thumbnail((128, 128))
    colors = sample.getcolors(maxcolors=2048)
    return colors is None


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
