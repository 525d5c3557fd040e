"""The site in a real browser: Debian's headless Chromium, driven by Playwright, with axe-core run inside the pages.

Chromium and axe-core are installed by ``.ci/run`` (apt-get, ``npm ci`` in
tests/browser). Elsewhere, without Chromium, these tests skip and say why; in CI
(``CI=true``) a missing browser fails them, so a green CI run means they ran.
Set ``UPDATE_SCREENSHOTS=1`` to refresh the committed screenshots in docs/screenshots.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY, TESTS

AS_OF = "2026-11-23"
BROWSER_TESTS = TESTS / "browser"
AXE = BROWSER_TESTS / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPOSITORY / "docs" / "screenshots"
CHROMIUM_FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the network flags Chromium tries to reach Google's hosts at every start."""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PAGES = (
    "index.html",
    "bodies.html",
    "reports/safe-to-share.html",
    "reports/the-hidden-victims.html",
    "bodies/city-of-london-police.html",
    "bodies/mopac.html",
)


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: the browser tests must run; .ci/run installs it)")
    pytest.skip(f"{what}: the browser tests need it (.ci/run installs it: see README)")


def _chromium() -> str:
    found = os.environ.get("AUDIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        _missing("no Chromium found (apt-get install chromium)")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core at the version package-lock.json pins, installed by ``npm ci`` when it is not there yet."""
    if not AXE.is_file() and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=BROWSER_TESTS, check=False, timeout=300)
    if not AXE.is_file():
        _missing("axe-core is not installed (npm ci in tests/browser)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _open(browser: Any, folder: Path, page_path: str, viewport: dict[str, int], **context: Any) -> Any:
    page = browser.new_context(viewport=viewport, **context).new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("request", lambda request: failed.append(request.url) if not request.url.startswith("file://") else None)
    page.goto((folder / page_path).as_uri())
    page.wait_for_load_state("load")
    assert failed == [], f"{page_path}: requests beyond the folder or failed: {failed}"
    return page


@pytest.mark.parametrize("name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_report_page_screenshots(browser: Any, shipped_site: Path, name: str, viewport: dict[str, int], tmp_path: Path) -> None:
    page = _open(browser, shipped_site, "reports/safe-to-share.html", viewport)
    shot = tmp_path / f"report-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    image = shot.read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(image[16:20], "big")
    assert width == viewport["width"], "the page is wider than the window: something overflows"
    # What a person sees first: the title, and the forces' table with its 43 rows.
    assert page.locator("h1").inner_text() == "Responses to Safe to share?"
    assert page.locator("table.bodies").first.locator("tbody tr").count() == 43
    assert page.locator("table.bodies").first.is_visible()
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOTS / f"report-{name}.png")
    page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_no_horizontal_overflow_on_a_phone(browser: Any, shipped_site: Path, page_path: str) -> None:
    page = _open(browser, shipped_site, page_path, PHONE)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page_path}: the page scrolls sideways ({widths[0]} > {widths[1]} px)"
    # A wide table scrolls inside its own region, which a keyboard can reach.
    regions = page.locator("div.scroll")
    for index in range(regions.count()):
        assert regions.nth(index).get_attribute("tabindex") == "0"
    page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_every_table_and_chart_fits_a_desktop_window(browser: Any, shipped_site: Path, page_path: str) -> None:
    page = _open(browser, shipped_site, page_path, DESKTOP)
    scrolling = page.evaluate(
        "() => [...document.querySelectorAll('div.scroll')].filter(d => d.scrollWidth > d.clientWidth)"
        ".map(d => d.getAttribute('aria-labelledby') || d.getAttribute('aria-label'))"
    )
    assert scrolling == [], f"{page_path}: these scroll sideways at {DESKTOP['width']} px"
    page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_axe_finds_no_serious_or_critical_violation(browser: Any, shipped_site: Path, page_path: str, axe_source: str) -> None:
    page = _open(browser, shipped_site, page_path, DESKTOP)
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {violations: r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help})),
                    passes: r.passes.length, incomplete: r.incomplete.map(v => v.id)};
        }"""
    )
    impacts = Counter(v["impact"] for v in results["violations"])
    print(f"axe {page_path}: {results['passes']} rules passed, violations {dict(impacts)}, incomplete {results['incomplete']}")
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)
    assert results["violations"] == [], json.dumps(results["violations"], indent=1)
    page.context.close()


def test_works_without_javascript_and_prints_without_navigation(browser: Any, shipped_site: Path) -> None:
    page = _open(browser, shipped_site, "reports/safe-to-share.html", DESKTOP, java_script_enabled=False)
    assert page.locator("table.bodies").nth(1).locator("tbody tr").count() == 43
    assert page.locator("svg.chart").count() == 3
    assert page.locator("svg.chart").first.bounding_box()["height"] > 100
    page.emulate_media(media="print")
    assert not page.locator("header nav").is_visible()
    assert page.locator("table.bodies").first.is_visible()
    page.context.close()


def test_skip_link_is_the_first_stop_and_shows_when_focused(browser: Any, shipped_site: Path) -> None:
    page = _open(browser, shipped_site, "reports/safe-to-share.html", DESKTOP)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent, document.activeElement.getBoundingClientRect().left]")
    assert focused == ["Skip to main content", 0]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.context.close()


def _luminance(css: str) -> float:
    channels = [int(c) / 255 for c in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_text_and_marks_meet_wcag_contrast(browser: Any, shipped_site: Path) -> None:
    """axe cannot judge text inside SVG (it reports it as needing review): the colours are checked here instead."""
    page = _open(browser, shipped_site, "reports/safe-to-share.html", DESKTOP)
    colours = page.evaluate(
        """() => {
            const style = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
            return {
                background: style('html', 'backgroundColor'),
                text: [style('svg.chart text', 'fill'), style('svg.chart .tick', 'fill'), style('.quiet', 'color'),
                       style('figcaption', 'color')],
                marks: [style('svg.chart .ink-solid', 'fill'), style('svg.chart .ink-hatch', 'fill'),
                        style('svg.chart .ink-cross', 'stroke'), style('svg.chart .ink-dots', 'fill'), style('svg.chart .due', 'stroke')],
            };
        }"""
    )
    for colour in colours["text"]:
        assert _contrast(colour, colours["background"]) >= 4.5, colour
    for colour in colours["marks"]:
        assert _contrast(colour, colours["background"]) >= 3, colour
    page.context.close()


def test_hostile_names_show_as_text_in_the_browser(browser: Any, tmp_path: Path) -> None:
    from click.testing import CliRunner
    from conftest import SMALL

    from audit.cli import main

    workspace = tmp_path / "ws"
    shutil.copytree(SMALL, workspace)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    bodies = workspace / "data" / "bodies.yaml"
    bodies.write_text(bodies.read_text(encoding="utf-8").replace("name: North Police", f"name: '{hostile}'"), encoding="utf-8")
    result = CliRunner().invoke(main, ["site", "--workspace", str(workspace), "--as-of", "2021-03-01", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = _open(browser, tmp_path / "out", "bodies/north-police.html", DESKTOP)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.reload()
    assert page.locator("h1").inner_text() == hostile
    assert page.locator("main img").count() == 0
    assert dialogs == []
    page.context.close()


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no Chromium found"):
        _missing("no Chromium found (apt-get install chromium)")
