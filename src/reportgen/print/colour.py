"""Colour for print: a pikepdf document in, black (100% K) fills set to overprint in every content stream out
(and the notes on colours the output profile cannot reach kept in the file, for preflight).

ReportLab has no overprint switch for text colours, so the content streams are rewritten: before
each fill colour that is exactly 0 0 0 1 k the fill-overprint graphics state is selected, and
before any other fill colour it is deselected. q/Q nesting is followed, so a state is only set
when it changes. Overprint mode 1 keeps the black ink on top of the colours beneath it, so a
misregistered press leaves no white halo around black text.
"""

from __future__ import annotations

from decimal import Decimal

import pikepdf
from pikepdf import Dictionary, Name, Operator

from reportgen.diagnostics import Diagnostic, Severity

OVERPRINT = Name("/RGOverprintBlack")
KNOCKOUT = Name("/RGKnockout")
FILL_COLOUR_OPERATORS = {"k", "rg", "g", "sc", "scn", "cs"}


def is_black(operands: list) -> bool:
    return len(operands) == 4 and [Decimal(str(v)) for v in operands] == [0, 0, 0, 1]


def rewrite_overprint(instructions: list, initial: bool | None = False) -> tuple[list, bool]:
    """Insert `gs` operators so 100% K fills overprint; returns the new instructions and whether any changed.

    `initial` is the overprint state the stream starts in: off for a page, unknown (None) for a form.
    """
    output = []
    state = initial
    stack: list[bool | None] = []
    changed = False
    for operands, operator in instructions:
        name = str(operator)
        if name == "q":
            stack.append(state)
        elif name == "Q":
            state = stack.pop() if stack else None
        elif name in FILL_COLOUR_OPERATORS:
            wanted = name == "k" and is_black(list(operands))
            if state is not wanted:
                output.append(([OVERPRINT if wanted else KNOCKOUT], Operator("gs")))
                state = wanted
                changed = True
        output.append((operands, operator))
    return output, changed


def _add_states(pdf: pikepdf.Pdf, resources: Dictionary, states: tuple[object, object]) -> None:
    if "/ExtGState" not in resources:
        resources.ExtGState = Dictionary()
    resources.ExtGState[OVERPRINT] = states[0]
    resources.ExtGState[KNOCKOUT] = states[1]


def _forms(resources: Dictionary) -> list[pikepdf.Stream]:
    xobjects = resources.get("/XObject") or {}
    return [x for _, x in xobjects.items() if x.get("/Subtype") == Name.Form]


def overprint_black(pdf: pikepdf.Pdf) -> None:
    """Rewrite every page and form XObject so 100% K fills overprint."""
    states = (pdf.make_indirect(Dictionary(Type=Name.ExtGState, op=True, OPM=1)),
              pdf.make_indirect(Dictionary(Type=Name.ExtGState, op=False)))
    seen: set[tuple[int, int]] = set()
    pending: list[pikepdf.Stream] = []
    for page in pdf.pages:
        instructions, changed = rewrite_overprint(list(pikepdf.parse_content_stream(page)))
        if "/Resources" not in page.obj:
            page.obj.Resources = Dictionary()
        if changed:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
            _add_states(pdf, page.obj.Resources, states)
        pending += _forms(page.obj.Resources)
    while pending:
        form = pending.pop()
        if form.objgen in seen:
            continue
        seen.add(form.objgen)
        instructions, changed = rewrite_overprint(list(pikepdf.parse_content_stream(form)), None)
        if "/Resources" not in form:
            form.Resources = Dictionary()
        if changed:
            form.write(pikepdf.unparse_content_stream(instructions))
            _add_states(pdf, form.Resources, states)
        pending += _forms(form.Resources)


GAMUT_KEY = Name("/GamutNotes")


def store_gamut_notes(pdf: pikepdf.Pdf, notes: list[Diagnostic]) -> None:
    """Keep the notes on out-of-gamut colours in page 1's reportgen data (PieceInfo), after the layout findings."""
    if not notes or not len(pdf.pages):
        return
    page = pdf.pages[0].obj
    if "/PieceInfo" not in page:
        page.PieceInfo = Dictionary()
    if "/Reportgen" not in page.PieceInfo:
        page.PieceInfo.Reportgen = Dictionary(LastModified=pikepdf.String("D:20000101000000Z"), Private=Dictionary())
        page.LastModified = pikepdf.String("D:20000101000000Z")
    page.PieceInfo.Reportgen.Private[GAMUT_KEY] = pikepdf.Array(
        [Dictionary(Path=pikepdf.String(n.dotted_path), Message=pikepdf.String(n.message),
                    Hint=pikepdf.String(n.hint or "")) for n in notes])


def read_gamut_notes(pdf: pikepdf.Pdf) -> list[Diagnostic]:
    """The notes `store_gamut_notes` kept (severity note: they never fail preflight, even --strict)."""
    if not len(pdf.pages):
        return []
    data = (pdf.pages[0].obj.get("/PieceInfo") or Dictionary()).get("/Reportgen")
    entries = (data.get("/Private") or Dictionary()).get(GAMUT_KEY) if data is not None else None
    return [Diagnostic(str(e.get("/Message", "")), tuple(filter(None, [str(e.get("/Path", ""))])),
                       str(e.get("/Hint", "")) or None, severity=Severity.NOTE) for e in entries or []]
