"""Generate a synthetic workspace in the real data format, for the benchmark.

N bodies (forces, their commissioners, a few national bodies), M reports of
eight recommendations each, and a response from most bodies to most reports:
about 1.5 KB each, with evidence text, a mix of statuses, exact dates and date
ranges, some unpublished. Deterministic for a given seed.

    python bench/generate.py OUT --responses 5000 [--reports 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--responses", type=int, default=1000)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.responses, args.reports, args.seed)


if __name__ == "__main__":
    main()
