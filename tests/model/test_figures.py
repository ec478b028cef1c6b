import pytest

from reportgen.model.colors import parse_color
from reportgen.model.figures import largest_remainder, pie_shares
from reportgen.model.units import parse_length


def test_largest_remainder_adds_up_to_100():
    assert largest_remainder([33.333, 33.333, 33.334]) == [33, 33, 34]
    assert sum(largest_remainder([12.5, 12.5, 25.0, 49.9, 0.1])) == 100


def test_lacoe_budget_shares():
    shares = pie_shares([303, 147, 118, 59], [48, 23, 19, 10])
    assert [s.printed_percent for s in shares] == [48, 23, 19, 10]
    assert sum(s.degrees for s in shares) == pytest.approx(360)
    assert shares[0].computed_percent == pytest.approx(48.33, abs=0.01)


def test_unstated_percentages_are_rounded_to_100():
    shares = pie_shares([1, 1, 1], [None, None, None])
    assert sorted(s.printed_percent for s in shares) == [33, 33, 34]


def test_lengths():
    assert parse_length("0.75in") == 54.0
    assert parse_length("25.4mm") == pytest.approx(72.0)
    assert parse_length(12) == 12.0
    with pytest.raises(ValueError, match="unknown unit"):
        parse_length("3furlongs")


def test_colours():
    assert parse_color("#003A70").hex == "#003A70"
    cmyk = parse_color("cmyk(100, 0, 0, 0)")
    assert cmyk.cmyk == (1.0, 0.0, 0.0, 0.0)
    assert parse_color("#000000").cmyk == (0.0, 0.0, 0.0, 1.0)
    with pytest.raises(ValueError):
        parse_color("cmyk(120, 0, 0, 0)")
