"""`clientbook duplicates` as a library call: the pairs lint's duplicate-client reports, each
with all its evidence, which record a merge keeps, and the merge command.

The pairs come from the same decision the rule makes (rules/duplicates_pairs.suspects,
over the facts of the same lint run), and a pair is listed only when lint reports it on
at least one of its two files: a pair suppressed on both lines
(`# clientbook: ignore[duplicate-client]`), ignored by path or turned off in
clientbook.yaml is not listed either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientbook.core.config import Config
from clientbook.core.diagnostics import Severity
from clientbook.core.records import read_record
from clientbook.core.repo import relative
from clientbook.lint.rules.base import Facts
from clientbook.lint.rules.duplicates_pairs import NO_SINCE, Suspect, keep_order, suspects
from clientbook.lint.run import lint

RULE = "duplicate-client"


@dataclass(frozen=True)
class Listed:
    """One suspected pair, as `clientbook duplicates` shows it."""

    pair: Suspect
    keep: Facts
    other: Facts
    keep_because: str
    severity: Severity

    @property
    def command(self) -> str:
        return f"clientbook merge {record_id(self.keep)} {record_id(self.other)}"

    def to_dict(self) -> dict[str, Any]:
        name = self.pair.name
        return {
            "keep": _side(self.keep),
            "other": _side(self.other),
            "keep_because": self.keep_because,
            "severity": str(self.severity),
            "evidence": {
                "emails": list(self.pair.emails),
                "phones": list(self.pair.phones),
                "domains": list(self.pair.domains),
                "name": None
                if name is None
                else {"kind": name.kind, "score": round(name.score, 3), "why": name.why},
            },
            "reasons": self.pair.evidence(),
            "command": self.command,
        }


def record_id(facts: Facts) -> str:
    """The id a merge names the record by: its `id`, or its file's name without .yaml."""
    return facts.id or Path(facts.file).stem


def _side(facts: Facts) -> dict[str, str]:
    return {"id": record_id(facts), "file": facts.file, "name": facts.name}


def find_duplicates(
    config: Config,
    today: dt.date,
    paths: Sequence[Path] | None = None,
    *,
    use_cache: bool = True,
    jobs: int = 1,
) -> list[Listed]:
    """The suspected pairs, those involving `paths` when given (every record is compared)."""
    result = lint(config, today, paths, jobs=jobs, use_cache=use_cache)
    reported: dict[str, Severity] = {}
    for d in result.diagnostics:
        if d.rule == RULE:
            reported[d.file] = max(d.severity, reported.get(d.file, d.severity))
    wanted = {relative(config.root, p) for p in paths} if paths else None
    out = []
    for pair in suspects(result.facts, config.name_similarity):
        files = {pair.a.file, pair.b.file}
        if not files & reported.keys() or (wanted is not None and not files & wanted):
            continue
        keep, other, because = choose_keep(config, pair)
        severity = max(reported[f] for f in files if f in reported)
        out.append(Listed(pair, keep, other, because, severity))
    return out


def choose_keep(config: Config, pair: Suspect) -> tuple[Facts, Facts, str]:
    """Which record a merge keeps (duplicates_pairs.keep_order), and why, in words."""
    data = {f.file: _data(config, f.file) for f in (pair.a, pair.b)}
    ranked = sorted((pair.a, pair.b), key=lambda f: (keep_order(data[f.file]), f.file))
    keep, other = ranked
    (since_k, talks_k, people_k), (since_o, talks_o, people_o) = (
        keep_order(data[keep.file]),
        keep_order(data[other.file]),
    )
    if since_k != since_o:
        because = f"client since {_day(since_k)}, the other since {_day(since_o)}"
    elif talks_k != talks_o:
        because = f"{-talks_k} interactions to the other's {-talks_o}"
    elif people_k != people_o:
        because = f"{-people_k} contacts to the other's {-people_o}"
    else:
        because = "alike in since, interactions and contacts: its file name sorts first"
    return keep, other, because


def _day(since: str) -> str:
    return "an unknown date" if since == NO_SINCE else since


def _data(config: Config, file: str) -> Any:
    record = read_record(config.root / file, file, config.root, config.max_file_size)
    return record.data or {}
