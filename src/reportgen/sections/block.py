"""What a section block declares: type name, model, page kind, listing, layout function; no ReportLab here."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Literal, Mapping

from reportgen.diagnostics import SpecPath
from reportgen.model.parts import SectionBase

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext
    from reportgen.model.colors import Color
    from reportgen.model.report import Colors

Layout = Callable[[Any, "BuildContext", SpecPath], "list[Flowable]"]
Notes = Mapping[str, tuple[str, str]]  # "Model.field": (what it does, an example value as written in YAML)


@dataclass(frozen=True)
class Block:
    """One section type. `order` places it in every list of types (the model's union, the JSON Schema,
    "one of ..." hints): the order the types usually come in a report."""

    name: str                 # the `type:` value; also the module's name and the docs heading (`### name`)
    model: type[SectionBase]  # its fields; `type: Literal[name]` among them
    layout: Layout            # section, build context, spec path -> the section's flowables
    order: int
    notes: Notes              # a note for every field of `model` and of the models only it uses
    sample: Mapping[str, Any]  # a small valid section: tests validate it and lay it out alone
    page: Literal["body", "feature"] = "body"  # feature: a full page of its own, no footer, no margins
    even_page: bool = False   # starts on an even (left-hand) page: the outside of the last leaf
    contents: bool = True     # listed on the contents page
    outline: bool = True      # has a PDF outline entry (bookmark)
    once: bool = False        # at most one per report
    nests_under: str | None = None  # listed one level down when a section of this type came before it
    positional_key: bool = False  # its anchor name is `<type>-<position>` unless it has an id
    title: Callable[[Any], str] | None = None  # outline and contents title when it has no `bookmark`
    color: Callable[[Any, "Colors"], "Color | None"] | None = None  # its colour chip in the contents

    def __post_init__(self) -> None:
        tag = self.model.fields.get("type")
        if tag is None or typing.get_args(tag.type) != (self.name,):
            raise TypeError(f"block {self.name!r}: its model {self.model.__name__} needs `type: Literal[{self.name!r}]`")
