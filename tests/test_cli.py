"""The CLI contract other tools and CI rely on: workspace discovery, options, exit codes, colour."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY, RunCli, write

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


EVERY_COMMAND = [
    ["--help"],
    ["--version"],
    ["check", "--help"],
    ["check", "--as-of", "2026-11-23"],
    ["check", "--as-of", "2026-11-23", "--format", "json"],
    ["rules"],
    ["rules", "deadline-missed"],
    ["coverage", "--as-of", "2026-11-23"],
    ["report", "--as-of", "2026-11-23"],
    ["validate"],
    ["schema", "response"],
    ["deadlines", "--as-of", "2026-11-23", "--format", "ics"],
    ["show", "Kent Police", "--as-of", "2026-11-23"],
    ["new", "--help"],
    ["draft", "safe-to-share", "mopac", "tests/letters/mopac-2021-12-03.txt", "-o", "-"],
]


def _audit(args: list[str], stdout: Any) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "audit", *args], cwd=REPOSITORY, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=120
    )
    # draft's notes on what it read come first, on standard error, by design.
    result.stderr = "".join(line for line in result.stderr.splitlines(True) if not line.startswith(("note: ", "speaks to: ")))
    return result


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _audit(args, full)
    assert (result.returncode, result.stderr) == (2, "audit: cannot write standard output: No space left on device\n")


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_closed_pipe_ends_the_command_quietly(args: list[str]) -> None:
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = _audit(args, writing)
    finally:
        os.close(writing)
    assert (result.returncode, result.stderr) == (141, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deadlines", "--upcoming", "99999999d"], "'99999999d': at most 3660 days (10 years)"),
        (["check", "--as-of", "9999-12-31"], "'9999-12-31' is outside the years this tool counts (1900 to 2999)"),
        (["deadlines", "--format", "ics", "--as-of", "0001-01-01"], "'0001-01-01' is outside the years this tool counts (1900 to 2999)"),
    ],
)
def test_option_values_past_the_calendar_are_refused(args: list[str], message: str, small: Path, run_cli: RunCli) -> None:
    result = run_cli(*args, cwd=small)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("inside", ["data", "data/reports", "elsewhere"])
def test_workspace_option_names_the_workspace_itself_not_a_folder_inside_one(inside: str, small: Path, run_cli: RunCli) -> None:
    folder = small / inside
    folder.mkdir(exist_ok=True)
    for command in (["check"], ["validate"], ["coverage"], ["deadlines"]):
        result = run_cli(*command, "--workspace", str(folder), cwd=small)
        expected = (2, "", f"audit: {folder}: not a workspace (no data/bodies.yaml in it)\n")
        assert (result.exit_code, result.stdout, result.stderr) == expected


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What ``audit ARGS`` writes to standard output when that is a real pseudo-terminal."""
    import pty

    leader, follower = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
    done = subprocess.Popen([sys.executable, "-m", "audit", *args], cwd=REPOSITORY, stdout=follower, stderr=subprocess.DEVNULL,
                            env={**base, **env})
    os.close(follower)
    seen = b""
    try:
        while chunk := os.read(leader, 4096):  # read as it comes: a full terminal buffer would stall the command
            seen += chunk
    except OSError:  # Linux: reading the leader after the follower has closed ends with EIO
        pass
    os.close(leader)
    done.wait(timeout=120)
    assert done.returncode in (0, 1)
    return seen


@pytest.mark.parametrize(
    "args", [["check", "--as-of", "2026-11-23"], ["coverage", "--as-of", "2026-11-23", "--report", "the-hidden-victims"]]
)
def test_a_dumb_terminal_gets_no_colour(args: list[str]) -> None:
    assert b"\x1b[" in _on_a_terminal(args, {"TERM": "xterm-256color"})
    dumb = _on_a_terminal(args, {"TERM": "dumb"})
    assert dumb and b"\x1b" not in dumb


def test_debug_is_accepted_after_the_subcommand_too(small: Path, run_cli: RunCli) -> None:
    from audit.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown rule 'nonsense'"):
        run_cli("check", "--select", "nonsense", "--debug", cwd=small)
    with pytest.raises(ConfigError, match="unknown report 'nonsense'"):
        run_cli("new", "response", "nonsense", "north-police", "--received", "2021-01-01", "--debug", cwd=small)
    assert run_cli("check", "--as-of", "2021-01-01", "--debug", cwd=small).exit_code == 0


def test_write_baseline_says_what_it_wrote_and_exits_0(small: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", "2021-06-01", "--write-baseline", "base.json", cwd=small)
    written = json.loads((small / "base.json").read_text(encoding="utf-8"))
    assert (result.exit_code, result.stderr) == (0, f"wrote {len(written['findings'])} finding(s) to the baseline base.json\n")
    assert len(written["findings"]) > 1
    assert run_cli("check", "--as-of", "2021-06-01", "--baseline", "base.json", cwd=small).exit_code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["coverage", "--kind", "force", "--report", "the-hidden-victims"], "report the-hidden-victims, kind force"),
        (
            ["coverage", "--kind", "force", "--kind", "pcc", "--report", "the-hidden-victims", "--format", "json"],
            "report the-hidden-victims, kind force or pcc",
        ),
    ],
)
def test_an_empty_filter_result_says_nothing_matched(args: list[str], said: str, run_cli: RunCli) -> None:
    result = run_cli(*args, "--as-of", "2026-11-23")
    assert result.exit_code == 0
    assert result.stderr == f"audit: nothing matched: no body to show for {said}\n"
