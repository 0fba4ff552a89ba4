"""Reading the baseline file a command is given, or the one clientbook.yaml names."""

from __future__ import annotations

from pathlib import Path

from clientbook.cli.options import Fail
from clientbook.core.config import Config
from clientbook.lint.baseline import MAX_BASELINE, Baseline, BaselineError, configured, parse
from clientbook.util.regularfile import NotRegular, read_regular


def read_baseline(path: Path) -> Baseline:
    """The baseline at `path`; Fail (exit 2) naming the file, line and column when it is bad."""
    try:
        raw = read_regular(path, MAX_BASELINE)
    except NotRegular as err:
        raise Fail(f"cannot read the baseline {path}: {err}") from None
    try:
        return parse(raw.decode("utf-8-sig"), str(path))
    except UnicodeDecodeError:
        raise Fail(f"{path}:1:1: the baseline is not UTF-8 text") from None
    except BaselineError as err:
        raise Fail(str(err)) from None


def configured_baseline(config: Config) -> tuple[Baseline, str] | None:
    """The baseline clientbook.yaml names, and its name (None when it names none)."""
    try:
        found = configured(config)
    except BaselineError as err:
        raise Fail(str(err)) from None
    return (found, config.baseline) if found is not None else None
