"""Reporters turn a lint result into text for a terminal, a program or a CI system."""

from __future__ import annotations

import os
from collections.abc import Callable

from clientbook.lint.reporters import github, gitlab, json_report, sarif, text
from clientbook.lint.run import LintResult

Reporter = Callable[[LintResult], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "sarif": sarif.render,
    "gitlab": gitlab.render,
}


def choose(name: str) -> Reporter:
    """`auto` is github inside GitHub Actions and text elsewhere (GitLab shows its code quality
    report from an artifact, not from the job's log, so it gets no `auto`)."""
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return REPORTERS[name]
