"""Line breaking: boxes (widths, the space after each, where a line may end) and line widths in, break positions out.

Total fit (Knuth and Plass) for justified text; first fit for ragged text and as the time-bounded
fallback. Pure Python, no ReportLab: the adapter (reportgen.reportlab_adapter.linebreaking) turns a
paragraph's words into boxes and the chosen breaks back into ReportLab's lines.

A paragraph is a run of boxes (words, or pieces of a word between hyphenation points). After each
box comes one of: GLUE (a space, where a line may end; the space is dropped there), HYPHEN (a line
may end here, adding the hyphen's width; nothing between the pieces otherwise), NONE (no break:
the next box joins on) or FORCED (the line ends here: a line break, or the paragraph's end).

Costs follow Typst (typst-layout/src/inline/linebreak.rs) and the Knuth-Plass paper: a line of
adjustment ratio r with break penalty p costs (1 + 100|r|^3 + p)^2, and, as in TeX, `adjacent` more
when its fitness class (tight, decent, loose, very loose) is two or more from the line before's: a
cramped line under a gappy one shows as a change of grey. A space may shrink to
`1 - shrink` of its natural width (r = -1) and stretches as far as the paragraph needs; r = 1 is a
space `1 + stretch` times its natural width.

Glyphs may give a little too (font expansion, as pdfTeX and microtype do it): the letters of a line whose
boxes are `elastic` may be widened by up to `glyph_stretch` or narrowed by up to `glyph_shrink` of their
width (drawn with horizontal scaling), sharing a line's adjustment with its spaces in proportion to what
each can give. Past r = 1 the letters stay at their limit and the spaces take the rest, so r remains the
spaces' ratio; `glyph_scale` gives a line's scaling from its ratio.

Punctuation may hang into the margins (optical margin alignment, microtype's protrusion): a line ending
after a box may be `hang_end` wider (a hyphen, comma or full stop partly outside the measure), one starting
at a box `hang_start` wider (an opening quote outside it on the left).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Sequence

GLUE, HYPHEN, NONE, FORCED = 0, 1, 2, 3

INFEASIBLE = 1e18
# the ratio of a justified line with no space to stretch (one word short of the measure): it cannot be
# justified at all, so it is worse than any line with spaces however loose (a paragraph began "For" alone
# on a line when this was 10, about as bad as one with spaces at 4.5 natural)
UNSPACED = 1000.0
# natural spaces: a justified line should never be looser than this (the last resort's aim; a line drawn looser
# is a layout warning, reportgen.layout.limits.LOOSE_SPACE; a split moves up a line rather than make one)
LOOSE = 3.0


@dataclass(frozen=True)
class Costs:
    """The line breaker's preferences."""

    # Tuned on the default report's 239 pt columns with benchmarks/typography.py (per line: mean space /
    # natural, lines over 2x, over 3x, hyphenated line ends, hyphen-tail last lines): these values gave
    # 1.37, 38 of 347, 3, 16%, 0 where the first tuning (hyphen 400, shrink 1/3, stretch 0.45, tolerance 3,
    # 5000 before the last line) gave 1.45, 45, 4, 18%, 3. A dearer hyphen buys fewer hyphens only with
    # looser lines on this measure (hyphen 3000: 10% hyphenated, 1.48, 65 lines over 2x).
    hyphen: float = 2500.0             # penalty of a hyphenated line end (Typst's is 135)
    consecutive_hyphen: float = 2500.0  # again, when the line before ends in a hyphen too
    max_hyphen_run: int = 2            # never more consecutive hyphenated lines than this
    hyphen_before_last: float = 50000.0  # a hyphen on the next-to-last line (the last would be a word's tail)
    # a break a box's `penalties` mark as a last resort (a capitalised word's hyphen, Super-intendent's, where
    # capitalised words do not break), on top of the hyphen's: about what a line of spaces 3x natural costs
    # (100 * ((3 - 1) / stretch)^3 = 18,700), so it is taken only to save a line looser than that
    last_resort: float = 17000.0
    runt: float = 100.0                # a last line of one word (Typst's runt cost)
    adjacent: float = 10000.0          # lines of fitness classes two or more apart (TeX's \adjdemerits)
    shrink: float = 0.4                # share of a space that may go (to 60% of it: about two thirds)
    stretch: float = 0.35              # share of a space that counts as adjustment ratio 1
    glyph_stretch: float = 0.02       # letters may widen by 2% at r = 1 (microtype's default expansion limit)
    glyph_shrink: float = 0.02        # and narrow by 2% at r = -1 (microtype's too)
    tolerance: float = 4.0             # first pass: lines whose spaces stretch at most this (2.4 natural spaces)
    time_budget: float = 0.25          # seconds of total fit for one paragraph before first fit takes over
    max_boxes: int = 20_000            # longer paragraphs are broken first-fit straight away


@dataclass
class Breaks:
    """Where the lines end (index of each line's last box), each line's adjustment ratio (0 for a
    line set at its natural width: a last line, or ragged text), and whether total fit chose them."""

    ends: list[int]
    ratios: list[float]
    optimal: bool = True
    hyphens: int = 0
    overfull: list[int] = field(default_factory=list)  # lines wider than the measure even fully shrunk


@dataclass(frozen=True)
class Boxes:
    """A paragraph for the line breaker: per box its width, the natural space after it (GLUE only),
    the kind of break after it and the width a break there adds (the hyphen), its word count
    (1 for a word's first piece, 0 for the pieces after) and, when glyphs may be scaled, the width of
    it that may be (`elastic`: the box's width, or 0 for a box that must keep its width: a link), the
    penalty of a break after it on top of its kind's (`penalties`: Costs.last_resort for a last resort),
    and how far a line may hang into the margin when it ends after the box (`hang_end`: its last mark,
    or the hyphen a break there adds) or starts with it (`hang_start`: an opening quote)."""

    widths: Sequence[float]
    spaces: Sequence[float]
    kinds: Sequence[int]
    extras: Sequence[float]
    starts: Sequence[int]
    elastic: Sequence[float] | None = None
    penalties: Sequence[float] | None = None
    hang_end: Sequence[float] | None = None
    hang_start: Sequence[float] | None = None

    def __len__(self) -> int:
        return len(self.widths)


def _prefix(values: Sequence[float]) -> list[float]:
    sums = [0.0]
    total = 0.0
    for value in values:
        total += value
        sums.append(total)
    return sums


class _Measure:
    """Natural width, space and word count of any run of boxes, from prefix sums."""

    def __init__(self, boxes: Boxes):
        self.boxes = boxes
        self.space = _prefix(boxes.spaces)
        self.width = _prefix([w + s for w, s in zip(boxes.widths, boxes.spaces)])
        self.words = _prefix(boxes.starts)
        self.elastic = _prefix(boxes.elastic) if boxes.elastic is not None else None

    def line(self, start: int, end: int) -> tuple[float, float, float]:
        """Natural width, total space and elastic width of the line of boxes start..end (inclusive)."""
        boxes = self.boxes
        space = self.space[end + 1] - self.space[start] - boxes.spaces[end]
        natural = self.width[end + 1] - self.width[start] - boxes.spaces[end]
        if boxes.kinds[end] == HYPHEN:
            natural += boxes.extras[end]
        elastic = self.elastic[end + 1] - self.elastic[start] if self.elastic is not None else 0.0
        return natural, space, elastic


def adjustment(gap: float, space: float, elastic: float, costs: Costs) -> float:
    """The adjustment ratio of a justified line `gap` short of its measure (overlong when negative),
    with `space` of natural spaces and `elastic` width of letters that may be scaled."""
    if gap >= 0:
        if gap < 1e-6:
            return 0.0
        give = space * costs.stretch
        glyphs = elastic * costs.glyph_stretch
        if gap <= give + glyphs:
            return gap / (give + glyphs)
        return (gap - glyphs) / give if give > 0 else UNSPACED
    give = space * costs.shrink + elastic * costs.glyph_shrink
    return gap / give if give > 0 else -INFEASIBLE


def glyph_scale(r: float, costs: Costs = Costs()) -> float:
    """The horizontal scaling of the elastic letters of a line of adjustment ratio `r` (1 at r = 0)."""
    if r >= 0:
        return 1.0 + min(r, 1.0) * costs.glyph_stretch
    return 1.0 - min(-r, 1.0) * costs.glyph_shrink


def ratio(natural: float, space: float, width: float, costs: Costs, justified: bool, elastic: float = 0.0) -> float:
    """The adjustment ratio of a line: 0 at natural width (or any ragged line that fits), -1 with
    every space (and elastic letter) shrunk to its limit, below -1 overfull."""
    gap = width - natural
    if gap >= -1e-9:
        return adjustment(max(gap, 0.0), space, elastic, costs) if justified else 0.0
    return adjustment(gap, space, elastic, costs)


def total_fit(boxes: Boxes, line_widths: Sequence[float], costs: Costs = Costs(), *,
              justify_last: bool = False, no_hyphen_at: int | None = None) -> Breaks | None:
    """The breaks of least total demerits; None when the time budget runs out. `no_hyphen_at` is a
    line (0-based) that must not end in a hyphen (the last line before a column or page turn).

    A first pass considers only lines whose spaces stretch at most `tolerance` (few candidate
    breaks, fast); when no such breaking exists, a second pass considers every line."""
    if len(boxes) == 0:
        return Breaks([], [])
    if len(boxes) > costs.max_boxes:
        return None
    deadline = time.perf_counter() + costs.time_budget
    for tolerance in (costs.tolerance, INFEASIBLE):
        found = _total_fit(boxes, line_widths, costs, justify_last, no_hyphen_at, tolerance, deadline)
        if found is not None or time.perf_counter() > deadline:
            return found if found is not False else None
    return None


def _total_fit(boxes: Boxes, line_widths: Sequence[float], costs: Costs, justify_last: bool,
               no_hyphen_at: int | None, tolerance: float, deadline: float) -> "Breaks | None | bool":
    """One pass of total fit: the breaks, None when no breaking is within `tolerance`, False out of time."""
    count = len(boxes)
    measure = _Measure(boxes)
    kinds, extras, spaces = boxes.kinds, boxes.extras, boxes.spaces
    space_sums, width_sums, word_sums = measure.space, measure.width, measure.words
    elastic_sums = measure.elastic
    extra_penalties = boxes.penalties
    hang_end = boxes.hang_end
    hang_start = boxes.hang_start if boxes.hang_start is not None else [0.0] * count
    grow = costs.glyph_stretch if elastic_sums is not None else 0.0
    give_way = costs.glyph_shrink if elastic_sums is not None else 0.0
    if elastic_sums is None:
        elastic_sums = [0.0] * (count + 1)
    widths = list(line_widths)
    while len(widths) > 1 and widths[-1] == widths[-2]:
        widths.pop()
    last_width = len(widths) - 1
    classes = max(last_width, no_hyphen_at + 1 if no_hyphen_at is not None else 0)
    stretch, shrink = costs.stretch, costs.shrink
    hyphen_cost, consecutive, runt, before_last = costs.hyphen, costs.consecutive_hyphen, costs.runt, costs.hyphen_before_last
    adjacent = costs.adjacent
    max_run = costs.max_hyphen_run
    monotone = last_width <= 1  # every node after the first sets its line at the same width
    # a node: (total demerits, line number, hyphen run, position of its first box, previous node, ratio, hyphen)
    active: list[tuple] = [(0.0, 0, 0, 0, None, 0.0, False)]
    final: tuple | None = None
    for end in range(count):
        kind = kinds[end]
        if kind == NONE:
            continue
        if end & 63 == 0 and time.perf_counter() > deadline:
            return False
        is_end = end == count - 1
        forced = kind == FORCED
        hyphen = kind == HYPHEN
        justified = not forced or (is_end and justify_last)
        line_end = width_sums[end + 1] - spaces[end] + (extras[end] if hyphen else 0.0)
        space_end = space_sums[end + 1] - spaces[end]
        elastic_end = elastic_sums[end + 1]
        if hang_end is not None:
            line_end -= hang_end[end]
        best: dict[tuple[int, int], tuple] = {}
        survivors: list[tuple] = []
        fallback: tuple | None = None
        for index, node in enumerate(active):
            total, line, run, start, _, _, node_hyphen = node
            if hyphen and (run >= max_run or line == no_hyphen_at):
                survivors.append(node)
                continue
            gap = widths[line if line < last_width else last_width] - (line_end - width_sums[start] - hang_start[start])
            space = space_end - space_sums[start]
            if gap >= -1e-9:
                if not justified or gap < 1e-6:
                    r = 0.0
                else:
                    give = space * stretch
                    glyphs = (elastic_end - elastic_sums[start]) * grow
                    if gap <= give + glyphs:
                        r = gap / (give + glyphs)
                    else:
                        r = (gap - glyphs) / give if give > 0 else UNSPACED
                survivors.append(node)
                if r > tolerance:
                    if monotone and line >= last_width:
                        # active nodes are in order of their first box: every later one makes a
                        # shorter line of the same width, too loose as well
                        survivors.extend(active[index + 1:])
                        break
                    continue
            else:
                give = space * shrink + (elastic_end - elastic_sums[start]) * give_way
                r = gap / give if give > 0 else -INFEASIBLE
                if r < -1.0:
                    # too long from here, and longer still for every later end: the node is done
                    if fallback is None or total < fallback[0]:
                        fallback = node
                    continue
                survivors.append(node)
            penalty = 0.0
            if hyphen:
                penalty = hyphen_cost + consecutive if node_hyphen else hyphen_cost
                if extra_penalties is not None:
                    penalty += extra_penalties[end]
            if is_end and line > 0:
                words = word_sums[end + 1] - word_sums[start]
                if node_hyphen:
                    if words == 0 and tolerance < INFEASIBLE:
                        continue  # a last line that is only a word's tail ("ty."): never, if it can be helped
                    penalty += before_last
                if words <= 1:
                    penalty += runt
            cost = 1.0 + 100.0 * abs(r * r * r) + penalty
            demerits = total + cost * cost
            fit = 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1.0 else 3
            before = node[5]
            if abs(fit - (0 if before < -0.5 else 1 if before <= 0.5 else 2 if before <= 1.0 else 3)) > 1:
                demerits += adjacent
            key = (line + 1 if line < classes else classes, run + 1 if hyphen else 0, fit)
            held = best.get(key)
            if held is None or demerits < held[0]:
                best[key] = (demerits, line + 1, key[1], end + 1, node, r, hyphen)
        if not best and not survivors:
            if tolerance < INFEASIBLE or fallback is None:
                return None  # nothing reaches this box within the tolerance: the next pass
            # one box wider than the line: it gets a line of its own, overfull
            total, line, run, start, _, _, node_hyphen = fallback
            best[(min(line + 1, classes), 0, 0)] = (total + 1e12, line + 1, 0, end + 1, fallback, -INFEASIBLE, hyphen)
        if forced:
            active = list(best.values())
            if not active:
                return None
            if is_end:
                final = min(active, key=lambda n: n[0])
            continue
        survivors.extend(best.values())
        active = survivors
    if final is None:
        return None
    ends: list[int] = []
    ratios: list[float] = []
    hyphens = 0
    node = final
    while node[4] is not None:
        ends.append(node[3] - 1)
        ratios.append(node[5])
        hyphens += node[6]
        node = node[4]
    ends.reverse()
    ratios.reverse()
    overfull = [index for index, r in enumerate(ratios) if r < -1.0]
    return Breaks(ends, ratios, True, hyphens, overfull)


def first_fit(boxes: Boxes, line_widths: Sequence[float], costs: Costs = Costs(), *, justified: bool = True) -> Breaks:
    """As many boxes on each line as fit (spaces shrunk to their limit when `justified`, at their
    natural width otherwise); a box wider than a line gets a line of its own."""
    measure = _Measure(boxes)
    kinds = boxes.kinds
    shrink = costs.shrink if justified else 0.0
    glyph_shrink = costs.glyph_shrink if justified else 0.0
    last_width = len(line_widths) - 1
    ends: list[int] = []
    ratios: list[float] = []
    hyphens = 0
    overfull: list[int] = []
    start, end, fitting = 0, 0, -1
    count = len(boxes)
    while end < count:
        kind = kinds[end]
        if kind == NONE:
            end += 1
            continue
        width = line_widths[min(len(ends), last_width)]
        natural, space, elastic = measure.line(start, end)
        least = natural - shrink * space - glyph_shrink * elastic
        if least <= width + 1e-9 or fitting < 0:
            if least > width + 1e-9:
                overfull.append(len(ends))
                fitting = -1
                kind = FORCED  # an overlong box: its line ends here
            else:
                fitting = end
            if kind == FORCED:
                r = ratio(natural, space, width, costs, justified and end != count - 1 and kinds[end] != FORCED, elastic)
                ends.append(end)
                ratios.append(max(r, -INFEASIBLE))
                hyphens += kinds[end] == HYPHEN
                start, fitting = end + 1, -1
            end += 1
            continue
        # `end` does not fit: the line ends at the last break that did
        natural, space, elastic = measure.line(start, fitting)
        ends.append(fitting)
        ratios.append(ratio(natural, space, width, costs, justified, elastic))
        hyphens += kinds[fitting] == HYPHEN
        start, end, fitting = fitting + 1, fitting + 1, -1
    return Breaks(ends, ratios, False, hyphens, overfull)


def break_lines(boxes: Boxes, line_widths: Sequence[float], costs: Costs = Costs(), *, justified: bool = True,
                justify_last: bool = False, no_hyphen_at: int | None = None) -> Breaks:
    """Total fit for justified text (first fit when it runs out of time), first fit for ragged text."""
    if justified:
        breaks = total_fit(boxes, line_widths, costs, justify_last=justify_last, no_hyphen_at=no_hyphen_at)
        if breaks is not None:
            return breaks
    return first_fit(boxes, line_widths, costs, justified=justified)


def space_factor(r: float, costs: Costs = Costs()) -> float:
    """A space's width on a line of adjustment ratio `r`, in natural spaces."""
    return 1.0 + r * (costs.stretch if r >= 0 else costs.shrink)
