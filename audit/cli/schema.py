"""``audit schema``: the JSON Schema of a data file, generated from the shapes the loader validates with."""

from __future__ import annotations

import json
from typing import Any

import click

SCHEMA_NAMES = ("bodies", "report", "response", "chases", "rules", "table-mapping")


def json_schema(name: str) -> dict[str, Any]:
    from audit import engine, schemas, tables

    documents = {
        "bodies": schemas.BODIES,
        "report": schemas.REPORT,
        "response": schemas.RESPONSE,
        "chases": schemas.CHASES,
        "rules": engine.rules_document(),
        "table-mapping": tables.MAPPING,
    }
    return documents[name].json_schema()


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@click.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES))
def schema(name: str) -> None:
    """Print the JSON Schema for a kind of data file (also shipped under schema/)."""
    click.echo(schema_text(name), nl=False)
