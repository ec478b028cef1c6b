"""Editions in bulk: a spec with `editions:`, a folder and build options in; one PDF per edition (or a
shard of them) built in a process pool, one result per edition and a manifest out. Library code: it
never prints (progress goes to a callback) and raises ReportError with located diagnostics.

- `parse_shard("2/4") -> (2, 4)`; `shard_of(editions, K, N)` is the K-th of N contiguous slices of the
  editions in row order (rows [floor((K-1)n/N), floor(Kn/N))), the same on every machine.
- `build_editions(...)` builds a shard's editions: `jobs` worker processes (default one per CPU), each
  with one pipeline.BuildSession for all the editions it builds (fonts, styles and the template read
  once per worker); the editions go to the workers a few at a time so progress stays smooth. An
  edition that fails (a ReportError, a bug, a worker that died) is that edition's result, never the
  others'. With `keep=False` (validate) each edition is checked with pipeline.check: laid out and
  rendered in a temporary folder with its own cold build cache; nothing is kept.
- After a build, `<folder>/editions-K-of-N.json` (the manifest: each edition's key, row, output file,
  pages, sha256 and errors) is written atomically and deterministically (no times, sorted keys), so
  `merge_manifests` can check that the shards of a CI matrix cover every row exactly once.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from reportgen import __version__
from reportgen.diagnostics import Diagnostic, ReportError

__all__ = ["EditionResult", "EditionsOutcome", "build_editions", "manifest_name", "manifest_paths",
           "merge_manifests", "parse_shard", "shard_of", "shard_rows"]

CHUNK = 6  # editions per task at most: few enough that progress is smooth, enough to keep workers busy
_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
MANIFEST_GLOB = "editions-*-of-*.json"


@dataclass
class EditionResult:
    """What became of one edition: its PDF (pages, sha256) when built, else its errors."""

    key: str
    row: int
    output: Path
    pages: int = 0
    sha256: str | None = None
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class EditionsOutcome:
    """A run's results (in row order), the template's identity and the manifest written (None for keep=False)."""

    spec: str
    folder: Path
    digest: str
    rows: int  # the template's editions, all shards together
    shard: tuple[int, int]
    results: list[EditionResult]
    seconds: float
    manifest: Path | None = None

    @property
    def failed(self) -> list[EditionResult]:
        return [result for result in self.results if not result.ok]


Progress = Callable[[EditionResult, int, int], None]  # (the result just in, done so far, editions in this run)


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' -> (K, N), with 1 <= K <= N; anything else is a ReportError saying what a shard is."""
    match = _SHARD.fullmatch(text or "")
    hint = "a shard is K/N: the K-th of N parts, 1 <= K <= N (e.g. --shard 2/4 in a 4-job CI matrix)"
    if match is None:
        raise ReportError([Diagnostic(f"--shard {text!r} is not of the form K/N", hint=hint)])
    k, n = int(match.group(1)), int(match.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ReportError([Diagnostic(f"--shard {text}: K must be between 1 and N (N at least 1)", hint=hint)])
    return k, n


def shard_rows(rows: int, k: int, n: int) -> range:
    """The rows (indexes from 0) of shard K of N among `rows` rows: contiguous, in row order."""
    return range((k - 1) * rows // n, k * rows // n)


def shard_of(editions: Sequence[Any], k: int, n: int) -> list[Any]:
    """Shard K of N of the editions (in row order): every edition in exactly one shard, whatever N."""
    span = shard_rows(len(editions), k, n)
    return list(editions[span.start:span.stop])


def manifest_name(k: int, n: int) -> str:
    return f"editions-{k}-of-{n}.json"


# --- building -----------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}  # in a worker process only: its own BuildSession (set by _start_worker)


def _start_worker() -> None:
    """In a new worker: its session. What it inherited from the parent (modules, fonts) is frozen out of
    the collector's reach: every full collection would scan it again, and find nothing to free."""
    import gc

    from reportgen.pipeline import BuildSession

    gc.freeze()
    _WORKER["session"] = BuildSession()


def _worker_chunk(spec: str, folder: Path, options: Any, keep: bool,
                  editions: list[tuple[int, str, str]]) -> list[EditionResult]:
    """In a worker: build (or check) a few editions through the worker's one session, then collect the
    cycles they left (the program's collector thresholds are set for one long build, cli.main.GC_THRESHOLDS:
    a worker building edition after edition would otherwise let its old generation grow between the rare
    full collections; what it inherited is frozen, so a collection scans only its own objects)."""
    import gc

    results = [_one(spec, folder, options, keep, edition, _WORKER["session"]) for edition in editions]
    gc.collect()
    return results


def _one(spec: str, folder: Path, options: Any, keep: bool, edition: tuple[int, str, str],
         session: Any) -> EditionResult:
    """Build or check one edition; every failure becomes that edition's diagnostics."""
    from reportgen import pipeline

    row, key, name = edition
    output = folder / name
    started = time.perf_counter()
    try:
        if keep:
            built = pipeline.build(spec, output, options, session=session, edition=key)
            digest = hashlib.sha256(built.output.read_bytes()).hexdigest()
            return EditionResult(key, row, output, built.pages, digest, time.perf_counter() - started,
                                 built.warnings)
        warnings = pipeline.check(spec, options, edition=key, session=session)
        return EditionResult(key, row, output, seconds=time.perf_counter() - started, warnings=warnings)
    except ReportError as error:
        return EditionResult(key, row, output, seconds=time.perf_counter() - started, errors=error.diagnostics)
    except Exception as error:  # a bug in reportgen: this edition's failure, the others go on
        return EditionResult(key, row, output, seconds=time.perf_counter() - started, errors=[Diagnostic(
            f"internal error: {type(error).__name__}: {error}", file=spec,
            hint=f"build this edition alone (--edition {key} -v) for details; please report it")])


def _died(spec: str, folder: Path, edition: tuple[int, str, str]) -> EditionResult:
    row, key, name = edition
    return EditionResult(key, row, folder / name, errors=[Diagnostic(
        "the worker process building this edition stopped unexpectedly", file=spec,
        hint=f"build it alone (--edition {key}) to see why")])


def _context() -> Any:
    """Fork on Linux: workers start with reportgen already imported (fast, and the same code)."""
    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def build_editions(spec: str | Path, folder: str | Path, options: Any = None, *, jobs: int | None = None,
                   shard: tuple[int, int] = (1, 1), keep: bool = True, progress: Progress | None = None,
                   template: Any = None) -> EditionsOutcome:
    """Build (keep=False: check) shard `shard` of the spec's editions into `folder`, in `jobs` processes;
    results in row order. Raises ReportError only when the spec cannot make editions at all (unreadable,
    no `editions:`); each edition's own problems are in its result. Writes the manifest when keep."""
    from reportgen.bind import load_template
    from reportgen.pipeline import BuildOptions, BuildSession

    options = options if options is not None else BuildOptions()
    spec = str(spec)
    folder = Path(folder)
    if template is None:
        template = load_template(spec, allow_outside=options.allow_outside)
    if template.editions is None:
        raise ReportError([Diagnostic("this spec has no `editions:`, so it makes one report", ("editions",),
                                      "build it with -o FILE.pdf", spec)])
    k, n = shard
    chosen = [(e.index, e.key, e.output) for e in shard_of(template.editions, k, n)]
    started = time.perf_counter()
    results: list[EditionResult] = []

    def arrived(result: EditionResult) -> None:
        results.append(result)
        if progress is not None:
            progress(result, len(results), len(chosen))

    if keep:
        folder.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(chosen)))
    if workers == 1:
        session = BuildSession()
        for edition in chosen:
            arrived(_one(spec, folder, options, keep, edition, session))
    else:
        _in_pool(spec, folder, options, keep, chosen, workers, arrived)
    results.sort(key=lambda result: result.row)
    outcome = EditionsOutcome(spec, folder, template.digest, len(template.editions), (k, n), results,
                              time.perf_counter() - started)
    if keep:
        outcome.manifest = write_manifest(outcome)
    return outcome


def _in_pool(spec: str, folder: Path, options: Any, keep: bool, chosen: list[tuple[int, str, str]], workers: int,
             arrived: Callable[[EditionResult], None]) -> None:
    """Chunks of editions over a pool of `workers`. A worker that dies breaks the pool, and every chunk not
    yet done is told so: the first of those editions (in row order: one of the chunks running when it
    died) is then tried alone in a pool of its own, where only it can fail, and the rest go to a fresh
    pool; again until none is left, so only an edition that kills its worker fails."""
    importlib.import_module("reportgen.pipeline")  # imported once here: forked workers inherit it
    left = chosen
    while left:
        left = _round(spec, folder, options, keep, left, workers, arrived)
        if left:
            first, left = left[0], left[1:]
            with ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_start_worker) as alone:
                try:
                    [result] = alone.submit(_worker_chunk, spec, folder, options, keep, [first]).result()
                except BrokenProcessPool:
                    result = _died(spec, folder, first)
            arrived(result)


def _round(spec: str, folder: Path, options: Any, keep: bool, chosen: list[tuple[int, str, str]], workers: int,
           arrived: Callable[[EditionResult], None]) -> list[tuple[int, str, str]]:
    """One pool over `chosen`; the editions whose chunks a dying worker left undone, in row order."""
    workers = max(1, min(workers, len(chosen)))
    size = max(1, min(CHUNK, -(-len(chosen) // (workers * 4))))
    chunks = [chosen[i:i + size] for i in range(0, len(chosen), size)]
    undone: list[tuple[int, str, str]] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_start_worker) as pool:
        pending: dict[Future, list[tuple[int, str, str]]] = {
            pool.submit(_worker_chunk, spec, folder, options, keep, chunk): chunk for chunk in chunks}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                try:
                    for result in future.result():
                        arrived(result)
                except BrokenProcessPool:
                    undone.extend(chunk)
    return sorted(undone)


# --- manifests ----------------------------------------------------------------------------------------

def manifest_of(outcome: EditionsOutcome) -> dict[str, Any]:
    """The manifest of a run: what any machine building the same shard of the same inputs writes."""
    return {
        "reportgen": __version__,
        "template": outcome.spec,
        "digest": outcome.digest,
        "rows": outcome.rows,
        "shard": outcome.shard[0],
        "shards": outcome.shard[1],
        "editions": [{"key": r.key, "row": r.row, "output": r.output.name, "pages": r.pages, "sha256": r.sha256,
                      "errors": [str(d) for d in r.errors]} for r in sorted(outcome.results, key=lambda r: r.row)],
    }


def dump_manifest(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, sort_keys=True, indent=1) + "\n"


def write_manifest(outcome: EditionsOutcome) -> Path:
    """Write `<folder>/editions-K-of-N.json` atomically (a temporary file renamed into place)."""
    path = outcome.folder / manifest_name(*outcome.shard)
    write_atomically(path, dump_manifest(manifest_of(outcome)))
    return path


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def manifest_paths(arguments: Iterable[str | Path]) -> list[Path]:
    """Manifest files and folders in, the manifests out (a folder: every editions-K-of-N.json in it)."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            inside = sorted(path.glob(MANIFEST_GLOB))
            if not inside:
                problems.append(Diagnostic(f"{path} holds no manifest ({MANIFEST_GLOB})", file=str(path),
                                           hint="give the -o folder of a `reportgen build` of editions"))
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Diagnostic(f"there is no file or folder {path}", file=str(path)))
    if problems:
        raise ReportError(problems)
    return found


_FIELDS = {"digest": str, "rows": int, "shard": int, "shards": int, "editions": list}


def _read_manifest(path: Path) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return None, [Diagnostic(f"cannot read this manifest: {error}", file=str(path))]
    except json.JSONDecodeError as error:
        return None, [Diagnostic(f"not a JSON manifest: {error.msg}", file=str(path), line=error.lineno,
                                 column=error.colno)]
    if not isinstance(manifest, dict):
        return None, [Diagnostic("not an editions manifest (a JSON object)", file=str(path))]
    wrong = [name for name, kind in _FIELDS.items()
             if not isinstance(manifest.get(name), kind) or isinstance(manifest.get(name), bool)]
    if wrong:
        return None, [Diagnostic(f"not an editions manifest: {', '.join(wrong)} missing or of the wrong kind",
                                 file=str(path), hint="manifests are written by `reportgen build` of editions")]
    return manifest, []


def merge_manifests(paths: Sequence[str | Path]) -> dict[str, Any]:
    """Check that the manifests of the shards of one run cover every row exactly once, with no failed
    edition; return the merged manifest (every edition, by row). Raises ReportError with every problem."""
    problems: list[Diagnostic] = []
    manifests: list[tuple[Path, dict[str, Any]]] = []
    for path in map(Path, paths):
        manifest, found = _read_manifest(path)
        problems += found
        if manifest is not None:
            manifests.append((path, manifest))
    if not manifests:
        raise ReportError(problems or [Diagnostic("no manifests to merge", hint="give the shards' manifests")])
    first_path, first = manifests[0]
    for name in ("digest", "rows", "shards"):
        for path, manifest in manifests[1:]:
            if manifest[name] != first[name]:
                problems.append(Diagnostic(
                    f"{name} is {manifest[name]!r} here but {first[name]!r} in {first_path}", file=str(path),
                    hint="merge the manifests of one run: the same template and data, the same N in --shard K/N"))
    if problems:
        raise ReportError(problems)
    rows, shards = first["rows"], first["shards"]
    template = str(first.get("template") or first_path)
    by_shard: dict[int, list[Path]] = {}
    for path, manifest in manifests:
        by_shard.setdefault(manifest["shard"], []).append(path)
    for k in range(1, shards + 1):
        span = shard_rows(rows, k, shards)
        where = (f"row {span.start}" if len(span) == 1 else f"rows {span.start}-{span.stop - 1}") if len(span) else \
            "no rows"
        if k not in by_shard:
            problems.append(Diagnostic(f"shard {k}/{shards} ({where}) is missing", file=template, hint=f"build it "
                                       f"with --shard {k}/{shards} and merge its {manifest_name(k, shards)} too"))
        elif len(by_shard[k]) > 1:
            problems.append(Diagnostic(f"shard {k}/{shards} is given twice: " + ", ".join(map(str, by_shard[k])),
                                       file=str(by_shard[k][1]), hint="give each shard's manifest once"))
    for k in sorted(set(by_shard) - set(range(1, shards + 1))):
        problems.append(Diagnostic(f"shard {k} is not one of 1 to {shards}", file=str(by_shard[k][0])))
    seen: dict[int, tuple[Path, dict[str, Any]]] = {}
    failed: list[Diagnostic] = []
    for path, manifest in manifests:
        if len(by_shard.get(manifest["shard"], ())) > 1 and path != by_shard[manifest["shard"]][0]:
            continue  # a duplicated shard is told once, above
        for entry in manifest["editions"]:
            row = entry.get("row") if isinstance(entry, dict) else None
            if not isinstance(row, int) or not 0 <= row < rows:
                problems.append(Diagnostic(f"an edition with row {row!r}, not one of 0 to {rows - 1}", file=str(path)))
                continue
            if row in seen:
                problems.append(Diagnostic(f"row {row} ({entry.get('key')}) is in {seen[row][0]} too", file=str(path),
                                           hint="the shards overlap: build every shard with the same N"))
                continue
            seen[row] = (path, entry)
            if entry.get("errors"):
                failed.append(Diagnostic(f"edition {entry.get('key')} (row {row}) failed: {entry['errors'][0]}"
                                         + (f" (and {len(entry['errors']) - 1} more)" if len(entry["errors"]) > 1
                                            else ""), file=str(path), hint="rebuild its shard once it is fixed"))
    missing = [row for row in range(rows) if row not in seen]
    if missing and not any("is missing" in p.message for p in problems):
        shown = ", ".join(map(str, missing[:20])) + (f", and {len(missing) - 20} more" if len(missing) > 20 else "")
        problems.append(Diagnostic(f"{len(missing)} of {rows} rows are in no manifest: {shown}", file=template))
    problems += failed
    if problems:
        raise ReportError(problems)
    return {"reportgen": first.get("reportgen"), "template": first.get("template"), "digest": first["digest"],
            "rows": rows, "shards": shards,
            "editions": [seen[row][1] for row in range(rows)]}
