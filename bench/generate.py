"""Generate synthetic workspaces in the real data format, for the benchmark, in three shapes.

responses (``generate``): N bodies (forces and their commissioners), M reports of
eight recommendations each, and a response from most bodies to most reports:
about 1.5 KB each, with evidence text, a mix of statuses, exact dates and date
ranges, some unpublished.

shipped (``generate_shipped``): the shipped data (data/ in this repository)
cloned into as many reports as it takes: small files (about 550 bytes), most
recommendations not assessed, so many findings, and many reports.

many reports (``generate_many_reports``): thousands of reports, each addressed
to one or two bodies out of thousands (the shape of a tracker of coroners'
reports), three quarters of them answered in a small file.

Each is deterministic for a given seed.

    python bench/generate.py OUT --responses 5000 [--reports 50] [--seed 1]
    python bench/generate.py OUT --shape shipped --responses 5000
    python bench/generate.py OUT --shape many-reports --reports 5000 --bodies 2000
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

STATUSES = ["addressed", "partially-addressed", "in-progress", "deferred", "not-addressed", "not-applicable", "not-assessed"]
WORDS = [
    "the", "force", "has", "reviewed", "its", "policy", "on", "sharing", "information", "with", "immigration",
    "enforcement", "and", "victims", "are", "referred", "to", "specialist", "support", "services", "through", "the",
    "safeguarding", "unit", "while", "the", "commissioner", "has", "assessed", "local", "provision", "and",
    "commissioned", "additional", "advocacy",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(out: Path, responses: int, reports: int, seed: int) -> None:
    rng = random.Random(seed)
    per_report = -(-responses // reports)
    forces = max(1, -(-per_report // 2))
    (out / "data" / "reports").mkdir(parents=True, exist_ok=True)
    (out / "rules").mkdir(exist_ok=True)
    lines = ["bodies:"]
    for i in range(forces):
        lines += [f"  - id: force-{i}", f"    name: Force {i}", "    kind: force", f"    area: Area {i}"]
    for i in range(forces):
        lines += [f"  - id: pcc-{i}", f"    name: Commissioner {i}", "    kind: pcc", f"    holds_to_account: force-{i}"]
    (out / "data" / "bodies.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "rules" / "default.yaml").write_text("rules:\n  recommendation-not-assessed: {severity: info}\n", encoding="utf-8")
    written = 0
    for r in range(reports):
        report_id = f"report-{r:03d}"
        published = date(2018, 1, 1) + timedelta(days=37 * r)
        recs = ["recommendations:"]
        for n in range(1, 9):
            to = ["force"] if n in (1, 2, 3) else ["pcc"] if n in (4, 5) else ["force", "pcc"] if n < 8 else ["all"]
            recs += [f'  - id: "{n}"', f"    to: [{', '.join(to)}]", f"    text: {_sentence(rng, 20)}"]
        (out / "data" / "reports" / f"{report_id}.yaml").write_text(
            f"title: Report {r}\npublished: {published.isoformat()}\ndeadline: {{months: 6}}\n" + "\n".join(recs) + "\n",
            encoding="utf-8",
        )
        folder = out / "data" / "responses" / report_id
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(forces):
            for kind, owed in (("force", ["1", "2", "3", "6", "7", "8"]), ("pcc", ["4", "5", "6", "7", "8"])):
                if written >= responses:
                    break
                received = published + timedelta(days=rng.randint(20, 400))
                if rng.random() < 0.3:
                    when = f"{{earliest: {received.isoformat()}, latest: {(received + timedelta(days=90)).isoformat()}}}"
                else:
                    when = received.isoformat()
                text = [f"body: {kind}-{i}", f"report: {report_id}", f"received: {when}",
                        f"published: {'true' if rng.random() < 0.85 else 'false'}",
                        f"source: Letter from {kind} {i}, {received.isoformat()}", "recommendations:"]
                for rec in owed:
                    text += [f'  "{rec}":', f"    status: {rng.choice(STATUSES)}", "    evidence:",
                             f"      - quote: {_sentence(rng, 22)}", f"        where: Paragraph {rng.randint(1, 9)}"]
                (folder / f"{kind}-{i}.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
                written += 1


SHIPPED = Path(__file__).resolve().parent.parent / "data"
"""The shipped data, which ``generate_shipped`` clones."""


def generate_shipped(out: Path, responses: int) -> None:
    """The shipped data, its reports cloned (with their responses) until there are ``responses`` response files."""
    shutil.copytree(SHIPPED, out / "data", dirs_exist_ok=True)
    source = {p.name[: -len(".yaml")]: p.read_text(encoding="utf-8") for p in (SHIPPED / "reports").glob("*.yaml")}
    answered = sorted(p.name for p in (SHIPPED / "responses").iterdir() if p.is_dir())
    written = sum(1 for _ in (out / "data" / "responses").glob("*/*.yaml"))
    clone = 0
    while written < responses:
        report_id = answered[clone % len(answered)]
        copy_id = f"{report_id}-{clone:04d}"
        (out / "data" / "reports" / f"{copy_id}.yaml").write_text(source[report_id], encoding="utf-8")
        folder = out / "data" / "responses" / copy_id
        folder.mkdir(parents=True)
        for response in sorted((SHIPPED / "responses" / report_id).glob("*.yaml")):
            if written >= responses:
                break
            text = response.read_text(encoding="utf-8").replace(f"report: {report_id}\n", f"report: {copy_id}\n")
            (folder / response.name).write_text(text, encoding="utf-8")
            written += 1
        clone += 1


def generate_many_reports(out: Path, reports: int, bodies: int, seed: int) -> None:
    """``reports`` reports, each to one or two of ``bodies`` bodies (forces and their commissioners), most answered."""
    rng = random.Random(seed)
    forces = max(1, bodies // 2)
    (out / "data" / "reports").mkdir(parents=True, exist_ok=True)
    lines = ["bodies:"]
    for i in range(forces):
        lines += [f"  - id: force-{i}", f"    name: Force {i}", "    kind: force"]
        lines += [f"  - id: pcc-{i}", f"    name: Commissioner {i}", "    kind: pcc", f"    holds_to_account: force-{i}"]
    (out / "data" / "bodies.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for r in range(reports):
        report_id = f"report-{r:05d}"
        published = date(2015, 1, 1) + timedelta(days=r % 3000)
        force = rng.randrange(forces)
        to = [f"force-{force}"] + ([f"pcc-{force}"] if rng.random() < 0.5 else [])
        (out / "data" / "reports" / f"{report_id}.yaml").write_text(
            f"title: Report {r}\npublished: {published.isoformat()}\ndeadline: {{days: 56}}\nrecommendations:\n"
            + "".join(f'  - {{id: "{n}", to: [{", ".join(to)}], text: {_sentence(rng, 12)}}}\n' for n in (1, 2)),
            encoding="utf-8",
        )
        for body in to:
            if rng.random() < 0.75:
                folder = out / "data" / "responses" / report_id
                folder.mkdir(parents=True, exist_ok=True)
                received = published + timedelta(days=rng.randint(20, 120))
                (folder / f"{body}.yaml").write_text(
                    f"body: {body}\nreport: {report_id}\nreceived: {received.isoformat()}\npublished: true\n"
                    f'recommendations:\n  "1": {{status: {rng.choice(STATUSES)}}}\n',
                    encoding="utf-8",
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shape", choices=["responses", "shipped", "many-reports"], default="responses")
    parser.add_argument("--responses", type=int, default=1000)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--bodies", type=int, default=2000, help="For --shape many-reports.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.shape == "shipped":
        generate_shipped(args.out, args.responses)
    elif args.shape == "many-reports":
        generate_many_reports(args.out, args.reports, args.bodies, args.seed)
    else:
        generate(args.out, args.responses, args.reports, args.seed)


if __name__ == "__main__":
    main()
