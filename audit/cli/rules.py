"""``audit rules [NAME]``: list the checks, or explain one, as linters do."""

from __future__ import annotations

import inspect

import click

from audit.cli._options import reports_errors


@click.command()
@click.argument("name", required=False)
@reports_errors
def rules(name: str | None) -> None:
    """List every check, or explain the check NAME.

    Severities and parameters here are the defaults; a workspace's rules/*.yaml
    may override them.
    """
    from audit import checks

    if name is None:
        rows = [["rule", "severity", "parameters", "what it finds"]] + [
            [rule_id, module.SEVERITY.value, ", ".join(module.CONF) or "-", module.SUMMARY]
            for rule_id, module in checks.RULES.items()
        ]
        # Plain aligned columns: a table library would cost more to import than the command takes.
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        rows.insert(1, ["-" * w for w in widths] + ["-" * max(len(row[3]) for row in rows)])
        click.echo("\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[3] for row in rows))
        return
    module = checks.get(name)
    lines = [
        f"{module.ID} (default severity: {module.SEVERITY.value})",
        "",
        inspect.cleandoc(module.__doc__ or ""),
        "",
    ]
    if module.CONF:
        import json

        lines.append("Parameters:")
        for parameter, shape in module.CONF.items():
            lines.append(f"  {parameter}: {shape.description} (default: {json.dumps(module.DEFAULT[parameter])})")
    else:
        lines.append("Parameters: none.")
    click.echo("\n".join(lines))
