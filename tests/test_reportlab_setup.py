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


URI_PATTERN = """
import json, re, time
from reportgen.reportlab_setup import prepare_reportlab
prepare_reportlab()
from reportlab.platypus import paragraph
compiled_at_import = isinstance(paragraph.uri_pat, re.Pattern)
late = paragraph.uri_pat._compiled is None
uris = ["https://www.lacoe.edu/about/x", "mailto:a@b.org", "http://192.168.0.1:8080/p?q=1", "not a uri", "ftp://localhost"]
ours = [paragraph._uri_split_pairs(uri) for uri in uris]
re.purge()
real = re.compile(paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
theirs = [bool(real.match(uri)) for uri in uris]
print(json.dumps({"at_import": compiled_at_import, "late": late, "ours": [o is not None for o in ours],
                  "theirs": theirs, "compile": re.compile is re.__dict__["compile"], "pairs": ours[0]}))
"""


def test_reportlabs_uri_pattern_is_compiled_on_first_use_and_matches_the_same():
    # Django's URL validator in reportlab.platypus.paragraph takes re 25-60 ms to compile at import, for an
    # option (uriWasteReduce) reportgen never sets: it is compiled the first time it is used instead
    report = json.loads(subprocess.run([sys.executable, "-c", URI_PATTERN], capture_output=True, text=True,
                                       check=True).stdout)
    assert report["at_import"] is False and report["late"] is True
    assert report["ours"] == report["theirs"] == [True, False, True, False, True]
    assert report["pairs"][0] == ["https://www.lacoe.edu/about/", "x"]
    assert report["compile"] is True  # re.compile is itself again after the import
