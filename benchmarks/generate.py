"""Benchmark specs: a target page count and a seed in, a report.yaml (with its photos copied beside it) out.

The report repeats one "chapter" (a pillar, or every other time a two-column text section, with
stats, photos and a two-column body; a financial section with a budget pie; a one-column text
section with a floated photo; a quote) with text varied deterministically from the seed, so every
paragraph differs but two runs give the same spec.
The page count is approximate (PAGES_PER_CHAPTER is a calibration, not a promise); the benchmark
reports the count the build actually produced.

    python benchmarks/generate.py --pages 100 -o build/bench/100/report.yaml
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = ROOT / "assets" / "photos"
PAGES_PER_CHAPTER = 7.5  # measured on the default theme; the real count is read from the PDF

SUBJECTS = ["Our educators", "The district team", "Every school site", "Community partners", "The literacy coaches",
            "Families across the county", "Our student advisory council", "The wellness centre staff",
            "Regional support teams", "Early learning programmes", "The technology office", "Career pathway mentors"]
VERBS = ["expanded", "strengthened", "launched", "measured", "supported", "redesigned", "piloted", "funded",
         "celebrated", "reviewed", "connected", "modernised"]
OBJECTS = ["structured literacy training", "after-school tutoring", "mental health services", "dual enrolment courses",
           "teacher residencies", "attendance outreach", "summer bridge programmes", "family engagement nights",
           "open data dashboards", "college and career fairs", "special education services", "school nutrition"]
TAILS = ["in 80 districts", "across 4,084 square miles", "for nearly two million students",
         "with measurable gains in numeracy", "ahead of the state deadline", "in partnership with local colleges",
         "while holding costs flat", "for multilingual learners", "in every region of the county",
         "with support from 54 competitive grants"]
TITLES = ["Student Outcomes", "Wellbeing", "Community Strength", "Clear Communication", "Organisational Excellence",
          "Early Learning", "Career Readiness", "Digital Access", "Family Partnership", "Safe Campuses"]
QUOTES = [("Education is the most powerful weapon you can use to change the world.", "Nelson Mandela"),
          ("The beautiful thing about learning is nobody can take it away from you.", "B. B. King"),
          ("An investment in knowledge pays the best interest.", "Benjamin Franklin"),
          ("Intellectual growth should commence at birth and cease only at death.", "Albert Einstein")]


def photos() -> list[str]:
    return sorted(path.name for path in PHOTOS.glob("*.jpg"))


def sentence(rng: random.Random) -> str:
    words = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    style = rng.random()
    if style < 0.12:
        return f"**{words}**, reaching {rng.randint(2, 900) * 10:,} people."
    if style < 0.22:
        return f"{words}, and *{rng.choice(OBJECTS)}* grew by {rng.randint(2, 60)} percent."
    if style < 0.27:
        return f"{words} ([details](https://www.lacoe.edu/report/{rng.randint(100, 999)}))."
    return f"{words}."


def paragraph(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4)))
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def body(rng: random.Random, count: int) -> str:
    return "\n\n".join(paragraph(rng) for _ in range(count)) + "\n"


def stats(rng: random.Random, count: int) -> list[dict[str, str]]:
    return [{"value": f"{rng.randint(2, 999):,}" if rng.random() < 0.7 else f"${rng.randint(2, 90)} Million",
             "label": f"{rng.choice(OBJECTS).capitalize()} {rng.choice(TAILS)}"} for _ in range(count)]


def images(rng: random.Random, names: list[str], count: int) -> list[dict[str, str]]:
    return [{"file": f"assets/photos/{name}", "alt": f"Photo: {name[:-4].replace('-', ' ')}"}
            for name in rng.sample(names, count)]


def chapter(rng: random.Random, number: int, names: list[str]) -> list[dict]:
    title = f"{rng.choice(TITLES)} {number}"
    amounts = [rng.randint(20, 300) for _ in range(rng.randint(3, 5))]
    text, author = rng.choice(QUOTES)
    if number % 2:  # odd chapters open with a pillar (numbers 1..99 must be unique), even ones with
        main = {"type": "pillar", "id": f"pillar-{number}", "number": (number + 1) // 2, "title": title,
                "goal": sentence(rng), "lead": paragraph(rng)}
    else:           # a two-column text section: the same balanced-column layout
        main = {"type": "text", "id": f"section-{number}", "title": title, "lead": paragraph(rng), "columns": 2}
    main.update({"stats": stats(rng, 3), "body": body(rng, 14), "images": images(rng, names, 2)})
    return [
        main,
        {"type": "financials", "id": f"financials-{number}", "title": f"Budget for {title}", "lead": paragraph(rng),
         "stats": stats(rng, 2),
         "pie": {"title": f"Spending on {title}", "total": f"${sum(amounts)} Million",
                 "slices": [{"label": rng.choice(OBJECTS).capitalize(), "amount": amount,
                             "display": f"${amount} Million"} for amount in amounts]},
         "body": body(rng, 3)},
        {"type": "text", "id": f"story-{number}", "title": f"Stories from {title}", "lead": paragraph(rng),
         "body": body(rng, 6), "images": images(rng, names, 1)},
        {"type": "quote", "text": text, "author": author},
    ]


def generate(pages: int, seed: int = 7) -> dict:
    """A spec of roughly `pages` pages."""
    rng = random.Random(seed)
    names = photos()
    chapters = min(198, max(1, round((pages - 4) / PAGES_PER_CHAPTER)))  # pillars are numbered 1..99
    sections: list[dict] = [
        {"type": "cover", "title": f"Benchmark Report ({pages} pages)", "image": "assets/photos/cover.jpg"},
        {"type": "contents"},
    ]
    for number in range(1, chapters + 1):
        sections += chapter(rng, number, names)
    sections.append({"type": "back_cover", "address": ["9300 Imperial Highway", "Downey, California 90242-2890"],
                     "url": "www.lacoe.edu"})
    return {"meta": {"title": "Benchmark Report", "subtitle": "Generated for reportgen's benchmarks",
                     "organization": "Los Angeles County Office of Education"},
            "sections": sections}


def write(pages: int, spec: Path, seed: int = 7) -> Path:
    """Write the spec and copy the photos beside it (paths stay inside the spec's folder)."""
    spec.parent.mkdir(parents=True, exist_ok=True)
    target = spec.parent / "assets" / "photos"
    target.mkdir(parents=True, exist_ok=True)
    for name in photos():
        if not (target / name).exists():
            shutil.copyfile(PHOTOS / name, target / name)
    spec.write_text(yaml.safe_dump(generate(pages, seed), sort_keys=False, allow_unicode=True, width=1000),
                    encoding="utf-8")
    return spec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated benchmark spec.")
    parser.add_argument("--pages", type=int, default=100, help="roughly how many pages (default 100)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, default=Path("build/bench/report.yaml"))
    arguments = parser.parse_args(argv)
    print(write(arguments.pages, arguments.output, arguments.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
