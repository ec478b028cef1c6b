"""The environment a build reads (SOURCE_DATE_EPOCH) in, checked, or diagnostics naming the variable out."""

from __future__ import annotations

import os
import re
from typing import Mapping

from reportgen.diagnostics import Diagnostic

LATEST_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC: a PDF date has four digits for the year
_HINT = ("a whole number of seconds since 1970-01-01 00:00 UTC, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); "
         "or unset it for the fixed date 2000-01-01")


def check_environment(environ: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """Problems with the variables ReportLab reads while writing the PDF (it would fail with a traceback).
    SOURCE_DATE_EPOCH sets the PDF's dates for reproducible builds; empty or unset means the fixed date."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return []
    shown = value if len(value) <= 40 else value[:37] + "..."
    if not re.fullmatch(r"[0-9]+", value):
        if re.fullmatch(r"-[0-9]+", value):
            problem = f"SOURCE_DATE_EPOCH is {shown}, a time before 1970"
        else:
            problem = f"SOURCE_DATE_EPOCH is {shown!r}, not a whole number of seconds"
    elif len(value) > 12 or int(value) > LATEST_EPOCH:
        problem = f"SOURCE_DATE_EPOCH is {shown}, a time after the year 9999"
    else:
        return []
    return [Diagnostic(problem, hint=_HINT, file="<environment>")]
