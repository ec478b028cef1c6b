"""The layout stage imports ReportLab's platypus without pyphen, and hyphenation still works."""

from __future__ import annotations

import subprocess
import sys


def test_platypus_loads_without_pyphen_and_pyphen_stays_importable():
    code = ("import sys, reportgen.layout, reportlab.platypus.paragraph as paragraph; "
            "print(paragraph.pyphen, 'pyphen' in sys.modules); import pyphen; print(pyphen.__name__)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert output == ["None", "False", "pyphen"]
