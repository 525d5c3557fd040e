"""``audit chase``: who is due a chase, the letters (markdown, text, .eml drafts), and recording chases."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPOSITORY, RunCli, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

AS_OF = "2026-11-23"
WEST_YORKSHIRE_RECOMMENDATIONS = {
    "1": "As an interim measure, pending the outcome of recommendation 2, where officers only have concerns",
    "4": "With reference to recommendation 1, and in consultation/collaboration with local or national specialist",
    "5": "With reference to recommendation 1, pending the developments outlined in other recommendations",
    "8": "Provide an update to Her Majesty's Chief Inspector of Constabulary on progress in implementing",
}


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped workspace, to write letters and chases into."""
    root = tmp_path / "shipped"
    for folder in ("data", "rules", "schema"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    return root


def _report_texts() -> dict[str, str]:
    report = yaml.safe_load((REPOSITORY / "data/reports/safe-to-share.yaml").read_text(encoding="utf-8"))
    return {rec["id"]: rec["text"] for rec in report["recommendations"]}


# --- Who is due a chase -------------------------------------------------------------------------


def test_dry_run_on_the_shipped_data_lists_exactly_the_overdue_bodies_not_chased(shipped: Path, run_cli: RunCli) -> None:
    result = run_cli("chase", "--as-of", AS_OF, "--dry-run", cwd=shipped)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Due a chase as of 2026-11-23 (overdue, and not chased in the last 28 days):"
    listed: dict[str, list[str]] = {}
    report = ""
    for line in lines[1:-1]:
        if line and not line.startswith(" "):
            report = line.rsplit("(", 1)[1].rstrip(")")
        elif line:
            listed.setdefault(report, []).append(line.split("(", 1)[1].split(")", 1)[0])
    # The overdue bodies are those response-missing names; none of them has been chased.
    missing = json.loads(run_cli("check", "--as-of", AS_OF, "--format", "json", "--select", "response-missing", cwd=shipped).stdout)
    overdue: dict[str, list[str]] = {}
    for finding in missing["findings"]:
        overdue.setdefault(finding["report"], []).append(finding["body"])
    assert {r: sorted(b) for r, b in listed.items()} == {r: sorted(b) for r, b in overdue.items()}
    assert sorted(listed["safe-to-share"]) == sorted([
        "west-yorkshire-police", "bedfordshire-pcc", "city-of-london-police-authority-board", "cleveland-pcc",
        "cumbria-pcc", "derbyshire-pcc", "dorset-pcc", "essex-pfcc", "gwent-pcc", "humberside-pcc", "kent-pcc",
        "lancashire-pcc", "leicestershire-pcc", "north-wales-pcc",
    ])
    assert listed["a-duty-to-protect"] == ["home-office", "npcc", "ministry-of-justice"]
    assert listed["the-hidden-victims"] == ["npcc"]
    assert "city-of-london-police" not in listed["safe-to-share"]
    assert lines[-1] == "18 letter(s) would be written; nothing was written."
    assert "  West Yorkshire Police (west-yorkshire-police): due 2021-06-17, 1,985 days overdue; never chased" in lines
    assert not (shipped / "letters").exists()
    assert (shipped / "data/chases/safe-to-share.yaml").read_bytes() == (REPOSITORY / "data/chases/safe-to-share.yaml").read_bytes()


def test_city_of_london_police_was_due_a_chase_before_it_was_chased(run_cli: RunCli) -> None:
    # Overdue from 18 June 2021; chased 24 November 2021; its reply arrived some time after.
    before = run_cli("chase", "--as-of", "2021-11-23", "--dry-run", "--report", "safe-to-share")
    assert "  City of London Police (city-of-london-police): due 2021-06-17, 159 days overdue; never chased" in before.stdout
    after = run_cli("chase", "--as-of", "2021-11-25", "--dry-run", "--report", "safe-to-share")
    assert "(city-of-london-police)" not in after.stdout


CHASED = (
    "chases:\n"
    "  - {date: 2021-04-03, body: north-pcc, sent_by: [A. Clerk], via: letter}\n"
    "  - {date: 2021-03-01, body: north-police, sent_by: [A. Clerk], via: letter}\n"
)


def test_dry_run_counts_on_a_small_workspace(small: Path, run_cli: RunCli) -> None:
    # As of 2021-04-30: north-pcc chased 27 days ago (not due), north-police 60 days ago (due),
    # south-police never (due).
    write(small, "data/chases/r.yaml", CHASED)
    result = run_cli("chase", "--as-of", "2021-04-30", "--dry-run", cwd=small)
    assert (result.exit_code, result.stdout) == (0, (
        "Due a chase as of 2021-04-30 (overdue, and not chased in the last 28 days):\n"
        "\n"
        "A report (r)\n"
        "  North Police (north-police): due 2021-02-28, 61 days overdue; last chased 1 March 2021 by letter (60 days ago)\n"
        "  South Police (south-police): due 2021-02-28, 61 days overdue; never chased\n"
        "\n"
        "2 letter(s) would be written; nothing was written.\n"
    ))
    longer = run_cli("chase", "--as-of", "2021-04-30", "--dry-run", "--interval", "61", cwd=small)
    assert longer.stdout.splitlines()[-1] == "1 letter(s) would be written; nothing was written."
    assert run_cli("chase", "--as-of", "2021-02-28", "--dry-run", cwd=small).stdout == (
        "Due a chase as of 2021-02-28 (overdue, and not chased in the last 28 days): nobody.\n"
    )
    write(small, "rules/local.yaml", "rules:\n  chase-due: {interval: 61}\n")
    assert run_cli("chase", "--as-of", "2021-04-30", "--dry-run", cwd=small).stdout == longer.stdout


def test_dry_run_as_json_says_what_the_listing_says(small: Path, run_cli: RunCli) -> None:
    write(small, "data/chases/r.yaml", CHASED)
    listing = run_cli("chase", "--as-of", "2021-04-30", "--dry-run", cwd=small)
    shown = run_cli("chase", "--as-of", "2021-04-30", "--dry-run", "--format", "json", cwd=small)
    assert shown.exit_code == 0
    document = json.loads(shown.stdout)
    assert {key: document[key] for key in ("as_of", "interval", "named")} == {"as_of": "2021-04-30", "interval": 28, "named": False}
    letters = [
        {key: letter[key] for key in ("report", "body", "name", "deadline", "due", "days_since_chase", "chases", "recommendations")}
        for letter in document["letters"]
    ]
    assert letters == [
        {
            "report": "r", "body": "north-police", "name": "North Police", "deadline": "overdue", "due": "2021-02-28",
            "days_since_chase": 60,
            "chases": [{"date": "2021-03-01", "via": "letter", "sent_by": ["A. Clerk"], "note": None}],
            "recommendations": {"1": "no-response", "3": "no-response"},
        },
        {
            "report": "r", "body": "south-police", "name": "South Police", "deadline": "overdue", "due": "2021-02-28",
            "days_since_chase": None, "chases": [], "recommendations": {"1": "no-response", "3": "no-response"},
        },
    ]
    # The listing names the same bodies, in the same order.
    assert [line.split("(")[1].split(")")[0] for line in listing.stdout.splitlines() if line.startswith("  ")] == [
        letter["body"] for letter in letters
    ]
    named = json.loads(run_cli("chase", "North PCC", "--as-of", "2021-04-30", "--dry-run", "--format", "json", cwd=small).stdout)
    assert (named["named"], [letter["body"] for letter in named["letters"]]) == (True, ["north-pcc"])


def test_the_format_must_suit_what_is_made(small: Path, run_cli: RunCli) -> None:
    listing = run_cli("chase", "--as-of", "2021-04-30", "--dry-run", "--format", "eml", cwd=small)
    assert (listing.exit_code, listing.stderr) == (2, "audit: --format eml: --dry-run lists who is due a chase as terminal or json\n")
    letters = run_cli("chase", "--as-of", "2021-04-30", "-o", "out", "--format", "json", cwd=small)
    assert (letters.exit_code, letters.stderr) == (2, "audit: --format json: letters are written as markdown or text or eml\n")
    assert not (small / "out").exists()


def test_a_named_body_is_chased_however_recently_and_one_not_overdue_is_refused(small: Path, run_cli: RunCli) -> None:
    write(small, "data/chases/r.yaml", CHASED)
    named = run_cli("chase", "North PCC", "--as-of", "2021-04-30", "--dry-run", cwd=small)
    assert named.stdout.splitlines()[3] == (
        "  North PCC (north-pcc): due 2021-02-28, 61 days overdue; last chased 3 April 2021 by letter (27 days ago)"
    )
    write(small, "data/responses/r/south-police.yaml", "body: south-police\nreport: r\nreceived: 2021-03-05\npublished: true\n")
    refused = run_cli("chase", "south-police", "--as-of", "2021-04-30", "--dry-run", cwd=small)
    assert (refused.exit_code, refused.stderr) == (
        2, "audit: South Police (south-police) is not overdue in any report as of 2021-04-30: nothing to chase\n"
    )


# --- Letters ------------------------------------------------------------------------------------


def _west_yorkshire(shipped: Path, run_cli: RunCli, format_name: str, suffix: str) -> str:
    out = shipped / "letters"
    result = run_cli(
        "chase", "west-yorkshire-police", "--as-of", AS_OF, "--format", format_name, "-o", str(out),
        "--sender", "A. Clerk", cwd=shipped,
    )
    assert result.exit_code == 0, result.output
    path = out / f"safe-to-share--west-yorkshire-police{suffix}"
    assert result.stderr == f"wrote {path}\n"
    return path.read_text(encoding="utf-8")


def test_markdown_letter_for_west_yorkshire_police(shipped: Path, run_cli: RunCli) -> None:
    letter = _west_yorkshire(shipped, run_cli, "markdown", ".md")
    tokens = MarkdownIt("commonmark").parse(letter)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    heading = next(tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open")
    assert heading == "Outstanding response: Safe to share?"
    items = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "list_item_open"]
    texts = _report_texts()
    assert items == [f"**Recommendation {n}**: {texts[n]}" for n in ("1", "4", "5", "8")]
    assert all(texts[n].startswith(start) for n, start in WEST_YORKSHIRE_RECOMMENDATIONS.items())
    assert (
        "Your response was due on **2021-06-17** (6 calendar months from publication on 2020-12-17).\n"
        "It is now 1,985 days overdue, and we have not received it."
    ) in letter
    assert letter.startswith("23 November 2026\n\n**To:** West Yorkshire Police\n")
    assert letter.endswith("Yours sincerely,\n\nA. Clerk\n")


@pytest.mark.parametrize(("format_name", "suffix"), [("markdown", ".md"), ("text", ".txt"), ("eml", ".eml")])
def test_a_letter_to_a_body_owed_no_recommendation_asks_for_the_response_without_an_empty_list(
    shipped: Path, run_cli: RunCli, format_name: str, suffix: str
) -> None:
    # The hidden victims addresses no numbered recommendation to the NPCC, which still owes a response.
    out = shipped / "letters"
    result = run_cli(
        "chase", "npcc", "--report", "the-hidden-victims", "--as-of", AS_OF, "--format", format_name, "-o", str(out), cwd=shipped
    )
    assert result.exit_code == 0, result.output
    letter = (out / f"the-hidden-victims--npcc{suffix}").read_text(encoding="utf-8")
    if format_name == "eml":
        message = email.message_from_string(letter, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        parts = [part.get_content() for part in message.walk() if part.get_content_type() in ("text/plain", "text/html")]
        assert len(parts) == 2
        assert "<ul>" not in parts[1]
        letter = parts[0]
    assert "addresses" not in letter
    assert "asks you\nfor a response." in letter
    if format_name == "markdown":
        assert not [t for t in MarkdownIt("commonmark").parse(letter) if t.type == "bullet_list_open"]


def test_text_letter_and_eml_carry_the_same_text(shipped: Path, run_cli: RunCli) -> None:
    text = _west_yorkshire(shipped, run_cli, "text", ".txt")
    raw = _west_yorkshire(shipped, run_cli, "eml", ".eml")
    assert raw.isascii()
    message = email.message_from_string(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Outstanding response: Safe to share? (West Yorkshire Police)"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content() == text
    assert "Safe to share?" in text and "due on 2021-06-17 (6 calendar months from publication on 2020-12-17)" in text
    flat = " ".join(text.split())
    for number, rec_text in _report_texts().items():
        assert (f"Recommendation {number}:" in text) == (number in WEST_YORKSHIRE_RECOMMENDATIONS)
        if number in WEST_YORKSHIRE_RECOMMENDATIONS:
            assert " ".join(rec_text.split()) in flat

    class Words(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.data: list[str] = []

        def handle_data(self, data: str) -> None:
            self.data.append(data)

    reader = Words()
    reader.feed(html.get_content())
    shown = " ".join("".join(reader.data).split())
    for number in WEST_YORKSHIRE_RECOMMENDATIONS:
        assert f"Recommendation {number}: {' '.join(_report_texts()[number].split())}" in shown
    assert "Your response was due on 2021-06-17 (6 calendar months from publication on 2020-12-17)." in shown


def test_letters_are_byte_identical_run_after_run(shipped: Path, run_cli: RunCli, tmp_path: Path) -> None:
    for format_name in ("markdown", "text", "eml"):
        outputs = []
        for run in ("a", "b"):
            out = tmp_path / f"{format_name}-{run}"
            assert run_cli("chase", "--as-of", AS_OF, "--format", format_name, "-o", str(out), cwd=shipped).exit_code == 0
            outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
        assert outputs[0] == outputs[1]
        assert len(outputs[0]) == 18


def test_a_letter_says_how_an_extension_moved_the_due_date_and_lists_earlier_chases(small: Path, run_cli: RunCli) -> None:
    report = small / "data/reports/r.yaml"
    report.write_text(
        report.read_text(encoding="utf-8") + "extensions:\n  - {body: north-police, until: 2021-03-31, granted: 2021-02-10}\n",
        encoding="utf-8",
    )
    write(small, "data/chases/r.yaml", CHASED)
    result = run_cli("chase", "north-police", "--as-of", "2021-04-30", "--format", "text", "-o", "out", cwd=small)
    assert result.exit_code == 0
    letter = (small / "out/r--north-police.txt").read_text(encoding="utf-8")
    assert (
        "Your response was due on 2021-03-31 (extended to 2021-03-31 on 2021-02-10 (was 2021-02-28: "
        "6 calendar months from publication on 2020-08-31)).\nIt is now 30 days overdue"
    ) in letter
    assert "We wrote to you about it before:\n- on 1 March 2021, by letter, from A. Clerk\n" in letter
    assert "Recommendation 1:\n    Do a thing\n\nRecommendation 3:\n    Update\n" in letter


HOSTILE = 'North <script>alert(1)</script> *Police* [x](http://e.invalid)\\u001b[31m'


def test_text_from_data_is_escaped_in_every_letter(small: Path, run_cli: RunCli) -> None:
    bodies = small / "data/bodies.yaml"
    bodies.write_text(bodies.read_text(encoding="utf-8").replace("name: North Police", f'name: "{HOSTILE}"'), encoding="utf-8")
    for format_name in ("markdown", "text", "eml"):
        assert run_cli("chase", "north-police", "--as-of", "2021-04-30", "--format", format_name, "-o", "out", cwd=small).exit_code == 0
    markdown = (small / "out/r--north-police.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(markdown)
    inline = [child.type for t in tokens if t.children for child in t.children]
    assert "html_inline" not in inline and "link_open" not in inline
    assert not [t for t in tokens if t.type == "html_block"]
    assert "\x1b" not in markdown
    text = (small / "out/r--north-police.txt").read_text(encoding="utf-8")
    assert "\x1b" not in text and "\\x1b[31m" in text
    message = email.message_from_string((small / "out/r--north-police.eml").read_text(encoding="utf-8"), policy=email.policy.default)
    html = message.get_body(("html",))
    assert html is not None
    assert "<script>" not in html.get_content() and "&lt;script&gt;" in html.get_content()
    assert "\n" not in str(message["Subject"])


# --- Writing safely -----------------------------------------------------------------------------


def test_letters_refuse_to_replace_files_without_force(small: Path, run_cli: RunCli) -> None:
    out = small / "out"
    assert run_cli("chase", "--as-of", "2021-04-30", "-o", str(out), cwd=small).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["r--north-pcc.md", "r--north-police.md", "r--south-police.md"]
    (out / "r--north-police.md").write_text("my edits\n", encoding="utf-8")
    (out / "r--south-police.md").unlink()
    again = run_cli("chase", "--as-of", "2021-04-30", "-o", str(out), cwd=small)
    assert again.exit_code == 2
    assert again.stderr == (
        f"audit: {out}/r--north-police.md: file exists (use --force to overwrite it)\n"
        f"audit: {out}/r--north-pcc.md: file exists (use --force to overwrite it)\n"
        "audit: nothing was written\n"
    )
    assert (out / "r--north-police.md").read_text(encoding="utf-8") == "my edits\n"
    assert not (out / "r--south-police.md").exists()
    assert run_cli("chase", "--as-of", "2021-04-30", "-o", str(out), "--force", cwd=small).exit_code == 0
    assert (out / "r--north-police.md").read_text(encoding="utf-8").startswith("30 April 2021\n")
    assert sorted(p.name for p in out.iterdir()) == names


def test_options_that_cannot_work_are_refused(small: Path, run_cli: RunCli) -> None:
    no_folder = run_cli("chase", "--as-of", "2021-04-30", cwd=small)
    assert (no_folder.exit_code, no_folder.stderr) == (
        2, "audit: audit chase writes letters into a folder: give -o DIR (or --dry-run to list who is due)\n"
    )
    no_sender = run_cli("chase", "--as-of", "2021-04-30", "-o", "out", "--record", cwd=small)
    assert (no_sender.exit_code, no_sender.stderr) == (2, "audit: --record needs --sender NAME: a chase records who sent it\n")
    assert not (small / "out").exists()


# --- Templates ----------------------------------------------------------------------------------


def test_a_workspace_template_replaces_ours(small: Path, run_cli: RunCli) -> None:
    own = "{{ body.name }} owes {{ report.short_title }} since {{ due.day }}: {{ days_overdue }} days\n"
    write(small, "templates/chase.md.j2", own)
    assert run_cli("chase", "south-police", "--as-of", "2021-04-30", "-o", "out", cwd=small).exit_code == 0
    assert (small / "out/r--south-police.md").read_text(encoding="utf-8") == "South Police owes A report since 2021-02-28: 61 days\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        pytest.param(
            "ok\n{% for x in %}\n", "templates/chase.md.j2:2: template error: Expected an expression, got 'end of statement block'",
            id="syntax",
        ),
        pytest.param(
            "ok\n\n{{ body.nmae }}\n", "templates/chase.md.j2:3: template error: 'audit.model.Body object' has no attribute 'nmae'",
            id="undefined",
        ),
        pytest.param(
            "{{ body.__class__.__mro__ }}\n",
            "templates/chase.md.j2:1: template error: access to attribute '__class__' of 'Body' object is unsafe.",
            id="sandbox",
        ),
        pytest.param("{{ 1 / 0 }}\n", "templates/chase.md.j2:1: template error: division by zero", id="runtime"),
        pytest.param(b"caf\xe9 {{ body.name }}\n", "templates/chase.md.j2: template error: the template is not UTF-8 text", id="encoding"),
    ],
)
def test_a_broken_template_is_a_clear_error_with_its_line(template: str | bytes, message: str, small: Path, run_cli: RunCli) -> None:
    write(small, "templates/chase.md.j2", template)
    result = run_cli("chase", "--as-of", "2021-04-30", "-o", "out", cwd=small)
    assert (result.exit_code, result.stderr) == (2, f"audit: {message}\n")
    assert not (small / "out").exists()


# --- Recording ----------------------------------------------------------------------------------


def test_record_twice_the_same_day_records_one_chase_and_keeps_the_file(shipped: Path, run_cli: RunCli) -> None:
    chases = shipped / "data/chases/safe-to-share.yaml"
    before = chases.read_text(encoding="utf-8")
    args = ("chase", "west-yorkshire-police", "--as-of", AS_OF, "-o", "out", "--format", "eml", "--record", "--sender", "A. Clerk")
    first = run_cli(*args, cwd=shipped)
    assert first.exit_code == 0
    assert first.stderr.splitlines()[-1] == "recorded in data/chases/safe-to-share.yaml"
    after = chases.read_text(encoding="utf-8")
    assert after == before + (
        "  - date: 2026-11-23\n"
        "    body: west-yorkshire-police\n"
        '    sent_by: ["A. Clerk"]\n'
        "    via: email\n"
    )
    second = run_cli(*args, "--force", cwd=shipped)
    assert second.exit_code == 0
    assert second.stderr.splitlines()[-1] == "already recorded: a chase of west-yorkshire-police about safe-to-share on 2026-11-23"
    assert chases.read_text(encoding="utf-8") == after
    # A run for everyone due that day chases the others, not West Yorkshire Police again.
    everyone = run_cli("chase", "--as-of", AS_OF, "-o", "all", "--record", "--sender", "A. Clerk", cwd=shipped)
    assert everyone.exit_code == 0
    assert not (shipped / "all/safe-to-share--west-yorkshire-police.md").exists()
    document = yaml.safe_load(chases.read_text(encoding="utf-8"))
    recorded = [(c["body"], str(c["date"])) for c in document["chases"]]
    assert recorded.count(("west-yorkshire-police", "2026-11-23")) == 1
    assert len(recorded) == 1 + 14
    assert chases.read_text(encoding="utf-8").startswith(before)
    assert run_cli("validate", cwd=shipped).exit_code == 0
    schema = json.loads((REPOSITORY / "schema/chases.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(document, default=str)), schema)
    assert run_cli("chase", "--as-of", AS_OF, "--dry-run", "--report", "safe-to-share", cwd=shipped).stdout.endswith(": nobody.\n")
    # The other reports' chases went to files of their own, with the modeline.
    created = (shipped / "data/chases/a-duty-to-protect.yaml").read_text(encoding="utf-8")
    assert created.startswith("# yaml-language-server: $schema=../../schema/chases.schema.json\nchases:\n  - date: 2026-11-23\n")


def test_dry_run_records_nothing(small: Path, run_cli: RunCli) -> None:
    result = run_cli("chase", "--as-of", "2021-04-30", "--dry-run", "--record", "--sender", "A. Clerk", cwd=small)
    assert result.exit_code == 0
    assert not (small / "data/chases").exists()


def test_record_refuses_a_list_it_cannot_append_to(small: Path, run_cli: RunCli) -> None:
    flow = "chases: [{date: 2021-03-01, body: north-police, sent_by: [A. Clerk], via: letter}]\n"
    write(small, "data/chases/r.yaml", flow)
    result = run_cli("chase", "south-police", "--as-of", "2021-04-30", "-o", "out", "--record", "--sender", "B", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "audit: data/chases/r.yaml: cannot add the chases to this file: its list must be a block list "
        "(lines starting '- ') at the end of the file; nothing was written"
    )
    assert (small / "data/chases/r.yaml").read_text(encoding="utf-8") == flow


_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12).filter(lambda s: s.strip() != "")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    dash=st.sampled_from(["", "  ", "    "]),
    gap=st.sampled_from(["", " ", "  "]),
    flow_items=st.booleans(),
    trailer=st.sampled_from(["", "\n", "# a closing comment\n", "\n\n# spaced comment\n"]),
    names=st.lists(_NAMES, min_size=1, max_size=3),
)
def test_record_appends_to_any_block_list_keeping_every_byte_above(
    dash: str, gap: str, flow_items: bool, trailer: str, names: list[str], small: Path, run_cli: RunCli
) -> None:
    item = "{date: 2021-03-01, body: north-police, sent_by: [A. Clerk], via: letter}" if flow_items else (
        f"date: 2021-03-01\n{dash}  {gap}body: north-police\n{dash}  {gap}sent_by: [A. Clerk]\n{dash}  {gap}via: letter"
    )
    text = f"# mine\nchases:\n{dash}-{gap} {item}\n{trailer}".replace("\n\n\n", "\n\n")
    if not text.endswith("\n"):
        text += "\n"
    path = write(small, "data/chases/r.yaml", text)
    sender = [arg for name in names for arg in ("--sender", name)]
    result = run_cli("chase", "south-police", "--as-of", "2021-04-30", "-o", "out", "--force", "--record", *sender, cwd=small)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text)
    chases = yaml.safe_load(after)["chases"]
    assert [c["body"] for c in chases] == ["north-police", "south-police"]
    assert chases[-1]["sent_by"] == names
    assert run_cli("validate", cwd=small).exit_code == 0


def test_show_lists_a_bodys_chases_or_says_an_overdue_body_was_never_chased(run_cli: RunCli) -> None:
    colp = run_cli("show", "city-of-london-police", "--as-of", AS_OF, "--report", "safe-to-share").stdout.splitlines()
    assert colp[5] == (
        "  chased 2021-11-24 by letter, from Katherine Riley, Kathie Cashell, Iain Raphael  (data/chases/safe-to-share.yaml:8)"
    )
    assert "  chased: never" in run_cli("show", "West Yorkshire Police", "--as-of", AS_OF).stdout.splitlines()
    # Before the day it was sent, the chase is not shown.
    assert "chased" not in run_cli("show", "city-of-london-police", "--as-of", "2021-06-01").stdout
