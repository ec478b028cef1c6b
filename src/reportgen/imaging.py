"""Opening images: an image file's bytes and a pixel limit in, a Pillow image (header read, pixels not decoded) out.

Pillow's Image.open checks every image against one process-wide limit, Image.MAX_IMAGE_PIXELS
(a warning above it, an error above twice it), and has no per-call limit. reportgen allows larger
photos than Pillow's default (JPEGs are decoded at a reduced scale) and must not change that global
for everyone else in the process, even for a moment (another thread may be opening an image). So
`open_image` does what Image.open does, through Pillow's registry of format readers, and checks
the size from the header against the limit it is given.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

from PIL import Image, ImageFile, UnidentifiedImageError


def open_image(stream: BinaryIO, max_pixels: int) -> ImageFile.ImageFile:
    """Identify and open the image in `stream` (which must stay open until the image is loaded).
    Raises Image.DecompressionBombError when it has more than `max_pixels` pixels,
    UnidentifiedImageError when no format reader recognises it."""
    start = stream.tell()
    prefix = stream.read(16)
    for load in (Image.preinit, Image.init):  # the common formats first, as Image.open does
        load()
        for name in list(Image.ID):
            factory, accept = Image.OPEN[name]
            try:
                verdict = accept(prefix) if accept else True
                if not verdict or isinstance(verdict, str):  # a string: "looks like it, but unsupported"
                    continue
                stream.seek(start)
                image = factory(stream, "")
            except (SyntaxError, IndexError, TypeError, struct.error):
                continue  # not this format after all (Image.open's rule)
            pixels = max(1, image.size[0]) * max(1, image.size[1])
            if pixels > max_pixels:
                raise Image.DecompressionBombError(f"image size ({pixels} pixels) exceeds the limit of {max_pixels} pixels")
            return image
    raise UnidentifiedImageError("cannot identify image file")
