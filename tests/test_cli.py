"""The CLI contract other tools and CI rely on: workspace discovery, options, exit codes, colour."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunCli, write

from audit.checks import RULES

LATE_UNPUBLISHED = "body: north-police\nreport: r\nreceived: 2021-03-01\npublished: false\n"


def test_workspace_is_found_by_walking_up(small: Path, run_cli: RunCli) -> None:
    nested = small / "data" / "reports"
    result = run_cli("check", "--as-of", "2021-01-01", cwd=nested)
    assert result.exit_code == 0
    assert result.stdout.endswith(f"\nNo findings as of 2021-01-01: 1 report, 3 bodies owing responses, {len(RULES)} rules run.\n")


def test_workspace_option_overrides_discovery(small: Path, tmp_path: Path, run_cli: RunCli) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("check", "--as-of", "2021-02-01", "--workspace", str(small), cwd=elsewhere)
    assert result.exit_code == 0


def test_no_workspace_is_exit_2_with_a_message(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"audit: no workspace found: no data/bodies.yaml in {tmp_path.resolve()} or any folder above it "
        "(use --workspace DIR)\n"
    )


def test_exit_codes_follow_fail_on(small: Path, run_cli: RunCli) -> None:
    write(small, "data/responses/r/north-police.yaml", LATE_UNPUBLISHED)
    write(small, "data/responses/r/south-police.yaml", LATE_UNPUBLISHED.replace("north", "south"))
    write(small, "data/responses/r/north-pcc.yaml", LATE_UNPUBLISHED.replace("north-police", "north-pcc"))
    # Only warnings (late, unpublished) and info (not assessed): clean at the default threshold.
    assert run_cli("check", "--as-of", "2021-04-01", cwd=small).exit_code == 0
    assert run_cli("check", "--as-of", "2021-04-01", "--fail-on", "warning", cwd=small).exit_code == 1
    assert run_cli("check", "--as-of", "2021-04-01", "--fail-on", "info", cwd=small).exit_code == 1
    assert (
        run_cli(
            "check", "--as-of", "2021-04-01", "--fail-on", "warning", "--ignore", "deadline-missed,response-unpublished", cwd=small
        ).exit_code
        == 0
    )


def test_select_and_ignore(small: Path, run_cli: RunCli) -> None:
    write(small, "data/responses/r/north-police.yaml", LATE_UNPUBLISHED)
    result = run_cli(
        "check", "--as-of", "2021-04-01", "--format", "json",
        "--select", "response-missing", "--select", "deadline-missed", "--ignore", "response-missing", cwd=small,
    )
    document = json.loads(result.stdout)
    assert document["rules"] == ["deadline-missed"]
    assert [f["rule"] for f in document["findings"]] == ["deadline-missed"]
    assert result.exit_code == 0


def test_a_rule_disabled_in_rules_yaml_does_not_run_unless_selected(small: Path, run_cli: RunCli) -> None:
    write(small, "rules/default.yaml", "rules:\n  response-missing: disable\n")
    # The three overdue bodies are still due a chase (a warning): only response-missing's errors go.
    assert json.loads(run_cli("check", "--as-of", "2021-04-01", "--format", "json", cwd=small).stdout)["summary"] == {
        "error": 0, "warning": 3, "info": 0,
    }
    selected = run_cli("check", "--as-of", "2021-04-01", "--format", "json", "--select", "response-missing", cwd=small)
    assert json.loads(selected.stdout)["summary"]["error"] == 3


def test_severity_override_changes_the_exit_code(small: Path, run_cli: RunCli) -> None:
    write(small, "rules/default.yaml", "rules:\n  response-missing: {severity: warning}\n")
    result = run_cli("check", "--as-of", "2021-04-01", "--format", "json", cwd=small)
    assert {f["severity"] for f in json.loads(result.stdout)["findings"]} == {"warning"}
    assert result.exit_code == 0


def test_unknown_rule_name_is_exit_2(small: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--select", "response-mising", cwd=small)
    assert result.exit_code == 2
    assert result.stderr == "audit: unknown rule 'response-mising' (did you mean 'response-missing'?)\n"


def test_bad_options_are_exit_2(small: Path, run_cli: RunCli) -> None:
    assert run_cli("check", "--as-of", "2021-02-30", cwd=small).exit_code == 2
    assert run_cli("check", "--format", "xml", cwd=small).exit_code == 2
    assert run_cli("check", "--fail-on", "fatal", cwd=small).exit_code == 2


def test_terminal_output_is_plain_without_a_tty_and_coloured_with_force_color(small: Path, run_cli: RunCli) -> None:
    plain = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert "\x1b[" not in plain.stdout
    assert plain.stdout.splitlines()[-1] == (
        f"Found 3 errors, 3 warnings as of 2021-03-01: 1 report, 3 bodies owing responses, {len(RULES)} rules run."
    )
    coloured = run_cli("check", "--as-of", "2021-03-01", cwd=small, env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31mresponse-missing" in coloured.stdout
    no_color = run_cli("check", "--as-of", "2021-03-01", cwd=small, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert no_color.stdout == plain.stdout


def test_same_data_and_as_of_give_byte_identical_output(small: Path, run_cli: RunCli) -> None:
    write(small, "data/responses/r/north-police.yaml", LATE_UNPUBLISHED)
    for fmt in ("terminal", "json"):
        first = run_cli("check", "--as-of", "2021-04-01", "--format", fmt, cwd=small).stdout
        second = run_cli("check", "--as-of", "2021-04-01", "--format", fmt, cwd=small).stdout
        assert first == second


def test_names_with_markup_and_control_characters_are_shown_literally(small: Path, run_cli: RunCli) -> None:
    bodies = (small / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(small, "data/bodies.yaml", bodies.replace("name: South Police", 'name: "[bold]South\\e[31m Police"'))
    result = run_cli("check", "--as-of", "2021-03-01", "--select", "response-missing", cwd=small, env={"FORCE_COLOR": "1"})
    assert "\x1b[31m" not in result.stdout
    assert "[bold]South\\x1b[31m Police" in result.stdout
