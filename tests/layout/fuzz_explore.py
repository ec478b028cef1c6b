"""Long layout-fuzz exploration: random specs in, a catalogue of distinct failures with shrunk reproducers out.

Unlike the suite's test (which stops at its first failure), this draws specs from
tests/layout/strategies.specs() for several seeds and records every outcome: failures are grouped
by kind (exception type, message pattern and the reportgen function it came from; unlocated
diagnostics; hangs), each kind's smallest spec is shrunk by deleting sections, keys, list items
and words while the kind stays the same, and written to OUT/<n>-<name>/ (report.yaml, its photos,
README.md with the failure and the command to reproduce it). Located errors on these valid specs
are tallied by message too (rejections.md): they are not crashes, but some are layout limits
worth a look. Run from the repository root:

    PYTHONPATH=src:. python tests/layout/fuzz_explore.py --minutes 35 --seeds 1 2 3 --out /work/fuzz-findings
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.layout.strategies import Outcome, build_outcome, cli_verdicts, dump, materialize, specs


def signature(outcome: Outcome) -> str | None:
    return outcome.failure


def rejection(outcome: Outcome) -> str | None:
    """The first located error's message, numbers and spec paths blanked: what a valid spec was refused for."""
    if outcome.failure or not outcome.errors:
        return None
    message = re.sub(r"^\S+?:\d+(:\d+)?: ", "", outcome.errors[0])
    message = re.sub(r"\[\d+\]", "[N]", message)
    message = re.sub(r"p-\d+x\d+-\w+\.(jpg|png)", "<photo>", message)
    message = re.sub(r"/\S+\.pdf", "<pdf>", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    return re.sub(r"\d+(\.\d+)?", "N", message)[:200]


def size(spec: dict) -> int:
    return len(dump(spec))


def candidates(node: object, path: tuple = ()):  # type: ignore[no-untyped-def]
    """Every cut of `node` (the whole spec) as (path, action): delete a key or list item, halve a string,
    keep a string's first word."""
    if isinstance(node, dict):
        for key in list(node):
            if path != () or key not in ("meta", "sections"):
                yield path + (key,), "delete"
        for key, value in node.items():
            yield from candidates(value, path + (key,))
    elif isinstance(node, list):
        for index in reversed(range(len(node))):  # from the end, so earlier indices stay valid after a cut
            yield path + (index,), "delete"
        for index, value in enumerate(node):
            yield from candidates(value, path + (index,))
    elif isinstance(node, str) and len(node) > 1:
        if " " in node:
            yield path, "one word"
        yield path, "halve"


def weight(spec: dict, path: tuple) -> int:
    node: object = spec
    for part in path:
        node = node[part]  # type: ignore[index]
    return len(json.dumps(node, default=str))


def apply(spec: dict, path: tuple, action: str) -> dict:
    result = copy.deepcopy(spec)
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "halve":
        text = parent[key]
        parent[key] = text[:len(text) // 2].rstrip() or text[0]
    else:
        parent[key] = parent[key].split()[0]
    return result


def shrink(spec: dict, wanted: str, judge, budget: float) -> tuple[dict, int]:  # type: ignore[no-untyped-def]
    """Greedy passes over every cut, biggest first: keep a cut after which `judge` still gives `wanted`;
    stop after a pass that kept nothing, or when time is up."""
    deadline, tries = time.monotonic() + budget, 0
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        cuts = sorted(candidates(spec), key=lambda cut: -weight(spec, cut[0]))
        for path, action in cuts:
            if time.monotonic() > deadline:
                break
            try:
                smaller = apply(spec, path, action)
            except (KeyError, IndexError, TypeError, AttributeError):
                continue
            tries += 1
            if judge(smaller) == wanted:
                spec, improved = smaller, True
    return spec, tries


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]


def save(folder: Path, spec: dict, lines: list[str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    materialize(spec, folder)
    (folder / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--examples", type=int, default=600, help="at most this many examples per seed")
    parser.add_argument("--minutes", type=float, default=35, help="wall-time budget for generating and building")
    parser.add_argument("--shrink-seconds", type=float, default=60, help="time to shrink each distinct failure")
    parser.add_argument("--equivalence-every", type=int, default=0,
                        help="also compare validate and build (CLI) on every N-th example (0: never)")
    parser.add_argument("--out", type=Path, default=Path("/work/fuzz-findings"))
    arguments = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    started = time.monotonic()
    stop_at = started + arguments.minutes * 60
    failures: dict[str, list] = {}   # signature -> [count, smallest spec, outcome, strict]
    rejections: Counter[str] = Counter()
    rejected_example: dict[str, dict] = {}
    mismatches: Counter[str] = Counter()
    mismatch_example: dict[str, dict] = {}
    counted = Counter()

    for run_seed in arguments.seeds:
        if time.monotonic() > stop_at:
            break

        @seed(run_seed)
        @settings(max_examples=arguments.examples, deadline=None, database=None, derandomize=False,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(specs())
        def explore(spec: dict) -> None:
            if time.monotonic() > stop_at:
                return
            counted["examples"] += 1
            strict = counted["examples"] % 5 == 0
            outcome = build_outcome(spec, strict)
            counted["build seconds"] += outcome.seconds  # type: ignore[assignment]
            kind = signature(outcome)
            if kind is not None:
                entry = failures.setdefault(kind, [0, spec, outcome, strict])
                entry[0] += 1
                if size(spec) < size(entry[1]):
                    entry[1:] = [spec, outcome, strict]
                print(f"[{counted['examples']}] {kind}", file=sys.stderr, flush=True)
            elif outcome.errors:
                counted["refused"] += 1
                reason = rejection(outcome)
                if not strict and reason is not None:  # with --strict any warning refuses: not tallied
                    rejections[reason] += 1
                    if reason not in rejected_example or size(spec) < size(rejected_example[reason]):
                        rejected_example[reason] = spec
            else:
                counted["built"] += 1
            every = arguments.equivalence_every
            if every and counted["examples"] % every == 0 and not (kind or "").startswith("hang"):
                validated, built = cli_verdicts(spec)
                if validated != built:
                    only_build = sorted(set(built[1]) - set(validated[1]))
                    key = f"exit {validated[0]} vs {built[0]}; " + (
                        rejection(Outcome(None, errors=(only_build[0],))) if only_build else "validate-only lines")
                    mismatches[key] += 1
                    mismatch_example.setdefault(key, spec)

        explore()
        print(f"seed {run_seed}: {counted['examples']} examples so far, {time.monotonic() - started:.0f} s",
              file=sys.stderr, flush=True)

    explored = time.monotonic() - started
    arguments.out.mkdir(parents=True, exist_ok=True)
    summary = [f"# Layout fuzz findings", "",
               f"{counted['examples']} examples (seeds {arguments.seeds}) in {explored / 60:.1f} min wall time "
               f"({counted['build seconds'] / 60:.1f} min building); {counted['built']} built a PDF, "
               f"{counted['refused']} were refused with located errors (every 5th example builds --strict), "
               f"{sum(entry[0] for entry in failures.values())} failed ({len(failures)} distinct kinds).", ""]
    for number, (kind, (count, spec, outcome, strict)) in enumerate(
            sorted(failures.items(), key=lambda item: -item[1][0]), start=1):
        def judge(candidate: dict, strict: bool = strict) -> str | None:
            return signature(build_outcome(candidate, strict))

        small, tries = shrink(spec, kind, judge, arguments.shrink_seconds)
        final = build_outcome(small, strict)
        folder = arguments.out / f"{number:02d}-{slug(kind.split('(in ')[0])}"
        command = f"reportgen build{' --strict' if strict else ''} report.yaml -o /tmp/out.pdf"
        save(folder, small, [
            f"# {kind}", "", f"Seen {count} times in {counted['examples']} examples. Shrunk from {size(spec)} to "
            f"{size(small)} bytes of YAML in {tries} tries.", "",
            f"Reproduce: `cd {folder} && PYTHONPATH=<worktree>/src python -m reportgen.cli {command.split(' ', 1)[1]}`"
            f" (photos are in assets/, named by pixel size and mode: p-WxH-MODE.ext).", "",
            "```", (final.detail or final.failure or "").strip()[-3000:], "```"])
        summary.append(f"- `{folder.name}`: {kind} — {count}×")
    summary += ["", "## Valid specs refused with located errors (first error, by message)", ""]
    rejections_folder = arguments.out / "rejections"
    for number, (reason, count) in enumerate(rejections.most_common(), start=1):
        summary.append(f"- {count}× {reason}")
        if number <= 12:
            save(rejections_folder / f"{number:02d}", rejected_example[reason], [f"# {reason}", "", f"{count}×"])
    if mismatches:
        summary += ["", "## validate and build disagree (CLI verdicts)", ""]
        for number, (key, count) in enumerate(mismatches.most_common(), start=1):
            summary.append(f"- {count}× {key}")
            if number <= 8:
                save(arguments.out / "validate-vs-build" / f"{number:02d}", mismatch_example[key], [f"# {key}", "",
                                                                                                   f"{count}×"])
    (arguments.out / "SUMMARY.md").write_text("\n".join(summary) + "\n", encoding="utf-8")
    (arguments.out / "counts.json").write_text(json.dumps(
        {"examples": counted["examples"], "built": counted["built"], "wall_seconds": round(explored),
         "failures": {kind: entry[0] for kind, entry in failures.items()}, "rejections": dict(rejections),
         "mismatches": dict(mismatches)}, indent=2), encoding="utf-8")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
