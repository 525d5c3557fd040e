"""``--format sarif``: SARIF 2.1.0, for code scanning (rule metadata, levels, file and line, fingerprints)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from audit import __version__
from audit.engine import CheckResult
from audit.model import Finding, Severity
from audit.render.options import RenderOptions

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: CheckResult, options: RenderOptions) -> str:
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
                                "fullDescription": {"text": rule.help},
                                "help": {"text": rule.help},
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
