"""Batch builds: several spec paths and a job count in, one result per spec (built, or its diagnostics) out.

Each spec builds in a worker process of its own pool slot, so one failing (or crashing) spec never
stops the others. With several specs, `-o` names a folder and each spec writes `<folder>/<stem>.pdf`.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.output import STDOUT

DEFAULT_FOLDER = "build"


@dataclass
class SpecOutcome:
    """What became of one spec: pages and seconds when built, else the errors."""

    spec: str
    output: Path
    pages: int = 0
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def outputs_for(specs: list[str], folder: str | None, *, print_mode: bool = False) -> list[Path]:
    """`<folder>/<spec stem>.pdf` (`-print.pdf` in print mode) for each spec; two specs may not share a PDF."""
    if folder == STDOUT:
        raise ReportError.single("with several specs, -o names a folder; standard output (-o -) holds one PDF",
                                 hint="build one spec at a time with -o -, or give a folder")
    base = Path(folder or DEFAULT_FOLDER)
    if base.suffix.lower() == ".pdf":
        raise ReportError.single(f"with several specs, -o names a folder, not a PDF ({base})",
                                 hint="each spec builds to FOLDER/<spec name>.pdf")
    suffix = "-print.pdf" if print_mode else ".pdf"
    outputs = [base / f"{Path(spec).stem}{suffix}" for spec in specs]
    seen: dict[Path, str] = {}
    clashes = []
    for spec, output in zip(specs, outputs):
        if output in seen:
            clashes.append(Diagnostic(f"{spec} and {seen[output]} would both write {output}",
                                      hint="give the spec files distinct names"))
        seen.setdefault(output, spec)
    if clashes:
        raise ReportError(clashes)
    return outputs


def build_one(spec: str, output: Path, options: object, session: object = None) -> SpecOutcome:
    """Build one spec (through `session`, a pipeline.BuildSession, when given); every failure becomes
    diagnostics (this runs in a worker process)."""
    from reportgen import pipeline

    try:
        result = pipeline.build(spec, output, options, session=session)  # type: ignore[arg-type]
    except ReportError as error:
        return SpecOutcome(spec, output, errors=error.diagnostics)
    except Exception as error:  # a bug in reportgen: reported for this spec, the others go on
        return SpecOutcome(spec, output, errors=[Diagnostic(
            f"internal error: {type(error).__name__}: {error}", file=spec,
            hint="build this spec alone with -v for details; please report it")])
    return SpecOutcome(spec, result.output, result.pages, result.seconds, result.warnings)


def build_all(specs: list[str], outputs: list[Path], options: object, jobs: int | None) -> list[SpecOutcome]:
    """Build every spec in a pool of `jobs` processes (default: one per CPU); results in argument order."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(specs)))
    if workers == 1:
        from reportgen.pipeline import BuildSession

        session = BuildSession()  # the specs' builds keep what they parsed of their build caches
        return [build_one(spec, output, options, session) for spec, output in zip(specs, outputs)]
    import reportgen.pipeline  # noqa: F401  (imported once here; forked workers inherit it)

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_one, spec, output, options) for spec, output in zip(specs, outputs)]
        outcomes = []
        for spec, output, future in zip(specs, outputs, futures):
            try:
                outcomes.append(future.result())
            except BrokenProcessPool:
                outcomes.append(SpecOutcome(spec, output, errors=[Diagnostic(
                    "the worker building this spec stopped unexpectedly", file=spec,
                    hint="build this spec alone to see why")]))
    return outcomes
