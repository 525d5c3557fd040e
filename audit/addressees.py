"""Who a report addresses: each body and the recommendations addressed to it.

A workspace's bodies are indexed once (``BodyIndex``), by kind and by id, so that working out
who one report addresses costs what that report names, not the number of bodies in the
workspace: a workspace of thousands of reports of one or two bodies each stays linear.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from audit.model import Body, Recommendation, Report
from audit.schemas import ADDRESSEE_ALL


class BodyIndex:
    """The bodies of one workspace by the names an addressee list may use: a kind, or a body's id."""

    __slots__ = ("_by_id", "_by_kind", "_order")

    def __init__(self, bodies: Mapping[str, Body]):
        self._by_id = dict(bodies)
        self._order = {body_id: position for position, body_id in enumerate(bodies)}
        self._by_kind: dict[str, list[Body]] = {}
        for body in self._by_id.values():
            self._by_kind.setdefault(body.kind, []).append(body)

    def named(self, names: Iterable[str]) -> list[Body]:
        """The bodies these addressees (kinds or body ids, not ``all``) name, each once, in the workspace's order."""
        return self.in_order({body.id: body for body in self.each_named(names)})

    def each_named(self, names: Iterable[str]) -> list[Body]:
        """The bodies these addressees name, in no set order: a body named twice (by its kind and its id) is there twice."""
        found: list[Body] = []
        for name in names:
            found += self._by_kind.get(name, ())
            body = self._by_id.get(name)
            if body is not None:
                found.append(body)
        return found

    def in_order(self, ids: Iterable[str]) -> list[Body]:
        """The bodies of these ids in the workspace's order (that of data/bodies.yaml)."""
        return [self._by_id[body_id] for body_id in sorted(ids, key=self._order.__getitem__)]


def addressees(report: Report, index: BodyIndex) -> dict[str, list[Recommendation]]:
    """Body id -> the recommendations addressed to it, in the report's order; bodies in the workspace's order.

    A recommendation to ``all`` goes to every body the report addresses otherwise. A body that
    did not exist on the day of publication (it had ceased, or was yet to be created) is
    addressed nothing.
    """
    by_body: dict[str, list[Recommendation]] = {}
    to_all: list[Recommendation] = []
    for rec in report.recommendations:
        if ADDRESSEE_ALL in rec.to:
            to_all.append(rec)
            continue
        # In no set order, each body's list put in order once at the end: sorting the bodies of
        # every recommendation cost more than the rest of working out a small report's addressees.
        for body in index.each_named(rec.to):
            recs = by_body.get(body.id)
            if recs is None:
                if body.existed_on(report.published):
                    by_body[body.id] = [rec]
            elif recs[-1] is not rec:  # named twice by this recommendation
                recs.append(rec)
    if to_all:
        order = {rec.id: position for position, rec in enumerate(report.recommendations)}
        for recs in by_body.values():
            recs.extend(to_all)
            recs.sort(key=lambda rec: order[rec.id])
    return {body.id: by_body[body.id] for body in index.in_order(by_body)}


def respondents(
    report: Report, index: BodyIndex, addressed: dict[str, list[Recommendation]] | None = None
) -> dict[str, list[Recommendation]]:
    """The bodies that owe the report an update, each with what is addressed to it.

    Every body addressed, unless the report names its respondents; a named
    respondent may be addressed nothing itself (it collates others' progress).
    ``addressed`` is the report's ``addressees``, where the caller has it already.
    """
    if addressed is None:
        addressed = addressees(report, index)
    if not report.respondents or ADDRESSEE_ALL in report.respondents:
        return addressed
    return {
        body.id: addressed.get(body.id, [])
        for body in index.named(report.respondents)
        if body.existed_on(report.published)
    }


def involved(report: Report, index: BodyIndex) -> dict[str, list[Recommendation]]:
    """Every body a report concerns: those it addresses and those that owe it an update."""
    addressed = addressees(report, index)
    return {**addressed, **respondents(report, index, addressed)}
