"""``audit check``: run the rule set and report findings, with a CI-friendly exit code."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

import click

from audit.cli._options import (
    SEVERITIES,
    as_of_option,
    jobs_option,
    load,
    reports_errors,
    resolve_workspace,
    split_names,
    terminal_width,
    today,
    use_color,
    workspace_option,
)
from audit.render import FORMATS


def _targets(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    """Parse ``FORMAT:FILE`` pairs."""
    targets = []
    for value in values:
        name, sep, file = value.partition(":")
        if not sep or not file:
            raise click.BadParameter(f"{value!r}: expected FORMAT:FILE, e.g. sarif:audit.sarif", ctx, param)
        if name not in FORMATS:
            raise click.BadParameter(f"{value!r}: unknown format {name!r} (one of {', '.join(FORMATS)})", ctx, param)
        targets.append((name, Path(file)))
    return tuple(targets)


def _one_file_each(named: list[tuple[str, Path]]) -> None:
    """Refuse two outputs naming one file: the second would replace the first, or mix two formats in one file."""
    seen: dict[object, str] = {}
    for option, path in named:
        try:
            status = path.stat()
            key: object = (status.st_dev, status.st_ino)
        except OSError:
            key = path.resolve()
        if key in seen:
            raise click.UsageError(f"{option} {path} names the same file as {seen[key]}: give each output its own file")
        seen[key] = f"{option} {path}"


@click.command()
@as_of_option
@workspace_option
@jobs_option
@click.option("--format", "format_name", type=click.Choice(list(FORMATS)), default="terminal", show_default=True, help="The format printed on standard output.")
@click.option("--select", multiple=True, callback=split_names, metavar="RULE", help="Run only these rules (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, callback=split_names, metavar="RULE", help="Skip these rules (repeatable, or comma-separated).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True, help="The least severity that makes the exit code 1.")
@click.option("--report", "report_ids", multiple=True, metavar="ID", help="Only this report (repeatable; default: every report).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means the tool failed).")
@click.option("--output", "outputs", multiple=True, callback=_targets, metavar="FORMAT:FILE", help="Also write FORMAT to FILE, atomically (repeatable). An existing FILE needs --force.")
@click.option("--append", "appends", multiple=True, callback=_targets, metavar="FORMAT:FILE", help="Also append FORMAT to FILE, e.g. markdown:$GITHUB_STEP_SUMMARY (repeatable).")
@click.option("--force", is_flag=True, help="Let --output and --write-baseline replace existing files.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Fail only on findings not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), help="Write the findings to this baseline file.")
@reports_errors
def check(
    as_of: date | None,
    workspace: Path | None,
    format_name: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    report_ids: tuple[str, ...],
    exit_zero: bool,
    outputs: tuple[tuple[str, Path], ...],
    appends: tuple[tuple[str, Path], ...],
    force: bool,
    baseline: Path | None,
    write_baseline: Path | None,
) -> None:
    """Run the rule set on the workspace and report findings.

    Exit 0: nothing at or above --fail-on; 1: findings at or above it;
    2: the data or the options are broken.
    """
    from audit import baseline as baselines
    from audit import engine
    from audit.atomic import append_text, write_atomic
    from audit.load import find_report
    from audit.model import Severity
    from audit.render import renderer
    from audit.render.options import RenderOptions

    _one_file_each(
        [("--output", path) for _, path in outputs]
        + [("--append", path) for _, path in appends]
        + [("--write-baseline", path) for path in [write_baseline] if path is not None]
    )
    root = resolve_workspace(workspace)
    settings = engine.load_settings(root)
    # Rule names are checked before the data is read, so a typo fails fast.
    rules = engine.chosen_rules(settings, select, ignore)
    accepted = baselines.read(baseline) if baseline is not None else frozenset()
    loaded = load(root)
    for report_id in report_ids:
        find_report(loaded, report_id)
    result = engine.run(loaded, today(as_of), rules, report_ids)
    if write_baseline is not None:
        write_atomic(write_baseline, baselines.dump(result.findings), overwrite=force)
        # Every finding is in the baseline now: none of them fails this run.
        click.echo(f"wrote {len(result.findings)} finding(s) to the baseline {write_baseline}", err=True)
        exit_zero = True
    if accepted:
        fresh = baselines.new_findings(result.findings, accepted)
        click.echo(f"{len(result.findings) - len(fresh)} finding(s) are in the baseline {baseline} and not shown", err=True)
        result = dataclasses.replace(result, findings=fresh)
    options = RenderOptions(color=use_color(sys.stdout), width=terminal_width(), fail_on=Severity(fail_on))
    plain = dataclasses.replace(options, color=False)
    for name, path in outputs:
        write_atomic(path, renderer(name).render(result, plain), overwrite=force)
    for name, path in appends:
        append_text(path, renderer(name).render(result, plain))
    # color=True: click would otherwise strip escape sequences, and renderers already decide colour.
    click.echo(renderer(format_name).render(result, options), nl=False, color=True)
    sys.exit(0 if exit_zero else engine.exit_code(result.findings, options.fail_on))
