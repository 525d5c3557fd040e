"""Baselines: the findings a team has accepted for now, by fingerprint, so only new ones fail."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from audit.errors import ConfigError
from audit.inputs import read_input_text
from audit.model import Finding

VERSION = 1


def dump(findings: Iterable[Finding]) -> str:
    """The baseline file's text: one entry per finding, readable and sorted, so diffs review well."""
    entries = sorted(
        {
            f.fingerprint: {
                "fingerprint": f.fingerprint,
                "rule": f.rule,
                "report": f.report,
                "body": f.body,
                "recommendation": f.recommendation or None,
            }
            for f in findings
        }.values(),
        key=lambda e: (e["report"], e["body"], e["recommendation"] or "", e["rule"]),
    )
    return json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"


def read(path: Path) -> frozenset[str]:
    """The fingerprints a baseline file holds; a broken file is a ``ConfigError`` naming it."""
    try:
        document = json.loads(read_input_text(path, "baseline"))
    except json.JSONDecodeError as err:
        line = getattr(err, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: the baseline is not valid JSON ({err})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not an audit baseline (its JSON is nested too deeply to read)") from None
    if (
        not isinstance(document, dict)
        or document.get("version") != VERSION
        or not isinstance(document.get("findings"), list)
        or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in document["findings"])
    ):
        raise ConfigError(
            f"{path}: not an audit baseline (expected version {VERSION} and a list of findings with fingerprints); "
            "write one with `audit check --write-baseline FILE`"
        )
    return frozenset(e["fingerprint"] for e in document["findings"])


def new_findings(findings: Iterable[Finding], accepted: frozenset[str]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.fingerprint not in accepted)
