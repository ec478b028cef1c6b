from reportgen.model.richtext import Span, parse_rich_text


def test_paragraphs_bold_italic_and_links():
    text = parse_rich_text("**Mission:** Improving *lives*. Visit www.lacoe.edu.\n\nSecond one.")
    first, second = text.blocks
    assert first.spans[0] == Span("Mission:", bold=True)
    assert Span("lives", italic=True) in first.spans
    assert Span("www.lacoe.edu", link="https://www.lacoe.edu") in first.spans
    assert first.text == "Mission: Improving lives. Visit www.lacoe.edu."
    assert second.text == "Second one."


def test_bullets_and_continuation_lines():
    text = parse_rich_text("Intro line\n- one\n  continues\n- two")
    assert [b.kind for b in text.blocks] == ["paragraph", "bullet", "bullet"]
    assert text.blocks[1].text == "one continues"


def test_bare_domains_and_email_become_links():
    spans = parse_rich_text("Visit lacoe.edu or write to info@lacoe.edu today").blocks[0].spans
    links = {s.text: s.link for s in spans if s.link}
    assert links == {"lacoe.edu": "https://lacoe.edu", "info@lacoe.edu": "mailto:info@lacoe.edu"}


def test_lone_asterisks_stay_literal():
    assert parse_rich_text("5 * 3 and a*").blocks[0].text == "5 * 3 and a*"
