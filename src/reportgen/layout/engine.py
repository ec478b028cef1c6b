"""ReportLab's platypus, imported once for the whole layout stage, without the pyphen import it does not need.

reportlab.platypus.paragraph imports pyphen (about 20 ms: pyphen lists its 80 dictionaries) to
hyphenate when a style names a language. reportgen's styles hand it a function instead
(reportgen.theme.hyphenation), so the import is kept out: pyphen is hidden while the paragraph
module loads, then shown again for the code that needs it.
"""

from __future__ import annotations

import sys


def import_platypus() -> None:
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    hidden = "pyphen" not in sys.modules
    if hidden:
        sys.modules["pyphen"] = None  # type: ignore[assignment]  # makes `import pyphen` fail fast
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        if hidden:
            del sys.modules["pyphen"]


import_platypus()
