"""Benchmarks: the repository's report and generated specs in, a table of wall time, pages per second,
peak memory and PDF size out, and the typography figures of the default report and the 100-page spec
(benchmarks/typography.py; printed, and written to benchmarks/results.md).

Every figure is measured on this run. Each case runs as a fresh process from the command line
(interpreter start included) after one unmeasured warm-up run (which fills
the build cache (build/.cache, or the user's cache folder: reportgen.cache), as any second build on a designer's machine or CI cache would); the table
shows the median of --runs runs. Peak memory is the child's own maximum resident set, from wait4.

    python benchmarks/run.py            # or: make bench
    python benchmarks/run.py --runs 3 --skip 1000
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / "build" / "bench"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)
import typography  # noqa: E402

PAGES = re.compile(r": (\d+) pages in ")

# What a watch-mode rebuild does per change: the process (imports, fonts) stays alive; the spec is
# re-read, validated, laid out and written again. This runs that loop in one long-lived process.
WATCH_SCRIPT = """
import json, sys, time
from pathlib import Path
from reportgen import pipeline
spec, output, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
original = spec.read_text(encoding="utf-8")
session = pipeline.BuildSession()  # as `reportgen watch` builds: one session for all its builds
pipeline.build(spec, output, session=session)  # the first build when watch starts
times = []
for run in range(runs):
    # a one-line edit: the letter's title changes
    spec.write_text(original.replace("  - type: letter\\n    title: ", f"  - type: letter\\n    title: Edit {run} - ", 1),
                    encoding="utf-8")
    started = time.perf_counter()
    result = pipeline.build(spec, output, session=session)
    times.append(time.perf_counter() - started)
spec.write_text(original, encoding="utf-8")
print(json.dumps({"times": times, "pages": result.pages}))
"""


@dataclass
class Sample:
    seconds: float
    peak_kb: int
    stdout: str


@dataclass
class Row:
    case: str
    pages: int | None
    seconds: list[float]
    peak_kb: int
    pdf_bytes: int | None
    target: str

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cells(self) -> list[str]:
        pages_per_second = f"{self.pages / self.median:.0f}" if self.pages else "–"
        size = f"{self.pdf_bytes / 1024:,.0f} KB" if self.pdf_bytes else "–"
        return [self.case, str(self.pages or "–"), f"{self.median:.3f}",
                f"{min(self.seconds):.3f}–{max(self.seconds):.3f}", pages_per_second,
                f"{self.peak_kb / 1024:.0f} MB", size, self.target]


def reportgen() -> list[str]:
    """The reportgen command of the interpreter running this script (the project's venv)."""
    script = Path(sys.executable).parent / "reportgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def run_measured(command: list[str]) -> Sample:
    """Run `command` to completion; wall seconds and the child's own peak RSS (KB, from wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # read both pipes to the end, then reap the child ourselves so its resource usage is ours to read
    stdout, stderr = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = code = os.waitstatus_to_exitcode(status)
    process.stdout.close(), process.stderr.close()  # type: ignore[union-attr]
    if code != 0:
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(command)}\n{stderr}")
    return Sample(seconds, usage.ru_maxrss, stdout)


def measure(case: str, command: list[str], runs: int, output: Path | None, target: str) -> Row:
    print(f"  {case}: ", end="", flush=True)
    run_measured(command)  # warm-up: fills the image cache and the OS file cache
    samples = []
    for _ in range(runs):
        samples.append(run_measured(command))
        print(f"{samples[-1].seconds:.2f}s ", end="", flush=True)
    print()
    match = PAGES.search(samples[-1].stdout)
    pages = int(match.group(1)) if match else None
    size = output.stat().st_size if output is not None and output.exists() else None
    return Row(case, pages, [s.seconds for s in samples], max(s.peak_kb for s in samples), size, target)


def measure_watch(runs: int) -> Row:
    folder = WORK / "watch"
    prepare_copy(folder)
    spec, output = folder / "report.yaml", folder / "report.pdf"
    print("  watch rebuild: ", end="", flush=True)
    sample = run_measured([sys.executable, "-c", WATCH_SCRIPT, str(spec), str(output), str(runs)])
    data = json.loads(sample.stdout)
    print(" ".join(f"{t:.2f}s" for t in data["times"]))
    return Row("watch rebuild after a one-line edit (in-process)", data["pages"], data["times"], sample.peak_kb,
               output.stat().st_size, "< 0.3 s")


def prepare_copy(folder: Path) -> None:
    """The repository's report.yaml and its photos, copied so the benchmark may edit them."""
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "report.yaml", folder / "report.yaml")
    shutil.copytree(ROOT / "assets" / "photos", folder / "assets" / "photos", dirs_exist_ok=True)


def table(rows: list[Row]) -> str:
    header = ["case", "pages", "median s", "range s", "pages/s", "peak RSS", "PDF", "target"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def scaling(rows: list[Row]) -> str | None:
    by_name = {row.case: row for row in rows}
    small, large = by_name.get("generated, 100 pages"), by_name.get("generated, 1,000 pages")
    if not (small and large and small.pages and large.pages):
        return None
    ratio = (large.median / large.pages) / (small.median / small.pages)
    return (f"Cost per page: {small.median / small.pages * 1000:.1f} ms at {small.pages} pages, "
            f"{large.median / large.pages * 1000:.1f} ms at {large.pages} pages: {ratio:.2f}x (target < 1.3x).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure reportgen builds; writes benchmarks/results.md.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per case (default 5; median shown)")
    parser.add_argument("--skip", action="append", default=[], choices=["default", "100", "1000", "validate", "watch"],
                        help="leave a case out (repeatable)")
    parser.add_argument("--results", type=Path, default=HERE / "results.md")
    arguments = parser.parse_args(argv)
    command = reportgen()
    # reportgen's own modules as an installed package has them: byte-compiled. (An editable install
    # compiles them on first import, unless PYTHONDONTWRITEBYTECODE is set, as on some CI machines;
    # then every run compiles them again, about 30 ms.)
    compileall.compile_dir(ROOT / "src", quiet=1)
    rows: list[Row] = []
    measured: dict[str, Path] = {}  # case -> its PDF, for the typography figures
    print(f"reportgen benchmarks: {arguments.runs} runs per case, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    if "default" not in arguments.skip:
        output = WORK / "default" / "report.pdf"
        rows.append(measure("default report (report.yaml)", command + ["build", "report.yaml", "-o", str(output)],
                            arguments.runs, output, "< 0.4 s"))
        measured["default report"] = output
    for pages, target in ((100, ""), (1000, "< 8 s, < 250 MB")):
        if str(pages) in arguments.skip:
            continue
        spec = generate.write(pages, WORK / str(pages) / "report.yaml")
        output = spec.with_suffix(".pdf")
        rows.append(measure(f"generated, {pages:,} pages", command + ["build", str(spec), "-o", str(output)],
                            arguments.runs, output, target))
        if pages == 100:
            measured["generated, 100 pages"] = output
    if "validate" not in arguments.skip:
        rows.append(measure("validate report.yaml", command + ["validate", "report.yaml"], arguments.runs, None, ""))
    if "watch" not in arguments.skip:
        rows.append(measure_watch(arguments.runs))
    text = table(rows)
    note = scaling(rows)
    print()
    print(text)
    if note:
        print(note)
    figures = typography_table({case: typography.measure(pdf) for case, pdf in measured.items()})
    if figures:
        print()
        print(figures)
    write_results(arguments.results, text, note, arguments.runs, figures)
    print(f"\nwritten to {arguments.results.relative_to(ROOT) if arguments.results.is_relative_to(ROOT) else arguments.results}")
    return 0


# issue 14's table: (figure, how to print it from TypographyFigures, goal)
TYPOGRAPHY_ROWS = [
    ("mean word space ÷ natural space (per line)", lambda f: f"{f.mean_line_space_ratio:.2f}", "≤ 1.35"),
    ("lines with a space > 2× natural", lambda f: f"{f.lines_over_2x} of {f.justified_lines} ({f.over_2x_percent:.0f}%)",
     "≤ 5%"),
    ("lines with a space > 3× natural", lambda f: str(f.lines_over_3x), "0"),
    ("lines with a space < 0.75× natural (tight)", lambda f: f"{f.tight_lines} of {f.justified_lines}", "–"),
    ("neighbouring lines spaced > 0.75 natural apart", lambda f: str(f.uneven_pairs), "–"),
    ("hyphenated line ends", lambda f: f"{f.hyphenated_lines} of {f.body_lines} ({f.hyphenated_percent:.0f}%)", "≤ 12%"),
    ("runs of 3+ hyphenated lines", lambda f: f"{f.hyphenated_runs} (longest {f.longest_hyphenated_run})", "0"),
    ("hyphens leaving 1–2 letters", lambda f: str(f.short_hyphen_tails), "0"),
    ("capitalised words hyphenated", lambda f: str(f.capitalised_hyphenations), "0"),
    ("paragraphs ending in a hyphen tail", lambda f: str(f.hyphen_tail_last_lines), "0"),
    ("hyphens at a column or page turn", lambda f: str(f.hyphens_at_turns), "0"),
    ("kerning", lambda f: f"{f.tj_arrays} TJ ({f.kerned_tj_arrays} kerned), {f.tj_operators} Tj of which "
                          f"{f.unkerned_runs} the font would kern", "every run kerned"),
    ("fi/fl ligatures", lambda f: f"{f.ligature_glyphs} of {f.fi_fl_in_text} ({f.ligatures_extracting_as_letters} read as letters)",
     "all, read as letters"),
    ("right-column baselines level", lambda f: f"{f.right_column_level} of {f.right_column_lines} ({f.level_percent:.0f}%)",
     "≥ 90%"),
    ("characters per line, single-column pages (worst page)",
     lambda f: f"{max(f.single_column_chars_by_page.values(), default=0):.0f}", "≤ ~85"),
]


def typography_table(measured: dict[str, typography.TypographyFigures]) -> str | None:
    """Issue 14's figures for each measured PDF, side by side, with the goals."""
    if not measured:
        return None
    header = ["figure (justified body text)", *measured, "goal"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, cell, goal in TYPOGRAPHY_ROWS:
        lines.append("| " + " | ".join([name, *(cell(f) for f in measured.values()), goal]) + " |")
    return "\n".join(lines)


def write_results(path: Path, text: str, note: str | None, runs: int, figures: str | None = None) -> None:
    machine = (f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, {platform.system()}, "
               f"load average {os.getloadavg()[0]:.2f} when it finished")
    lines = ["# Benchmark results", "",
             f"Written by `python benchmarks/run.py` (`make bench`) on {machine}. "
             f"Median of {runs} runs, each a fresh process from the command line (interpreter start included), "
             "after one warm-up run that fills the build cache (images, hyphenation patterns); reportgen's "
             "modules are byte-compiled first, as an installed package's are. Peak RSS is the process's maximum resident set. "
             "The watch row times `pipeline.build` again in one long-lived process after a one-line edit of "
             "the spec, which is what watch mode does per change.", "", text, ""]
    if note:
        lines += [note, ""]
    if figures:
        lines += ["## Typography", "",
                  "Measured by `python benchmarks/typography.py PDF` on the PDFs built above (issue 14's table; "
                  "how each figure is read is in that module's docstring).", "", figures, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
