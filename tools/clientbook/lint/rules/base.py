"""What a rule is: an id, a default severity, one line of description, and a check."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.obligations import RecordDates
from clientbook.util.fastpickle import ByFields

if TYPE_CHECKING:
    from clientbook.core.config import Config


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the record: config, today, repository root, file name."""

    config: Config
    today: dt.date
    root: Path
    file: str = ""  # the record being checked, repository-relative
    erased: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # tombstone hash -> (date, request)
    salt: str = ""
    # What several rules work out from one record (its documents, its dates' obligations):
    # made by the first rule that asks and kept for the others. checkfile gives each record
    # checked a memo of its own; a Context made without one (None) keeps nothing.
    memo: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    # What every record of one run shares (merges.yaml's entries), made when first asked for:
    # a run's Checker gives its records one; without one (None) it is read for each record.
    run: dict[str, Any] | None = field(default=None, compare=False, repr=False)


T = TypeVar("T")


def shared(ctx: Context, key: str, make: Callable[[], T]) -> T:
    """`make()`, worked out once for the record `ctx` checks (every time without a memo)."""
    return _kept(ctx.memo, key, make)


def shared_by_run(ctx: Context, key: str, make: Callable[[], T]) -> T:
    """`make()`, worked out once for the run `ctx` belongs to (every time without one)."""
    return _kept(ctx.run, key, make)


def _kept(memo: dict[str, Any] | None, key: str, make: Callable[[], T]) -> T:
    if memo is None:
        return make()
    try:
        found: T = memo[key]
    except KeyError:
        found = memo[key] = make()
    return found


def record_dates(data: Any, ctx: Context) -> RecordDates:
    """The record's dated obligations (retention, review, next contact), shared by the rules."""
    return shared(ctx, "dates", lambda: RecordDates(data, ctx.config))


@dataclass(frozen=True, slots=True)
class Facts(ByFields):
    """The few things cross-record rules compare, taken from each record once."""

    file: str
    id: str
    name: str
    normalised_name: str
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()


RecordCheck = Callable[[Any, Context], Iterable[Finding]]
CrossCheck = Callable[[list[Facts], Context], Iterable[tuple[str, Finding]]]


@dataclass(frozen=True)
class Rule:
    """A lint rule. `doc` (the check's docstring) is what `clientbook rules ID` prints.

    A rule has either a per-record `check`, a cross-record `cross` check, or
    neither: then the loader or the schema validator reports it.
    """

    id: str
    severity: Severity
    summary: str
    family: str
    check: RecordCheck | None = None
    cross: CrossCheck | None = None
    doc: str = field(default="")


def record_rule(
    rule_id: str, severity: Severity, summary: str, family: str
) -> Callable[[RecordCheck], Rule]:
    """Make a Rule of a per-record check function; its docstring is the rule's documentation."""

    def wrap(check: RecordCheck) -> Rule:
        return Rule(rule_id, severity, summary, family, check=check, doc=_doc(check))

    return wrap


def cross_rule(
    rule_id: str, severity: Severity, summary: str, family: str
) -> Callable[[CrossCheck], Rule]:
    def wrap(check: CrossCheck) -> Rule:
        return Rule(rule_id, severity, summary, family, cross=check, doc=_doc(check))

    return wrap


def _doc(function: Callable[..., Any]) -> str:
    return inspect.cleandoc(function.__doc__ or "")
