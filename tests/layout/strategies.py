"""Hypothesis strategies for the layout fuzzer: random *valid* specs (dicts) in, built or validated outcomes out.

`specs()` draws a report across every section type and every field that changes the layout:
page sizes and margins, text size and leading, columns, subsections, photos of extreme aspect
ratios and sizes, 0-12 stats with short and long figures, long and empty rich text (bullets,
bold, links to the sections' own ids), cards, pies of 1-12 slices, footers with placeholders,
print mode. Photos are named by their pixel size (`assets/p-40x1-RGB.png`) and made by
`materialize` in the example's own folder. `build_outcome` builds one spec in-process under a
time bound and returns None for an acceptable outcome (a PDF, or located errors) or a short
description of the failure.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import tempfile
import traceback
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfbase.ttfonts import TTFont

from reportgen.model.figures import largest_remainder
from reportgen.model.units import PAGE_SIZES
from reportgen.theme.fonts import shipped_font

TIME_BOUND = float(os.environ.get("REPORTGEN_FUZZ_SECONDS", 20))  # per example


def fuzz(examples: int, *, shrink: bool = True) -> settings:
    """The same examples on every run; REPORTGEN_FUZZ_EXAMPLES=N REPORTGEN_FUZZ_RANDOM=1 explores further.
    shrink=False skips shrinking (for tests expected to fail today, so a failing run stays short)."""
    examples = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", examples))
    explore = bool(os.environ.get("REPORTGEN_FUZZ_RANDOM"))
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    return settings(max_examples=examples, deadline=None, derandomize=not explore, database=None, phases=phases,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.large_base_example])


# ---------------------------------------------------------------- words and text

def _alphabet() -> str:
    """Non-ASCII letters and punctuation that every shipped font draws (so coverage never fails)."""
    names = ("OpenSans-Regular.ttf", "OpenSans-Bold.ttf", "OpenSans-Italic.ttf", "OpenSans-BoldItalic.ttf",
             "Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Black.ttf", "Lato-Light.ttf")
    faces = [TTFont(f"layout-fuzz-{name}", str(shipped_font(name))).face.charToGlyph for name in names]
    return "".join(chr(code) for code in range(0xA1, 0x2100)
                   if all(code in face for face in faces) and unicodedata.category(chr(code))[0] in "LNPS")


UNICODE = _alphabet()
COMMON = ("the", "of", "and", "students", "education", "county", "schools", "program", "support", "learning",
          "district", "teachers", "families", "community", "we", "a", "year", "new", "services", "budget",
          "mental", "health", "early", "literacy", "achievement", "improvement", "professional", "development")
UNBREAKABLE = ("x", "Supercalifragilistic", "W", "ab-")

# Each piece of text is drawn as a word count and a seed, then spelled out with random.Random(seed):
# a few hypothesis draws per text instead of one per word (drawing dominated the run time), and a
# shrunk example still reads as words ("the the the").


def _word(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.80:
        word = rng.choice(COMMON)
        return word.capitalize() if rng.random() < 0.2 else word
    if roll < 0.90:
        return "".join(rng.choice(UNICODE) for _ in range(rng.randint(1, 10)))
    if roll < 0.97:
        return str(rng.randint(0, 10**6))
    return rng.choice(UNBREAKABLE) * rng.randint(4, 12)


def words(draw, low: int, high: int) -> str:
    count, seed = draw(st.integers(low, high)), draw(st.integers(0, 2**16))
    rng = random.Random(seed)
    return " ".join(COMMON[0] if seed == 0 else _word(rng) for _ in range(count))


def title(draw) -> str:
    return words(draw, 1, draw(st.sampled_from((5, 16))))


def long_text(draw, max_repeat: int = 40) -> str:
    """A sentence repeated: long paragraphs cost few hypothesis bytes."""
    return " ".join([words(draw, 1, 12)] * draw(st.integers(1, max_repeat)))


INLINE_KINDS = st.sampled_from(["plain", "plain", "plain", "plain", "long", "bold", "italic", "link", "internal",
                                "url", "email"])


def inline(draw, ids: tuple[str, ...]) -> str:
    """One paragraph's worth of inline markup: plain, bold, italic, links out and to section ids."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(INLINE_KINDS)
        text = words(draw, 1, 8)
        if kind == "long":
            parts.append(long_text(draw))
        elif kind == "bold":
            parts.append(f"**{text}**")
        elif kind == "italic":
            parts.append(f"*{text}*")
        elif kind == "link":
            parts.append(f"[{text}](https://example.org/{text.split()[0]})")
        elif kind == "internal" and ids:
            parts.append(f"[{text}](#{draw(st.sampled_from(ids))})")
        elif kind == "url":
            parts.append("www.lacoe.edu")
        elif kind == "email":
            parts.append("info@lacoe.edu")
        else:
            parts.append(text)
    return " ".join(parts)


def rich(draw, ids: tuple[str, ...], allow_empty: bool = True) -> str:
    """Paragraphs and bullet lists separated by blank lines; sometimes empty."""
    if allow_empty and draw(st.integers(0, 5)) == 0:
        return ""
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            blocks.append(inline(draw, ids))
        else:
            blocks.append("\n".join(f"- {inline(draw, ids)}" for _ in range(draw(st.integers(1, 6)))))
    return "\n\n".join(blocks)


def chance(draw, one_in: int = 2) -> bool:
    return draw(st.integers(0, one_in - 1)) == 0


# ---------------------------------------------------------------- photos, stats, pies

PHOTO_SIZES = ((1, 1), (1, 40), (40, 1), (3000, 20), (20, 3000), (2, 900), (900, 2), (300, 200), (200, 300),
               (64, 64), (1200, 800), (600, 1800), (2400, 600))
PHOTO_KINDS = (("RGB", "jpg"), ("L", "jpg"), ("CMYK", "jpg"), ("RGB", "png"), ("RGBA", "png"), ("P", "png"),
               ("LA", "png"))
PHOTO_NAME = re.compile(r"^assets/p-(\d+)x(\d+)-(\w+)\.(jpg|png)$")
PHOTO_FORMS = st.sampled_from(["path", "alt", "caption", "decorative"])


def photo(draw, with_caption: bool = True) -> object:
    width, height = draw(st.sampled_from(PHOTO_SIZES))
    mode, extension = draw(st.sampled_from(PHOTO_KINDS))
    path = f"assets/p-{width}x{height}-{mode}.{extension}"
    form = draw(PHOTO_FORMS)
    if form == "path":
        return path
    image: dict[str, object] = {"file": path, "alt": "" if form == "decorative" else words(draw, 1, 6)}
    if with_caption and form == "caption":
        image["caption"] = long_text(draw, 20) if chance(draw, 4) else words(draw, 1, 8)
    return image


def photos(draw, most: int) -> list:
    return [photo(draw) for _ in range(draw(st.integers(0, most)))]


@lru_cache(maxsize=None)
def photo_bytes(width: int, height: int, mode: str, extension: str) -> bytes:
    """A gradient (so JPEG has something to encode) of the given size and mode."""
    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    buffer = BytesIO()
    image.save(buffer, "JPEG" if extension == "jpg" else "PNG", quality=70)
    return buffer.getvalue()


FIGURES = ("97%", "6,000", "$2.5 Million", "1", "80", "$627 Million", "2 Million", "465", "0", "+12%")
FIGURE_CHARACTERS = "0123456789$%,.+MKBk "


def figure(draw) -> str:
    kind = draw(st.integers(0, 3))
    if kind < 2:
        return draw(st.sampled_from(FIGURES))
    count, seed = draw(st.integers(1, 12 if kind == 2 else 80)), draw(st.integers(0, 2**16))
    rng = random.Random(seed)
    text = "".join(rng.choice(FIGURE_CHARACTERS) for _ in range(count)).strip()
    return text or "7"


def stat(draw) -> dict:
    result: dict[str, object] = {"value": figure(draw)}
    if not chance(draw, 4):
        result["label"] = "" if chance(draw, 5) else words(draw, 1, 10)
    if chance(draw, 3):
        result["heading"] = words(draw, 1, 4)
    return result


def stats(draw, most: int = 12) -> list:
    return [stat(draw) for _ in range(draw(st.integers(0, most)))]


AMOUNT = st.one_of(st.integers(1, 1000), st.floats(0.01, 1e9, allow_nan=False, allow_infinity=False),
                   st.sampled_from([0.5, 303, 147, 118, 59]))
EXTREME_AMOUNT = st.sampled_from([1e-300, 1e-9, 1e17, 1e300])  # one slice in 15: they stop a build early today
DISPLAYS = st.sampled_from(["$303 Million", "$1", "12.5 K", "$1,234,567,890.12"])


def pie(draw) -> dict:
    """1 to 12 slices (one slice is refused by the model: a located error), amounts from 1e-300 to 1e300,
    percentages stated for none, all or some slices (as the amounts give them, so they are consistent)."""
    amounts = [draw(EXTREME_AMOUNT if chance(draw, 15) else AMOUNT)
               for _ in range(1 if chance(draw, 12) else draw(st.integers(2, 12)))]
    slices = [{"label": words(draw, 1, 6), "amount": amount} for amount in amounts]
    for slice_ in slices:
        if chance(draw):
            slice_["display"] = draw(DISPLAYS) if chance(draw) else words(draw, 1, 4)
        if chance(draw, 6):
            slice_["color"] = draw(COLOR)
    stated = draw(st.sampled_from(["none", "all", "some"]))
    whole = sum(amounts)
    if stated != "none" and whole != float("inf"):
        percents = largest_remainder([100.0 * a / whole for a in amounts])
        for slice_, percent in zip(slices, percents):
            if stated == "all" or chance(draw):
                slice_["percent"] = percent
    result: dict[str, object] = {"slices": slices}
    if chance(draw):
        result["total"] = draw(st.sampled_from(["$627 Million", "100%"])) if chance(draw) else words(draw, 1, 4)
    if chance(draw):
        result["title"] = title(draw)
    return result


COLOR = st.one_of(st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}"),
                  st.tuples(*[st.integers(0, 100)] * 4).map(lambda c: "cmyk({}, {}, {}, {})".format(*c)))


# ---------------------------------------------------------------- sections

def maybe(draw, target: dict, key: str, make) -> None:  # type: ignore[no-untyped-def]
    """Half the time, target[key] = make() (a function of nothing, so nothing is drawn otherwise)."""
    if chance(draw):
        target[key] = make()


def subsection(draw, ids: tuple[str, ...]) -> dict:
    result: dict[str, object] = {"title": title(draw)}
    maybe(draw, result, "body", lambda: rich(draw, ids))
    maybe(draw, result, "stats", lambda: stats(draw, 6))
    maybe(draw, result, "images", lambda: photos(draw, 3))
    return result


def card(draw, ids: tuple[str, ...]) -> dict:
    result: dict[str, object] = {"title": title(draw)}
    maybe(draw, result, "body", lambda: rich(draw, ids))
    maybe(draw, result, "stat", lambda: stat(draw))
    if chance(draw, 4):
        result["wide"] = draw(st.booleans())
    return result


def section(draw, kind: str, ids: tuple[str, ...], number: int) -> dict:
    result: dict[str, object] = {"type": kind}
    if kind == "cover":
        maybe(draw, result, "title", lambda: title(draw))
        maybe(draw, result, "subtitle", lambda: words(draw, 1, draw(st.sampled_from((8, 24)))))
        maybe(draw, result, "organization", lambda: words(draw, 1, 8))
        maybe(draw, result, "year", lambda: draw(st.sampled_from(["2023-24", "2024"])))
        maybe(draw, result, "image", lambda: photo(draw, with_caption=False))
        maybe(draw, result, "background", lambda: draw(COLOR))
        return result
    if kind == "contents":
        maybe(draw, result, "title", lambda: title(draw))
        return result
    if kind == "quote":
        result["text"] = long_text(draw, 8) if chance(draw, 4) else words(draw, 1, 20)
        maybe(draw, result, "author", lambda: words(draw, 1, 5))
        maybe(draw, result, "background", lambda: draw(COLOR))
        return result
    if kind == "back_cover":
        maybe(draw, result, "organization", lambda: words(draw, 1, 8))
        maybe(draw, result, "address", lambda: [words(draw, 1, 8) for _ in range(draw(st.integers(0, 6)))])
        maybe(draw, result, "url", lambda: "www.lacoe.edu")
        maybe(draw, result, "email", lambda: "info@lacoe.edu")
        maybe(draw, result, "phone", lambda: "(562) 922-6111")
        maybe(draw, result, "logo", lambda: photo(draw, with_caption=False))
        maybe(draw, result, "background", lambda: draw(COLOR))
        return result
    result["title"] = title(draw)
    if kind == "letter":
        result["body"] = rich(draw, ids, allow_empty=False)
        if chance(draw):
            result["signature"] = {"name": words(draw, 1, 5), "role": words(draw, 0, 6)}
        maybe(draw, result, "image", lambda: photo(draw))
    elif kind in ("text", "closing"):
        maybe(draw, result, "lead", lambda: rich(draw, ids))
        maybe(draw, result, "body", lambda: rich(draw, ids))
        maybe(draw, result, "columns", lambda: draw(st.sampled_from([1, 2])))
        maybe(draw, result, "stats", lambda: stats(draw))
        maybe(draw, result, "images", lambda: photos(draw, 4))
        maybe(draw, result, "color", lambda: draw(COLOR))
        maybe(draw, result, "subsections", lambda: [subsection(draw, ids) for _ in range(draw(st.integers(0, 5)))])
    elif kind == "cards":
        maybe(draw, result, "lead", lambda: rich(draw, ids))
        maybe(draw, result, "columns", lambda: draw(st.sampled_from([2, 3])))
        result["cards"] = [card(draw, ids) for _ in range(draw(st.integers(1, 9)))]
    elif kind == "pillars_overview":
        maybe(draw, result, "lead", lambda: rich(draw, ids))
        maybe(draw, result, "body", lambda: rich(draw, ids))
    elif kind == "pillar":
        result["number"] = number
        maybe(draw, result, "color", lambda: draw(COLOR))
        maybe(draw, result, "goal", lambda: rich(draw, ids))
        maybe(draw, result, "lead", lambda: rich(draw, ids))
        maybe(draw, result, "stats", lambda: stats(draw))
        maybe(draw, result, "body", lambda: rich(draw, ids))
        maybe(draw, result, "images", lambda: photos(draw, 4))
    elif kind == "financials":
        maybe(draw, result, "lead", lambda: rich(draw, ids))
        maybe(draw, result, "body", lambda: rich(draw, ids))
        maybe(draw, result, "stats", lambda: stats(draw))
        maybe(draw, result, "pie", lambda: pie(draw))
    return result


BODY_KINDS = st.sampled_from(("letter", "quote", "text", "closing", "cards", "pillars_overview", "pillar",
                              "financials"))
LENGTH_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4}
NAMED_SIZES = st.sampled_from(["letter", "a4", "legal", "tabloid", "a3", "a5", "custom", "custom"])
CUSTOM_SIDE = st.sampled_from([72.5, 144.0, 288.0, 14399.0]) | st.floats(108, 2400)


def length(points: float, unit: str) -> str:
    return f"{points / LENGTH_UNITS[unit]:.3f}{unit}"


def page(draw) -> dict:
    """A named or custom size (1in to 200in), and margins that leave the 1in each way the model asks for."""
    named = draw(NAMED_SIZES)
    result: dict[str, object] = {}
    if named == "custom":
        unit = draw(st.sampled_from(sorted(LENGTH_UNITS)))
        result["size"] = [length(draw(CUSTOM_SIDE), unit) for _ in range(2)]
        width, height = (float(text[:-len(unit)]) * LENGTH_UNITS[unit] for text in result["size"])  # as parsed
    else:
        result["size"] = named
        width, height = PAGE_SIZES[named]
    if chance(draw) or width - 64.8 - 50.4 < 72 or height - 54 - 64.8 < 72:  # the defaults leave too little
        margins = {}
        for side, room in (("top", height), ("bottom", height), ("inside", width), ("outside", width)):
            spare = max(room - 73.0, 0.0) / 2  # both margins of a pair together leave more than 1in
            margins[side] = length(draw(st.floats(0, min(spare, 200.0))), "pt")
        result["margins"] = margins
    maybe(draw, result, "bleed", lambda: draw(st.sampled_from(["0pt", "0.125in", "3mm", "0.5in"])))
    maybe(draw, result, "safe_zone", lambda: draw(st.sampled_from(["0pt", "0.125in", "0.25in"])))
    return result


FOOTER_PARTS = st.sampled_from(["{page}", "{title}", "{subtitle}", "{organization}", "{year}", "  |  ", "{{", "}}",
                                "Page", " ", "WORDS"])


def footer(draw) -> dict:
    result = {}
    for side in ("even", "odd"):
        if chance(draw):
            parts = [draw(FOOTER_PARTS) for _ in range(draw(st.integers(0, 6)))]
            result[side] = "".join(words(draw, 1, 3).replace("{", "").replace("}", "") if part == "WORDS" else part
                                   for part in parts)
    return result


@st.composite
def specs(draw) -> dict:
    """A valid report spec as a dict (photos named by size, see `materialize`)."""
    kinds = [draw(BODY_KINDS) for _ in range(draw(st.integers(1, 7)))]
    if chance(draw):
        kinds.insert(0, "contents")
    if chance(draw):
        kinds.insert(0, "cover")
    if chance(draw):
        kinds.append("back_cover")
    with_ids = [chance(draw, 3) for _ in kinds]
    ids = tuple(f"{kind.replace('_', '-')}{index}" for index, (kind, has) in enumerate(zip(kinds, with_ids)) if has)
    numbers = iter(draw(st.lists(st.integers(1, 99), min_size=len(kinds), max_size=len(kinds), unique=True)))
    sections = []
    for index, kind in enumerate(kinds):
        section_ = section(draw, kind, ids, next(numbers))
        if with_ids[index]:
            section_["id"] = f"{kind.replace('_', '-')}{index}"
        if chance(draw, 5):
            section_["bookmark"] = title(draw)
        sections.append(section_)
    meta: dict[str, object] = {"title": title(draw), "organization": words(draw, 1, 8)}
    maybe(draw, meta, "subtitle", lambda: words(draw, 1, 12))
    maybe(draw, meta, "year", lambda: draw(st.sampled_from(["2023-24", "2024", "FY 2025"])))
    maybe(draw, meta, "keywords", lambda: [words(draw, 1, 2) for _ in range(draw(st.integers(0, 3)))])
    spec: dict[str, object] = {"meta": meta}
    maybe(draw, spec, "page", lambda: page(draw))
    theme: dict[str, object] = {}
    if chance(draw):
        text: dict[str, object] = {}
        maybe(draw, text, "size", lambda: draw(st.sampled_from([5.0, 8, 9.6, 12, 18, 30])))
        maybe(draw, text, "leading", lambda: draw(st.sampled_from([6.0, 11, 14, 20, 40])))
        maybe(draw, text, "justify", lambda: draw(st.booleans()))
        maybe(draw, text, "hyphenate", lambda: draw(st.booleans()))
        theme["text"] = text
    if chance(draw, 4):
        theme["colors"] = {"primary": draw(COLOR), "accent": draw(COLOR), "pillars": [draw(COLOR), draw(COLOR)]}
    if theme:
        spec["theme"] = theme
    maybe(draw, spec, "footer", lambda: footer(draw))
    if chance(draw, 8):
        spec["output"] = "print"
        spec["print"] = {"marks": draw(st.booleans()), "overprint_black": draw(st.booleans())}
    spec["sections"] = sections
    return spec


# ---------------------------------------------------------------- writing and building

def dump(spec: dict) -> str:
    return yaml.dump(spec, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False,
                     width=100)


def photo_paths(node: object) -> set[str]:
    """Every photo path a spec names."""
    if isinstance(node, dict):
        return set().union(*(photo_paths(value) for value in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(photo_paths(value) for value in node)) if node else set()
    return {node} if isinstance(node, str) and PHOTO_NAME.match(node) else set()


def materialize(spec: dict | str, folder: Path) -> Path:
    """Write report.yaml and the photos it names into `folder`; returns the spec's path."""
    data = yaml.safe_load(spec) if isinstance(spec, str) else spec
    for name in photo_paths(data):
        width, height, mode, extension = PHOTO_NAME.match(name).groups()  # type: ignore[union-attr]
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(photo_bytes(int(width), int(height), mode, extension))
    path = folder / "report.yaml"
    path.write_text(spec if isinstance(spec, str) else dump(spec), encoding="utf-8")
    return path


class Hang(BaseException):
    """The time bound ran out (a BaseException, so no `except Exception` in the library swallows it)."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


@dataclass
class Outcome:
    failure: str | None  # None: a PDF or located errors; else the kind of failure, e.g. "ZeroDivisionError: ..."
    detail: str = ""     # traceback or the offending diagnostics
    errors: tuple[str, ...] = ()  # the located errors of a rejected spec
    seconds: float = 0.0


def located(diagnostic, output: Path) -> bool:  # type: ignore[no-untyped-def]
    """A line number in the spec, or a finding about the PDF itself (preflight names the output)."""
    return diagnostic.line is not None or diagnostic.file == str(output)


def build_outcome(spec: dict | str, strict: bool = False, time_bound: float = TIME_BOUND) -> Outcome:
    """Build `spec` in its own folder; judge the outcome."""
    import time

    from reportgen.diagnostics import ReportError
    from reportgen.pipeline import BuildOptions, build

    folder = Path(tempfile.mkdtemp(prefix="reportgen-layout-fuzz-"))
    output = folder / "out" / "report.pdf"
    previous = signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    try:
        path = materialize(spec, folder)
        signal.setitimer(signal.ITIMER_REAL, time_bound)
        try:
            result = build(path, output, BuildOptions(strict=strict))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - started
        if not output.read_bytes().startswith(b"%PDF-") or result.pages < 1:
            return Outcome("no PDF", f"{output} is not a PDF", seconds=seconds)
        unlocated = [d for d in result.warnings if not located(d, output)]
        if unlocated:
            return Outcome("unlocated warning: " + _pattern(unlocated[0].message),
                           "\n".join(map(str, unlocated)), seconds=seconds)
        return Outcome(None, seconds=seconds)
    except Hang:
        return Outcome(f"hang: no outcome within {time_bound:g} s", seconds=time.perf_counter() - started)
    except ReportError as error:
        seconds = time.perf_counter() - started
        texts = tuple(str(d) for d in error.diagnostics)
        unlocated = [d for d in error.diagnostics if not located(d, output)]
        if not error.diagnostics:
            return Outcome("ReportError without diagnostics", seconds=seconds)
        if unlocated:
            return Outcome("unlocated error: " + _pattern(unlocated[0].message), "\n".join(texts), texts, seconds)
        return Outcome(None, errors=texts, seconds=seconds)
    except Exception as error:  # noqa: BLE001 (any other exception is the finding)
        return Outcome(f"{type(error).__name__}: {_pattern(str(error))} (in {_where(error)})", traceback.format_exc(),
                       seconds=time.perf_counter() - started)
    finally:
        signal.signal(signal.SIGALRM, previous)
        shutil.rmtree(folder, ignore_errors=True)


def _where(error: BaseException) -> str:
    """The innermost reportgen function the exception passed through, e.g. 'layout/pie.py:draw'."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f"{os.sep}reportgen{os.sep}" in f.filename]
    if not frames:
        return "?"
    path = Path(frames[-1].filename)
    return f"{path.parent.name}/{path.name}:{frames[-1].name}"


def _pattern(message: str) -> str:
    """A message with its numbers, quoted text and paths blanked, so one cause groups as one finding."""
    message = message.splitlines()[0] if message else message
    message = re.sub(r"/[^\s:]+", "<path>", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    message = re.sub(r"\d+(\.\d+)?", "N", message)
    return message[:160]


def check_outcome(spec: dict, strict: bool = False) -> None:
    """Assert the build outcome is acceptable; the message carries the spec as YAML."""
    outcome = build_outcome(spec, strict)
    assert outcome.failure is None, f"{outcome.failure}\n{outcome.detail}\n--- spec:\n{dump(spec)}"


# ---------------------------------------------------------------- validate against build (CLI)

SUMMARY = re.compile(r"(^\d+ errors?; nothing was written$)|(: \d+ errors?, \d+ warnings?$)")


def cli_verdicts(spec: dict | str, strict: bool = False) -> tuple[tuple[int, list[str]], tuple[int, list[str]]]:
    """(exit code, sorted diagnostic lines) of `validate` and of `build` on the same spec folder."""
    from tests.conftest import run_cli

    folder = Path(tempfile.mkdtemp(prefix="reportgen-layout-fuzz-"))
    try:
        path = materialize(spec, folder)
        output = folder / "out" / "report.pdf"
        options = ("--strict",) if strict else ()
        verdicts = []
        for arguments in (("validate", str(path)), ("build", str(path), "-o", str(output))):
            result = run_cli(*arguments, *options)
            lines = [line for line in result.err.splitlines() if line.strip()]
            if result.code != 0 and lines and SUMMARY.search(lines[-1]):
                lines = lines[:-1]
            # a preflight finding names the PDF build writes; validate keeps no PDF and names the spec
            lines = sorted(re.sub(r"^\S+\.(pdf|yaml)(?=: )", "<pdf>", line) for line in lines)
            verdicts.append((result.code, lines))
        return verdicts[0], verdicts[1]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
