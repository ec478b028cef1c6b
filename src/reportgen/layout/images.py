"""Images: checked photo files in, upright, flattened JPEG/PNG encodings sized for their placement out.

Before layout every image is opened and decoded once at a small scale, so a damaged file is
reported together with all the others (bytes an earlier build proved intact are not decoded again). Each placement is then decoded at (JPEG draft mode) and
resampled to the resolution its placed size needs: 150 ppi on screen, 300 ppi in print. Memory
stays bounded for huge photos, and encodings are cached on disk by content hash and size. In print mode photos are
converted to CMYK through an ICC transform when an output profile is given (from the image's
embedded profile, or sRGB), else with the theme's plain formula (greys stay K only).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader

from reportgen.cache import read_cached, write_cached
from reportgen.diagnostics import Diagnostic, ReportError, Severity, SpecPath
from reportgen.imaging import open_image
from reportgen.model.types import MAX_IMAGE_PIXELS
from reportgen.reportlab_adapter import drop_soft_mask

SCREEN_PPI = 150
PRINT_PPI = 300
PRINT_MIN_PPI = 150  # in print, a photo below this at its placed size is an error (between it and PRINT_PPI, a warning)
CACHE_VERSION = "1"
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_RESIZABLE = {"RGB", "RGBA", "L", "LA", "CMYK"}  # modes Pillow resamples with a proper filter


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    spec_path: SpecPath
    size: tuple[int, int]  # upright pixels
    photo: bool            # re-encoded as JPEG (photographs) rather than PNG (line art)
    digest: str

    @property
    def aspect(self) -> float:
        return self.size[0] / self.size[1]


@dataclass
class ImageStore:
    """Knows every image of the report and serves encodings for a placed size."""

    ppi: int = SCREEN_PPI
    cmyk: bool = False
    output_profile: Path | None = None  # a CMYK ICC profile: photos go through it in print mode
    intent: str = "relative"            # the rendering intent photos go through it with
    black_point_compensation: bool = True
    profile_digest: str | None = None
    cache_dir: Path | None = None
    infos: dict[Path, ImageInfo] = field(default_factory=dict)
    readers: dict[tuple[Path, int, int], ImageReader] = field(default_factory=dict)
    placed: dict[Path, tuple[float, float, float]] = field(default_factory=dict)  # lowest ppi, at width x height pt

    def load_all(self, requests: list[tuple[Path, SpecPath]]) -> None:
        problems = []
        for path, spec_path in requests:
            if path not in self.infos:
                try:
                    self.infos[path] = _inspect(path, spec_path, self.cache_dir)
                except ReportError as error:
                    problems += error.diagnostics
        if problems:
            raise ReportError(problems)

    def get(self, path: Path) -> ImageInfo:
        return self.infos[path]

    def reader(self, path: Path, width: float, height: float) -> tuple[ImageReader, tuple[int, int]]:
        """An ImageReader for `path` placed at width x height points, never upsampled."""
        info = self.infos[path]
        effective = min(info.size[0] / (width / 72), info.size[1] / (height / 72)) if width > 0 and height > 0 else 0.0
        if width > 0 and height > 0 and (path not in self.placed or effective < self.placed[path][0]):
            self.placed[path] = (effective, width, height)
        target = (max(1, round(width / 72 * self.ppi)), max(1, round(height / 72 * self.ppi)))
        target = (min(target[0], info.size[0]), min(target[1], info.size[1]))
        key = (path, *target)
        if key not in self.readers:
            self.readers[key] = EncodedImage(self._encoded(info, target))
        return self.readers[key], target

    def sources(self) -> dict[bytes, str]:
        """Each encoding's SHA-256 -> where it came from ('small.jpg (sections[2].images[0])'), for print
        preflight to name an embedded image by its file; names only, so no folder enters the PDF."""
        from reportgen.diagnostics import format_path

        found = {}
        for (path, _, _), reader in sorted(self.readers.items(), key=lambda item: (str(item[0][0]), item[0][1:])):
            digest = getattr(reader, "content_digest", None)
            if digest is not None:
                spec_path = format_path(self.infos[path].spec_path)
                found.setdefault(digest, f"{path.name} ({spec_path})" if spec_path else path.name)
        return found

    def resolution_problems(self) -> list[Diagnostic]:
        """In print (ppi = PRINT_PPI), each image drawn below the resolution it needs at its placed size (its
        smallest placement, covers and cropped pictures included), named by its file at its spec path: below
        PRINT_MIN_PPI an error, below PRINT_PPI a warning. On screen the photo blocks warn as they draw."""
        problems: list[Diagnostic] = []
        if self.ppi < PRINT_PPI:
            return problems
        for path, (effective, width, height) in self.placed.items():
            info = self.infos[path]
            needed = f"{round(width / 72 * self.ppi)} x {round(height / 72 * self.ppi)} pixels"
            shown = f"{path.name} is {effective:.0f} ppi at its placed size ({width / 72:.2f} x {height / 72:.2f} in)"
            if effective < PRINT_MIN_PPI:
                problems.append(Diagnostic(f"{shown}: below the {PRINT_MIN_PPI} ppi print needs (target {self.ppi} ppi)",
                                           info.spec_path, f"supply a photo of at least {needed}, or place it smaller",
                                           severity=Severity.ERROR))
            elif round(effective) < self.ppi:
                problems.append(Diagnostic(f"{shown} (target {self.ppi} ppi)", info.spec_path,
                                           f"supply {needed} for sharp print", severity=Severity.WARNING))
        return problems

    def rendition(self, path: Path, pixels: tuple[int, int] | None = None) -> Image.Image:
        """The image as it will be embedded at `pixels` (default: its full upright size)."""
        info = self.infos[path]
        return Image.open(io.BytesIO(self._encoded(info, pixels or info.size)))

    def _profile_digest(self) -> str:
        """The output profile's hash, for cache names; read once per store."""
        if self.profile_digest is None:
            assert self.output_profile is not None
            self.profile_digest = hashlib.sha256(self.output_profile.read_bytes()).hexdigest()[:12]
        return self.profile_digest

    def _encoded(self, info: ImageInfo, target: tuple[int, int]) -> bytes:
        cache = None
        if self.cache_dir is not None:
            space = "cmyk" if self.cmyk else "rgb"
            if self.cmyk and self.output_profile is not None:
                space += "-" + self._profile_digest() + "-" + self.intent + ("-bpc" if self.black_point_compensation else "")
            name = f"{info.digest}-{target[0]}x{target[1]}-{space}-{self.ppi}-v{CACHE_VERSION}"
            cache = self.cache_dir / (name + (".jpg" if info.photo else ".lossless"))
            cached = read_cached(cache)
            if cached is not None:
                return cached
        from PIL import ImageCms  # (encoding only: a warm build's encodings all come from the cache)

        try:
            data = _encode(info, target, self.cmyk, self.ppi, self.output_profile,
                           (self.intent, self.black_point_compensation))
        except (OSError, ValueError, ImageCms.PyCMSError) as error:
            raise ReportError([Diagnostic(f"{info.path.name} could not be converted: {error}", info.spec_path,
                                          "export it again as an RGB or CMYK JPEG")]) from None
        if cache is not None:
            write_cached(cache, data)
        return data


class EncodedImage(ImageReader):
    """One encoding, as ReportLab draws it. ReportLab names an image by hashing its decoded pixels
    (getRGBData), which decodes a JPEG only to name it, although the JPEG is embedded as it is;
    the encoding's own hash names it as well, and the pixels are never decoded."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.content_digest = hashlib.sha256(data).digest()

    def getRGBData(self) -> bytes:  # noqa: N802 (ReportLab's name)
        if self.jpeg_fh() is None:
            return super().getRGBData()  # lossless: the pixels are what gets embedded
        drop_soft_mask(self)  # a JPEG has no alpha
        return self.content_digest


def _open(source: Path | io.BytesIO) -> Image.Image:
    """The image, header read, under reportgen's pixel limit (Pillow's global one is left alone)."""
    return open_image(io.BytesIO(source.read_bytes()) if isinstance(source, Path) else source, MAX_IMAGE_PIXELS)


def _inspect(path: Path, spec_path: SpecPath, cache_dir: Path | None = None) -> ImageInfo:
    """Read the header, then decode the whole file at a reduced scale to prove it is intact. Bytes
    proved intact before (their hash is in the cache) are not decoded again."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError([Diagnostic(f"{path.name} could not be read: {error.strerror}", spec_path)]) from None
    digest = hashlib.sha256(data).hexdigest()[:20]
    record = cache_dir / f"{digest}-inspected-v{CACHE_VERSION}.json" if cache_dir is not None else None
    if record is not None:
        try:
            known = json.loads(read_cached(record) or b"null")
            return ImageInfo(path, spec_path, (int(known["width"]), int(known["height"])), bool(known["photo"]), digest)
        except (ValueError, KeyError, TypeError):
            pass  # not seen before, or not a valid record: inspect
    try:
        image = _open(io.BytesIO(data))  # the bytes are read once: hashed for the cache and decoded
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
        photo = image.format == "JPEG"
        if photo:
            image.draft(image.mode if image.mode in ("RGB", "L", "CMYK") else "RGB",
                        (max(1, width // 8), max(1, height // 8)))
        image.load()
        if not photo:
            photo = _looks_photographic(image)
        image.close()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ReportError([Diagnostic(f"{path.name} could not be decoded: {error}", spec_path,
                                      "the file is damaged or truncated; export it again as JPEG or PNG")]) from None
    size = (height, width) if orientation in _ROTATED else (width, height)
    if record is not None:
        write_cached(record, json.dumps({"width": size[0], "height": size[1], "photo": photo}).encode())
    return ImageInfo(path, spec_path, size, photo, digest)


def _encode(info: ImageInfo, target: tuple[int, int], cmyk: bool, ppi: int, output_profile: Path | None,
            rendering: tuple[str, bool] = ("relative", True)) -> bytes:
    from PIL import ImageOps  # Pillow's modules for re-encoding load only when an image is re-encoded

    image = _open(info.path)
    if image.format == "JPEG":
        stored = target if image.getexif().get(0x0112, 1) not in _ROTATED else (target[1], target[0])
        image.draft(image.mode if image.mode in ("RGB", "L", "CMYK") else "RGB", stored)
    image.load()
    source_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image) or image
    if image.mode in _RESIZABLE and image.size != target:  # shrink before the flattening copies
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if cmyk and output_profile is not None and image.mode != "CMYK":
        image = _to_profile(_flatten(image, False), source_profile, output_profile, rendering)
    else:
        image = _flatten(image, cmyk)
    if image.size != target:
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    buffer = io.BytesIO()
    if info.photo:
        image.save(buffer, "JPEG", quality=88, optimize=True, dpi=(ppi, ppi))
    elif image.mode == "CMYK":  # PNG has no CMYK; ReportLab embeds TIFF pixels losslessly as DeviceCMYK
        image.save(buffer, "TIFF", compression="tiff_deflate")
    else:
        image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def _flatten(image: Image.Image, cmyk: bool) -> Image.Image:
    """Any mode (palette, 16-bit, alpha, CMYK) to 8-bit RGB, or CMYK in print mode."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    if cmyk:
        return image if image.mode == "CMYK" else _naive_cmyk(image.convert("RGB"))
    return image.convert("RGB") if image.mode != "RGB" else image


def _naive_cmyk(image: Image.Image) -> Image.Image:
    """RGB to CMYK with full black generation (K = 1 - max(R, G, B)), the formula theme colours use:
    greys become K only. (Pillow's own convert sets K = 0 and makes every grey from C, M and Y.)"""
    from PIL import ImageMath

    red, green, blue = (channel.convert("F") for channel in image.split())
    black = ImageMath.lambda_eval(lambda a: 255 - a["max"](a["max"](a["r"], a["g"]), a["b"]), r=red, g=green, b=blue)
    room = ImageMath.lambda_eval(lambda a: a["max"](255 - a["k"], 1), k=black)  # 255 - K, never 0

    def ink(channel: Image.Image) -> Image.Image:
        value = ImageMath.lambda_eval(lambda a: (255 - a["c"] - a["k"]) * 255 / a["room"], c=channel, k=black, room=room)
        return value.convert("L")

    return Image.merge("CMYK", (ink(red), ink(green), ink(blue), black.convert("L")))


def _to_profile(image: Image.Image, source_profile: bytes | None, output_profile: Path,
                rendering: tuple[str, bool] = ("relative", True)) -> Image.Image:
    """RGB (or grey) to the output profile's CMYK from the image's own profile or sRGB, with `rendering`'s
    intent and black-point compensation (print.photo_intent; relative colorimetric with it by default)."""
    from PIL import ImageCms

    from reportgen.theme.separation import intent_number

    source = ImageCms.ImageCmsProfile(io.BytesIO(source_profile)) if source_profile else None
    if source is None or source.profile.xcolor_space.strip() != "RGB":
        source = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))  # a grey profile cannot describe RGB
    intent, black_point = rendering
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if black_point else ImageCms.Flags.NONE
    return ImageCms.profileToProfile(image, source, str(output_profile), outputMode="CMYK",
                                     renderingIntent=intent_number(intent), flags=flags)


def _looks_photographic(image: Image.Image) -> bool:
    """Many distinct colours means a photo (JPEG); few means line art (lossless)."""
    sample = image.convert("RGB") if image.mode not in ("RGB", "L") else image.copy()
    sample.thumbnail((128, 128))
    return sample.getcolors(maxcolors=2048) is None
