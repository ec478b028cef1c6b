"""Print stage: a rendered PDF in, print-ready output (boxes, marks, colour, preflight) out."""
