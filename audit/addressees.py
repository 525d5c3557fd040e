"""Who a report addresses: each body and the recommendations addressed to it."""

from __future__ import annotations

from typing import Mapping

from audit.model import Body, Recommendation, Report
from audit.schemas import ADDRESSEE_ALL


def addressees(report: Report, bodies: Mapping[str, Body]) -> dict[str, list[Recommendation]]:
    """Body id -> the recommendations addressed to it, bodies in the workspace's order."""
    by_body: dict[str, list[Recommendation]] = {body_id: [] for body_id in bodies}
    to_all: list[Recommendation] = []
    for rec in report.recommendations:
        if ADDRESSEE_ALL in rec.to:
            to_all.append(rec)
            continue
        for body in bodies.values():
            if body.id in rec.to or body.kind.value in rec.to:
                by_body[body.id].append(rec)
    order = {rec.id: i for i, rec in enumerate(report.recommendations)}
    for recs in by_body.values():
        if recs:
            recs.extend(to_all)
            recs.sort(key=lambda rec: order[rec.id])
    return {body_id: recs for body_id, recs in by_body.items() if recs}
