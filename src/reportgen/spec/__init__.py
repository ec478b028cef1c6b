"""Spec stage: YAML text in, plain data plus a map of line/column positions out."""

from reportgen.spec.loader import MAX_SPEC_BYTES, SourceMap, SpecDocument, load_spec, parse_spec

__all__ = ["MAX_SPEC_BYTES", "SourceMap", "SpecDocument", "load_spec", "parse_spec"]
