"""JUnit XML: one test suite per file, one failed test case per finding (as ruff does)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from newslint.findings import Finding
from newslint.report import ReportContext


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    root = ET.Element("testsuites", name="newslint", tests=str(len(findings)), failures=str(len(findings)))
    for path, group in itertools.groupby(findings, key=lambda f: f.path):
        items = list(group)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(items)), failures=str(len(items)))
        for f in items:
            case = ET.SubElement(
                suite, "testcase", name=f"{f.code} {f.rule}", classname=f"{path}:{f.line}:{f.column}"
            )
            failure = ET.SubElement(case, "failure", message=f.message, type=f.code)
            failure.text = f"{path}:{f.line}:{f.column}: {f.code} {f.message}"
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
