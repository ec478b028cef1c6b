"""PDFium's one lock: nothing in, the lock every use of pypdfium2 in this process holds out.

PDFium is not thread-safe: no two of its calls may run at the same time in one process, not even on
different documents (pypdfium2's documentation, "Incompatibility with Threading"); two screen builds in
two threads each ran the contrast check at once and crashed the process about one time in six. Every
caller opens, reads and closes its documents inside `PDFIUM` (documents and pages are closed there, so
no finalizer runs PDFium later from another thread).
"""

from __future__ import annotations

import threading

PDFIUM = threading.Lock()

__all__ = ["PDFIUM"]
