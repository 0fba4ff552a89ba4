"""Reading the baseline file a command is given, or the one clientbook.yaml names."""

from __future__ import annotations

from pathlib import Path

from clientbook.cli.options import Fail
from clientbook.core.config import Config
from clientbook.lint.baseline import Baseline, BaselineError, configured, load


def read_baseline(path: Path) -> Baseline:
    """The baseline at `path`; Fail (exit 2) naming the file, line and column when it is bad."""
    try:
        return load(path, str(path))
    except BaselineError as err:
        raise Fail(str(err)) from None


def configured_baseline(config: Config) -> tuple[Baseline, str] | None:
    """The baseline clientbook.yaml names, and its name (None when it names none)."""
    try:
        found = configured(config)
    except BaselineError as err:
        raise Fail(str(err)) from None
    return (found, config.baseline) if found is not None else None
