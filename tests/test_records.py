"""``quick_init``: the records it serves are made as their dataclass would make them, and stay frozen."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import pytest

from audit import model, obligations, results
from audit.model import DateRange, Finding, Severity
from audit.records import quick_init
from audit.results import Standing


def test_every_record_it_serves_takes_the_arguments_its_dataclass_declares() -> None:
    served = [
        cls
        for module in (model, results, obligations)
        for cls in vars(module).values()
        if isinstance(cls, type) and cls.__module__ == module.__name__ and "_set_0" in getattr(cls.__init__, "__globals__", {})
    ]
    assert {cls.__name__ for cls in served} >= {"Finding", "Response", "Answer", "Obligation", "Standing", "Answered", "Overview"}
    for cls in served:
        fields = dataclasses.fields(cls)
        values = {f.name: object() for f in fields}
        by_name, by_position = cls(**values), cls(*values.values())
        for f in fields:
            assert getattr(by_name, f.name) is values[f.name] is getattr(by_position, f.name), (cls, f.name)


def test_defaults_keywords_and_frozenness_are_the_dataclass_s() -> None:
    finding = Finding("r", "p", 3, "rule", "", "b", body_name="B", severity=Severity.INFO, message="m")
    assert finding == Finding("r", "p", 3, "rule", "", "b", "other name", Severity.ERROR, "other message")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 4  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'latest'"):
        DateRange(date(2021, 1, 1))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'day'"):
        DateRange(date(2021, 1, 1), date(2021, 1, 2), day=1)  # type: ignore[call-arg]
    fields = {f.name: f for f in dataclasses.fields(Standing)}
    assert (fields["source"].default, fields["joint_with"].default) == (None, ())
    made = Standing(*(object() for name in fields if name not in ("source", "joint_with")))  # type: ignore[arg-type]
    assert (made.source, made.joint_with) == (None, ())


def test_a_class_it_cannot_serve_is_refused_where_it_is_declared() -> None:
    with pytest.raises(TypeError, match="frozen dataclass with slots"):

        @quick_init
        @dataclass(frozen=True)
        class NoSlots:
            value: int

    with pytest.raises(TypeError, match="plain default or none"):

        @quick_init
        @dataclass(frozen=True, slots=True)
        class Factory:
            values: list[int] = field(default_factory=list)
