"""What a reviewer must see first in a change to a record: personal data, consents, status,
retention, and a one-line verdict.

Each fact is decided where it always is — personal data by the schema's `x-pii`
(core/schemanav.holds_personal_data), a consent's state and a retention date by
core/obligations — on the record before and after the change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from clientbook.core import obligations as ob
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.schemanav import holds_personal_data
from clientbook.lint.prdiff import RecordDiff


@dataclass(frozen=True)
class Review:
    personal: list[str] = field(default_factory=list)  # changed paths holding personal data
    consents: list[str] = field(default_factory=list)  # "marketing: withdrawn"
    status: tuple[Any, Any] | None = None  # (old, new) when it changed
    retention: tuple[str | None, str | None] | None = None  # (old, new) ISO dates, when moved
    verdict: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "personal_data_changed": self.personal,
            "consents": self.consents,
            "status_change": list(self.status) if self.status else None,
            "retention_change": list(self.retention) if self.retention else None,
            "verdict": self.verdict,
        }


def review(
    record: RecordDiff,
    old: Any,
    new: Any,
    schema: dict[str, Any],
    config: Config,
    today: dt.date,
) -> Review:
    """The review of one record's change; `old` / `new` are its data (None: absent)."""
    personal = [c.path for c in record.changes if holds_personal_data(schema, c.path)]
    before, after = _field(old, "status"), _field(new, "status")
    status = (before, after) if before != after and old is not None and new is not None else None
    retention = _retention(old, new, config)
    return Review(
        personal=personal,
        consents=consent_changes(old, new, today),
        status=status,
        retention=retention,
        verdict=verdict(record, len(personal)),
    )


def _field(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _retention(old: Any, new: Any, config: Config) -> tuple[str | None, str | None] | None:
    if old is None or new is None:
        return None
    before, after = ob.retention_deadline(old, config), ob.retention_deadline(new, config)
    if before == after:
        return None
    return (before.isoformat() if before else None, after.isoformat() if after else None)


def _states(data: Any, today: dt.date) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for _, consent in ob.items(data, "consents"):
        out.setdefault(str(consent.get("purpose")), set()).add(ob.consent_state(consent, today))
    return out


def consent_changes(old: Any, new: Any, today: dt.date) -> list[str]:
    """Per purpose, whether the change gives, withdraws or removes a consent that may be used."""
    before, after = _states(old, today), _states(new, today)
    out = []
    for purpose in sorted(set(before) | set(after)):
        was = "current" in before.get(purpose, set())
        now = "current" in after.get(purpose, set())
        if now and not was:
            out.append(f"{purpose}: given")
        elif was and not now:
            word = "withdrawn" if "withdrawn" in after.get(purpose, set()) else "removed"
            out.append(f"{purpose}: {word}")
    return out


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _lint_words(found: list[Diagnostic], fixed: list[Diagnostic]) -> str:
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING):
        count = sum(1 for d in found if d.severity == severity)
        if count:
            parts.append(f"{_plural(count, f'new {severity}')}")
    if fixed:
        parts.append(f"{len(fixed)} fixed")
    return ", ".join(parts) or "no new findings"


def verdict(record: RecordDiff, personal: int) -> str:
    """'3 fields changed, 1 personal-data field, lint: 1 new warning'."""
    if record.status == "deleted":
        head = "record removed"
    elif record.status == "added":
        head = "new record"
    else:
        head = f"{_plural(len(record.changes), 'field')} changed"
        if record.status == "renamed":
            head = f"renamed, {head}"
    return (
        f"{head}, {_plural(personal, 'personal-data field')}, "
        f"lint: {_lint_words(record.introduced, record.fixed)}"
    )
