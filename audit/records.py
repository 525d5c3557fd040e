"""Frozen value objects that cost no more to make than plain ones: a faster ``__init__`` for the records made by the hundred thousand."""

from __future__ import annotations

import dataclasses
from typing import TypeVar

Record = TypeVar("Record", bound=type)


def quick_init(cls: Record) -> Record:
    """``cls``, a frozen dataclass with slots, given an ``__init__`` that fills each slot through the slot itself.

    A frozen dataclass refuses assignment, so the ``__init__`` dataclasses writes sets each field
    with ``object.__setattr__``, found by name for every field of every object; calling the slot's
    own setter takes half the time, and a large workspace makes hundreds of thousands of findings,
    answers, cells and standings. The parameters, their order and defaults are the same.

    Pickled as the class and its fields, so that unpickling is one call of that ``__init__``: results
    cross between the processes that check parts of a workspace (audit/parts.py), and a frozen
    dataclass with slots is otherwise pickled through its ``__getstate__`` and ``__setstate__``, in
    Python (unpickling the results of 5,000 responses took 61 ms, against 19 ms).

    A class this cannot serve (not frozen, no slots, a default factory, a field left out of
    ``__init__`` or keyword-only, a ``__post_init__``) is refused where it is declared.
    """
    fields = dataclasses.fields(cls)
    params = getattr(cls, "__dataclass_params__", None)
    if not (params is not None and params.frozen and "__slots__" in cls.__dict__) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: quick_init serves a frozen dataclass with slots and no __post_init__")
    namespace: dict[str, object] = {}
    arguments = []
    for number, field in enumerate(fields):
        if field.default_factory is not dataclasses.MISSING or not field.init or field.kw_only:
            raise TypeError(f"{cls.__name__}.{field.name}: quick_init serves fields with a plain default or none")
        namespace[f"_set_{number}"] = cls.__dict__[field.name].__set__
        if field.default is dataclasses.MISSING:
            arguments.append(field.name)
        else:
            namespace[f"_default_{number}"] = field.default
            arguments.append(f"{field.name}=_default_{number}")
    body = "".join(f"    _set_{number}(self, {field.name})\n" for number, field in enumerate(fields)) or "    pass\n"
    values = "".join(f"self.{field.name}, " for field in fields)
    namespace["_cls"] = cls
    # Written and compiled as dataclasses writes the __init__ it replaces.
    exec(f"def __init__(self, {', '.join(arguments)}):\n{body}", namespace)
    exec(f"def __reduce__(self):\n    return _cls, ({values})\n", namespace)
    for name in ("__init__", "__reduce__"):
        method = namespace[name]
        method.__qualname__ = f"{cls.__qualname__}.{name}"  # type: ignore[attr-defined]
        method.__module__ = cls.__module__
        setattr(cls, name, method)
    return cls
