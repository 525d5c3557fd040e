"""``audit site``: the pages read back by a standards-conforming parser, the links, the escaping, the publication."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from conftest import REPOSITORY, RunCli, write
from hypothesis import given
from hypothesis import strategies as st
from site_pages import SVG, parse, row_links, rows, table, text
from test_shipped_data import COMMISSIONERS_WITH_NO_REPLY, UNPUBLISHED

from audit.atomic import WriteRefused, publish_folder

AS_OF = "2026-11-23"
FORCES_NOT_PUBLISHED = {body for body in UNPUBLISHED if not body.endswith(("-pcc", "-pfcc"))}


def _states(root_table: list[list[str]]) -> Counter[str]:
    return Counter(row[1] for row in root_table)


def test_safe_to_share_page_lists_the_status_pages_states(shipped_site: Path) -> None:
    page = parse(shipped_site / "reports" / "safe-to-share.html")
    assert text(page.find("head/title")) == "Safe to share? · Responses to oversight reports"  # type: ignore[arg-type]
    forces = table(page, "Police forces: responses to Safe to share?")
    commissioners = table(page, "Police and crime commissioners or equivalents: responses to Safe to share?")
    assert len(rows(forces)) == 43
    assert len(rows(commissioners)) == 43
    assert _states(rows(forces)) == {"Response": 34, "Response received but not published": 8, "Did not reply": 1}
    assert _states(rows(commissioners)) == {"Response": 29, "Response received but not published": 1, "Did not reply": 13}
    # The same bodies as the published page says, row by row.
    force_states = dict(zip((Path(h).stem for h in row_links(forces)), (r[1] for r in rows(forces)), strict=True))
    assert {b for b, s in force_states.items() if s == "Response received but not published"} == FORCES_NOT_PUBLISHED
    assert {b for b, s in force_states.items() if s == "Did not reply"} == {"west-yorkshire-police"}
    pcc_states = dict(zip((Path(h).stem for h in row_links(commissioners)), (r[1] for r in rows(commissioners)), strict=True))
    assert {b for b, s in pcc_states.items() if s == "Did not reply"} == set(COMMISSIONERS_WITH_NO_REPLY)
    assert {b for b, s in pcc_states.items() if s == "Response received but not published"} == {"north-yorkshire-pfcc"}
    # The state's cell carries the class the stylesheet sets in bold, so the state is not left to its words alone.
    state_classes = {cell.get("class") for row in forces.iter("tr") for cell in row
                     if (cell.get("class") or "").startswith("state-")}
    assert state_classes == {"state-published", "state-unpublished", "state-none"}


def test_safe_to_share_deadlines_and_details(shipped_site: Path) -> None:
    page = parse(shipped_site / "reports" / "safe-to-share.html")
    forces = {row[0]: row for row in rows(table(page, "Police forces: responses"))}
    assert forces["City of London Police"][2:] == ["between 24 Nov 2021 and 16 Feb 2022", "17 Jun 2021", "Late"]
    assert forces["West Yorkshire Police"][1:] == ["Did not reply", "—", "17 Jun 2021", "Overdue"]
    by_kind = {row[0]: row[1:] for row in rows(table(page, "Responses and deadlines by kind of body"))}
    # total, published, not published, no reply, on time, late, cannot tell, pending, overdue
    assert by_kind["Forces"] == ["43", "34", "8", "1", "0", "1", "41", "0", "1"]
    assert by_kind["Commissioners and equivalents"] == ["43", "29", "1", "13", "1", "1", "28", "0", "13"]
    arrivals = rows(table(page, "Responses by the day they were received"))
    assert [row[:3] for row in arrivals] == [
        ["between 17 Dec 2020 and 16 Feb 2022", "73", "Cannot tell"],
        ["17 Jun 2021", "1", "On time"],
        ["between 24 Nov 2021 and 16 Feb 2022", "1", "Late"],
        ["3 Dec 2021", "1", "Late"],
    ]
    coverage = {row[0]: row[1:] for row in rows(table(page, "How the bodies each recommendation"))}
    # addressed to, addressed, partially, in progress, deferred, not addressed, n/a, not assessed, no response
    assert coverage["Recommendation 4"] == ["43", "0", "0", "0", "1", "0", "0", "41", "1"]
    assert coverage["Action A1"] == ["1", "0", "0", "0", "0", "0", "0", "1", "0"]
    updates = {text(h): h for h in page.iter("h3") if text(h).endswith(" update")}
    assert list(updates) == ["Home Office update", "National Police Chiefs' Council update", "College of Policing update",
                             "HM Inspectorate of Constabulary and Fire & Rescue Services update"]  # fmt: skip


def test_index_has_each_reports_headline_figures(shipped_site: Path) -> None:
    index = parse(shipped_site / "index.html")
    figures = {row[0]: row[1:] for row in rows(table(index, "Reports and their headline figures"))}
    assert list(figures) == ["A duty to protect", "Safe to share?", "The hidden victims"]
    # published, due, bodies, published, not published, no reply, on time, late, cannot tell, pending, overdue
    assert figures["Safe to share?"] == ["17 Dec 2020", "17 Jun 2021", "90", "67", "9", "14", "1", "2", "73", "0", "14"]


def test_body_page_quotes_the_evidence(shipped_site: Path) -> None:
    page = parse(shipped_site / "bodies" / "city-of-london-police.html")
    owed = table(page, "What City of London Police owes Safe to share?")
    cells = {row[0]: row[1:] for row in rows(owed)}
    assert list(cells) == ["Recommendation 1", "Recommendation 4", "Recommendation 5", "Recommendation 8"]
    assert cells["Recommendation 4"][0] == "Deferred"
    assert "until we have the outcome of that review" in cells["Recommendation 4"][1]
    assert cells["Recommendation 4"][1].endswith("Where: Closing paragraph")
    assert len(list(owed.iter("blockquote"))) == 4


def test_every_page_parses_and_is_built_accessibly(shipped_site: Path) -> None:
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) == 2 + 3 + 92
    for path in pages:
        root = parse(path)
        assert root.get("lang") == "en-GB"
        title = text(root.find("head/title"))  # type: ignore[arg-type]
        assert title.endswith(" · Responses to oversight reports") and "<" not in title, path
        body = root.find("body")
        assert body is not None
        first_link = body.find("a")
        assert first_link is not None and first_link.get("href") == "#main" and text(first_link) == "Skip to main content", path
        assert [e.tag for e in body if e.tag in ("header", "main", "footer")] == ["header", "main", "footer"], path
        assert root.find(".//main[@id='main']") is not None
        assert next(nav.get("aria-label") for nav in root.iter("nav")) == "Site"
        assert not list(root.iter("script")), f"{path}: a script (the site must not need one)"
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), f"{path}: an id used twice"
        for element in root.iter("table"):
            caption = element.find("caption")
            assert caption is not None and text(caption), path
            assert all(th.get("scope") in ("col", "row") for th in element.iter("th")), path
        for svg in root.iter(f"{SVG}svg"):
            assert svg.get("role") == "img"
            labels = (svg.get("aria-labelledby") or "").split()
            ids = {e.get("id") for e in svg.iter() if e.get("id")}
            assert labels and set(labels) <= ids, path


def test_every_link_is_relative_and_lands(shipped_site: Path) -> None:
    checked = 0
    trees = {path.resolve(): parse(path) for path in shipped_site.rglob("*.html")}
    ids = {path: {e.get("id") for e in tree.iter() if e.get("id")} for path, tree in trees.items()}
    for path, root in sorted(trees.items()):
        for element in root.iter():
            for attribute in ("href", "src"):
                target = element.get(attribute)
                if target is None:
                    continue
                parts = urlsplit(target)
                assert not parts.scheme and not parts.netloc and not target.startswith("/"), f"{path}: {target}"
                landing = (path.parent / parts.path).resolve() if parts.path else path
                assert landing.is_file(), f"{path}: {target}"
                if parts.fragment and landing.suffix == ".html":
                    assert parts.fragment in ids[landing], f"{path}: {target}"
                checked += 1
    assert checked > 1000
    css = (shipped_site / "style.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_charts_have_their_figures_in_words(shipped_site: Path) -> None:
    page = parse(shipped_site / "reports" / "safe-to-share.html")
    charts = {text(svg.find(f"{SVG}title")): svg for svg in page.iter(f"{SVG}svg")}  # type: ignore[arg-type]
    assert list(charts) == ["Responses by kind of body", "When responses arrived, against the due date", "Coverage by recommendation"]
    labels = [text(t) for t in charts["Responses by kind of body"].iter(f"{SVG}text")]
    assert "Forces: 34 published, 8 not published, 1 no reply (of 43)" in labels
    assert "Commissioners and equivalents: 29 published, 1 not published, 13 no reply (of 43)" in labels
    timeline = [text(t) for t in charts["When responses arrived, against the due date"].iter(f"{SVG}text")]
    assert "due 17 June 2021" in timeline
    assert "Avon and Somerset Police and Crime Commissioner: received 17 June 2021, on time" in timeline
    assert "No response had certainly arrived by 23 November 2026 from 14 of 90 bodies." in timeline
    coverage = [text(t) for t in charts["Coverage by recommendation"].iter(f"{SVG}text")]
    # Deferred is not addressed under the shipped rules' ``addressed`` parameter; partially addressed is.
    assert "Recommendation 4, to 43: 1 other answer, 41 not assessed, 1 no response" in coverage
    assert "Action A1, to 1: 1 not assessed" in coverage
    assert "Recommendation 6, to 43: 2 addressed, 28 not assessed, 13 no response" in coverage


def test_the_calendar_is_the_deadlines_calendar(shipped_site: Path, run_cli: RunCli) -> None:
    built = (shipped_site / "deadlines.ics").read_bytes()
    assert built == run_cli("deadlines", "--format", "ics", "--as-of", AS_OF).stdout_bytes
    calendar = icalendar.Calendar.from_ical(built)
    assert len(calendar.walk("VEVENT")) == 3


def test_same_data_and_date_give_the_same_bytes(shipped_site: Path, tmp_path: Path, run_cli: RunCli) -> None:
    again = tmp_path / "again"
    assert run_cli("site", "-o", str(again), "--as-of", AS_OF, "-j", "2").exit_code == 0
    first = {p.relative_to(shipped_site): p.read_bytes() for p in sorted(shipped_site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first == second


def test_text_from_data_is_escaped(small: Path, run_cli: RunCli) -> None:
    hostile = '<script>alert("x")</script> & <b>Police</b>'
    bodies = (small / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(small, "data/bodies.yaml", bodies.replace("name: North Police", f"name: '{hostile}'"))
    path = next((small / "data" / "reports").glob("*.yaml"))
    hostile_text = path.read_text(encoding="utf-8").replace("text: Do a thing", "text: 'Do </dd><img src=x onerror=alert(1)>'")
    path.write_text(hostile_text, encoding="utf-8")
    result = run_cli("site", "-o", "out", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 0, result.output
    for page in sorted((small / "out").rglob("*.html")):
        root = parse(page)
        assert not list(root.iter("script")) and not list(root.iter("img")) and not list(root.iter("b")), page
    body_page = parse(small / "out" / "bodies" / "north-police.html")
    assert text(body_page.find(".//h1")) == hostile  # type: ignore[arg-type]
    report_page = parse(small / "out" / "reports" / f"{path.stem}.html")
    assert "Do </dd><img src=x onerror=alert(1)>" in [text(dd) for dd in report_page.iter("dd")]
    raw = (small / "out" / "bodies" / "north-police.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in raw and "<script>" not in raw


def test_publishes_into_a_new_an_empty_or_its_own_folder(small: Path, run_cli: RunCli) -> None:
    (small / "empty").mkdir()
    assert run_cli("site", "-o", "empty", "--as-of", "2021-03-01", cwd=small).exit_code == 0
    assert run_cli("site", "-o", "empty", "--as-of", "2021-03-02", cwd=small).exit_code == 0
    assert "2 March 2021" in (small / "empty" / "index.html").read_text(encoding="utf-8")
    assert run_cli("site", "-o", "nested/new", "--as-of", "2021-03-01", cwd=small).exit_code == 0
    assert (small / "nested" / "new" / ".audit-site").is_file()
    assert sorted(p.name for p in small.iterdir() if p.name.startswith(".")) == []


def test_refuses_a_folder_it_did_not_build_unless_forced(small: Path, run_cli: RunCli) -> None:
    write(small, "mine/notes.txt", "precious")
    result = run_cli("site", "-o", "mine", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.output == "audit: mine: folder exists, is not empty and was not built by audit (use --force to replace it)\n"
    assert (small / "mine" / "notes.txt").read_text(encoding="utf-8") == "precious"
    write(small, "a-file", "x")
    refused = run_cli("site", "-o", "a-file", "--as-of", "2021-03-01", cwd=small)
    assert (refused.exit_code, refused.output) == (2, "audit: a-file: not a folder (refusing to replace it)\n")
    forced = run_cli("site", "-o", "mine", "--as-of", "2021-03-01", "--force", cwd=small)
    assert forced.exit_code == 0
    assert not (small / "mine" / "notes.txt").exists() and (small / "mine" / "index.html").is_file()


def test_never_replaces_the_workspace_even_when_forced(small: Path, run_cli: RunCli) -> None:
    for target in (".", "..", str(small)):
        result = run_cli("site", "-o", target, "--as-of", "2021-03-01", "--force", cwd=small)
        assert (result.exit_code, result.output) == (2, f"audit: {target}: refusing to replace the folder that holds the workspace\n")
    assert (small / "data" / "bodies.yaml").is_file()


@pytest.mark.parametrize("target", ["data", "rules", "data/responses", "data/site", "templates"])
def test_never_replaces_or_writes_into_the_workspace_s_own_folders_even_when_forced(small: Path, run_cli: RunCli, target: str) -> None:
    (small / "templates").mkdir(exist_ok=True)
    before = sorted(str(p.relative_to(small)) for p in small.rglob("*"))
    result = run_cli("site", "-o", target, "--as-of", "2021-03-01", "--force", cwd=small)
    folder = target.split("/")[0]
    refusal = f"audit: {target}: refusing to replace the workspace's {folder}/ folder or write into it\n"
    assert (result.exit_code, result.output) == (2, refusal)
    assert sorted(str(p.relative_to(small)) for p in small.rglob("*")) == before


def test_files_get_the_permissions_of_a_normal_write(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        publish_folder(tmp_path / "site", {"a.html": "a", "sub/b.html": "b"}, marker=".m")
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o750
    assert (tmp_path / "site" / "sub").stat().st_mode & 0o777 == 0o750
    assert (tmp_path / "site" / "a.html").stat().st_mode & 0o777 == 0o640


def test_a_new_site_takes_the_place_of_the_old_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    publish_folder(site, {".m": "", "index.html": "old", "gone.html": "x"}, marker=".m")
    # On Linux the two folders are exchanged by renameat2: no rename of the old folder away happens at all.
    monkeypatch.setattr(os, "replace", lambda *args: pytest.fail(f"os.replace{args}: not one step"))
    publish_folder(site, {".m": "", "index.html": "new"}, marker=".m")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == [".m", "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "new"


def test_a_failed_publication_leaves_the_old_folder_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    publish_folder(site, {".m": "", "index.html": "old"}, marker=".m")
    # Where the system cannot exchange two folders, the old one is renamed away, then the new one in.
    monkeypatch.setattr("audit.atomic._exchange", lambda first, second: False)
    real_replace = os.replace

    def failing_replace(source: str | Path, target: str | Path) -> None:
        if Path(target) == site and str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(WriteRefused, match="No space left on device"):
        publish_folder(site, {".m": "", "index.html": "new", "more.html": "x"}, marker=".m")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == [".m", "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def test_an_interrupted_publication_leaves_no_half_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    publish_folder(site, {".m": "", "index.html": "old"}, marker=".m")
    real_open = open
    written: list[str] = []

    def interrupted_open(file: str | Path, *args: object, **kwargs: object) -> object:
        written.append(str(file))
        if len(written) == 2:
            raise KeyboardInterrupt
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", interrupted_open)
    with pytest.raises(KeyboardInterrupt):
        publish_folder(site, {".m": "", "index.html": "new", "more.html": "x"}, marker=".m")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def test_help_lists_site(run_cli: RunCli) -> None:
    assert re.search(r"^  site\s+Build a static website of the reports. status pages\.$", run_cli("--help").output, re.M)


def test_the_pages_workflow_installs_from_the_checkout_and_its_build_step_works(tmp_path: Path, run_cli: RunCli) -> None:
    import shlex
    import shutil

    import yaml

    workflow = yaml.safe_load((REPOSITORY / "examples" / "publish-site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == ["pip install .", "audit site -o public"]
    assert [s["uses"] for s in steps if "uses" in s][-1].startswith("actions/upload-pages-artifact@")
    assert next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))["with"]["path"] == "public"
    workspace = tmp_path / "checkout"
    shutil.copytree(REPOSITORY / "data", workspace / "data")
    shutil.copytree(REPOSITORY / "rules", workspace / "rules")
    result = run_cli(*shlex.split(runs[1])[1:], "--as-of", AS_OF, cwd=workspace)
    assert result.exit_code == 0, result.output
    assert (workspace / "public" / "index.html").is_file()


def test_the_same_bytes_whatever_the_hash_seed(shipped_site: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "audit", "site", "-o", str(out), "--as-of", AS_OF, "--workspace", str(REPOSITORY)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
            p.relative_to(shipped_site): p.read_bytes() for p in shipped_site.rglob("*") if p.is_file()
        }


@given(start=st.dates(date(1990, 1, 1), date(2090, 12, 31)), span=st.integers(0, 365 * 40))
def test_timeline_ticks_stay_on_the_axis_and_few(start: date, span: int) -> None:
    from audit.render import _charts

    end = start + timedelta(days=span)
    days = max(span * 21 // 20, 28)
    ticks = _charts._ticks(start, end, (_charts.RIGHT - _charts.LEFT) / days)
    assert len(ticks) <= _charts.MOST_TICKS
    assert all(_charts.LEFT <= tick.x <= _charts.RIGHT for tick in ticks)
    assert [tick.x for tick in ticks] == sorted({tick.x for tick in ticks})
    assert len({tick.label for tick in ticks}) == len(ticks)
    # A span of two months or more has at least two ticks to read it by.
    if span >= 62:
        assert len(ticks) >= 2


def test_a_label_too_long_for_its_chart_is_cut_short_and_whole_in_the_table(small: Path, run_cli: RunCli) -> None:
    long_name = "The Office of the Police, Fire and Crime Commissioner for North Police and Its Neighbouring Areas"
    bodies = (small / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(small, "data/bodies.yaml", bodies.replace("name: North Police", f"name: '{long_name}'"))
    write(small, "data/responses/r/north-police.yaml", "body: north-police\nreport: r\nreceived: 2021-03-01\npublished: true\n")
    assert run_cli("site", "-o", "out", "--as-of", "2021-06-01", cwd=small).exit_code == 0
    page = parse(small / "out" / "reports" / "r.html")
    chart = next(svg for svg in page.iter(f"{SVG}svg") if svg.get("aria-labelledby", "").startswith("arrivals-"))
    label = next(text(t) for t in chart.iter(f"{SVG}text") if text(t).startswith("The Office"))
    assert len(label) == 90 and label.endswith("…")
    assert f"{long_name}: received 1 March 2021, late"[:89] + "…" == label
    assert rows(table(page, "Responses by the day they were received"))[0][3] == long_name


def test_a_body_no_report_on_a_narrowed_site_addresses_says_so_of_the_site(tmp_path: Path, run_cli: RunCli) -> None:
    # The Ministry of Justice is asked only by A duty to protect: a site of Safe to share alone
    # does not ask it, but the workspace does, so the page must not speak for the workspace.
    out = tmp_path / "public"
    result = run_cli("site", "-o", str(out), "--as-of", AS_OF, "--report", "safe-to-share", "--workspace", str(REPOSITORY))
    assert result.exit_code == 0, result.output
    page = parse(out / "bodies" / "ministry-of-justice.html")
    assert "No report on this site asks this body for a response." in text(page)
    assert list(page.iter("h2")) == []
