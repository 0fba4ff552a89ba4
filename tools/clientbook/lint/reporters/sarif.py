"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every result has a partial fingerprint keyed to its rule, client id and JSON pointer
(lint/baseline.py), so code scanning follows a finding across edits that move its line.
With a baseline, known findings stay in the log, marked `baselineState: unchanged` and
suppressed externally, so code scanning does not open them again; the others are `new`.
"""

from __future__ import annotations

import json
from typing import Any

from clientbook import __version__
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.lint.baseline import fingerprint
from clientbook.lint.rules import RULES
from clientbook.lint.run import LintResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _result(d: Diagnostic, index: int, state: str | None, baseline: str) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": d.file, "uriBaseId": "%SRCROOT%"}}
    if d.line:
        location["region"] = {"startLine": d.line, "startColumn": max(d.column, 1)}
    text = d.message + (f" Hint: {d.hint}" if d.hint else "")
    out: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": _LEVEL[d.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"clientbook/v1": fingerprint(d)},
    }
    if state is not None:
        out["baselineState"] = state
    if state == "unchanged":
        justification = f"known: in the baseline {baseline}"
        out["suppressions"] = [{"kind": "external", "justification": justification}]
    return out


def render(result: LintResult) -> str:
    used = sorted({d.rule for d in [*result.diagnostics, *result.known]})
    rules: list[dict[str, Any]] = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": RULES[rule_id].summary},
            "fullDescription": {"text": RULES[rule_id].doc or RULES[rule_id].summary},
            "defaultConfiguration": {"level": _LEVEL[RULES[rule_id].severity]},
            "help": {"text": RULES[rule_id].doc or RULES[rule_id].summary},
        }
        for rule_id in used
    ]
    index = {rule_id: i for i, rule_id in enumerate(used)}
    new = "new" if result.baseline else None
    results = [_result(d, index[d.rule], new, result.baseline) for d in result.diagnostics]
    results += [_result(d, index[d.rule], "unchanged", result.baseline) for d in result.known]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "clientbook",
                        "version": __version__,
                        "informationUri": "https://github.com/example/clientbook",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
