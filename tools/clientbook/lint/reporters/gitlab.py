"""GitLab's code quality report: a JSON list of issues, shown on the merge request's diff.

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format — each issue
has a description, a check name, a fingerprint, a severity and a location. GitLab
compares the merge request's report with the target branch's by fingerprint, so it must
not move with the line: it is the baseline's (rule, client id, JSON pointer), told apart
from another finding of the same rule at the same place by its message's shape and count.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from clientbook.core.diagnostics import Severity
from clientbook.lint.baseline import fingerprint, shape
from clientbook.lint.run import LintResult

# GitLab's scale is info, minor, major, critical, blocker; an error blocks a merge in
# clientbook's CI (exit 1), which is GitLab's "major" rather than an outage ("blocker")
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: LintResult) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for d in result.diagnostics:
        key = f"{fingerprint(d)}:{shape(d)}"
        seen[key] += 1
        issues.append(
            {
                "type": "issue",
                "description": d.message + (f" Hint: {d.hint}" if d.hint else ""),
                "check_name": d.rule,
                "categories": ["Bug Risk"] if d.severity == Severity.ERROR else ["Style"],
                "fingerprint": hashlib.sha256(f"{key}:{seen[key]}".encode()).hexdigest()[:32],
                "severity": SEVERITY[d.severity],
                "location": {"path": d.file, "lines": {"begin": max(d.line, 1)}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
