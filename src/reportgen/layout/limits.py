"""Layout constants that are not design in, named out: measuring heights, tolerances, convergence steps and
conventions. Every size, gap and proportion a designer might change is in the stylesheet (theme/stylesheet.yaml);
blocks hold neither (tests/layout/test_block_literals.py)."""

from __future__ import annotations

from reportgen.linebreak import LOOSE

MEASURE_HEIGHT = 10_000  # the height a block measures its text in: taller than any page, so nothing splits
COLUMN_HEIGHT = 0xFFFFFFF  # the unbounded height balanced columns measure their parts in (ReportLab's own figure)
EPSILON = 1e-8  # a part thinner than this takes no room
FORCE_SPLIT = 0xFFFFFF  # a wrap height no frame holds: the frame asks for a split (as ReportLab's KeepTogether does)
RUNT_LINES = 10  # a section's last page holding fewer of its lines than this (text, photos in lines) is a runt
RUNT_ATTEMPTS = 3  # layouts at most: the first, and again with pages giving lines to a runt page after them
BISECTION_STEPS = 9  # balancing two columns: to within 1/512 of their height
SIZE_PRECISION = 10  # type fitted to a width is rounded down to tenths of a point
SCALE_DIGITS = 4  # type scales are rounded to 4 decimals (46 pt * 0.975 = 44.85, never 44.849999)
HINT_ROUNDING = 5  # "shorten by about N characters" rounds N up to a multiple of this (a hint is an estimate)
TWELVE_O_CLOCK = 90.0  # degrees counter-clockwise from three o'clock, PDF's convention: a pie's first slice
HALF_TURN = 180.0  # degrees: angles are compared as the difference between -180 and 180
FULL_TURN = 360.0
ANGLE_TOLERANCE = 0.01  # degrees: a pie label at its slice's own angle, give or take rounding
LINE_CLEARANCE = 1.0  # points: a pie's leader lines closer than this to another line or label meet it
POINTS_PER_INCH = 72  # to judge a photo's resolution at its placed size
PPI_TOLERANCE = 0.75  # a photo below this share of the target resolution is warned about
TABLE_ROWS_KEPT = 2  # rows of a table kept together at a break, on each side (a title and header never alone)
SPLIT_SHARE = 0.5  # a stat grid taller than this share of a frame splits between its lines, not moves on whole
LOOSE_SPACE = LOOSE  # a justified line drawn with spaces wider than this many natural spaces is warned about

__all__ = ["ANGLE_TOLERANCE", "BISECTION_STEPS", "COLUMN_HEIGHT", "EPSILON", "FORCE_SPLIT", "FULL_TURN", "HALF_TURN",
           "HINT_ROUNDING", "LINE_CLEARANCE", "LOOSE_SPACE", "MEASURE_HEIGHT", "POINTS_PER_INCH", "PPI_TOLERANCE",
           "RUNT_ATTEMPTS", "RUNT_LINES", "SCALE_DIGITS", "SIZE_PRECISION", "SPLIT_SHARE", "TABLE_ROWS_KEPT", "TWELVE_O_CLOCK"]
