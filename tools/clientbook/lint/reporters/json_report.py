"""{"diagnostics": [...], "summary": {"files", "errors", "warnings"}} for programs."""

from __future__ import annotations

import json

from clientbook.core.diagnostics import Severity
from clientbook.lint.run import LintResult


def render(result: LintResult) -> str:
    document = {
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "summary": {
            "files": result.files,
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
