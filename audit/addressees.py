"""Who a report addresses: each body and the recommendations addressed to it."""

from __future__ import annotations

from collections.abc import Mapping

from audit.model import Body, Recommendation, Report
from audit.schemas import ADDRESSEE_ALL


def _named(body: Body, names: tuple[str, ...]) -> bool:
    return body.id in names or body.kind in names


def addressees(report: Report, bodies: Mapping[str, Body]) -> dict[str, list[Recommendation]]:
    """Body id -> the recommendations addressed to it, bodies in the workspace's order.

    A body that did not exist on the day of publication (it had ceased, or was
    yet to be created) is addressed nothing.
    """
    existing = [body for body in bodies.values() if body.existed_on(report.published)]
    # Each name a recommendation may be addressed to (a kind, or a body's id) -> the bodies it names,
    # so that the work grows with what is addressed, not with recommendations times bodies.
    named: dict[str, list[str]] = {}
    for body in existing:
        named.setdefault(body.kind, []).append(body.id)
        named.setdefault(body.id, []).append(body.id)
    by_body: dict[str, list[Recommendation]] = {body.id: [] for body in existing}
    to_all: list[Recommendation] = []
    for rec in report.recommendations:
        if ADDRESSEE_ALL in rec.to:
            to_all.append(rec)
            continue
        for body_id in {body_id for name in rec.to for body_id in named.get(name, ())}:
            by_body[body_id].append(rec)
    order = {rec.id: i for i, rec in enumerate(report.recommendations)}
    for recs in by_body.values():
        if recs:
            recs.extend(to_all)
            recs.sort(key=lambda rec: order[rec.id])
    return {body_id: recs for body_id, recs in by_body.items() if recs}


def respondents(report: Report, bodies: Mapping[str, Body]) -> dict[str, list[Recommendation]]:
    """The bodies that owe the report an update, each with what is addressed to it.

    Every body addressed, unless the report names its respondents; a named
    respondent may be addressed nothing itself (it collates others' progress).
    """
    addressed = addressees(report, bodies)
    if not report.respondents or ADDRESSEE_ALL in report.respondents:
        return addressed
    return {
        body.id: addressed.get(body.id, [])
        for body in bodies.values()
        if body.existed_on(report.published) and _named(body, report.respondents)
    }


def involved(report: Report, bodies: Mapping[str, Body]) -> dict[str, list[Recommendation]]:
    """Every body a report concerns: those it addresses and those that owe it an update."""
    return {**addressees(report, bodies), **respondents(report, bodies)}
