"""The block registry: the modules of `reportgen.sections` in, every section type's `Block` by name out.

Every module of the package except `block` and `registry` is a block and declares `BLOCK`; its name is the
module's name. From the registry come the `Report` model's union of section models (`Section`),
`SECTION_TYPES`, the story's dispatch and page plan, the docs headings and the tests' coverage checks.
"""

from __future__ import annotations

import importlib
import pkgutil
import typing
from types import MappingProxyType
from typing import Annotated, Mapping, Union

from reportgen.model.base import TaggedBy
from reportgen.model.parts import SectionBase
from reportgen.sections.block import Block, Notes

NOT_BLOCKS = frozenset({"block", "registry"})


def _discover() -> dict[str, Block]:
    package = importlib.import_module("reportgen.sections")
    blocks: list[Block] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
        if info.name in NOT_BLOCKS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"reportgen.sections.{info.name}")
        block = getattr(module, "BLOCK", None)
        if not isinstance(block, Block) or block.name != info.name:
            raise TypeError(f"reportgen/sections/{info.name}.py must declare BLOCK = Block({info.name!r}, ...)")
        blocks.append(block)
    orders = [block.order for block in blocks]
    if len(set(orders)) != len(orders):
        raise TypeError("two section blocks declare the same order: " + ", ".join(
            f"{block.name}={block.order}" for block in blocks if orders.count(block.order) > 1))
    return {block.name: block for block in sorted(blocks, key=lambda block: block.order)}


BLOCKS: Mapping[str, Block] = MappingProxyType(_discover())  # read-only: the registry is fixed once imported
SECTION_TYPES: tuple[str, ...] = tuple(BLOCKS)
# the tagged union the validator, the JSON Schema and the docs read: `type` picks the model
Section = Annotated[Union[tuple(block.model for block in BLOCKS.values())],  # type: ignore[valid-type]
                    TaggedBy("type", noun="section")]


def block_of(section: SectionBase) -> Block:
    """The block of a validated section (its `type`)."""
    return BLOCKS[typing.cast(str, getattr(section, "type"))]


def notes() -> Notes:
    """Every block's field notes, keyed "Model.field" as in `reportgen.model.reference.NOTES`."""
    merged: dict[str, tuple[str, str]] = {}
    for block in BLOCKS.values():
        merged.update(block.notes)
    return merged


def headings() -> dict[str, str]:
    """The docs heading of each section model: its type name (`TextSection` is documented as `### text`)."""
    return {block.model.__name__: block.name for block in BLOCKS.values()}
