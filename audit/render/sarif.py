"""``--format sarif``: SARIF 2.1.0, for code scanning (rule metadata, levels, file and line, fingerprints)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from audit import __version__
from audit.render import batched
from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    index = {rule.id: i for i, rule in enumerate(result.rules)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "audit",
                        "version": __version__,
                        "rules": [
                            {
                                "id": rule.id,
                                "name": rule.id,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": rule.doc},
                                "help": {"text": rule.doc},
                                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                            }
                            for rule in result.rules
                        ],
                    }
                },
                "originalUriBaseIds": {"WORKSPACE": {"description": {"text": "The audit workspace folder"}}},
                "results": [_result(f, index[f.rule]) for f in result.findings],
                "properties": {"asOf": result.as_of.isoformat()},
            }
        ],
    }
    yield from batched(json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(document))
    yield "\n"


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": quote(finding.path), "uriBaseId": "WORKSPACE"}}
    if finding.line:
        location["region"] = {"startLine": finding.line}
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"auditFinding/v1": finding.fingerprint},
        "properties": {
            "report": finding.report,
            "body": finding.body,
            "bodyName": finding.body_name,
            "recommendation": finding.recommendation or None,
        },
    }


FORMAT: Format[Findings] = render
