"""Bad input is refused with file:line:col and what is wrong, exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RunCli, write

RESPONSE = "data/responses/r/north-police.yaml"
GOOD_RESPONSE = "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\n"

REFUSALS = [
    pytest.param(
        RESPONSE, "body: north-police\nreport: r\nreceived: [2021-02-01\npublished: true\n",
        [f"{RESPONSE}:4:10: YAML syntax error: did not find expected ',' or ']'"],
        id="yaml-syntax",
    ),
    pytest.param(
        RESPONSE, GOOD_RESPONSE + "published: false\n",
        [f"{RESPONSE}:5:1: duplicate key 'published' (first on line 4)"],
        id="duplicate-key",
    ),
    pytest.param(
        RESPONSE, "- body: north-police\n",
        [f"{RESPONSE}:1:1: expected a mapping, found a list"],
        id="list-for-mapping",
    ),
    pytest.param(
        RESPONSE, GOOD_RESPONSE + "recomendations: {}\n",
        [f"{RESPONSE}:5:1: unknown key 'recomendations' (did you mean 'recommendations'?)"],
        id="unknown-key",
    ),
    pytest.param(
        RESPONSE, "body: north-police\nreport: r\nreceived: 2021-02-30\npublished: true\n",
        [f"{RESPONSE}:3:11: '2021-02-30' is not a real date"],
        id="impossible-date",
    ),
    pytest.param(
        RESPONSE, "body: nort-police\nreport: r\nreceived: 2021-02-01\npublished: true\n",
        [f"{RESPONSE}:1: unknown body 'nort-police' (did you mean 'north-police'?)"],
        id="unknown-body",
    ),
    pytest.param(
        RESPONSE, GOOD_RESPONSE + 'recommendations:\n  "9": {status: addressed}\n',
        [f"{RESPONSE}:6: report 'r' has no recommendation '9' (it has 1, 2, 3)"],
        id="unknown-recommendation",
    ),
    pytest.param(
        RESPONSE, "body: !!python/object/apply:os.system [echo hi]\nreport: r\nreceived: 2021-02-01\npublished: true\n",
        [f"{RESPONSE}:1:7: tag !!python/object/apply:os.system is not allowed: data files hold plain YAML only"],
        id="python-tag",
    ),
    pytest.param(
        RESPONSE, "body: !custom x\nreport: r\nreceived: 2021-02-01\npublished: true\n",
        [f"{RESPONSE}:1:7: tag !custom is not allowed: data files hold plain YAML only"],
        id="custom-tag",
    ),
    pytest.param(
        RESPONSE, "body: &b north-police\nreport: r\nreceived: 2021-02-01\npublished: *b\n",
        [f"{RESPONSE}:1:7: this anchored value is reused by an alias: anchors and aliases are not allowed in data files"],
        id="alias",
    ),
    pytest.param(
        RESPONSE, "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: yes\nrecommendations:\n  \"1\": {status: adressed}\n",
        [f"{RESPONSE}:6:17: 'adressed' is not one of: addressed, partially-addressed, in-progress, "
         "deferred, not-addressed, not-applicable, not-assessed (did you mean 'addressed'?)"],
        id="unknown-status",
    ),
    pytest.param(
        RESPONSE, "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: maybe\n",
        [f"{RESPONSE}:4:12: expected true or false, found text"],
        id="wrong-type",
    ),
    pytest.param(
        RESPONSE, "body: north-police\nreport: other\nreceived: 2021-02-01\npublished: true\n",
        [f"{RESPONSE}:2: report is 'other' but the file is filed under 'r'"],
        id="wrong-report",
    ),
    pytest.param(
        RESPONSE, "body: north-police\nreport: r\npublished: true\n",
        [f"{RESPONSE}:1:1: missing required key 'received'"],
        id="missing-key",
    ),
    pytest.param(RESPONSE, "", [f"{RESPONSE}: file is empty"], id="empty-file"),
    pytest.param(
        RESPONSE, b"body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\nsource: caf\xe9\n",
        [f"{RESPONSE}:5:12: not valid UTF-8 (byte 0xe9)"],
        id="invalid-utf8",
    ),
    pytest.param(
        "data/bodies.yaml", "bodies:\n  - {id: a-pcc, name: A, kind: pcc, holds_to_account: nowhere}\n",
        ["data/bodies.yaml:2: a-pcc: holds_to_account names unknown body 'nowhere'"],
        id="pcc-without-force",
    ),
    pytest.param(
        "rules/local.yaml", "rules:\n  response-mising: disable\n",
        ["rules/local.yaml:2:3: unknown rule 'response-mising' (did you mean 'response-missing'?)"],
        id="rules-unknown-rule",
    ),
    pytest.param(
        "rules/local.yaml", "rules:\n  recommendation-unaddressed:\n    addressed: deferred\n",
        ["rules/local.yaml:3:16: expected a list, found text"],
        id="rules-wrong-parameter-type",
    ),
]


@pytest.mark.parametrize(("relative", "text", "expected"), REFUSALS)
def test_refusal(relative: str, text: str | bytes, expected: list[str], small: Path, run_cli: RunCli) -> None:
    write(small, relative, text)
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"audit: {line}" for line in expected]


def test_every_problem_in_every_file_is_reported_together(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, "body: north-police\nreport: r\nreceived: 2021-13-01\npublished: 1\nextra: x\n")
    write(small, "data/responses/r/south-police.yaml", "body: south-police\nreport: r\n")
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"audit: {RESPONSE}:3:11: '2021-13-01' is not a real date",
        f"audit: {RESPONSE}:4:12: expected true or false, found a number",
        f"audit: {RESPONSE}:5:1: unknown key 'extra'",
        "audit: data/responses/r/south-police.yaml:1:1: missing required key 'published'",
        "audit: data/responses/r/south-police.yaml:1:1: missing required key 'received'",
    ]


def test_a_second_response_for_one_body_is_refused(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, GOOD_RESPONSE)
    write(small, "data/responses/r/north-police-2021.yaml", GOOD_RESPONSE)
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"audit: {RESPONSE}:1: a second response from 'north-police' to 'r' "
        "(also data/responses/r/north-police-2021.yaml)"
    ]


def test_bom_and_crlf_load(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, ("\ufeff" + GOOD_RESPONSE).replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("check", "--as-of", "2021-03-01", "--select", "response-missing", "--format", "json", cwd=small)
    assert result.exit_code == 1
    assert "north-police" not in result.stdout
