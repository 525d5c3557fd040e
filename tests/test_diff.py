"""``audit diff`` and ``audit show --history`` on real git repositories built here, commit by commit."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import pty
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPOSITORY, SMALL, RunCli, read_terminal, write
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from audit import diff, engine
from audit.changes import Differences
from audit.load import load_workspace
from audit.render._legend import DEADLINE_WORDS, cell_words
from audit.vocabulary import Status

WORKSPACE = "audit-data"
"""The workspace is a folder of the repository, not its top: as in a repository that holds more than data."""

NORTH_POLICE = """\
body: north-police
report: r
received: 2021-01-10
published: false
recommendations:
  "1": {status: deferred}
  "3": {status: addressed}
"""
NORTH_PCC = """\
body: north-pcc
report: r
received: 2021-02-01
published: true
recommendations:
  "2": {status: addressed}
  "3": {status: addressed}
"""
SOUTH_POLICE = """\
body: south-police
report: r
received: 2021-02-15
published: true
recommendations:
  "1": {status: addressed}
  "3": {status: in-progress}
"""
RESPONSES = f"{WORKSPACE}/data/responses/r"


def git(repo: Path, *args: str, day: int = 1) -> str:
    """Run git as a fixed person on a fixed day, so commit ids (and the golden output) never vary."""
    stamp = f"2021-03-{day:02d}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Auditor",
        "GIT_AUTHOR_EMAIL": "auditor@example.org",
        "GIT_COMMITTER_NAME": "Auditor",
        "GIT_COMMITTER_EMAIL": "auditor@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo: Path, message: str, day: int) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository with five commits to its workspace; returns the repository (the workspace is ``WORKSPACE``)."""
    return build_history(tmp_path / "repo")


def build_history(repo: Path) -> Path:
    shutil.copytree(SMALL, repo / WORKSPACE)
    write(repo, "README.md", "A repository that holds an audit workspace in a folder.\n")
    write(repo, f"{RESPONSES}/north-police.yaml", NORTH_POLICE)
    write(repo, f"{RESPONSES}/north-pcc.yaml", NORTH_PCC)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "The first responses", 1)
    git(repo, "tag", "v1")
    write(repo, f"{RESPONSES}/south-police.yaml", SOUTH_POLICE)
    commit(repo, "South Police's response arrives", 2)
    write(repo, f"{RESPONSES}/north-police.yaml", NORTH_POLICE.replace("deferred", "addressed"))
    commit(repo, "North Police now addresses recommendation 1", 3)
    (repo / RESPONSES / "north-pcc.yaml").unlink()
    commit(repo, "North PCC's response was filed by mistake", 4)
    git(repo, "mv", f"{RESPONSES}/north-police.yaml", f"{RESPONSES}/north.yaml")
    commit(repo, "Shorter file name", 5)
    return repo


def run_diff(run_cli: RunCli, repo: Path, *args: str) -> tuple[int, str]:
    result = run_cli("diff", "--since", "v1", "--as-of", "2021-03-10", *args, cwd=repo / WORKSPACE)
    assert result.stderr == ""
    return result.exit_code, result.stdout


# What the five commits did, as facts any format must carry: (kind, report, body, what..., before, after).
EXPECTED = {
    ("response", "r", "North Police", "changed", "file", "data/responses/r/north-police.yaml", "data/responses/r/north.yaml"),
    ("response", "r", "North PCC", "removed", "received", "2021-02-01", None),
    ("response", "r", "North PCC", "removed", "published", "yes", None),
    ("response", "r", "North PCC", "removed", "file", "data/responses/r/north-pcc.yaml", None),
    ("response", "r", "South Police", "received", "received", None, "2021-02-15"),
    ("response", "r", "South Police", "received", "published", None, "yes"),
    ("response", "r", "South Police", "received", "file", None, "data/responses/r/south-police.yaml"),
    ("status", "r", "North Police", "recommendation 1", "deferred", "addressed"),
    ("status", "r", "North PCC", "recommendation 2", "addressed", "no response"),
    ("status", "r", "North PCC", "recommendation 3", "addressed", "no response"),
    ("status", "r", "South Police", "recommendation 1", "no response", "addressed"),
    ("status", "r", "South Police", "recommendation 3", "no response", "in progress"),
    ("new", "r", "error", "response-missing", "North PCC", ""),
    ("new", "r", "warning", "chase-due", "North PCC", ""),
    ("resolved", "r", "error", "response-missing", "South Police", ""),
    ("resolved", "r", "warning", "chase-due", "South Police", ""),
    ("resolved", "r", "error", "recommendation-unaddressed", "North Police", "1"),
    ("deadline", "r", "South Police", "2021-02-28", "overdue", "on time"),
    ("deadline", "r", "North PCC", "2021-02-28", "on time", "overdue"),
}


def test_diff_names_each_change_of_the_history(history: Path, run_cli: RunCli) -> None:
    code, out = run_diff(run_cli, history, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert facts_from_json(document) == EXPECTED
    assert document["before"] == {"revision": "v1", "commit": git(history, "rev-parse", "v1"), "as_of": "2021-03-10"}
    assert document["after"] == {"revision": None, "commit": None, "as_of": "2021-03-10"}
    assert document["summary"] == {
        "responses received": 1,
        "responses removed": 1,
        "responses changed": 1,
        "statuses changed": 5,
        "new findings": 2,
        "resolved findings": 3,
        "findings changed in severity": 0,
        "became overdue": 1,
    }


def test_every_format_says_the_same(history: Path, run_cli: RunCli) -> None:
    document = json.loads(run_diff(run_cli, history, "--format", "json")[1])
    markdown = run_diff(run_cli, history, "--format", "markdown")[1]
    terminal = run_diff(run_cli, history)[1]
    assert facts_from_tables(markdown_tables(markdown)) == facts_from_json(document) == EXPECTED
    assert facts_from_tables(terminal_tables(terminal)) == EXPECTED
    assert markdown_summary(markdown) == document["summary"]
    assert terminal.splitlines()[-1] == ", ".join(f"{what}: {n}" for what, n in document["summary"].items() if n)


def test_terminal_output_as_a_person_reads_it(history: Path, run_cli: RunCli) -> None:
    """Golden file, reviewed by eye: the commits are made on fixed days by a fixed person, so their ids are fixed."""
    golden = Path(__file__).parent / "golden" / "diff-history.txt"
    assert run_diff(run_cli, history)[1] == golden.read_text(encoding="utf-8")


def test_the_working_tree_and_index_are_left_alone(history: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    write(history, f"{RESPONSES}/north.yaml", NORTH_POLICE.replace("published: false", "published: true"))
    git(history, "add", f"{RESPONSES}/north.yaml")
    write(history, f"{RESPONSES}/south-police.yaml", SOUTH_POLICE.replace("2021-02-15", "2021-02-16"))
    status = git(history, "status", "--porcelain")  # first: it may refresh the index itself
    index = (history / ".git" / "index").read_bytes()
    scratch = history.parent / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    document = json.loads(run_diff(run_cli, history, "--format", "json")[1])
    # Staged and unstaged edits are both the working tree's, and what the diff compares.
    changed = {(c["body"], f["fact"], f["after"]) for r in document["reports"] for c in r["responses"] for f in c["facts"]}
    assert ("north-police", "published", "yes") in changed
    assert ("south-police", "received", "2021-02-16") in changed
    assert (history / ".git" / "index").read_bytes() == index
    assert git(history, "status", "--porcelain") == status
    assert list(scratch.iterdir()) == []


def test_until_compares_two_past_revisions_whatever_the_working_tree_holds(history: Path, run_cli: RunCli) -> None:
    (history / RESPONSES / "south-police.yaml").unlink()  # uncommitted: not the later state any more
    result = run_cli("diff", "--since", "v1", "--until", "HEAD~2", "--as-of", "2021-03-10", "--format", "json", cwd=history / WORKSPACE)
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert document["after"] == {"revision": "HEAD~2", "commit": git(history, "rev-parse", "HEAD~2"), "as_of": "2021-03-10"}
    # Commits 2 and 3: South Police's response arrives, North Police addresses recommendation 1.
    assert facts_from_json(document) == {
        fact for fact in EXPECTED if "North PCC" not in fact and fact[3] != "changed"
    }
    counts = {"responses received": 1, "responses removed": 0, "responses changed": 0, "statuses changed": 3, "new findings": 0,
              "resolved findings": 3, "findings changed in severity": 0, "became overdue": 0}
    assert document["summary"] == counts
    # Read backwards, the same two revisions tell the same changes the other way round.
    backwards = run_cli("diff", "--since", "HEAD~2", "--until", "v1", "--as-of", "2021-03-10", "--format", "json", cwd=history / WORKSPACE)
    assert json.loads(backwards.stdout)["summary"] == {
        **counts, "responses received": 0, "responses removed": 1, "new findings": 3, "resolved findings": 0, "became overdue": 1
    }
    message = one_line_error(run_cli, history / WORKSPACE, "diff", "--since", "v1", "--until", "v9")
    assert message == f"audit: no revision 'v9' in the git repository at {history.resolve()}"


def test_report_limits_the_diff_and_an_unknown_one_is_refused(history: Path, run_cli: RunCli) -> None:
    assert run_diff(run_cli, history, "--report", "r") == run_diff(run_cli, history)
    result = run_cli("diff", "--since", "v1", "--report", "nope", cwd=history / WORKSPACE)
    assert result.exit_code == 2 and result.stderr.startswith("audit: ") and "nope" in result.stderr


def test_dates_alone_show_who_became_overdue(history: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "--since-date", "2021-02-20", "--as-of", "2021-03-01", "--format", "json", cwd=history / WORKSPACE)
    report = json.loads(result.stdout)["reports"][0]
    standings = {(c["body"], c["before"], c["after"]) for c in report["deadlines"]}
    assert standings == {("north-pcc", "pending", "overdue")}
    assert [f["rule"] for f in report["new_findings"]] == ["chase-due", "response-missing"]
    assert report["responses"] == [] and report["statuses"] == []


def test_fail_on_new_fails_only_for_new_findings_at_or_above_it(history: Path, run_cli: RunCli) -> None:
    assert run_diff(run_cli, history, "--fail-on-new", "error")[0] == 1
    assert run_diff(run_cli, history)[0] == 0
    # Against the latest commit nothing is new, though findings remain.
    result = run_cli("diff", "--since", "HEAD", "--as-of", "2021-03-10", "--fail-on-new", "info", cwd=history / WORKSPACE)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "No changes.")


def test_show_history_names_each_commit_that_changed_the_body(history: Path, run_cli: RunCli) -> None:
    result = run_cli("show", "North Police", "--as-of", "2021-03-10", "--history", cwd=history / WORKSPACE)
    assert result.exit_code == 0, result.output
    ids = {n: git(history, "rev-parse", "--short=12", f"HEAD~{n}") for n in range(5)}
    assert result.stdout.split("History (from git):\n")[1] == (
        f"  2021-03-01  {ids[4]}  The first responses\n"
        "    + name: North Police\n"
        "    + kind: force\n"
        "    + r: due: 2021-02-28\n"
        "    + r: response file: data/responses/r/north-police.yaml\n"
        "    + r: received: 2021-01-10\n"
        "    + r: published: no\n"
        "    + r: recommendation 1: deferred\n"
        "    + r: recommendation 3: addressed\n"
        f"  2021-03-03  {ids[2]}  North Police now addresses recommendation 1\n"
        "    ~ r: recommendation 1: deferred → addressed\n"
        f"  2021-03-05  {ids[0]}  Shorter file name\n"
        "    ~ r: response file: data/responses/r/north-police.yaml → data/responses/r/north.yaml\n"
    )
    # docs/changes.md shows this very history.
    docs = (REPOSITORY / "docs" / "changes.md").read_text(encoding="utf-8")
    assert "\nHistory (from git):\n" + result.stdout.split("History (from git):\n")[1] + "```\n" in docs


def test_show_history_ends_with_what_is_not_committed(history: Path, run_cli: RunCli) -> None:
    (history / RESPONSES / "south-police.yaml").unlink()
    result = run_cli("show", "south-police", "--history", cwd=history / WORKSPACE)
    assert result.stdout.split("History (from git):\n")[1].endswith(
        "  -           -             uncommitted changes in the working tree\n"
        "    - r: response file: data/responses/r/south-police.yaml\n"
        "    - r: received: 2021-02-15\n"
        "    - r: published: yes\n"
        "    - r: recommendation 1: addressed\n"
        "    - r: recommendation 3: in-progress\n"
    )


def test_show_history_in_json_tells_the_same_commits_and_facts(history: Path, run_cli: RunCli) -> None:
    args = ("show", "North Police", "--as-of", "2021-03-10", "--history")
    shown = run_cli(*args, cwd=history / WORKSPACE).stdout
    result = run_cli(*args, "--format", "json", cwd=history / WORKSPACE)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["reports"] == json.loads(run_cli(*args[:-1], "--format", "json", cwd=history / WORKSPACE).stdout)["reports"]
    told = document["history"]
    assert told["shallow"] is False
    assert [(c["date"], c["commit"], c["subject"], c["problem"]) for c in told["changes"]] == [
        ("2021-03-01", git(history, "rev-parse", "HEAD~4"), "The first responses", None),
        ("2021-03-03", git(history, "rev-parse", "HEAD~2"), "North Police now addresses recommendation 1", None),
        ("2021-03-05", git(history, "rev-parse", "HEAD"), "Shorter file name", None),
    ]
    assert told["changes"][1]["facts"] == [{"fact": "r: recommendation 1", "before": "deferred", "after": "addressed"}]
    # The terminal's lines say the same facts, in the same order.
    lines = [line.strip() for line in shown.split("History (from git):\n")[1].splitlines() if line.startswith("    ")]
    marks = [("+ ", f["fact"], f["after"]) if f["before"] is None else ("~ ", f["fact"], f"{f['before']} → {f['after']}")
             for c in told["changes"] for f in c["facts"]]
    assert lines == [f"{mark}{fact}: {value}" for mark, fact, value in marks]
    assert "history" not in json.loads(run_cli(*args[:-1], "--format", "json", cwd=history / WORKSPACE).stdout)


@functools.cache
def shipped() -> diff.Snapshot:
    return diff.working_tree(load_workspace(REPOSITORY), engine.load_settings(REPOSITORY))


def changes(result: Differences) -> dict[str, set[tuple[str, ...]]]:
    return {
        "received": {(r.report.id, c.body) for r in result.reports for c in r.responses if c.change == "received"},
        "removed": {(r.report.id, c.body) for r in result.reports for c in r.responses if c.change == "removed"},
        "new": {(r.report.id, f.fingerprint) for r in result.reports for f in r.new},
        "resolved": {(r.report.id, f.fingerprint) for r in result.reports for f in r.resolved},
        "statuses": {(r.report.id, c.body, c.recommendation, str(c.before), str(c.after)) for r in result.reports for c in r.statuses},
        "standings": {(r.report.id, c.body, c.before.value, c.after.value) for r in result.reports for c in r.standings},
    }


@settings(max_examples=25)  # each example runs every rule over the shipped data four times
@given(st.dates(date(2020, 12, 1), date(2023, 1, 1)), st.dates(date(2020, 12, 1), date(2023, 1, 1)))
def test_a_diff_read_backwards_is_the_same_diff_reversed(since: date, as_of: date) -> None:
    forward = changes(diff.compare(shipped(), shipped(), since, as_of))
    backward = changes(diff.compare(shipped(), shipped(), as_of, since))
    assert forward["received"] == backward["removed"] and forward["removed"] == backward["received"]
    assert forward["new"] == backward["resolved"] and forward["resolved"] == backward["new"]
    assert forward["statuses"] == {(r, b, rec, after, before) for r, b, rec, before, after in backward["statuses"]}
    assert forward["standings"] == {(r, b, after, before) for r, b, before, after in backward["standings"]}
    if since == as_of:
        assert diff.compare(shipped(), shipped(), since, as_of).reports == ()


# A repository whose history cannot be read: one line, exit 2.


def one_line_error(run_cli: RunCli, cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_cli(*args, cwd=cwd, env=env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("audit: "), result.stderr
    return result.stderr.strip()


def test_a_folder_outside_git(small: Path, run_cli: RunCli) -> None:
    message = one_line_error(run_cli, small, "diff", "--since", "HEAD")
    assert message == f"audit: {small.resolve()} is not in a git repository, so it has no past revisions to read"
    assert one_line_error(run_cli, small, "show", "north-police", "--history") == message


def test_a_revision_that_does_not_exist(history: Path, run_cli: RunCli) -> None:
    message = one_line_error(run_cli, history / WORKSPACE, "diff", "--since", "v9")
    assert message == f"audit: no revision 'v9' in the git repository at {history.resolve()}"
    assert one_line_error(run_cli, history / WORKSPACE, "diff", "--since", "--help") == "audit: '--help' is not a revision"


def test_a_clone_too_shallow_to_have_it(history: Path, tmp_path: Path, run_cli: RunCli) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", history.as_uri(), str(clone))
    expected = (
        "audit: revision {!r} is not in this shallow clone: fetch more history "
        "(git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
    )
    assert one_line_error(run_cli, clone / WORKSPACE, "diff", "--since", "HEAD~2") == expected.format("HEAD~2")
    assert one_line_error(run_cli, clone / WORKSPACE, "diff", "--since", "v1") == expected.format("v1")
    # What the clone does hold is read, and the history says where it begins.
    assert run_cli("diff", "--since", "HEAD", cwd=clone / WORKSPACE).exit_code == 0
    shown = run_cli("show", "north-police", "--history", cwd=clone / WORKSPACE).stdout.split("History (from git):\n")[1]
    assert shown.startswith("  (a shallow clone: the history begins where the clone does)\n  2021-03-05  ")


def test_git_missing(history: Path, tmp_path: Path, run_cli: RunCli) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    message = one_line_error(run_cli, history / WORKSPACE, "diff", "--since", "v1", env={"PATH": str(empty)})
    assert message == "audit: git is not installed (no git on PATH): reading past revisions needs it"


def test_objects_missing_from_the_store(history: Path, run_cli: RunCli) -> None:
    blob = git(history, "rev-parse", f"v1:{RESPONSES}/north-pcc.yaml")
    (history / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    message = one_line_error(run_cli, history / WORKSPACE, "diff", "--since", "v1")
    assert message == f"audit: object {blob} is missing from the repository (a shallow or partial clone?)"


def test_a_revision_before_the_workspace_existed(history: Path, run_cli: RunCli) -> None:
    git(history, "checkout", "-q", "--orphan", "other")
    git(history, "rm", "-rq", "--cached", ".")
    git(history, "commit", "-q", "--allow-empty", "-m", "nothing yet")
    git(history, "tag", "empty")
    git(history, "checkout", "-q", "-f", "main")
    message = one_line_error(run_cli, history / WORKSPACE, "diff", "--since", "empty")
    assert message == f"audit: revision 'empty' has no workspace in {WORKSPACE}/ (no data/bodies.yaml there)"


def test_broken_data_at_the_revision_is_named_with_it(history: Path, run_cli: RunCli) -> None:
    write(history, f"{RESPONSES}/south-police.yaml", SOUTH_POLICE.replace("2021-02-15", "2021-02-30"))
    commit(history, "A bad date", 6)
    write(history, f"{RESPONSES}/south-police.yaml", SOUTH_POLICE)
    commit(history, "Fixed", 7)
    result = run_cli("diff", "--since", "HEAD~1", cwd=history / WORKSPACE)
    assert result.exit_code == 2
    assert result.stderr.startswith("audit: HEAD~1:data/responses/r/south-police.yaml:3:")
    # The history goes on past it, saying so.
    shown = run_cli("show", "south-police", "--history", cwd=history / WORKSPACE).stdout
    assert "  the data did not load at this commit (1 problem(s), the first: data/responses/r/south-police.yaml:3:" in shown


def test_the_data_after_is_the_working_tree_even_when_broken(history: Path, run_cli: RunCli) -> None:
    write(history, f"{RESPONSES}/south-police.yaml", "body: [")
    result = run_cli("diff", "--since", "v1", cwd=history / WORKSPACE)
    assert result.exit_code == 2
    assert result.stderr.startswith("audit: data/responses/r/south-police.yaml:2:1: YAML syntax error")


# Reading each format back with its own reader.


def facts_from_json(document: dict) -> set[tuple]:
    found: set[tuple] = set()
    for r in document["reports"]:
        rid = r["report"]
        for c in r["responses"]:
            found |= {("response", rid, c["body_name"], c["change"], f["fact"], f["before"], f["after"]) for f in c["facts"]}
        for c in r["statuses"]:
            words = [cell_words(Status(s)) if s else "no response" for s in (c["before"], c["after"])]
            found.add(("status", rid, c["body_name"], c["recommendation"], *words))
        for kind in ("new", "resolved"):
            found |= {(kind, rid, f["severity"], f["rule"], f["body_name"], f["recommendation"] or "") for f in r[f"{kind}_findings"]}
        for f in r["severity_changes"]:
            found.add(("severity", rid, f["severity_before"], f["severity"], f["rule"], f["body_name"], f["recommendation"] or ""))
        for c in r["deadlines"]:
            found.add(
                ("deadline", rid, c["body_name"], c["due"], DEADLINE_WORDS_BY_VALUE[c["before"]], DEADLINE_WORDS_BY_VALUE[c["after"]])
            )
    return found


DEADLINE_WORDS_BY_VALUE = {k.value: v for k, v in DEADLINE_WORDS.items()}

Tables = list[tuple[str, str, list[dict[str, str]]]]
"""(report id, table title, rows as header -> cell)."""


def facts_from_tables(tables: Tables) -> set[tuple]:
    found: set[tuple] = set()
    for rid, title, rows in tables:
        for row in rows:
            if title == "Responses":
                for part in row["what"].split("; "):
                    fact, _, values = part.partition(" ")
                    before, arrow, after = values.partition(" → ")
                    if not arrow:
                        before, after = (None, before) if row["change"] == "received" else (before, None)
                    found.add(("response", rid, row["body"], row["change"], fact, before, after))
            elif title == "Recommendation statuses":
                found.add(("status", rid, row["body"], row["recommendation"], row["from"], row["to"]))
            elif title in ("New findings", "Resolved findings"):
                found.add((title.split()[0].lower(), rid, row["severity"], row["rule"], row["body"], row["rec."]))
            elif title == "Findings changed in severity":
                found.add(("severity", rid, row["from"], row["to"], row["rule"], row["body"], row["rec."]))
            else:
                assert title == "Deadlines"
                found.add(("deadline", rid, row["body"], row["due"], row["from"], row["to"]))
    return found


def markdown_tables(text: str) -> Tables:
    """Every table under a ``####`` heading, with the report id from the ``###`` heading above it."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables: Tables = []
    report = title = ""
    headers: list[str] = []
    row: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h3":
            report = next(c.content for c in tokens[i + 1].children or [] if c.type == "code_inline")
        elif token.type == "heading_open" and token.tag == "h4":
            title = tokens[i + 1].content
            tables.append((report, title, []))
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append("".join(c.content for c in token.children or [] if c.type in ("text", "code_inline")))
        elif token.type == "tr_close" and tables and tables[-1][0] == report and title:
            if tokens[i - 1].type == "th_close":
                headers = row
            else:
                tables[-1][2].append(dict(zip(headers, row, strict=True)))
    return [t for t in tables if t[1]]


def markdown_summary(text: str) -> dict[str, int]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    cells = [t.content for i, t in enumerate(tokens) if t.type == "inline" and tokens[i - 1].type == "td_open"]
    first_table_end = next(i for i, t in enumerate(tokens) if t.type == "table_close")
    count = sum(1 for t in tokens[:first_table_end] if t.type == "td_open")
    return {cells[i]: int(cells[i + 1]) for i in range(0, count, 2)}


def terminal_tables(text: str) -> Tables:
    """Report headings at the margin, table titles indented by 2, rows by 4: columns sliced at the headers' starts."""
    tables: Tables = []
    report = ""
    starts: list[int] = []
    names: list[str] = []
    for line in text.splitlines():
        if heading := re.fullmatch(r"\S.* \(([\w-]+)\)", line):
            report = heading.group(1)
        elif re.fullmatch(r"  \S.*", line):
            tables.append((report, line.strip(), []))
            starts = []
        elif line.startswith("    ") and tables:
            if not starts:
                names = line.split()
                starts = [line.index(f"  {n}") + 2 if i else 4 for i, n in enumerate(names)]
                continue
            cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
            tables[-1][2].append(dict(zip(names, cells, strict=True)))
    return tables


# The example workflow that comments on pull requests, run as GitHub would run its steps.

WORKFLOW = REPOSITORY / "examples" / "pull-request-diff.yml"


def workflow_step(name: str) -> dict[str, Any]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert document[True] == {"pull_request": {"paths": ["data/**", "rules/**"]}}  # YAML 1.1 reads the key `on` as true
    steps = document["jobs"]["diff"]["steps"]
    return next(step for step in steps if step.get("name") == name)


def pull_request_merge(repo: Path, change: Callable[[Path], None]) -> Path:
    """A repository as actions/checkout leaves it for a pull request: HEAD merges the pull request into main."""
    shutil.copytree(SMALL, repo)
    write(repo, "data/responses/r/north-pcc.yaml", NORTH_PCC)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Data", 1)
    git(repo, "checkout", "-q", "-b", "pull-request")
    change(repo)
    commit(repo, "The pull request", 2)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge the pull request", "pull-request", day=3)
    return repo


def run_step(step: dict[str, Any], repo: Path, tmp_path: Path) -> tuple[int, str]:
    """Run the step's script with bash -e, as a GitHub runner does, with this environment's audit on PATH."""
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier steps' summary.\n", encoding="utf-8")
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", str(script)], cwd=repo, env=env, capture_output=True, text=True, check=False)
    comment = (repo / "audit-diff.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == "Earlier steps' summary.\n" + comment
    # The job's log shows the terminal format (no colour: not a terminal); nothing where the data broke.
    assert done.stdout.startswith("audit diff: HEAD^1 (") if done.returncode != 2 else done.stdout == ""
    return done.returncode, comment


def test_the_workflow_installs_from_the_checkout_and_comments_what_a_pull_request_changes(tmp_path: Path) -> None:
    # "audit" on PyPI is another project: the tool is installed from the repository it is checked out in.
    assert workflow_step("install audit from this checkout")["run"] == "pip install ."
    assert (REPOSITORY / "setup.cfg").is_file()
    repo = pull_request_merge(tmp_path / "data-repo", lambda repo: (repo / "data/responses/r/north-pcc.yaml").unlink())
    code, comment = run_step(workflow_step("audit diff"), repo, tmp_path)
    assert code == 1  # a new error: North PCC's response is gone and it is overdue
    tokens = MarkdownIt("commonmark").enable("table").parse(comment)
    assert tokens[0].tag == "h2" and tokens[1].content.startswith("audit diff: HEAD^1 (")
    assert facts_from_tables(markdown_tables(comment)) >= {
        ("response", "r", "North PCC", "removed", "received", "2021-02-01", None),
        ("new", "r", "error", "response-missing", "North PCC", ""),
    }


def test_the_workflow_comments_that_it_could_not_compare_broken_data(tmp_path: Path) -> None:
    repo = pull_request_merge(tmp_path / "data-repo", lambda repo: write(repo, "data/responses/r/north-pcc.yaml", "body: ["))
    code, comment = run_step(workflow_step("audit diff"), repo, tmp_path)
    assert code == 2
    tokens = MarkdownIt("commonmark").parse(comment)
    assert [t.content for t in tokens if t.type == "inline"] == ["audit diff could not compare the data"]
    assert [t.content for t in tokens if t.type == "fence"] == [
        "audit: data/responses/r/north-pcc.yaml:2:1: YAML syntax error: did not find expected node content\n"
    ]


def test_the_comment_step_runs_after_a_failed_diff() -> None:
    step = workflow_step("comment on the pull request")
    assert step["if"] == "${{ !cancelled() && hashFiles('audit-diff.md') != '' }}"
    assert step["run"].startswith('gh pr comment "$PR" --body-file audit-diff.md')


def test_the_readme_commands_work_as_written(run_cli: RunCli) -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What changed\n")[1].split("\n## ")[0]
    lines = [line.split("  #")[0].strip() for line in section.splitlines() if line.startswith("audit ")]
    assert len(lines) == 6
    for line in lines:
        result = run_cli(*shlex.split(line)[1:])
        assert result.exit_code in (0, 1), (line, result.stderr)
        assert result.stderr == "", line


@pytest.mark.parametrize("columns", [60, 200])
def test_on_a_real_terminal_the_diff_is_coloured_and_its_lines_kept_whole(history: Path, columns: int) -> None:
    """Standard output is a pseudo-terminal of ``columns`` columns: colour on, and no line cut to the width
    (a long row stays one greppable line; the terminal wraps it for the eye)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "audit", "diff", "--since", "v1", "--as-of", "2021-03-10"],
        cwd=history / WORKSPACE,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    seen = read_terminal(leader)
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (0, b"")
    screen = seen.decode("utf-8").replace("\r\n", "\n")
    assert "\x1b[1;31m" + "New findings" in screen
    golden = Path(__file__).parent / "golden" / "diff-history.txt"
    assert re.sub(r"\x1b\[[0-9;]*m", "", screen) == golden.read_text(encoding="utf-8")


def test_revisions_read_for_a_diff_or_a_history_leave_no_cache(history: Path, run_cli: RunCli, cache_folder: Path) -> None:
    workspace = history / WORKSPACE
    assert run_cli("diff", "--since", "v1", "--until", "HEAD~2", "--as-of", "2021-03-10", cwd=workspace).exit_code in (0, 1)
    assert run_cli("show", "North Police", "--as-of", "2021-03-10", "--history", cwd=workspace).exit_code in (0, 1)
    assert len(list(cache_folder.iterdir())) == 1  # the working tree's own: none for the revisions' temporary folders
