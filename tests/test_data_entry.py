"""Getting data in: ``audit validate``, the JSON Schemas, ``audit new`` and ``audit draft``."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPOSITORY, SMALL, TESTS, RunCli, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.cli.schema import SCHEMA_NAMES, schema_text
from audit.load import read_document
from audit.schemas import CHASES, RESPONSE
from audit.shape import Document

LETTERS = TESTS / "letters"


PLANTED = {
    "data/bodies.yaml": (
        "bodies:\n"
        "  - {id: north-police, name: North Police, kind: force}\n"
        "  - {id: south-police, name: South Police, kind: force}\n"
        "  - {id: north-pcc, name: North PCC, kind: pcc, holds_to_account: north-police}\n"
        "  - {id: home-office, name: Home Office, kind: national}\n"
        "  - {id: west-pcc, name: West PCC, kind: pcc, holds_to_account: west-police}\n"
        "  - {id: south-police, name: South Police again, kind: force}\n"
    ),
    "data/reports/second.yaml": (
        "title: Second\npublished: 2021-01-01\ndeadline: {days: 56}\nrecommendations:\n"
        "  - {id: '1', to: [forces], text: x}\n"
        "  - {id: '1', to: [pcc], text: y}\n"
    ),
    "data/responses/r/north-police.yaml": "body: north-polise\nreport: r\nreceived: 2021-02-01\npublished: true\n",
    "data/responses/r/south-police.yaml": "body: south-police\nreport: r\nreceived: 2021-02-30\npublished: true\n",
    "data/responses/r/west-pcc.yaml": (
        "body: west-pcc\nreport: r\nreceived: 2021-02-01\npublished: true\nrecommendations:\n"
        '  "9": {status: addressed}\n'
    ),
    "data/responses/second/south-police.yaml": (
        "body: south-police\nreport: second\nreceived: 2021-02-01\npublished: true\nrecommendations:\n"
        '  "1": {status: done}\n'
    ),
    "data/responses/r/north-pcc.yaml": "body: north-pcc\nreport: second\nreceived: 2021-02-01\npublished: true\n",
    "data/responses/r/home-office.yaml": "body: home-office\nreport: r\nreceived: 2021-02-01\npublished: true\n",
    "data/responses/r/pcc-a.yaml": "body: north-pcc\nreport: r\nreceived: 2021-02-01\npublished: true\n",
    "data/responses/r/pcc-b.yaml": "body: north-pcc\nreport: r\nreceived: 2021-02-01\npublished: true\n",
    "data/responses/nowhere/north-police.yaml": "body: north-police\nreport: nowhere\nreceived: 2021-02-01\npublished: true\n",
    "rules/local.yaml": "rules:\n  response-mising: disable\n  deadline-missed: {severity: fatal}\n",
}
PLANTED_PROBLEMS = [
    "data/bodies.yaml:6: west-pcc: holds_to_account names unknown body 'west-police'",
    "data/bodies.yaml:7:5: duplicate body id 'south-police' (first on line 3)",
    "data/reports/second.yaml:5:15: recommendation 1: unknown addressee 'forces' (a kind: force, pcc, national; all; or a body id)",
    "data/reports/second.yaml:6:5: duplicate recommendation id '1' (first on line 5)",
    "data/responses/nowhere: no report 'nowhere' in data/reports/ for these responses",
    "data/responses/r/home-office.yaml:1:1: report 'r' addresses no recommendation to Home Office ('home-office')",
    "data/responses/r/north-pcc.yaml:2:1: report is 'second' but the file is filed under 'r'",
    "data/responses/r/north-police.yaml:1:1: unknown body 'north-polise' (did you mean 'north-police'?)",
    "data/responses/r/pcc-b.yaml:1:1: a second response from 'north-pcc' to 'r' (also data/responses/r/pcc-a.yaml)",
    "data/responses/r/south-police.yaml:3:11: '2021-02-30' is not a real date",
    "data/responses/r/west-pcc.yaml:6:3: report 'r' has no recommendation '9' (it has 1, 2, 3)",
    "data/responses/second/south-police.yaml:6:17: 'done' is not one of: addressed, partially-addressed, in-progress, "
    "deferred, not-addressed, not-applicable, not-assessed",
    "rules/local.yaml:2:3: unknown rule 'response-mising' (did you mean 'response-missing'?)",
    "rules/local.yaml:3:31: 'fatal' is not one of: error, warning, info",
]


@pytest.fixture
def planted(small: Path) -> Path:
    for relative, text in PLANTED.items():
        write(small, relative, text)
    return small


def test_validate_reports_every_planted_fault_with_its_file_and_line(planted: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", cwd=planted)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == PLANTED_PROBLEMS
    assert result.stderr == f"{len(PLANTED_PROBLEMS)} problem(s)\n"


def test_validate_json_and_paths(planted: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", "--format", "json", "rules", "data/responses/r/south-police.yaml", cwd=planted)
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert [(p["path"], p["line"], p["column"]) for p in document["problems"]] == [
        ("data/responses/r/south-police.yaml", 3, 11),
        ("rules/local.yaml", 2, 3),
        ("rules/local.yaml", 3, 31),
    ]
    assert result.exit_code == 2


def test_validate_refuses_a_path_that_does_not_exist(small: Path, run_cli: RunCli) -> None:
    # A mistyped path must not come back "valid".
    result = run_cli("validate", "data/responses/r/nroth-police.yaml", cwd=small)
    assert result.exit_code == 2
    assert "Path 'data/responses/r/nroth-police.yaml' does not exist." in result.stderr


def test_validate_refuses_a_path_it_does_not_read_rather_than_call_it_valid(small: Path, tmp_path: Path, run_cli: RunCli) -> None:
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0\n")
    (small / "README.md").write_text("not data\n")
    for path, shown in ((str(outside), str(outside)), ("README.md", "README.md")):
        result = run_cli("validate", path, cwd=small)
        assert (result.exit_code, result.output) == (
            2,
            f"audit: {shown}: not in the workspace's data/ or rules/ (the workspace is {small.resolve()}): validate reads nothing else\n",
        )
    assert run_cli("validate", "data", ".", cwd=small).exit_code == 0


def test_check_refuses_the_same_data_validate_does(planted: Path, run_cli: RunCli) -> None:
    result = run_cli("check", cwd=planted)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["audit: " + line for line in PLANTED_PROBLEMS[-2:]]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_shipped_schema_files_are_the_generated_ones(name: str, run_cli: RunCli) -> None:
    shipped = (REPOSITORY / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(name)
    assert run_cli("schema", name).stdout == shipped


def _jsonable(value: Any) -> Any:
    """What an editor's YAML reader sees: dates as the text they were written as."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _schema(name: str) -> dict[str, Any]:
    return json.loads((REPOSITORY / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(name), format_checker=jsonschema.FormatChecker())


def test_every_shipped_data_file_validates_against_its_schema() -> None:
    files = {
        "bodies": [REPOSITORY / "data" / "bodies.yaml"],
        "report": sorted((REPOSITORY / "data" / "reports").glob("*.yaml")),
        "response": sorted((REPOSITORY / "data" / "responses").glob("*/*.yaml")),
        "chases": sorted((REPOSITORY / "data" / "chases").glob("*.yaml")),
        "rules": sorted((REPOSITORY / "rules").glob("*.yaml")),
    }
    assert [len(paths) for paths in files.values()] == [1, 3, 76, 1, 1]
    for name, paths in files.items():
        validator = _validator(name)
        for path in paths:
            text = path.read_text(encoding="utf-8")
            assert text.startswith("# yaml-language-server: $schema="), path
            modeline_target = (path.parent / text.split("=", 1)[1].split()[0]).resolve()
            assert modeline_target == (REPOSITORY / "schema" / f"{name}.schema.json").resolve(), path
            errors = list(validator.iter_errors(_jsonable(yaml.safe_load(text))))
            assert errors == [], (path, errors)


# Documents near the response shape: each field valid, invalid, or missing.
_TEXT = st.one_of(st.sampled_from(["north-police", "r", "x y", " ", "", "Bad_ID"]), st.booleans(), st.integers(-2, 2))
_DAY = st.one_of(st.dates(date(2019, 1, 1), date(2023, 1, 1)), st.sampled_from(["2021-02-01", "2021-02-30", "1 June 2021"]))
_ANSWER = st.fixed_dictionaries(
    {"status": st.sampled_from(["addressed", "deferred", "not-assessed", "done"])},
    optional={
        "evidence": st.lists(
            st.fixed_dictionaries({}, optional={"quote": _TEXT, "summary": _TEXT, "where": _TEXT}), max_size=2
        ),
        "colour": st.just("red"),
    },
)
_RESPONSE = st.fixed_dictionaries(
    {},
    optional={
        "body": _TEXT,
        "report": _TEXT,
        "received": st.one_of(_DAY, st.fixed_dictionaries({"earliest": _DAY}, optional={"latest": _DAY})),
        "published": st.one_of(st.booleans(), st.sampled_from(["yes", "maybe"])),
        "source": _TEXT,
        "joint_with": st.lists(_TEXT, max_size=2),
        "recommendations": st.dictionaries(st.sampled_from(["1", "A1", "no way"]), _ANSWER, max_size=2),
        "recomendations": st.just({}),
    },
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_RESPONSE)
def test_the_loader_and_the_schema_agree(document: dict[str, Any], tmp_path: Path) -> None:
    _assert_loader_and_schema_agree(document, tmp_path, RESPONSE)


def _assert_loader_and_schema_agree(document: Any, tmp_path: Path, shape: Document) -> None:
    path = tmp_path / f"{shape.name}.yaml"
    text = yaml.safe_dump(document, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    record, problems = read_document(path, path.name, shape)
    loader_accepts = record is not None and not problems
    schema_accepts = _validator(shape.name).is_valid(_jsonable(yaml.safe_load(text)))
    assert loader_accepts == schema_accepts, (text, problems)


_CHASE = st.fixed_dictionaries(
    {},
    optional={
        "date": _DAY,
        "body": _TEXT,
        "sent_by": st.one_of(st.lists(_TEXT, max_size=2), _TEXT),
        "via": st.sampled_from(["letter", "email", "pigeon", ""]),
        "note": _TEXT,
        "notes": _TEXT,
    },
)
_CHASES = st.one_of(
    st.fixed_dictionaries({}, optional={"chases": st.one_of(st.lists(_CHASE, max_size=2), _TEXT), "report": _TEXT}),
    st.lists(_CHASE, max_size=1),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_CHASES)
def test_the_loader_and_the_schema_agree_on_chases(document: Any, tmp_path: Path) -> None:
    _assert_loader_and_schema_agree(document, tmp_path, CHASES)


def test_validate_cross_checks_chases_against_the_bodies_and_reports(small: Path, run_cli: RunCli) -> None:
    write(small, "data/chases/r.yaml", (
        "chases:\n"
        "  - {date: 2021-03-01, body: north-polise, sent_by: [A. Clerk], via: letter}\n"
        "  - {date: 2021-03-01, body: home-office, sent_by: [A. Clerk], via: letter}\n"
        "  - {date: 2020-08-30, body: north-pcc, sent_by: [A. Clerk], via: letter}\n"
        "  - {date: 2021-03-01, body: north-pcc, sent_by: [A. Clerk], via: letter}\n"
        "  - {date: 2021-03-01, body: north-pcc, sent_by: [B. Clerk], via: email}\n"
    ))
    write(small, "data/chases/q.yaml", "chases:\n  - {date: 2021-03-01, body: north-pcc, sent_by: [A. Clerk], via: letter}\n")
    result = run_cli("validate", cwd=small)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "data/chases/q.yaml: no report 'q' in data/reports/ for these chases",
        "data/chases/r.yaml:2:24: unknown body 'north-polise' (did you mean 'north-police'?)",
        "data/chases/r.yaml:3:24: report 'r' addresses no recommendation to Home Office ('home-office')",
        "data/chases/r.yaml:4:6: chased before the report was published (2020-08-31)",
        "data/chases/r.yaml:6:5: a second chase of 'north-pcc' on 2021-03-01 (first on line 5)",
    ]
    write(small, "data/chases/r.yaml", "chases:\n  - date: 2021-03-01\n    body: south-police\n    sent_by: []\n    via: fax\n")
    assert run_cli("validate", "data/chases/r.yaml", cwd=small).stdout.splitlines() == [
        "data/chases/r.yaml:4:14: expected at least 1 item(s), found 0",
        "data/chases/r.yaml:5:10: 'fax' is not one of: letter, email",
    ]


def test_new_response_is_valid_and_lists_what_the_body_owes(small: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "response", "r", "North Police", "--received", "2020-09-01..2021-03-05", cwd=small)
    assert (result.exit_code, result.stderr) == (0, "wrote data/responses/r/north-police.yaml\n")
    assert (small / "data/responses/r/north-police.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../schema/response.schema.json\n"
        "# North Police: response to A report.\n"
        "# Due 2021-02-28 (6 calendar months from publication on 2020-08-31).\n"
        "# Received between 2020-09-01 and 2021-03-05: narrow it to the day the response arrived once that is known.\n"
        "# To fill in by a person: each status below (not-assessed until someone has read the response\n"
        "# against that recommendation), with evidence; published: true once the response is public.\n"
        "body: north-police\n"
        "report: r\n"
        "received: {earliest: 2020-09-01, latest: 2021-03-05}\n"
        "published: false   # set true once the response is published\n"
        "recommendations:\n"
        '  "1":\n'
        "    status: not-assessed\n"
        '  "3":\n'
        "    status: not-assessed\n"
    )
    assert run_cli("validate", cwd=small).exit_code == 0
    again = run_cli("new", "response", "r", "north-police", "--received", "2021-03-01", cwd=small)
    assert (again.exit_code, again.stderr) == (
        2, f"audit: {small.resolve()}/data/responses/r/north-police.yaml: file exists (use --force to overwrite it)\n"
    )
    assert run_cli("new", "response", "r", "north-police", "--received", "2021-03-01", "--force", cwd=small).exit_code == 0


def test_new_response_gives_the_body_its_extended_due_date(small: Path, run_cli: RunCli) -> None:
    report = small / "data/reports/r.yaml"
    report.write_text(
        report.read_text(encoding="utf-8")
        + "extensions:\n  - {body: north-police, until: 2021-04-30, granted: 2021-02-10}\n",
        encoding="utf-8",
    )
    result = run_cli("new", "response", "r", "north-police", "--received", "2021-03-05", cwd=small)
    assert result.exit_code == 0
    written = (small / "data/responses/r/north-police.yaml").read_text(encoding="utf-8")
    assert written.splitlines()[2] == (
        "# Due 2021-04-30 (extended to 2021-04-30 on 2021-02-10 "
        "(was 2021-02-28: 6 calendar months from publication on 2020-08-31))."
    )


def test_new_report_is_valid(small: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "report", "inspection-2026", "--as-of", "2026-11-01", cwd=small)
    assert (result.exit_code, result.stdout) == (0, "wrote data/reports/inspection-2026.yaml\n")
    assert run_cli("validate", cwd=small).stdout == "valid: 4 bodies, 2 report(s), 0 responses\n"
    assert run_cli("new", "report", "Bad Id", cwd=small).exit_code == 2


@pytest.mark.parametrize(
    ("body", "letter", "received", "spoken_to"),
    [
        ("city-of-london-police", "city-of-london-police.txt", {"earliest": "2021-11-24", "latest": "2026-11-23"}, ["1", "4", "5", "8"]),
        ("mopac", "mopac-2021-12-03.txt", "2021-12-03", ["1", "2", "3", "4", "5", "6", "7", "8"]),
        ("avon-and-somerset-pcc", "avon-and-somerset-pcc-2021-06-17.txt", "2021-06-17", ["1", "4", "5", "6", "8"]),
    ],
)
def test_draft_reads_the_seed_letters(body: str, letter: str, received: Any, spoken_to: list[str], run_cli: RunCli) -> None:
    result = run_cli("draft", "safe-to-share", body, str(LETTERS / letter), "-o", "-", "--as-of", "2026-11-23")
    assert result.exit_code == 0
    drafted = yaml.safe_load(result.stdout)
    assert _jsonable(drafted["received"]) == received
    with_evidence = [rec for rec, answer in drafted["recommendations"].items() if "evidence" in answer]
    assert with_evidence == spoken_to
    assert {answer["status"] for answer in drafted["recommendations"].values()} == {"not-assessed"}
    assert f"speaks to: {', '.join(spoken_to)}\n" in result.stderr


def test_draft_says_what_it_could_not_find_and_writes_a_valid_file(small: Path, run_cli: RunCli) -> None:
    target = small / "data/responses/r/north-police.yaml"
    letter = write(small, "letter.txt", "Dear HMICFRS\n\nWith regards to recommendation 1, we have acted.\n")
    result = run_cli("draft", "r", "north-police", str(letter), "--as-of", "2021-03-05", cwd=small)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "note: date: the letter's own date was not found (no date in it); set received",
        "note: warning: the letter never names the report (A report); check that it answers this report",
        "note: not found: the letter does not speak to 3, addressed to this body",
        "speaks to: 1",
        "wrote data/responses/r/north-police.yaml",
    ]
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["recommendations"]["1"]["evidence"] == [
        {"quote": "With regards to recommendation 1, we have acted.", "where": "paragraph 2"}
    ]
    assert run_cli("validate", cwd=small).exit_code == 0


def test_draft_never_replaces_a_file_a_person_has_assessed(small: Path, run_cli: RunCli) -> None:
    assessed = 'body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\nrecommendations:\n  "1": {status: addressed}\n'
    target = write(small, "data/responses/r/north-police.yaml", assessed)
    letter = write(small, "letter.txt", "Recommendation 1\n\nDone.\n")
    result = run_cli("draft", "r", "north-police", str(letter), "--force", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "audit: data/responses/r/north-police.yaml: a person has assessed recommendation(s) 1 here; "
        "refusing to replace it, even with --force"
    )
    assert target.read_text(encoding="utf-8") == assessed


def _head(body: str) -> str:
    return f"body: {body}\nreport: r\nreceived: 2021-02-01\npublished: true\nrecommendations:\n"


@pytest.mark.parametrize(
    ("target", "text"),
    [
        ("data/responses/r/south-police.yaml", _head("south-police") + '  "3": {status: deferred}\n'),
        ("elsewhere/copy.yaml", _head("north-police") + '  "1": {status: addressed}\n'),
        ("elsewhere/typo.yaml", _head("north-police") + '  "1": {status: addressed, evidense: []}\n'),
    ],
    ids=["another-bodys-response", "a-copy-outside", "a-file-with-a-typo"],
)
def test_draft_output_never_replaces_an_assessed_response_wherever_it_is(target: str, text: str, small: Path, run_cli: RunCli) -> None:
    path = write(small, target, text)
    letter = write(small, "letter.txt", "Recommendation 1\n\nDone.\n")
    result = run_cli("draft", "r", "north-police", str(letter), "-o", target, "--force", cwd=small)
    assert result.exit_code == 2
    assert "refusing to replace it, even with --force" in result.stderr.splitlines()[-1]
    assert path.read_text(encoding="utf-8") == text


def test_draft_output_may_replace_an_unassessed_draft_with_force(small: Path, run_cli: RunCli) -> None:
    letter = write(small, "letter.txt", "Recommendation 1\n\nDone.\n")
    assert run_cli("draft", "r", "north-police", str(letter), "-o", "out.yaml", cwd=small).exit_code == 0
    assert run_cli("draft", "r", "north-police", str(letter), "-o", "out.yaml", cwd=small).exit_code == 2
    assert run_cli("draft", "r", "north-police", str(letter), "-o", "out.yaml", "--force", cwd=small).exit_code == 0


def test_a_skeleton_for_every_report_and_body_of_the_shipped_data_loads(tmp_path: Path, run_cli: RunCli) -> None:
    from audit.addressees import BodyIndex, involved
    from audit.load import load_workspace
    from audit.model import DateRange
    from audit.scaffold import response

    root = tmp_path / "shipped"
    shutil.copytree(REPOSITORY / "data", root / "data")
    shutil.copytree(REPOSITORY / "rules", root / "rules")
    shutil.rmtree(root / "data/responses")
    shipped = load_workspace(root)
    pairs = 0
    index = BodyIndex(shipped.bodies)
    for report in shipped.reports.values():
        for body_id, owed in involved(report, index).items():
            body = shipped.bodies[body_id]
            received = DateRange(report.published, report.published)
            write(root, f"data/responses/{report.id}/{body_id}.yaml", response(report, body, owed, received, {}, []))
            pairs += 1
    assert pairs == len(load_workspace(root).responses) > 90
    assert run_cli("validate", "--workspace", str(root)).exit_code == 0


def test_new_response_for_a_report_that_owes_the_body_nothing_by_recommendation_loads(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "shipped"
    shutil.copytree(REPOSITORY / "data", root / "data")
    shutil.copytree(REPOSITORY / "rules", root / "rules")
    result = run_cli("new", "response", "the-hidden-victims", "npcc", "--received", "2023-01-05", "--workspace", str(root))
    assert (result.exit_code, result.stderr) == (0, "wrote data/responses/the-hidden-victims/npcc.yaml\n")
    assert run_cli("validate", "--workspace", str(root)).exit_code == 0


def test_new_response_needs_the_received_date_so_a_skeleton_never_weakens_a_finding(small: Path, run_cli: RunCli) -> None:
    missing = run_cli("new", "response", "r", "north-police", cwd=small)
    assert missing.exit_code == 2 and "Missing option '--received'" in missing.stderr
    # Received late, certainly: the skeleton keeps the finding a missing response had (now: late).
    assert run_cli("new", "response", "r", "north-police", "--received", "2021-05-01", cwd=small).exit_code == 0
    late = run_cli("check", "--as-of", "2021-06-01", "--select", "deadline-missed,deadline-unknown", "--fail-on", "warning", cwd=small)
    assert (late.exit_code, late.stdout.count("deadline-missed"), late.stdout.count("deadline-unknown")) == (1, 1, 0)
    bad = run_cli("new", "response", "r", "south-police", "--received", "2021-05-01..2021-04-01", cwd=small)
    assert bad.exit_code == 2 and "the first date is after the second" in bad.stderr


def test_a_response_that_would_not_load_is_refused_not_written(small: Path, run_cli: RunCli) -> None:
    result = run_cli("new", "response", "r", "north-police", "--received", "2020-01-01", cwd=small)
    assert result.stderr.splitlines() == [
        "audit: refusing to write a response that would not load:",
        "audit: data/responses/r/north-police.yaml:8:1: received before the report was published (2020-08-31)",
    ]
    assert result.exit_code == 2
    assert not (small / "data/responses/r/north-police.yaml").exists()


@given(
    name=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30),
    letter=st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
    heading=st.sampled_from(["Recommendation 1", "Response to recommendation 3", "", "With regards to recommendation 1, "]),
)
def test_new_and_draft_write_what_loads_or_refuse_whatever_the_name_and_letter(
    name: str, letter: str, heading: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from click.testing import CliRunner

    from audit.cli import main

    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    bodies = yaml.safe_load((root / "data/bodies.yaml").read_text(encoding="utf-8"))
    bodies["bodies"][0]["name"] = name
    (root / "data/bodies.yaml").write_text(yaml.safe_dump(bodies, allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    if runner.invoke(main, ["validate", "--workspace", str(root)]).exit_code != 0:
        return  # a name the data itself cannot hold (blank, say): nothing to write it into
    made = runner.invoke(main, ["new", "response", "r", "north-police", "--received", "2021-01-04", "--workspace", str(root)])
    assert made.exit_code == 0, made.stderr
    assert runner.invoke(main, ["validate", "--workspace", str(root)]).exit_code == 0
    (root / "letter.txt").write_text(f"{heading}{letter}\n\n{letter}", encoding="utf-8")
    drafted = runner.invoke(
        main, ["draft", "r", "north-police", str(root / "letter.txt"), "--force", "--as-of", "2021-06-01", "--workspace", str(root)]
    )
    assert drafted.exit_code == 0, drafted.stderr
    checked = runner.invoke(main, ["validate", "--workspace", str(root)])
    assert checked.exit_code == 0, (checked.stderr, (root / "data/responses/r/north-police.yaml").read_text(encoding="utf-8"))


def _drafted(
    run_cli: RunCli, body: str, letter: Path, cwd: Path = REPOSITORY, report: str = "safe-to-share"
) -> tuple[dict[str, Any], list[str]]:
    result = run_cli("draft", report, body, str(letter), "-o", "-", "--as-of", "2026-11-23", cwd=cwd)
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(result.stdout)["recommendations"], result.stderr.splitlines()


def test_draft_takes_an_answer_on_the_heading_line_and_the_passage_up_to_the_next_heading(run_cli: RunCli) -> None:
    drafted, _ = _drafted(run_cli, "mopac", LETTERS / "mopac-2021-12-03.txt")
    assert drafted["8"]["evidence"] == [
        {
            "quote": "This letter satisfies recommendation 8.",
            "where": "Recommendation 8. To all recipients of recommendations from this investigation",
        }
    ]
    # Recommendation 7's answer is two paragraphs: both are in the quote, not only the first sentences of one.
    seven = drafted["7"]["evidence"][0]["quote"]
    assert seven.startswith("I welcome the national improvements") and "I specifically emphasise how important" in seven


def test_draft_cuts_a_long_passage_at_a_sentence_end_and_says_so(small: Path, run_cli: RunCli) -> None:
    from audit.letters import PASSAGE_LIMIT

    sentence = "We have reviewed our policy on this matter in detail with partners. "
    letter = write(small, "letter.txt", "A report\n\nRecommendation 1\n\n" + sentence * 40 + "\n\nRecommendation 3\n\nDone.\n")
    drafted, said = _drafted(run_cli, "north-police", letter, small, "r")
    quote = drafted["1"]["evidence"][0]["quote"]
    assert len(quote) <= PASSAGE_LIMIT and quote.endswith("partners.") and len(quote) > PASSAGE_LIMIT - len(sentence)
    assert f"note: cut: the passage under 'Recommendation 1' is longer than {PASSAGE_LIMIT:,} characters; " in "\n".join(said)


def test_draft_applies_a_collective_deferral_to_the_recommendations_it_covers(run_cli: RunCli) -> None:
    drafted, said = _drafted(run_cli, "city-of-london-police", LETTERS / "city-of-london-police.txt")
    for rec_id in ("4", "5", "8"):
        (evidence,) = drafted[rec_id]["evidence"]
        assert "unable to comment further on the other recommendations" in evidence["quote"]
        assert evidence["where"] == "paragraph 7"
    assert "note: collective: paragraph 7 speaks of the other recommendations; drafted for 4, 5, 8" in said


@pytest.mark.parametrize(
    ("opening", "warned"),
    [("Our response to A report follows.", False), ("Our response to “A REPORT”, as asked.", False), ("Our response follows.", True)],
)
def test_draft_warns_when_the_letter_never_names_the_report(opening: str, warned: bool, small: Path, run_cli: RunCli) -> None:
    letter = write(small, "letter.txt", f"{opening}\n\nRecommendation 1\n\nDone.\n")
    _, said = _drafted(run_cli, "north-police", letter, small, "r")
    warning = "note: warning: the letter never names the report (A report); check that it answers this report"
    assert (warning in said) is warned
