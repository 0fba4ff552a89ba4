"""The lint baseline on the site: findings it holds are shown as known, not as new."""

from __future__ import annotations

import dataclasses

from clientbook.core.config import Config
from clientbook.lint.baseline import Baseline, BaselineError, configured, marked
from clientbook.lint.run import LintResult
from clientbook.site.staging import BuildRefused


def known_baseline(config: Config) -> Baseline | None:
    """The baseline clientbook.yaml names (None: none); BuildRefused when it is unusable."""
    try:
        return configured(config)
    except BaselineError as err:
        raise BuildRefused(str(err)) from None


def with_known(result: LintResult, config: Config) -> LintResult:
    """The lint result with the findings of the configured baseline marked known."""
    baseline = known_baseline(config)
    if baseline is None:
        return result
    return dataclasses.replace(result, diagnostics=marked(result.diagnostics, baseline))
