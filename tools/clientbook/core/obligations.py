"""What a record obliges its keepers to do, and by when: the one place each of these is decided.

Retention and review dates, the next contact, a consent's state, whether a follow-up
is open, the earliest deadline. Lint rules, the DPO's report, the site's badges and
flags, the calendar and the exports all call these functions, so that a badge, a lint
message, a report row and an export can never disagree. Whatever depends on the date
takes `today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from clientbook.core.durations import Duration, parse_date, window_end

if TYPE_CHECKING:
    from clientbook.core.config import Config, RetentionPolicy

FREQUENCIES = {
    "weekly": Duration(days=7, text="P7D"),
    "fortnightly": Duration(days=14, text="P14D"),
    "monthly": Duration(months=1, text="P1M"),
    "quarterly": Duration(months=3, text="P3M"),
    "half-yearly": Duration(months=6, text="P6M"),
    "annually": Duration(years=1, text="P1Y"),
}


def section(data: Any, key: str) -> dict[str, Any]:
    """A mapping field, or {} when it is missing or malformed (the schema reports that)."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) for each mapping in a list field; malformed entries are skipped."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


TASK = "task"  # the channel of a follow-up with no contact before it (`clientbook task`)


def is_task(interaction: Any) -> bool:
    """A task is a follow-up to do, recorded as an interaction with `channel: task`: it is open
    and overdue like any follow-up (open_follow_ups), but it is no contact with the client."""
    return isinstance(interaction, dict) and interaction.get("channel") == TASK


def last_interaction(data: Any) -> dt.date | None:
    """The day of the last contact with the client (tasks are not contact)."""
    # Texts that read as days are YYYY-MM-DD in ASCII digits, which sort as their days do:
    # the latest day is the latest such text, and only texts from the latest down are read.
    texts = [
        when
        for _, it in items(data, "interactions")
        if isinstance(when := it.get("date"), str) and not is_task(it)
    ]
    while texts:
        latest = max(texts)
        day = parse_date(latest)
        if day is not None:
            return day
        texts = [t for t in texts if t != latest]
    return None


@dataclass(frozen=True, slots=True)
class Retention:
    """How long a record is kept. `until` None means: while the relationship lasts."""

    until: dt.date | None
    policy: RetentionPolicy | None
    source: str  # "explicit", "policy", or "none"
    basis: str  # what the period runs from, or the reason for an explicit date
    pointer: str
    start: dt.date | None = None  # the day the policy's period runs from

    @property
    def beyond_calendar(self) -> bool:
        """The policy's period runs past 9999-12-31 from its start: the date never comes."""
        return self.until is None and self.start is not None

    def explain(self, past: bool = False) -> str:
        """'former client ended 2018-02-01; policy contract-7y kept it until 2025-02-01'."""
        verb = "kept" if past else "keeps"
        if self.source == "explicit":
            return f"retain_until {self.until} ({self.basis})"
        if self.policy is None:
            return self.basis
        if self.beyond_calendar:
            return (
                f"{self.basis}; policy {self.policy.id}'s {self.policy.period.text} from then "
                "runs past the calendar's last day, 9999-12-31"
            )
        if self.until is None:
            return f"policy {self.policy.id}: {self.basis}"
        return f"{self.basis}; policy {self.policy.id} {verb} it until {self.until}"

    def state(self, today: dt.date, warning_days: int) -> str:
        """ok / due / expired / open, as the site's badge shows it."""
        if self.until is None:
            return "open" if self.source != "none" else "missing"
        if self.until < today:
            return "expired"
        if self.until <= window_end(today, warning_days):
            return "due"
        return "ok"


def policy_id(data: Any, config: Config) -> str:
    named = section(data, "retention").get("policy")
    if isinstance(named, str) and named:
        return named
    jurisdiction = config.jurisdictions.get(str(data.get("jurisdiction", "")))
    if jurisdiction and jurisdiction.default_retention:
        return jurisdiction.default_retention
    return config.default_retention


def retention(data: Any, config: Config) -> Retention:
    """The record's retain-until date and why."""
    block = section(data, "retention")
    explicit = parse_date(block.get("retain_until"))
    if explicit:
        reason = str(block.get("reason", "no reason given"))
        return Retention(explicit, None, "explicit", reason, "retention/retain_until")
    pid = policy_id(data, config)
    policy = config.retention_policies.get(pid)
    if policy is None:
        return Retention(None, None, "none", "no retention policy applies", "retention")
    start, start_words, pointer = _period_start(data, policy.runs_from)
    until = policy.period.after(start) if start else None
    return Retention(until, policy, "policy", start_words, pointer, start)


def _period_start(data: Any, runs_from: str) -> tuple[dt.date | None, str, str]:
    ended = parse_date(data.get("ended")) if data.get("status") == "former" else None
    if runs_from == "relationship-end":
        if ended:
            return ended, f"former client ended {ended}", "ended"
        return None, "kept while the relationship lasts", "status"
    if runs_from == "last-interaction":
        last = last_interaction(data) or parse_date(data.get("since"))
        return last, f"last interaction {last}", "interactions"
    agreements = items(data, "agreements")
    if any("end" not in a for _, a in agreements):
        return None, "an agreement is open-ended", "agreements"
    ends = [(d, i) for i, a in agreements if (d := parse_date(a.get("end")))]
    if ends:
        last_end, i = max(ends)
        return last_end, f"last agreement ended {last_end}", f"agreements/{i}/end"
    if ended:
        return ended, f"no agreements; former client ended {ended}", "ended"
    return None, "no agreements yet", "agreements"


@dataclass(frozen=True, slots=True)
class Review:
    due: dt.date | None
    interval: str
    last: dt.date | None
    start: dt.date | None = None  # the day the interval runs from, when the interval is known

    def state(self, today: dt.date, warning_days: int = 30) -> str:
        if self.due is None:
            return "missing"
        if self.due < today:
            return "overdue"
        if self.due <= window_end(today, warning_days):
            return "due"
        return "ok"


def review(data: Any, config: Config) -> Review:
    """When the next data review is due: one interval after the last, or after `since`."""
    block = section(data, "review")
    interval = block.get("interval") or config.default_review_interval
    duration = config.review_intervals.get(str(interval))
    last = parse_date(block.get("last_reviewed"))
    start = last or parse_date(data.get("since"))
    if duration is None or start is None:
        return Review(None, str(interval or ""), last)
    return Review(duration.after(start), str(interval), last, start)


def contact_due(data: Any, config: Config) -> tuple[dt.date | None, Duration]:
    """When an active client next needs an interaction, by its agreed frequency."""
    return _contact_due(data, config, last_interaction(data))


def _contact_due(
    data: Any, config: Config, last_contact: dt.date | None
) -> tuple[dt.date | None, Duration]:
    frequency = section(data, "communication").get("frequency")
    duration = FREQUENCIES.get(str(frequency), config.stale_after)
    last = last_contact or parse_date(data.get("since"))
    return (duration.after(last) if last else None), duration


def past_the_calendar(data: Any, config: Config) -> list[tuple[str, dt.date, str, str]]:
    """Each date of the record from which a period is counted past the calendar's last day
    (9999-12-31), so that what it decides never falls due: (pointer, date, period, what)."""
    return RecordDates(data, config).past_the_calendar()


class RecordDates:
    """One record's dated obligations, each worked out once by the functions above.

    Several lint rules ask for each of them about the same record (the retention date
    three times, and date-range for all of them again)."""

    def __init__(self, data: Any, config: Config) -> None:
        self.data = data
        self.config = config

    @cached_property
    def last_interaction(self) -> dt.date | None:
        return last_interaction(self.data)

    @cached_property
    def retention(self) -> Retention:
        return retention(self.data, self.config)

    @cached_property
    def review(self) -> Review:
        return review(self.data, self.config)

    @cached_property
    def contact_due(self) -> tuple[dt.date | None, Duration]:
        return _contact_due(self.data, self.config, self.last_interaction)

    def past_the_calendar(self) -> list[tuple[str, dt.date, str, str]]:
        """`past_the_calendar` of the record."""
        data, config = self.data, self.config
        out = []
        kept = self.retention
        if not data.get("anonymised") and kept.beyond_calendar and kept.policy and kept.start:
            what = f"the retention date of policy {kept.policy.id}"
            where = _pointer_of(data, kept.pointer, kept.start)
            out.append((where, kept.start, kept.policy.period.text, what))
        due = self.review
        if review_applies(data) and due.due is None and due.start is not None:
            period = config.review_intervals[due.interval].text
            pointer = "review/last_reviewed" if due.last else "since"
            out.append((pointer, due.start, period, f"the {due.interval} review"))
        if contact_applies(data):
            when, duration = self.contact_due
            last = self.last_interaction or parse_date(data.get("since"))
            if when is None and last is not None:
                pointer = _pointer_of(data, "interactions", last)
                out.append((pointer, last, duration.text, "the next contact"))
        return out


def _pointer_of(data: Any, pointer: str, day: dt.date) -> str:
    """The date's own place when `pointer` names the interactions: the one dated `day`, or since."""
    if pointer != "interactions":
        return pointer
    for i, interaction in reversed(items(data, "interactions")):
        if parse_date(interaction.get("date")) == day:
            return f"interactions/{i}/date"
    return "since" if parse_date(data.get("since")) == day else pointer


def contact_applies(data: Any) -> bool:
    """Only an active client is owed contact at its agreed frequency."""
    return isinstance(data, dict) and data.get("status") == "active"


def review_applies(data: Any) -> bool:
    """A former or anonymised client is no longer reviewed: nothing is kept to review."""
    return data.get("status") != "former" and not data.get("anonymised")


def retention_deadline(data: Any, config: Config) -> dt.date | None:
    """The date the record must be gone by; an anonymised record holds nothing to erase."""
    return None if data.get("anonymised") else retention(data, config).until


def consent_state(consent: Any, today: dt.date) -> str:
    """current, withdrawn, future, or unknown (no readable `given` date: lint reports it).

    A withdrawal on or before today wins over everything: the consent cannot be used.
    """
    if not isinstance(consent, dict):
        return "unknown"
    withdrawn = parse_date(consent.get("withdrawn"))
    if withdrawn is not None and withdrawn <= today:
        return "withdrawn"
    given = parse_date(consent.get("given"))
    if given is None:
        return "unknown"
    return "future" if given > today else "current"


def open_follow_up(interaction: Any) -> dt.date | None:
    """The date of a follow-up still to do: a readable `follow_up` and no `done: true`."""
    if not isinstance(interaction, dict) or interaction.get("done") is True:
        return None
    return parse_date(interaction.get("follow_up"))


def follow_up_state(interaction: Any, today: dt.date) -> str:
    """overdue, due, done, or "" when the interaction promises no follow-up."""
    when = open_follow_up(interaction)
    if when is not None:
        return "overdue" if when < today else "due"
    if isinstance(interaction, dict) and parse_date(interaction.get("follow_up")):
        return "done"
    return ""


def open_follow_ups(data: Any) -> list[tuple[int, dict[str, Any], dt.date]]:
    """(index, interaction, date) for every follow-up still to do, in the record's order:
    an interaction's promised follow-up, and a task (`channel: task`, due on its follow_up)."""
    return [(i, it, when) for i, it in items(data, "interactions") if (when := open_follow_up(it))]


def next_deadline(data: Any, config: Config) -> dt.date | None:
    """The earliest date among the review, the retention deadline and the open follow-ups."""
    dates = [when for _, _, when in open_follow_ups(data)]
    if review_applies(data) and (due := review(data, config).due):
        dates.append(due)
    if kept := retention_deadline(data, config):
        dates.append(kept)
    return min(dates, default=None)


def completeness(data: Any, recommended: list[str]) -> float:
    """The share of the schema's recommended fields (x-recommended) that the record fills."""
    if not recommended:
        return 1.0
    filled = sum(1 for key in recommended if data.get(key) not in (None, "", [], {}))
    return filled / len(recommended)
