"""ReportLab's settings are made in one place, when a build asks: platypus loads without pyphen, and
ReportLab's own hyphenation still works in the process."""

from __future__ import annotations

import json
import subprocess
import sys

PREPARED = """
import json, sys
from reportgen.reportlab_setup import prepare_reportlab
prepare_reportlab()
import reportgen.layout, reportgen.render
from reportlab.platypus import paragraph, Paragraph
from reportlab.lib.styles import ParagraphStyle
loaded = "pyphen" in sys.modules
style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12, hyphenationLang="en_US")
text = Paragraph("extraordinarily " * 3, style)
text.wrap(60, 1000)
lines = [" ".join(words) for _, words in text.blPara.lines]
import pyphen
print(json.dumps({"loaded_before": loaded, "lines": lines, "same": paragraph.pyphen.Pyphen is pyphen.Pyphen}))
"""


def test_platypus_loads_without_pyphen_and_reportlab_still_hyphenates():
    result = subprocess.run([sys.executable, "-c", PREPARED], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert report["loaded_before"] is False  # 20 ms a process saved
    assert report["same"] is True
    assert any(line.endswith("-") for line in report["lines"]), report["lines"]  # pyphen, loaded on first use


def test_importing_the_layout_stage_alone_imports_platypus_as_reportlab_does():
    code = ("import sys, reportgen.layout, reportlab.platypus.paragraph as paragraph; "
            "print(paragraph.pyphen is sys.modules['pyphen'])")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert output == ["True"]
