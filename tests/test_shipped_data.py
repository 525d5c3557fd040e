"""What the tool says about the shipped data: what the seeds say.

The one place tests read the shipped workspace's figures; every other test counts on a fixture
workspace under tests/, so that adding a response or a rule here breaks only this file.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import icalendar
import pytest
import yaml
from conftest import REPOSITORY, TESTS, RunCli

GOLDEN = TESTS / "golden"

AS_OF = "2026-11-23"
COMMISSIONERS_WITH_NO_REPLY = [
    "bedfordshire-pcc",
    "city-of-london-police-authority-board",
    "cleveland-pcc",
    "cumbria-pcc",
    "derbyshire-pcc",
    "dorset-pcc",
    "essex-pfcc",
    "gwent-pcc",
    "humberside-pcc",
    "kent-pcc",
    "lancashire-pcc",
    "leicestershire-pcc",
    "north-wales-pcc",
]
UNPUBLISHED = [
    "bedfordshire-police",
    "cleveland-police",
    "cumbria-constabulary",
    "dorset-police",
    "leicestershire-police",
    "lincolnshire-police",
    "north-yorkshire-police",
    "west-midlands-police",
    "north-yorkshire-pfcc",
]


@pytest.fixture(scope="module")
def findings(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    from click.testing import CliRunner

    from audit.cli import main

    result = CliRunner().invoke(
        main, ["check", "--as-of", AS_OF, "--format", "json", "--workspace", str(REPOSITORY)], catch_exceptions=False
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["as_of"] == AS_OF
    return [f for f in document["findings"] if f["report"] == "safe-to-share"]


def _bodies(findings: list[dict[str, Any]], rule: str) -> list[str]:
    return sorted(f["body"] for f in findings if f["rule"] == rule)


def test_fourteen_bodies_never_replied(findings: list[dict[str, Any]]) -> None:
    assert _bodies(findings, "response-missing") == sorted(["west-yorkshire-police", *COMMISSIONERS_WITH_NO_REPLY])
    west_yorkshire = next(f for f in findings if f["body"] == "west-yorkshire-police" and f["rule"] == "response-missing")
    assert west_yorkshire == {
        "rule": "response-missing",
        "severity": "error",
        "report": "safe-to-share",
        "body": "west-yorkshire-police",
        "body_name": "West Yorkshire Police",
        "recommendation": None,
        "message": "no response from West Yorkshire Police: it was due on 2021-06-17 and is 1,985 days overdue",
        "path": "data/responses/safe-to-share/west-yorkshire-police.yaml",
        "file_exists": False,
        "line": None,
        # sha256 of report, body, recommendation and rule: stable across runs, pinned so it stays so.
        "fingerprint": "6d28b4770583f0f00c4d44e5a27e8805",
    }


def test_nine_responses_received_but_not_published(findings: list[dict[str, Any]]) -> None:
    assert _bodies(findings, "response-unpublished") == sorted(UNPUBLISHED)


def test_mopac_and_city_of_london_police_are_late_and_avon_and_somerset_pcc_on_time(
    findings: list[dict[str, Any]],
) -> None:
    late = {f["body"]: (f["message"], f["line"]) for f in findings if f["rule"] == "deadline-missed"}
    assert late == {
        "mopac": ("the response was received on 2021-12-03, 169 days after the deadline of 2021-06-17", 9),
        "city-of-london-police": (
            "the response was received between 2021-11-24 and 2022-02-16, after the deadline of 2021-06-17",
            7,
        ),
    }
    assert [f for f in findings if f["body"] == "avon-and-somerset-pcc"] == []


def test_city_of_london_police_leaves_recommendations_4_and_5_unaddressed(findings: list[dict[str, Any]]) -> None:
    unaddressed = [
        (f["body"], f["recommendation"], f["line"], f["message"])
        for f in findings
        if f["rule"] == "recommendation-unaddressed"
    ]
    assert unaddressed == [
        ("city-of-london-police", "4", 25, "recommendation 4 is not addressed: the response is marked deferred"),
        ("city-of-london-police", "5", 33, "recommendation 5 is not addressed: the response is marked deferred"),
    ]


def test_every_other_response_is_not_assessed_and_its_timeliness_unknown(findings: list[dict[str, Any]]) -> None:
    assessed = {"city-of-london-police", "mopac", "avon-and-somerset-pcc"}
    unknown = _bodies(findings, "deadline-unknown")
    assert len(unknown) == 73
    assert not assessed & set(unknown)
    not_assessed = Counter(f["body"] for f in findings if f["rule"] == "recommendation-not-assessed")
    assert sum(not_assessed.values()) == 41 * 4 + 28 * 3 + 4 + 2 + 3 + 2
    assert set(not_assessed) == set(unknown)


def test_every_body_that_never_replied_is_due_a_chase_and_the_city_of_london_police_is_not(
    findings: list[dict[str, Any]],
) -> None:
    # The City of London Police was chased on 2021-11-24 and replied: it is late, not overdue.
    due = {f["body"]: f["message"] for f in findings if f["rule"] == "chase-due"}
    assert sorted(due) == sorted(["west-yorkshire-police", *COMMISSIONERS_WITH_NO_REPLY])
    assert due["west-yorkshire-police"] == "West Yorkshire Police is 1,985 days overdue and has never been chased"


def test_totals(findings: list[dict[str, Any]]) -> None:
    assert Counter(f["severity"] for f in findings) == {"error": 16, "warning": 11 + 14, "info": 332}


def test_the_other_reports_are_owed_by_their_respondents(run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", AS_OF, "--format", "json", "--select", "response-missing")
    findings = json.loads(result.stdout)["findings"]
    owed = sorted((f["report"], f["body"], f["message"].split(": ", 1)[1]) for f in findings if f["report"] != "safe-to-share")
    assert owed == [
        ("a-duty-to-protect", "home-office", "it was due on 2022-02-24 and is 1,733 days overdue"),
        ("a-duty-to-protect", "ministry-of-justice", "it was due on 2022-02-24 and is 1,733 days overdue"),
        ("a-duty-to-protect", "npcc", "it was due on 2022-02-24 and is 1,733 days overdue"),
        ("the-hidden-victims", "npcc", "it was due on 2021-11-26 and is 1,823 days overdue"),
    ]


def test_the_shipped_workspace_declares_the_three_kinds_the_tool_assumes_when_none_are_declared() -> None:
    import dataclasses

    from conftest import REPOSITORY

    from audit.load import load_workspace
    from audit.model import DEFAULT_KINDS

    declared = load_workspace(REPOSITORY).kinds
    assert [dataclasses.replace(kind, line=0) for kind in declared.values()] == list(DEFAULT_KINDS)
    assert all(kind.line > 0 for kind in declared.values())


def test_per_kind_summary_reproduces_the_published_page(run_cli: RunCli) -> None:
    result = run_cli("coverage", "--as-of", "2026-11-23", "--format", "json", "--report", "safe-to-share")
    assert result.exit_code == 0
    bodies = json.loads(result.stdout)["reports"][0]["bodies"]
    by_kind = {
        kind: [sum(1 for b in bodies if b["kind"] == kind and b["response"] == state) for state in ("published", "unpublished", "none")]
        for kind in ("force", "pcc", "national")
    }
    assert by_kind == {"force": [34, 8, 1], "pcc": [29, 1, 13], "national": [4, 0, 0]}
    colp = next(b for b in bodies if b["body"] == "city-of-london-police")
    assert colp == {
        "body": "city-of-london-police",
        "name": "City of London Police",
        "kind": "force",
        "response": "published",
        "received": {"earliest": "2021-11-24", "latest": "2022-02-16"},
        "deadline": "late",
        "due": "2021-06-17",
        "due_explanation": "6 calendar months from publication on 2020-12-17",
        "path": "data/responses/safe-to-share/city-of-london-police.yaml",
        "recommendations": {"1": "addressed", "4": "deferred", "5": "deferred", "8": "addressed"},
        "addressed": ["1", "8"],
        "chases": [
            {
                "date": "2021-11-24",
                "via": "letter",
                "sent_by": ["Katherine Riley", "Kathie Cashell", "Iain Raphael"],
                "note": "Received by the force on this day. It replied to the Super-complaints Lead for HMICFRS (Susan Willcox); "
                "its response is data/responses/safe-to-share/city-of-london-police.yaml.",
            }
        ],
    }
    assert next(b for b in bodies if b["body"] == "avon-and-somerset-pcc")["deadline"] == "met"


def test_kind_filter(run_cli: RunCli) -> None:
    result = run_cli("coverage", "--as-of", "2026-11-23", "--format", "json", "--kind", "national", "--report", "safe-to-share")
    assert [b["body"] for b in json.loads(result.stdout)["reports"][0]["bodies"]] == [
        "home-office", "npcc", "college-of-policing", "hmicfrs",
    ]


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (("coverage", "--as-of", "2026-11-23"), "safe-to-share-coverage.txt"),
        (("report", "--as-of", "2026-11-23"), "safe-to-share-report.md"),
    ],
)
def test_golden_shipped(args: tuple[str, ...], golden: str, run_cli: RunCli) -> None:
    result = run_cli(*args, cwd=REPOSITORY, env={"COLUMNS": "80"})
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_ics_parses_with_a_real_icalendar_library(run_cli: RunCli) -> None:
    result = run_cli("deadlines", "--as-of", "2026-11-23", "--format", "ics")
    raw = result.stdout_bytes if hasattr(result, "stdout_bytes") else result.stdout.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    events = [(str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")]
    assert events == [
        ("safe-to-share-20210617@audit", date(2021, 6, 17), "Safe to share?: responses due (14 of 90 outstanding)"),
        ("the-hidden-victims-20211126@audit", date(2021, 11, 26), "The hidden victims: responses due (1 of 1 outstanding)"),
        ("a-duty-to-protect-20220224@audit", date(2022, 2, 24), "A duty to protect: responses due (3 of 3 outstanding)"),
    ]
    description = str(next(iter(calendar.walk("VEVENT")))["DESCRIPTION"])
    assert "- Essex Police, Fire and Crime Commissioner\n" in description
    assert run_cli("deadlines", "--as-of", "2026-11-23", "--format", "ics").stdout == result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "json"),
        ("coverage", "--format", "json"),
        ("report",),
        ("deadlines",),
        ("show", "npcc"),
    ],
)
def test_every_command_handles_all_three_reports(args: tuple[str, ...], run_cli: RunCli) -> None:
    result = run_cli(*args, "--as-of", "2026-11-23")
    assert result.exit_code in (0, 1)
    for report_id in ("safe-to-share", "the-hidden-victims", "a-duty-to-protect"):
        assert report_id in result.stdout or {
            "safe-to-share": "Safe to share?", "the-hidden-victims": "The hidden victims", "a-duty-to-protect": "A duty to protect"
        }[report_id] in result.stdout, (args, report_id)


def test_show_accepts_names_and_aliases_and_refuses_unknown_bodies(run_cli: RunCli) -> None:
    by_alias = run_cli("show", "MOPAC", "--as-of", "2026-11-23")
    assert by_alias.stdout == run_cli("show", "mopac", "--as-of", "2026-11-23").stdout
    assert by_alias.stdout.splitlines()[5] == (
        "  response: received 2021-12-03, published; deadline: late  (data/responses/safe-to-share/mopac.yaml)"
    )
    unknown = run_cli("show", "mopack")
    assert (unknown.exit_code, unknown.stderr) == (2, "audit: unknown body 'mopack' (did you mean 'mopac'?)\n")


def test_validate_passes_on_the_shipped_data(run_cli: RunCli) -> None:
    result = run_cli("validate")
    assert (result.exit_code, result.stdout) == (0, "valid: 92 bodies, 3 report(s), 76 responses\n")


def test_who_became_overdue_on_2021_06_18(run_cli: RunCli) -> None:
    """The deadline of 17 June 2021 passed: those with no reply by then became overdue the next day."""
    result = run_cli("diff", "--since-date", "2021-06-01", "--as-of", "2021-06-18", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [r["report"] for r in document["reports"]] == ["safe-to-share"]
    report = document["reports"][0]
    standings = Counter((c["before"], c["after"]) for c in report["deadlines"])
    overdue = sorted(c["body"] for c in report["deadlines"] if c["after"] == "overdue")
    # The fourteen who never replied, and the two whose letters came later (MOPAC on 3 December 2021).
    assert overdue == sorted(["west-yorkshire-police", *COMMISSIONERS_WITH_NO_REPLY, "mopac", "city-of-london-police"])
    assert {c["due"] for c in report["deadlines"]} == {"2021-06-17"}
    # Avon and Somerset PCC's letter is dated the deadline day: on time; the responses known only to
    # have arrived by 16 February 2022 cannot be told.
    assert standings == {("pending", "overdue"): 16, ("pending", "met"): 1, ("pending", "cannot-tell"): 73}
    assert [(c["body"], c["change"]) for c in report["responses"]] == [("avon-and-somerset-pcc", "received")]
    # Each who became overdue is also due a first chase (rule chase-due): none has been chased.
    assert Counter(f["rule"] for f in report["new_findings"]) == {"response-missing": 16, "chase-due": 16, "deadline-unknown": 73}
    assert Counter(f["rule"] for f in report["resolved_findings"]) == {"response-due-soon": 90}


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def test_every_bullet_point_cited_holds_the_quote_it_is_cited_for() -> None:
    """Evidence cited as "Nth bullet point" is checked against the letter (a copy of the seed in tests/letters)."""
    letters = {path.stem: path.read_text(encoding="utf-8") for path in (TESTS / "letters").glob("*.txt")}
    checked = 0
    for path in sorted((REPOSITORY / "data" / "responses").glob("*/*.yaml")):
        response = yaml.safe_load(path.read_text(encoding="utf-8"))
        for answer in response.get("recommendations", {}).values():
            for evidence in answer.get("evidence", ()):
                where = (evidence.get("where") or "").lower()
                if not where.endswith(" bullet point"):
                    continue
                letter = next(text for stem, text in letters.items() if stem.startswith(response["body"]))
                bullets = [" ".join(line[2:].split()) for line in letter.splitlines() if line.startswith("- ")]
                quote = " ".join(evidence["quote"].split())
                assert quote in bullets[ORDINALS.index(where.split()[0])], (path.name, where)
                checked += 1
    assert checked == 2


def test_a_report_not_yet_published_is_owed_by_nobody(run_cli: RunCli) -> None:
    """On 18 June 2021 A duty to protect (published 24 August 2021) did not exist: no command may count its
    bodies as owing it, pending or otherwise; from its publication day on, they do."""
    before, on = "2021-06-18", "2021-08-24"
    check = json.loads(run_cli("check", "--as-of", before, "--format", "json").stdout)
    assert [o["report"] for o in check["overview"]] == ["safe-to-share", "the-hidden-victims"]
    coverage = json.loads(run_cli("coverage", "--as-of", before, "--format", "json").stdout)
    assert [r["id"] for r in coverage["reports"]] == ["safe-to-share", "the-hidden-victims"]
    deadlines = json.loads(run_cli("deadlines", "--as-of", before, "--format", "json").stdout)
    assert "a-duty-to-protect" not in {g["report"] for g in deadlines["groups"]}
    shown = json.loads(run_cli("show", "Home Office", "--as-of", before, "--format", "json").stdout)
    assert [r["report"] for r in shown["reports"]] == ["safe-to-share"]
    published = json.loads(run_cli("check", "--as-of", on, "--format", "json").stdout)
    duty = next(o for o in published["overview"] if o["report"] == "a-duty-to-protect")
    assert (duty["owing"], duty["deadlines"]["pending"]) == (3, 3)
