"""{"diagnostics": [...], "summary": {"files", "errors", "warnings"}} for programs.

Each diagnostic carries its baseline fingerprint; with a baseline, the known findings are
listed apart ("known") and the summary counts them and the baseline's entries now gone.
"""

from __future__ import annotations

import json
from typing import Any

from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.lint.baseline import fingerprint
from clientbook.lint.run import LintResult


def _entry(d: Diagnostic) -> dict[str, object]:
    return {**d.to_dict(), "fingerprint": fingerprint(d)}


def render(result: LintResult) -> str:
    summary: dict[str, Any] = {
        "files": result.files,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
    }
    document: dict[str, Any] = {
        "diagnostics": [_entry(d) for d in result.diagnostics],
        "summary": summary,
    }
    if result.baseline:
        document["known"] = [_entry(d) for d in result.known]
        summary |= {"baseline": result.baseline, "known": len(result.known), "fixed": result.fixed}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
