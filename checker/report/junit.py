"""JUnit XML: one test case per claim or step, so CI systems show results natively."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.report.text import (
    EMPTY,
    STOPPED_EMPTY,
    VACUOUS_WORDS,
    compares,
    diagnosis_lines,
    entry_words,
    point,
    reproduce,
    sides,
    written,
)
from checker.results import Method, Result, RunReport, Verdict


def _vacuous_note(case: ET.Element, r: Result) -> None:
    """A vacuous proof passes, but says so where CI systems show a test's output."""
    if r.vacuous:
        ET.SubElement(case, "system-out").text = f"{VACUOUS_WORDS} ({r.detail})"


def dumps(report: RunReport) -> str:
    suites = ET.Element("testsuites", name="derivcheck", time=f"{report.elapsed:.3f}")
    if not report.outcomes and not report.interrupted:  # exit 2: say why where CI shows it
        suite = ET.SubElement(suites, "testsuite", name="derivcheck", tests="1", failures="0",
                              errors="1", time="0.000")
        case = ET.SubElement(suite, "testcase", classname="derivcheck", name="nothing checked")
        ET.SubElement(case, "error", message=EMPTY).text = EMPTY
    if not report.outcomes and report.interrupted:  # stopped while the files were read
        said = STOPPED_EMPTY
        suite = ET.SubElement(suites, "testsuite", name="derivcheck", tests="1", failures="0",
                              errors="1", time="0.000")
        case = ET.SubElement(suite, "testcase", classname="derivcheck", name="interrupted")
        ET.SubElement(case, "error", message=said).text = said
    for outcome in report.outcomes:
        failures = sum(not c.matches for c in outcome.checks)
        suite = ET.SubElement(suites, "testsuite", name=outcome.id,
                              tests=str(max(1, len(outcome.checks))),
                              failures=str(failures), errors=str(1 if outcome.error else 0),
                              time=f"{sum(c.result.elapsed for c in outcome.checks):.3f}")
        path = outcome.id.rsplit("::", 1)[0] if "::" in outcome.id else ""
        if outcome.error:
            case = ET.SubElement(suite, "testcase", classname=outcome.id, name="build")
            if outcome.input_error:  # a file that cannot be read: its path is the source
                case.set("file", outcome.source)
                if outcome.line:
                    case.set("line", str(outcome.line))
            elif path:
                case.set("file", path)
            ET.SubElement(case, "error", message=outcome.error).text = outcome.error
            continue
        for cr in outcome.checks:
            r = cr.result
            case = ET.SubElement(suite, "testcase", classname=outcome.id,
                                 name=f"{cr.check.id} ({compares(cr.check)})",
                                 time=f"{r.elapsed:.3f}")
            if path:  # CI systems link a test case to its file and line
                case.set("file", path)
            if cr.check.line and not path.lower().endswith(".ipynb"):  # (a notebook's lines
                case.set("line", str(cr.check.line))                   # are its cells')
            props = ET.SubElement(case, "properties")
            for key, value in (("verdict", r.verdict.value), ("expected", cr.expected.value),
                               ("method", r.method.value), ("source", outcome.source)):
                ET.SubElement(props, "property", name=key, value=value)
            if r.vacuous:
                ET.SubElement(props, "property", name="vacuous", value="true")
            if r.method is Method.NOT_RUN:  # the run was interrupted first
                ET.SubElement(case, "skipped", message=r.detail)
                continue
            if cr.matches:
                if r.verdict in (Verdict.NUMERIC, Verdict.UNKNOWN):
                    ET.SubElement(case, "skipped", message=f"{r.verdict.value}: {r.detail}")
                _vacuous_note(case, r)
                if r.diagnosis is not None and not r.vacuous:  # a wrong step, as expected:
                    ET.SubElement(case, "system-out").text = "\n".join(diagnosis_lines(cr))
                continue
            got = VACUOUS_WORDS if r.vacuous else r.verdict.value
            shown = written(outcome.entry, cr.check)
            message = f"{compares(cr.check)}: expected {cr.expected.value}, got {got}"
            if shown:  # the step text, so the failure says which line is wrong
                message += " (" + "; ".join(f"{label}: {text}" for label, text in shown) + ")"
            body = [message, *(f"{label}: {text}" for label, text in shown),
                    f"method: {r.method_text}"]
            if r.counterexample is not None:
                cex = r.counterexample
                body.append(f"counterexample: {point(cex)}"
                            + (f" [{cex.case}]" if cex.case else "")
                            + entry_words(cr))
                left, right = sides(cr.check)
                body.append(f"{left} = {cex.lhs_value}, {right} = {cex.rhs_value} "
                            f"({cex.certified_by})")
                body.append(f"reproduce: {reproduce(cr.check.entry, r.seed)}")
            body += diagnosis_lines(cr)  # what is wrong, where, did you mean
            if r.detail:
                body.append(r.detail)
            ET.SubElement(case, "failure", message=message, type=r.verdict.value).text = \
                "\n".join(body)
            _vacuous_note(case, r)
    ET.indent(suites)
    text = ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
    return _NOT_XML.sub("\ufffd", text)  # (a control character in a name: no XML 1.0 has it)


# the characters XML 1.0 cannot hold, even escaped (C0 controls but tab, newline, return)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
