"""``--format junit``: JUnit XML, a test case per body and rule, a failure per finding at or above --fail-on.

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
    failing: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in result.findings:
        if f.severity >= options.fail_on:
            failing[(f.report, f.body, f.rule)].append(f)
    suites = ET.Element("testsuites", name="audit check")
    total_tests = total_failures = 0
    for report_id, owed in groupby(result.owed, key=lambda o: o.report):
        suite = ET.SubElement(suites, "testsuite", name=report_id)
        tests = failures = 0
        for one in owed:
            for rule in result.rules:
                case = ET.SubElement(
                    suite, "testcase", classname=f"{report_id}.{one.body}", name=rule.id, file=printable(one.path)
                )
                tests += 1
                found = failing.get((report_id, one.body, rule.id), [])
                if found:
                    failures += 1
                    failure = ET.SubElement(
                        case, "failure", type=rule.id, message=printable("; ".join(f.message for f in found))
                    )
                    failure.text = "\n".join(
                        printable(f"{f.path}:{f.line or '-'}: {f.severity.value}: {f.message}") for f in found
                    )
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
