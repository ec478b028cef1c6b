"""Section blocks: one module per section type, each a `Block` (model, page kind, layout); `registry` collects them.

A block module `reportgen/sections/<type>.py` holds everything a section type is: its model class
(fields, with their notes for the docs and the schema), its `BLOCK` declaration (type name, page kind,
whether it is listed in the contents and the outline, a sample for the tests) and its layout function
(section + `BuildContext` -> flowables). The model part imports no ReportLab: importing a block module
(as validation does) loads only the model; the layout function imports the layout stage, and with it
ReportLab, when it is first called. Flowables that several blocks draw (stat rows, photos, columns)
live in `reportgen.layout.blocks`. `block` and `registry` are the two modules here that are not blocks.
"""

# The registry belongs to the model (the `Report` model's union of section types comes from it). Load the
# model first, so that a block module imported on its own (`import reportgen.sections.pillar`) is imported
# by the registry, complete, rather than found half-initialised by it.
import reportgen.model.report  # noqa: F401
