"""What ``audit check`` says about the shipped Safe to share? data: what the seeds say."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from conftest import RunCli

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
    from conftest import REPOSITORY

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
    west_yorkshire = next(f for f in findings if f["body"] == "west-yorkshire-police")
    assert west_yorkshire == {
        "rule": "response-missing",
        "severity": "error",
        "report": "safe-to-share",
        "body": "west-yorkshire-police",
        "body_name": "West Yorkshire Police",
        "recommendation": None,
        "message": "no response from West Yorkshire Police: it was due on 2021-06-17 and is 1,985 days overdue",
        "path": "data/responses/safe-to-share/west-yorkshire-police.yaml",
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


def test_totals(findings: list[dict[str, Any]]) -> None:
    assert Counter(f["severity"] for f in findings) == {"error": 16, "warning": 11, "info": 332}


def test_the_other_reports_are_owed_by_their_respondents(run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", AS_OF, "--format", "json", "--select", "response-missing")
    owed = sorted((f["report"], f["body"], f["message"].split(": ", 1)[1]) for f in json.loads(result.stdout)["findings"] if f["report"] != "safe-to-share")
    assert owed == [
        ("a-duty-to-protect", "home-office", "it was due on 2022-02-24 and is 1,733 days overdue"),
        ("a-duty-to-protect", "ministry-of-justice", "it was due on 2022-02-24 and is 1,733 days overdue"),
        ("a-duty-to-protect", "npcc", "it was due on 2022-02-24 and is 1,733 days overdue"),
        ("the-hidden-victims", "npcc", "it was due on 2021-11-26 and is 1,823 days overdue"),
    ]


def test_the_shipped_workspace_declares_the_three_kinds_the_tool_assumes_when_none_are_declared() -> None:
    from conftest import REPOSITORY

    from audit.load import load_workspace
    from audit.model import DEFAULT_KINDS

    declared = load_workspace(REPOSITORY).kinds
    assert [(k.id, k.label, k.plural, k.short, k.holds_to_account) for k in declared.values()] == [
        (k.id, k.label, k.plural, k.short, k.holds_to_account) for k in DEFAULT_KINDS
    ]
    assert all(kind.line > 0 for kind in declared.values())
