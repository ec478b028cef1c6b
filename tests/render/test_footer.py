from reportgen.model.report import Report
from reportgen.render import footer_text


def report(subtitle: str = "Brighter Future") -> Report:
    return Report.from_data({"meta": {"title": "Annual Report", "subtitle": subtitle, "organization": "LACOE"},
                              "sections": [{"type": "cover"}]})


def test_placeholders_are_filled():
    assert footer_text("{page}  |  {organization}", report(), 12) == "12  |  LACOE"
    assert footer_text("{title}  |  {subtitle}  |  {page}", report(), 3) == "Annual Report  |  Brighter Future  |  3"


def test_an_empty_segment_drops_with_its_separator():
    assert footer_text("{title}  |  {subtitle}  |  {page}", report(subtitle=""), 7) == "Annual Report  |  7"
