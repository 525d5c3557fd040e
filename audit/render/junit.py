"""``--format junit``: JUnit XML, a test case per finding (a passing one per body and rule that found nothing),
a failure for each finding at or above --fail-on.

Two unaddressed recommendations of one body are two cases, each failing, named by the
recommendation (``recommendation-unaddressed[4]``), so a CI report counts them as two.

ElementTree escapes markup but writes control characters as they are, and XML 1.0
forbids most of them, so text from data is made printable first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from audit.render._text import printable

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    found: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        found[(finding.report, finding.body, finding.rule)].append(finding)
    suites = ET.Element("testsuites", name="audit check")
    total_tests = total_failures = 0
    for report_id, owed in groupby(result.owed, key=lambda o: o.report):
        suite = ET.SubElement(suites, "testsuite", name=report_id)
        tests = failures = 0
        for one in owed:
            for rule in result.rules:
                # A rule that found nothing about the body is one passing case.
                cases: list[Finding | None] = [*found.get((report_id, one.body, rule.id), [])] or [None]
                for f in cases:
                    name = rule.id if f is None or not f.recommendation else f"{rule.id}[{printable(f.recommendation)}]"
                    case = ET.SubElement(suite, "testcase", classname=f"{report_id}.{one.body}", name=name)
                    if one.exists:
                        # A file attribute for a file that is not there would send a reader looking for it.
                        case.set("file", printable(one.path))
                    tests += 1
                    if f is not None and f.severity >= options.fail_on:
                        failures += 1
                        failure = ET.SubElement(case, "failure", type=rule.id, message=printable(f.message))
                        where = f.path if one.exists else "no response file"
                        failure.text = printable(f"{where}:{f.line or '-'}: {f.severity.value}: {f.message}")
                    elif f is not None:
                        # Below --fail-on the case passes, but what was found is still said, not dropped.
                        out = ET.SubElement(case, "system-out")
                        out.text = printable(f"{f.severity.value}: {f.message}")
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    ET.indent(suites)
    yield ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMAT: Format[Findings] = render
