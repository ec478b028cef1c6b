"""Editions benchmark: a generated data set of N rows and a 4-page template (stats, a chart, a table, a pie) in;
editions per second on this machine, each worker's peak memory over the run, and whether 4 shards
give the same PDFs as one run out (printed, and written to benchmarks/results.md under "## Editions").

Each run is `reportgen build TEMPLATE -o FOLDER --jobs J` from the command line (a fresh process:
interpreter start, the pool's start and every edition included), after one unmeasured warm-up run
of 20 rows that fills the build cache. Memory: every 0.1 s the resident set of each worker process
(a child of the command) is read from /proc, with how many PDFs are written by then; a worker's RSS
when the first 50 editions are done is compared with its largest after that.

    python benchmarks/editions.py               # 1,000 rows, --jobs 2, then 4 shards
    python benchmarks/editions.py --rows 200
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / "build" / "bench-editions"
TARGET, GOAL = 10.0, 20.0  # editions per second on 2 cores (issue 19)
MEMORY_DRIFT = 0.20        # a worker's peak may exceed its RSS after 50 editions by at most this

TEMPLATE = """\
# benchmarks/editions.py: a 4-page template, one edition per row of schools.csv
data:
  schools: schools.csv
  state: state.yaml
editions:
  rows: schools
  key: code
  output: "{{ edition.code }}.pdf"
meta:
  title: "{{ edition.name }} Report Card {{ state.year }}"
  organization: "{{ edition.district }}"
  language: "{{ edition.language }}"
  year: "{{ state.year }}"
sections:
  - type: text
    title: "{{ edition.name }} at a Glance"
    lead: "{{ edition.name }} served {{ edition.students | number }} students in {{ state.year }}, with {{ edition.teachers | number }} teachers."
    body: |
      Every public school publishes an accountability report card each year. This one reports the
      enrollment, staffing, results and spending of {{ edition.name }}, a school of {{ edition.district }}.

      The figures come from the school's row of the state's data; the state's own figures are shared by
      every edition.
    stats:
      - {value: "{{ edition.students | number }}", label: Students}
      - {value: "{{ edition.teachers | number }}", label: Teachers}
      - {value: "{{ edition.graduation | percent(1) }}", label: Graduation rate,
         change: "{{ ((edition.graduation - state.graduation) * 100) | number(1, sign=true) }} pts", since: state}
      - {value: "{{ edition.attendance | percent(1) }}", label: Attendance}
  - type: text
    break: page
    title: Enrollment
    body: |
      Enrollment each October, over five years.
    charts:
      - type: column
        title: Students enrolled
        categories: ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
        series:
          - name: Students
            values: ["{{ edition.e2020 }}", "{{ edition.e2021 }}", "{{ edition.e2022 }}", "{{ edition.e2023 }}",
                     "{{ edition.students }}"]
        source: "{{ edition.name }}, October counts"
  - type: text
    break: page
    title: Results
    body: |
      The school's results beside the state's.
    tables:
      - title: "{{ edition.name }} and the state"
        columns: [Measure, School, State]
        rows:
          - [Graduation rate, "{{ edition.graduation | percent(1) }}", "{{ state.graduation | percent(1) }}"]
          - [Attendance, "{{ edition.attendance | percent(1) }}", "{{ state.attendance | percent(1) }}"]
          - [English proficiency, "{{ edition.english | percent }}", "{{ state.english | percent }}"]
          - [Math proficiency, "{{ edition.math | percent }}", "{{ state.math | percent }}"]
          - [Students per teacher, "{{ (edition.students / edition.teachers) | number(1) }}", "{{ state.ratio | number(1) }}"]
  - type: financials
    break: page
    title: Spending
    lead: "{{ edition.name }} spent {{ (edition.instruction + edition.support + edition.operations) | money(digits=0) }} thousand."
    pie:
      title: Spending by purpose
      slices:
        - {label: Instruction, amount: "{{ edition.instruction }}"}
        - {label: Student support, amount: "{{ edition.support }}"}
        - {label: Operations, amount: "{{ edition.operations }}"}
"""

STATE = """\
year: 2023-24
graduation: 0.872
attendance: 0.931
english: 0.47
math: 0.35
ratio: 21.4
"""

NAMES = ["Oak", "Cedar", "Willow", "Harbor", "Mesa", "Valley", "Summit", "Lincoln", "Roosevelt", "Sierra", "Pacific",
         "Canyon", "Meadow", "Redwood", "Sunset", "Vista", "Bay", "Ridge", "Grove", "Mission"]
KINDS = ["Elementary", "Middle School", "High School", "Academy", "Charter School"]


def generate(folder: Path, rows: int, seed: int = 19) -> Path:
    """Write the template, its shared figures and `rows` rows of invented schools into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    chance = random.Random(seed)
    lines = ["code,name,district,language,students,teachers,graduation,attendance,english,math,"
             "e2020,e2021,e2022,e2023,instruction,support,operations"]
    for index in range(rows):
        students = chance.randint(180, 3200)
        past = [round(students * chance.uniform(0.9, 1.1)) for _ in range(4)]
        name = f"{chance.choice(NAMES)} {chance.choice(NAMES)} {chance.choice(KINDS)}"
        lines.append(",".join(str(value) for value in (
            f"s{index + 1:05d}", name, f"{chance.choice(NAMES)} Unified", "en-US", students,
            max(8, students // chance.randint(17, 26)), f"{chance.uniform(0.7, 0.99):.3f}",
            f"{chance.uniform(0.85, 0.98):.3f}", f"{chance.uniform(0.2, 0.8):.2f}", f"{chance.uniform(0.15, 0.7):.2f}",
            *past, round(students * 9.1), round(students * 2.4), round(students * 1.7))))
    (folder / "schools.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "state.yaml").write_text(STATE, encoding="utf-8")
    (folder / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    return folder / "template.yaml"


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as stream:
            return [int(child) for child in stream.read().split()]
    except OSError:
        return []


def _rss(pid: int) -> tuple[int, int] | None:
    """A process's resident set and the part of it that is its own (USS: private pages, not those it
    still shares with the parent it was forked from), in bytes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            fields = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in stream if line.rstrip().endswith("kB")}
    except (OSError, ValueError, IndexError):
        return None
    if "Rss" not in fields:
        return None
    return fields["Rss"], fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)


def run(template: Path, folder: Path, jobs: int, shard: str | None = None) -> dict:
    """One `reportgen build` of the editions: seconds, editions built, and each worker's RSS samples."""
    shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "reportgen", "build", str(template), "-o", str(folder), "--jobs", str(jobs)]
    if shard:
        command += ["--shard", shard]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: dict[int, list[tuple[int, tuple[int, int]]]] = {}  # worker pid -> [(PDFs written, (RSS, USS))]
    while process.poll() is None:
        done = sum(1 for _ in folder.glob("*.pdf")) if folder.is_dir() else 0
        for child in _children(process.pid):
            rss = _rss(child)
            if rss is not None:
                samples.setdefault(child, []).append((done, rss))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the build failed ({process.returncode}):\n{out}\n{err}")
    manifests = sorted(folder.glob("editions-*-of-*.json"))
    editions = [entry for manifest in manifests for entry in json.loads(manifest.read_text())["editions"]]
    return {"seconds": seconds, "editions": editions, "samples": samples}


def memory_drift(samples: dict[int, list[tuple[int, tuple[int, int]]]], after: int = 50,
                 which: int = 0) -> list[tuple[int, int, float]]:
    """Each worker's (memory when `after` editions were done, its peak after that, the ratio): `which` 0 is
    the resident set, 1 the worker's own part of it (USS)."""
    found = []
    for series in samples.values():
        base = next((memory[which] for done, memory in series if done >= after), None)
        later = [memory[which] for done, memory in series if done >= after]
        if base and later:
            found.append((base, max(later), max(later) / base))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--no-write", action="store_true", help="print only; leave benchmarks/results.md")
    arguments = parser.parse_args()
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)  # as an installed package is (PYTHONDONTWRITEBYTECODE)
    warm = generate(WORK / "warm", 20)
    run(warm, ROOT / "build" / "bench-editions-out" / "warm", arguments.jobs)
    template = generate(WORK / "data", arguments.rows)
    whole = run(template, ROOT / "build" / "bench-editions-out" / "all", arguments.jobs)
    rate = len(whole["editions"]) / whole["seconds"]
    drift = memory_drift(whole["samples"])
    own = memory_drift(whole["samples"], which=1)
    sharded: dict[str, str] = {}
    shard_seconds = []
    for k in range(1, arguments.shards + 1):
        result = run(template, ROOT / "build" / "bench-editions-out" / f"shard-{k}", arguments.jobs,
                     f"{k}/{arguments.shards}")
        shard_seconds.append(result["seconds"])
        for entry in result["editions"]:
            assert entry["key"] not in sharded, f"{entry['key']} built by two shards"
            sharded[entry["key"]] = entry["sha256"]
    single = {entry["key"]: entry["sha256"] for entry in whole["editions"]}
    same = sharded == single
    pages = sorted({entry["pages"] for entry in whole["editions"]})
    worst = max((ratio for _, _, ratio in drift), default=float("nan"))
    lines = [
        "## Editions",
        "",
        f"Written by `python benchmarks/editions.py` on {os.cpu_count()} CPUs: a generated data set of "
        f"{arguments.rows:,} rows (benchmarks/editions.py: schools.csv) and a template of "
        f"{'/'.join(map(str, pages))} pages (stats, a column chart, a table, a pie), built by `reportgen build "
        f"TEMPLATE -o FOLDER --jobs {arguments.jobs}` from the command line (interpreter, pool start and every "
        "edition included), after a 20-row warm-up run that fills the build cache.",
        "",
        "| figure | measured | target |",
        "|---|---|---|",
        f"| editions built | {len(whole['editions']):,} in {whole['seconds']:.1f} s | |",
        f"| editions per second, --jobs {arguments.jobs} | {rate:.1f} | ≥ {TARGET:g} (goal {GOAL:g}) |",
        f"| worker peak RSS after 50 editions ÷ RSS at 50 (worst of {len(drift)} workers) | {worst:.2f} "
        f"({', '.join(f'{b / 2**20:.0f} → {p / 2**20:.0f} MB' for b, p, _ in drift)}) | ≤ {1 + MEMORY_DRIFT:.2f} |",
        f"| the same for each worker's own memory (USS: RSS less the pages still shared with the parent) | "
        f"{max((r for _, _, r in own), default=float('nan')):.2f} "
        f"({', '.join(f'{b / 2**20:.0f} → {p / 2**20:.0f} MB' for b, p, _ in own)}) | |",
        f"| {arguments.shards} shards (--shard K/{arguments.shards}, one after another) | "
        f"{sum(shard_seconds):.1f} s in all; sha256s {'the same as' if same else 'DIFFERENT from'} the single run's "
        f"for all {len(single):,} editions | the same |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not arguments.no_write:
        results = HERE / "results.md"
        current = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
        if "## Editions" in current:
            before, _, rest = current.partition("## Editions")
            after = rest.split("\n## ", 1)
            current = before + (("## " + after[1]) if len(after) > 1 else "")
        results.write_text(current.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    ok = rate >= TARGET and same and worst <= 1 + MEMORY_DRIFT
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
