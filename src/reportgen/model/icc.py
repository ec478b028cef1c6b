"""ICC output profiles: a profile's bytes in, its description and the registered printing condition it names (if any) out.

The shipped profile (reportgen/print/profiles/reportgen-FOGRA39.icc, see the README.txt beside it) is the
one a print build uses when the spec names none. A profile's printing condition is recognised from its
description ('desc' tag): the names the common characterizations go by (FOGRA39, ISO Coated v2, GRACoL,
SWOP, ...). A profile whose description names none needs `condition:` in the spec.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

SHIPPED_PROFILE = Path(__file__).resolve().parent.parent / "print" / "profiles" / "reportgen-FOGRA39.icc"
ICC_REGISTRY = "http://www.color.org"


@dataclass(frozen=True)
class Condition:
    """A characterized printing condition as the ICC's registry names it."""

    identifier: str  # OutputConditionIdentifier
    info: str        # a readable description (Info, OutputCondition)
    ink_limit: int   # the characterization's total area coverage, percent


# (pattern in the profile's description, condition); the first that matches wins
KNOWN_CONDITIONS: tuple[tuple[str, Condition], ...] = (
    (r"FOGRA\s*39|ISO\s*Coated\s*v2(?!\s*300)", Condition("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)", 330)),
    (r"FOGRA\s*51|PSO\s*Coated\s*v3", Condition("FOGRA51", "Coated FOGRA51 (ISO 12647-2:2013)", 300)),
    (r"FOGRA\s*52|PSO\s*Uncoated\s*v3", Condition("FOGRA52", "Uncoated FOGRA52 (ISO 12647-2:2013)", 300)),
    (r"FOGRA\s*29|ISO\s*Uncoated", Condition("FOGRA29", "Uncoated FOGRA29 (ISO 12647-2:2004)", 300)),
    (r"GRACoL\s*2013|CRPC\s*6", Condition("CGATS21_CRPC6", "GRACoL 2013 (CGATS 21-2 CRPC6)", 320)),
    (r"GRACoL", Condition("CGATS TR 006", "GRACoL 2006 Coated #1 (CGATS TR 006)", 320)),
    (r"SWOP.*(#?5|Grade\s*5)", Condition("CGATS TR 005", "SWOP Grade 5 (CGATS TR 005)", 300)),
    (r"SWOP", Condition("CGATS TR 001", "SWOP Coated #3 (CGATS TR 001)", 300)),
)


def profile_description(data: bytes) -> str:
    """The profile's 'desc' tag text (v2 textDescription or v4 multiLocalizedUnicode), or '' without one."""
    if len(data) < 132:
        return ""
    (count,) = struct.unpack_from(">I", data, 128)
    for index in range(min(count, 200)):
        entry = 132 + 12 * index
        if entry + 12 > len(data):
            break
        signature, offset, size = struct.unpack_from(">4sII", data, entry)
        if signature != b"desc" or offset + size > len(data):
            continue
        tag = data[offset:offset + size]
        if tag[:4] == b"desc" and len(tag) >= 12:
            (length,) = struct.unpack_from(">I", tag, 8)
            return tag[12:12 + length].split(b"\0", 1)[0].decode("latin-1").strip()
        if tag[:4] == b"mluc" and len(tag) >= 28:
            (records,) = struct.unpack_from(">I", tag, 8)
            if records:
                length, start = struct.unpack_from(">II", tag, 20)
                return tag[start:start + length].decode("utf-16-be", "replace").strip("\0 ")
    return ""


def known_condition(data: bytes) -> Condition | None:
    """The registered condition the profile's description names, or None."""
    description = profile_description(data)
    for pattern, condition in KNOWN_CONDITIONS:
        if re.search(pattern, description, re.I):
            return condition
    return None
