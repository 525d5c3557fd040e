"""``audit site``: the static website, as a mapping of relative path -> file text.

Pages come from the jinja2 templates in ``audit/templates/site`` with
autoescaping on, so text from data can never become markup. Every link is
relative and nothing is fetched from elsewhere: the folder works from a file
system, any web server or a CI artifact. The deadlines calendar is the
``audit deadlines --format ics`` output itself.

Not a ``Format``: a format yields one stream of text, and a site is a folder
of files, so ``render`` returns each file's text by its path and the CLI
publishes the folder (``audit.atomic.publish_folder``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from importlib import resources

import jinja2

from audit import __version__
from audit.model import Kind, Timeliness
from audit.render import SCHEDULE_FORMATS, _charts
from audit.render._dates import day, short_day
from audit.render._legend import DEADLINE_WORDS, cell_words
from audit.render._text import printable
from audit.render.options import RenderOptions
from audit.results import OWED_CELLS, ResponseState, Standing, shown_states
from audit.site_pages import BodyPage, ReportPage, Site

SITE_NAME = "Responses to oversight reports"
MARKER = ".audit-site"
"""The file that marks a folder as one this command built, and so one it may replace."""
STATE_HEADERS = {
    ResponseState.PUBLISHED: "Response published",
    ResponseState.UNPUBLISHED: "Received, not published",
    ResponseState.NONE: "No reply",
    ResponseState.CANNOT_TELL: "Reply not known by then",
}
FEW = 5
"""A window of arrival with this many bodies or fewer names them in the table; more are in the tables of bodies."""


def state_words(row: Standing) -> str:
    """The published status page's three states, and a fourth for a reply not yet due."""
    if row.response is ResponseState.PUBLISHED:
        return "Response"
    if row.response is ResponseState.UNPUBLISHED:
        return "Response received but not published"
    if row.response is ResponseState.CANNOT_TELL:
        return "Response received some day in a span that includes this day"
    if row.deadline is Timeliness.PENDING:
        return "No reply yet (not yet due)"
    if row.deadline is Timeliness.OVERDUE:
        return "Did not reply"
    return "Not known to have replied"


def _addressees(to: tuple[str, ...], names: Mapping[str, str], kinds: Mapping[str, Kind]) -> str:
    """A recommendation's addressees as a reader names them: kinds of body in words (as declared), bodies by name."""
    words = {kind.id: kind.every for kind in kinds.values()} | {"all": "every body"}
    return "; ".join(words.get(item) or names.get(item, item) for item in to)


_NONCHARACTERS = {c: f"\\u{c:04x}" for c in range(0xFDD0, 0xFDF0)} | {
    plane + end: f"\\U{plane + end:08x}" for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)
}


def visible_text(value: object) -> object:
    """Text from data with the characters HTML forbids (controls, lone surrogates, non-characters) written as
    visible escapes, as every other format shows them; markup the templates made is left alone."""
    if type(value) is not str:
        return value
    return printable(value, keep="\n\t").translate(_NONCHARACTERS)


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("audit", "templates/site"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=visible_text,
    )
    environment.filters["n"] = lambda value: f"{value:.1f}"
    environment.filters["sentence"] = lambda text: text[:1].upper() + text[1:]
    environment.globals.update(
        site_name=SITE_NAME,
        version=__version__,
        day=day,
        short_day=short_day,
        state_words=state_words,
        state_headers=STATE_HEADERS,
        timeliness=tuple(Timeliness),
        deadline_words=DEADLINE_WORDS,
        owed_cells=OWED_CELLS,
        cell_words=cell_words,
        few=FEW,
        width=_charts.WIDTH,
        left=_charts.LEFT,
        right=_charts.RIGHT,
        bar=_charts.BAR,
    )
    return environment


def _page(template: str, site: Site, root: str, here: str, **values: object) -> str:
    # The status page's three states, and "cannot tell" where some body on the site is in it.
    states = shown_states(page.responses for page in site.reports)
    return _environment().get_template(template).render(site=site, root=root, here=here, states=states, **values)


def _report(page: ReportPage, site: Site) -> str:
    charts = {
        "states": _charts.states_by_kind(page),
        "arrivals": _charts.arrivals(page, site.as_of),
        "coverage": _charts.coverage_by_recommendation(page),
    }
    # Kinds shown as updates come first, as the published status page puts the national bodies' first.
    shown = tuple(kind for kind in sorted(site.kinds.values(), key=lambda kind: not kind.updates) if page.rows(kind))
    return _page(
        "report.html",
        site,
        "../",
        "reports",
        page=page,
        charts=charts,
        kinds_shown=shown,
        addressees=functools.partial(_addressees, names=site.names, kinds=site.kinds),
    )


def _body(page: BodyPage, site: Site) -> str:
    return _page("body.html", site, "../", "bodies", page=page)


def _by_kind(site: Site) -> Iterator[tuple[Kind, tuple[BodyPage, ...]]]:
    for kind in site.kinds.values():
        pages = tuple(page for page in site.bodies if page.body.kind == kind.id)
        if pages:
            yield kind, pages


def render(site: Site, options: RenderOptions) -> dict[str, str]:
    """Every file of the site, by its path relative to the site's folder (``/`` separators)."""
    files = {
        "index.html": _page("index.html", site, "", "reports"),
        "bodies.html": _page("bodies.html", site, "", "bodies", kinds=tuple(_by_kind(site))),
        "style.css": resources.files("audit").joinpath("templates/site/style.css").read_text(encoding="utf-8"),
        "deadlines.ics": "".join(SCHEDULE_FORMATS.get("ics")(site.schedule, options)),
        MARKER: f"Built by audit site {__version__}. audit site replaces this folder only where this file is present.\n",
    }
    for report in site.reports:
        files[f"reports/{report.report.id}.html"] = _report(report, site)
    for body in site.bodies:
        files[f"bodies/{body.body.id}.html"] = _body(body, site)
    return dict(sorted(files.items()))
