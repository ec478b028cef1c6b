#!/usr/bin/env python3
"""Render docs/gallery: every spec there built with reportgen, its first page as a PNG beside it, and docs/gallery.md.

Usage: python scripts/make_gallery.py [--check]   (--check: exit 1 if a PNG or gallery.md is out of date)
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

import yaml
from PIL import Image, ImageChops

from reportgen.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery"
PAGE = ROOT / "docs" / "gallery.md"
DPI = 110
# a picture is current when at most this share of its pixels differ visibly (by more than CLEAR in a channel,
# 0..255) from a new rendering: anti-aliasing may move, a label or bar may not
TOLERANCE, CLEAR = 0.0005, 48
ORDER = ["column", "grouped", "stacked", "bar", "line", "donut", "table"]


def specs() -> list[Path]:
    found = sorted(GALLERY.glob("*.yaml"), key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem))
    return found


def render(spec: Path) -> Image.Image:
    """The spec's first page, without its footer (the page's bottom margin cropped off)."""
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as folder:
        result = build(spec, Path(folder) / "gallery.pdf")
        if result.warnings:
            raise SystemExit(f"{spec.name}: " + "; ".join(str(w) for w in result.warnings))
        document = pdfium.PdfDocument(str(result.output))
        try:
            page = document[0]
            image = page.render(scale=DPI / 72).to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
    margins = (yaml.safe_load(spec.read_text(encoding="utf-8")).get("page") or {}).get("margins") or {}
    bottom = float(str(margins.get("bottom", "0.9in")).removesuffix("in")) * DPI
    return image.crop((0, 0, image.width, image.height - int(bottom)))


def markdown(rendered: list[Path]) -> str:
    lines = ["# Gallery", "",
             "Every chart type and a table, as reportgen draws them: each picture is the first page of the spec",
             "beside it in `docs/gallery/`, built and rendered by `make gallery` (scripts/make_gallery.py; a test",
             "checks the pictures are current). Colours, fonts and sizes are the shipped stylesheet's.", ""]
    for spec in rendered:
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        section = data["sections"][0]
        lines += [f"## {section['title']}", "", f"![{section['title']}](gallery/{spec.stem}.png)", "",
                  f"From [`gallery/{spec.name}`](gallery/{spec.name}):", "", "```yaml",
                  yaml.safe_dump({key: section[key] for key in ("charts", "tables") if key in section},
                                 sort_keys=False, allow_unicode=True, width=100).rstrip(), "```", ""]
    return "\n".join(lines)


def differs(image: Image.Image, path: Path) -> bool:
    if not path.is_file():
        return True
    with Image.open(path) as kept:
        if kept.size != image.size:
            return True
        difference = ImageChops.difference(kept.convert("RGB"), image).convert("L")
        visible = sum(difference.point(lambda value: 255 if value > CLEAR // 3 else 0).histogram()[255:])
        return visible / (image.width * image.height) > TOLERANCE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a picture or gallery.md is out of date")
    arguments = parser.parse_args(argv)
    stale = []
    found = specs()
    for spec in found:
        image = render(spec)
        target = spec.with_suffix(".png")
        if differs(image, target):
            stale.append(target)
            if not arguments.check:
                buffer = io.BytesIO()
                image.save(buffer, "PNG", optimize=True)
                target.write_bytes(buffer.getvalue())
    page = markdown(found)
    if not PAGE.is_file() or PAGE.read_text(encoding="utf-8") != page:
        stale.append(PAGE)
        if not arguments.check:
            PAGE.write_text(page, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if arguments.check else 'updated'}: {path.relative_to(ROOT)}")
    return 1 if arguments.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
