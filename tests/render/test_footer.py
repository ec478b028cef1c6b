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


def test_doubled_braces_print_literal_braces():
    assert footer_text("{{page}} is {page}", report(), 4) == "{page} is 4"
    assert footer_text("{{{page}}}  |  {{}}", report(), 5) == "{5}  |  {}"


def test_a_separator_segment_with_only_empty_placeholders_drops():
    assert footer_text("{subtitle}  |  {page}  |  {year}", report(subtitle=""), 9) == "9"
    assert footer_text("Page {page}", report(), 9) == "Page 9"


def test_the_default_reports_footers_are_unchanged(default_texts):
    organization = "Los Angeles County Office of Education"
    assert f"2  |  {organization}" in default_texts[1]
    assert "Annual Report 2023-24  |  Empowering Education for a Brighter Future  |  3" in default_texts[2]
    assert f"14  |  {organization}" in default_texts[13]


def test_doubled_braces_reach_the_pdf(write_spec, tmp_path):
    from pypdf import PdfReader

    from reportgen.pipeline import build

    spec = write_spec("meta: {title: T, organization: O}\nfooter: {odd: '{{page}} {page}', even: '{{x}}'}\n"
                      "sections:\n  - {type: text, title: A, body: one}\n  - {type: text, title: B, body: two, break: page}\n")
    pages = [page.extract_text() for page in PdfReader(str(build(spec, tmp_path / "r.pdf").output)).pages]
    assert "{page} 1" in pages[0] and "{x}" in pages[1]
