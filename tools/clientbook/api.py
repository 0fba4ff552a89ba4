"""clientbook from Python: the supported entry points and the types they return.

Everything the command line does is one of these calls first. Every other module
is internal and may move between releases; these names will not.

    import datetime as dt
    from pathlib import Path
    from clientbook import api

    config = api.load_config(Path("."))
    result = api.lint(config, dt.date(2026, 11, 23))
    for d in result.diagnostics:
        print(d.file, d.line, d.column, d.severity, d.rule, d.message)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from clientbook.core.config import Config, ConfigError
from clientbook.core.config import load_config as _load_config
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.records import Record
from clientbook.core.records import load_records as _load_records
from clientbook.core.schema import SchemaError
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.read import read_history as _read_history
from clientbook.history.types import History, RecordHistory, Version
from clientbook.lint.rule_ids import check_rule_ids
from clientbook.lint.run import LintResult
from clientbook.lint.run import lint as _lint
from clientbook.lint.shard import Shard, ShardError
from clientbook.site.build import BuildResult
from clientbook.site.build import build as _build

__all__ = [
    "BuildResult",
    "Config",
    "ConfigError",
    "Diagnostic",
    "GitUnavailable",
    "History",
    "LintResult",
    "Record",
    "RecordHistory",
    "SchemaError",
    "Severity",
    "ShardError",
    "Version",
    "build",
    "lint",
    "load_config",
    "load_records",
    "read_history",
]


def load_config(root: Path) -> Config:
    """clientbook.yaml at `root`, validated, with every rule id it names known.

    Raises ConfigError, whose `diagnostics` name the line and column of each problem.
    """
    config = _load_config(root)
    check_rule_ids(config)
    return config


def load_records(config: Config, *, jobs: int = 1) -> list[Record]:
    """Every client record, in file name order; an unreadable one carries its problems."""
    return _load_records(config.root, config.max_file_size, jobs=jobs)


def lint(
    config: Config,
    today: dt.date,
    paths: Sequence[Path] | None = None,
    *,
    jobs: int = 1,
    use_cache: bool = True,
    shard: str | None = None,
) -> LintResult:
    """Check the records (or `paths`) as `clientbook lint` does on `today`; with `shard`
    ("I/N"), only the I-th of N shares, as `lint --shard I/N` does.

    Raises SchemaError when the client schema cannot be used, ShardError for a bad `shard`.
    """
    part = Shard.parse(shard) if shard is not None else None
    return _lint(config, today, paths, jobs=jobs, use_cache=use_cache, shard=part)


def read_history(config: Config, *, use_cache: bool = True) -> History:
    """Every record's versions from git, field by field; raises GitUnavailable outside git."""
    return _read_history(config.root, use_cache=use_cache)


def build(
    config: Config,
    out: Path,
    today: dt.date,
    *,
    audience: str = "internal",
    strict: bool = False,
    jobs: int = 0,
) -> BuildResult:
    """Build the static site into `out` (swapped in whole), as `clientbook build` does."""
    return _build(config, out, today, audience=audience, strict=strict, jobs=jobs)
