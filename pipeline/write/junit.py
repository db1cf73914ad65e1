"""quality.junit.xml: CI systems show a failing test case per article with problems.

JUnit rather than SARIF: Jenkins, GitLab, Azure and GitHub (through a test-report
action) all render it without setup, and its unit (a test case with a failure
message) fits "an article and its flagged lines" better than SARIF's code
locations, which expect source files under version control.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Article, Verdict

PROBLEMS = (Verdict.GARBLED, Verdict.BILINGUAL_DUP)
_XML_BAD = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _XML_BAD.sub("\ufffd", text)


def render_junit(articles: list[Article], checks: list[tuple[str, bool, str]]) -> bytes:
    """`checks` are gate results: (rule, failed, message)."""
    suites = ET.Element("testsuites", name="pipeline")
    qa = ET.SubElement(suites, "testsuite", name="articles", tests=str(len(articles)))
    failures = 0
    for art in articles:
        case = ET.SubElement(qa, "testcase", classname=_clean(art.source), name=_clean(art.id))
        bad = [s for s in art.sentences if s.verdict in PROBLEMS]
        if bad:
            failures += 1
            msg = f"{len(bad)} garbled or twin sentence(s)"
            fail = ET.SubElement(case, "failure", message=msg, type="quality")
            fail.text = _clean("\n".join(f"{s.source}:{s.line} [{s.verdict.value} {s.garble_score:.2f}] {';'.join(s.reasons)}: {s.cleaned}" for s in bad))
    qa.set("failures", str(failures))
    gate = ET.SubElement(suites, "testsuite", name="gate", tests=str(len(checks)), failures=str(sum(f for _, f, _ in checks)))
    for rule, failed, message in checks:
        case = ET.SubElement(gate, "testcase", classname="gate", name=_clean(rule))
        if failed:
            ET.SubElement(case, "failure", message=_clean(message), type="gate")
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"
