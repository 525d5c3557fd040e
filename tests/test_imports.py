"""``audit import status-page``: a published status page read into response files, as a person would transcribe it."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from conftest import REPOSITORY, TESTS, RunCli, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.load import load_workspace
from audit.model import DEFAULT_KINDS, Body, DateRange, Workspace
from audit.statuspage import Listed, Reply, Unread, read_status_page

PAGE = TESTS / "pages" / "safe-to-share-2022-02-16.txt"
"""Seed 002: the status page of Safe to share?, published 16 February 2022, as its text."""
PAGE_DATE = date(2022, 2, 16)


@pytest.fixture
def emptied(tmp_path: Path) -> Path:
    """A copy of the shipped workspace with every Safe to share? response removed."""
    root = tmp_path / "ws"
    shutil.copytree(REPOSITORY / "data", root / "data")
    shutil.rmtree(root / "data" / "responses" / "safe-to-share")
    return root


def test_importing_the_page_reproduces_who_replied_and_who_published(emptied: Path, run_cli: RunCli) -> None:
    result = run_cli("import", "status-page", str(PAGE), "--report", "safe-to-share", "--workspace", str(emptied))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "note: line 133 names Mayor of Greater Manchester twice and gives no state: "
        "read as a published response linked under its label"
    )
    assert result.stdout.splitlines()[-3:] == [
        "Police force Response: 34 published, 8 received but not published, 1 did not reply",
        "PCC or equivalent Response: 29 published, 1 received but not published, 13 did not reply",
        "wrote 72 file(s)",
    ]
    shipped = load_workspace(REPOSITORY)
    imported = load_workspace(emptied)
    published = shipped.reports["safe-to-share"].published
    listed = [b for b in shipped.bodies.values() if b.kind in ("force", "pcc") and b.existed_on(published)]
    assert len(listed) == 86

    def replies(workspace: Workspace, body: Body) -> str:
        response = workspace.responses.get(("safe-to-share", body.id))
        return "none" if response is None else "published" if response.published else "unpublished"

    assert {b.id: replies(imported, b) for b in listed} == {b.id: replies(shipped, b) for b in listed}
    assert {r.received for r in imported.responses.values()} == {DateRange(published, PAGE_DATE)}
    counts = Counter((shipped.bodies[body].kind, r.published) for (_, body), r in imported.responses.items())
    assert counts == {("force", True): 34, ("force", False): 8, ("pcc", True): 29, ("pcc", False): 1}
    assert [b.kind for b in listed if ("safe-to-share", b.id) not in imported.responses].count("pcc") == 13
    # Every recommendation the body owes is listed, none assessed: the page says nothing about them.
    kent = imported.responses[("safe-to-share", "kent-police")]
    assert {rec: a.status.value for rec, a in kent.answers.items()} == dict.fromkeys(["1", "4", "5", "8"], "not-assessed")
    assert kent.source == "Status page, 16 February 2022: 'Kent Police response'"
    checked = run_cli("validate", "--workspace", str(emptied))
    assert (checked.exit_code, checked.stdout) == (0, "valid: 92 bodies, 3 report(s), 72 responses\n")


def test_importing_again_changes_nothing_and_never_replaces_an_assessed_response(emptied: Path, run_cli: RunCli) -> None:
    args = ("import", "status-page", str(PAGE), "--report", "safe-to-share", "--workspace", str(emptied))
    assert run_cli(*args).exit_code == 0
    assessed = emptied / "data/responses/safe-to-share/kent-police.yaml"
    assessed.write_text(assessed.read_text().replace('"1":\n    status: not-assessed', '"1":\n    status: addressed'))
    unassessed = emptied / "data/responses/safe-to-share/essex-police.yaml"
    unassessed.write_text(unassessed.read_text().replace("published: true", "published: false"))
    dated = emptied / "data/responses/safe-to-share/surrey-police.yaml"
    dated.write_text(dated.read_text().replace("received: {earliest: 2020-12-17, latest: 2022-02-16}", "received: 2021-05-04"))
    before = assessed.read_bytes()

    kept = run_cli(*args)
    assert kept.exit_code == 0
    assert [line for line in kept.stdout.splitlines() if line.startswith("note: kept")] == [
        "note: kept data/responses/safe-to-share/essex-police.yaml: it exists (--force replaces a file nobody has assessed)",
        "note: kept data/responses/safe-to-share/kent-police.yaml: a person has assessed recommendation(s) 1 there",
        "note: kept data/responses/safe-to-share/surrey-police.yaml: it exists (--force replaces a file nobody has assessed)",
    ]
    assert kept.stdout.splitlines()[-1] == "wrote 0 file(s)"

    forced = run_cli(*args, "--force")
    assert forced.exit_code == 0
    assert "wrote data/responses/safe-to-share/essex-police.yaml (replacing it)" in forced.stdout.splitlines()
    assert forced.stdout.splitlines()[-1] == "wrote 2 file(s)"
    assert "published: true" in unassessed.read_text()
    assert assessed.read_bytes() == before
    # The page bounds the date; a file that knows it exactly keeps it, and says so.
    surrey = load_workspace(emptied).responses[("safe-to-share", "surrey-police")]
    assert (str(surrey.received), surrey.source) == ("2021-05-04", "Status page, 16 February 2022: 'Surrey Police response'")
    assert "# Received: as this file had it before the import (2021-05-04), within the bounds given" in dated.read_text()
    assert run_cli(*args, "--force").stdout.splitlines()[-1] == "wrote 0 file(s)"


def test_dry_run_shows_the_files_as_a_diff_and_writes_nothing(emptied: Path, tmp_path: Path, run_cli: RunCli) -> None:
    listed, described = tmp_path / "listed.txt", tmp_path / "import.json"
    result = run_cli("import", "status-page", str(PAGE), "--report", "safe-to-share", "--workspace", str(emptied), "--dry-run",
                     "--format", "diff", "--output", f"terminal:{listed}", "--output", f"json:{described}")
    assert result.exit_code == 0
    assert not (emptied / "data/responses/safe-to-share").exists()
    assert listed.read_text().splitlines()[-1] == "would write 72 file(s)"
    assert "would write data/responses/safe-to-share/kent-police.yaml" in listed.read_text().splitlines()
    document = json.loads(described.read_text())
    assert (document["written"], len(document["files"]), document["summary"][0]) == (
        False, 72, "Police force Response: 34 published, 8 received but not published, 1 did not reply"
    )
    # The three formats name the same files, in the same order.
    paths = [file["path"] for file in document["files"]]
    assert paths == [line.removeprefix("would write ") for line in listed.read_text().splitlines() if line.startswith("would write data/")]
    assert paths == [line.removeprefix("+++ b/") for line in result.stdout.splitlines() if line.startswith("+++ b/")]
    # The diff, applied by patch(1), gives exactly the files a real import writes.
    patched = emptied.parent / "patched"
    shutil.copytree(emptied, patched)
    subprocess.run(["patch", "-s", "-p1", "-d", str(patched)], input=result.stdout, text=True, check=True)
    assert run_cli("import", "status-page", str(PAGE), "--report", "safe-to-share", "--workspace", str(emptied)).exit_code == 0
    written = sorted(p.name for p in (emptied / "data/responses/safe-to-share").iterdir())
    assert sorted(p.name for p in (patched / "data/responses/safe-to-share").iterdir()) == written
    for name in written:
        folder = "data/responses/safe-to-share"
        assert (patched / folder / name).read_text() == (emptied / folder / name).read_text()


SMALL_PAGE = """Police force and PCC responses

Police force Response
North Police North Police response
South Polise South Police response
PCC or equivalent Response
North PCC This PCC did not reply

Published 3 March 2021
"""


def test_an_unmatched_line_is_listed_with_the_closest_names_and_nothing_is_written(small: Path, run_cli: RunCli) -> None:
    page = write(small, "page.txt", SMALL_PAGE)
    result = run_cli("import", "status-page", str(page), "--report", "r", "--workspace", str(small))
    assert result.exit_code == 2
    assert result.stderr == (
        f"audit: {page}:5: 'South Polise South Police response': no body's id, name or alias begins the line "
        "(closest: South Police (south-police); North Police (north-police))\n"
    )
    assert not (small / "data/responses").exists()

    skipped = run_cli("import", "status-page", str(page), "--report", "r", "--workspace", str(small), "--skip-unmatched")
    assert skipped.exit_code == 0
    assert skipped.stdout.splitlines()[0].startswith("note: skipped line 5: 'South Polise South Police response'")
    assert sorted(p.name for p in (small / "data/responses/r").iterdir()) == ["north-police.yaml"]
    response = load_workspace(small).responses[("r", "north-police")]
    assert (response.received, response.published) == (DateRange(date(2020, 8, 31), date(2021, 3, 3)), True)


def test_a_body_the_report_does_not_address_is_an_unusable_line(small: Path, run_cli: RunCli) -> None:
    text = "National body Response\nHome Office Home Office response\nPolice force Response\nNorth Police response\n"
    page = write(small, "page.txt", text)
    args = ("import", "status-page", str(page), "--report", "r", "--workspace", str(small), "--page-date", "2021-03-01")
    result = run_cli(*args)
    refusal = f"audit: {page}:2: report 'r' addresses no recommendation to Home Office (home-office)\n"
    assert (result.exit_code, result.stderr) == (2, refusal)
    skipped = run_cli(*args, "--skip-unmatched")
    assert skipped.stdout.splitlines() == [
        "note: skipped line 2: report 'r' addresses no recommendation to Home Office (home-office)",
        "note: not on the page, so nothing is written for them: South Police",
        "wrote data/responses/r/north-police.yaml",
        "National body Response: 0 published, 0 received but not published, 0 did not reply",
        "Police force Response: 1 published, 0 received but not published, 0 did not reply",
        "wrote 1 file(s)",
    ]


def test_a_page_without_a_date_needs_one_and_a_page_without_headings_is_refused(small: Path, run_cli: RunCli) -> None:
    text = SMALL_PAGE.replace("Published 3 March 2021\n", "").replace("South Polise", "South Police")
    undated = write(small, "undated.txt", text)
    result = run_cli("import", "status-page", str(undated), "--report", "r", "--workspace", str(small))
    assert (result.exit_code, result.stderr) == (
        2,
        f"audit: {undated}: the page gives no date ('Published 16 February 2022' or 'Last updated ...'); give --page-date\n",
    )
    dated = run_cli("import", "status-page", str(undated), "--report", "r", "--workspace", str(small), "--page-date", "2021-02-01")
    assert dated.exit_code == 0
    assert load_workspace(small).responses[("r", "south-police")].received.latest.isoformat() == "2021-02-01"
    prose = write(small, "prose.txt", "Nothing here\nPublished 3 March 2021\n")
    refused = run_cli("import", "status-page", str(prose), "--report", "r", "--workspace", str(small))
    assert refused.exit_code == 2
    assert "no heading 'Police force Response' or 'PCC or equivalent Response'" in refused.stderr


def test_a_link_naming_another_body_than_the_label_is_not_read() -> None:
    page = read_status_page("Police force Response\nNorth Police South Police response\nSouth Police response\n", DEFAULT_KINDS, BODIES)
    assert page.unread == (Unread(2, "North Police South Police response", "the label names North Police but the link names South Police"),)
    assert [(e.line, e.body.id, e.reply) for e in page.listed] == [(3, "south-police", Reply.PUBLISHED)]


PAGE_LINES = [
    "Police force Response",
    "PCC or equivalent Response",
    "",
    "North Police response",
    "Published 3 March 2021",
    "North PCC did not reply",
    "South Police Response received but not published by the force",
]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PAGE_LINES) | st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8))
def test_any_page_is_imported_or_refused_with_reasons_never_a_crash(small: Path, run_cli: RunCli, lines: list[str]) -> None:
    page = write(small, "any.txt", "\n".join(lines))
    result = run_cli("import", "status-page", str(page), "--report", "r", "--dry-run", "--workspace", str(small))
    assert result.exit_code in (0, 2)
    assert "internal error" not in result.stderr


# People's spellings of one name: other capitals, doubled or odd spaces, decomposed accents.
BODIES = [
    Body("north-police", "North Police", "force", None, ("Constabulary of the Nörth",), None, 1),
    Body("north-pcc", "North Police and Crime Commissioner", "pcc", None, ("North PCC",), "north-police", 2),
    Body("south-police", "South Police", "force", None, (), None, 3),
]
STATES = {
    Reply.PUBLISHED: st.sampled_from(["response", "Response", "{label} response"]),
    Reply.UNPUBLISHED: st.sampled_from(
        ["Response received but not published by the force", "response received but not published by the Commissioner"]
    ),
    Reply.NONE: st.sampled_from(["This force did not reply", "This PCC did not reply", "did not reply"]),
}


def respell(text: str, data: st.DataObject) -> str:
    text = data.draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    text = data.draw(st.sampled_from([text, unicodedata.normalize("NFD", text)]))
    return data.draw(st.sampled_from([" ", "  ", "\u00a0", "\t"])).join(text.split(" "))


@given(st.data())
def test_a_line_names_its_body_and_state_however_it_is_spelt(data: st.DataObject) -> None:
    body = data.draw(st.sampled_from(BODIES))
    label = data.draw(st.sampled_from([body.name, body.id, *body.aliases]))
    reply = data.draw(st.sampled_from(list(Reply)))
    state = data.draw(STATES[reply]).format(label=respell(label, data))
    heading = "Police force Response" if body.kind == "force" else "PCC or equivalent Response"
    page = read_status_page(f"{heading}\n{respell(label, data)} {state}\n", DEFAULT_KINDS, BODIES)
    assert page.unread == ()
    assert [(e.line, e.body.id, e.reply) for e in page.listed] == [(2, body.id, reply)]


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60), max_size=8))
def test_any_text_under_a_heading_is_read_or_listed_as_unread(lines: list[str]) -> None:
    text = "Police force Response\n" + "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    page = read_status_page(text, DEFAULT_KINDS, BODIES)
    numbers = sorted([e.line for e in page.listed] + [u.line for u in page.unread])
    assert len(numbers) == len(set(numbers))
    assert all(isinstance(e, Listed) and e.body in BODIES for e in page.listed)
