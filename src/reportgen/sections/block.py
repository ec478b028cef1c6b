"""What a section block declares: type name, model, page kind, listing, layout function, checks; no ReportLab here."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Literal, Mapping

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.parts import SectionBase

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext
    from reportgen.model.colors import Color
    from reportgen.model.strings import Words
    from reportgen.model.report import Colors

Layout = Callable[[Any, "BuildContext", SpecPath], "list[Flowable]"]
Notes = Mapping[str, tuple[str, str]]  # "Model.field": (what it does, an example value as written in YAML)


@dataclass
class CheckContext:
    """What a block's `check` sees beyond its own section, for one report: the sections' anchor names
    (None in a partial report, whose anchors are unknown) and what earlier sections claimed."""

    keys: list[str] | None
    claims: dict[tuple[str, object], int | str] = field(default_factory=dict)

    def claim(self, what: str, value: object, index: int | str) -> int | str | None:
        """Section `index` (the last part of its spec path) takes `value` as its `what` (a pillar number, say): the earlier section's index
        when one took it first, else None."""
        earlier = self.claims.setdefault((what, value), index)
        return None if earlier == index else earlier

    def unknown_anchor(self, anchor: str) -> tuple[str, str] | None:
        """For `#anchor`: (message, hint) when no section has that anchor; None when it exists or is unknown."""
        if self.keys is None or anchor in self.keys:
            return None
        import difflib  # only when something is misspelt

        close = difflib.get_close_matches(anchor, self.keys, n=1, cutoff=0.6)
        shown = ", ".join("#" + key for key in self.keys[:12]) + (", ..." if len(self.keys) > 12 else "")
        hint = (f"did you mean `#{close[0]}`? " if close else "") + f"the sections' anchors are {shown}"
        return f"the link `#{anchor}` goes to no section", hint


# section, the report's check context, the section's spec path -> problems across its fields (located by path)
Check = Callable[[Any, CheckContext, SpecPath], "list[Diagnostic]"]


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
    full_bleed: bool | None = None  # draws art out to the trim (and through the bleed); None: as `page` is feature
    contents: bool = True     # listed on the contents page
    outline: bool = True      # has a PDF outline entry (bookmark)
    flows: bool = False       # without `break:`, a short one continues on the page (stylesheet: section)
    once: bool = False        # at most one per report
    nests_under: str | None = None  # listed one level down when a section of this type came before it
    positional_key: bool = False  # its anchor name is `<type>-<position>` unless it has an id
    # outline and contents title when it has no `bookmark`: section, the words of the report's language -> title
    title: Callable[[Any, "Words"], str] | None = None
    color: Callable[[Any, "Colors"], "Color | None"] | None = None  # its colour chip in the contents
    check: Check | None = None  # problems no single field can see (validate.check_report calls it per section)

    @property
    def bleeds(self) -> bool:
        """Whether its art reaches the trim, so a print build needs bleed."""
        return self.page == "feature" if self.full_bleed is None else self.full_bleed

    def __post_init__(self) -> None:
        tag = self.model.fields.get("type")
        if tag is None or typing.get_args(tag.type) != (self.name,):
            raise TypeError(f"block {self.name!r}: its model {self.model.__name__} needs `type: Literal[{self.name!r}]`")
