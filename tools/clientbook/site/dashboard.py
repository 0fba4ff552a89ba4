"""The dashboard's figures from client summaries; each client's flags from its page model.

Pure functions. Every figure names the directory filter that lists the
clients behind it (index.html#flag=…, #status=…), so a number on the
dashboard is always one click from the clients it counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clientbook.core import obligations as st
from clientbook.core.config import Config
from clientbook.core.durations import parse_date
from clientbook.site.model import ClientPage

if TYPE_CHECKING:
    from clientbook.site.summary import Summary

# Flags a client can carry; the directory filters on them (#flag=NAME).
FLAGS = {
    "review-overdue": "Review overdue",
    "retention-soon": "Retention deadline within 90 days (or passed)",
    "follow-up-due": "Follow-up due or overdue",
    "consent-withdrawn": "Consent withdrawn",
    "stale": "Not contacted as often as agreed",
    "lint-warnings": "Has lint warnings",
    "lint-errors": "Has lint errors",
    "duplicate": "Suspected duplicate",
    "incomplete": "Profile under half complete",
}


def flags(page: ClientPage, config: Config, today: dt.date) -> list[str]:
    data = page.data
    out = []
    if data.get("status") != "former" and not data.get("anonymised"):
        review = st.review(data, config)
        if review.due and review.due < today:
            out.append("review-overdue")
    kept = st.retention(data, config)
    if kept.until and not data.get("anonymised") and kept.until <= today + dt.timedelta(days=90):
        out.append("retention-soon")
    soon = today + dt.timedelta(days=7)
    for interaction in page.interactions:
        when = parse_date(interaction.get("follow_up"))
        if (
            interaction.get("follow_state") in ("due", "overdue")
            and when is not None
            and when <= soon
        ):
            out.append("follow-up-due")
            break
    if any(c["state"] == "withdrawn" for c in page.consents):
        out.append("consent-withdrawn")
    if data.get("status") == "active":
        due, _ = st.contact_due(data, config)
        if due and due < today:
            out.append("stale")
    severities = {str(d.severity) for d in page.diagnostics}
    if "warning" in severities:
        out.append("lint-warnings")
    if "error" in severities:
        out.append("lint-errors")
    if any(d.rule == "duplicate-client" for d in page.diagnostics):
        out.append("duplicate")
    if page.completeness < 0.5:
        out.append("incomplete")
    return out


@dataclass
class Figure:
    label: str
    value: str
    link: str  # the directory filter listing the clients behind it ("" when there is none)


@dataclass
class Dashboard:
    figures: list[Figure]
    by_status: list[tuple[str, int]]
    by_team: list[tuple[str, int]]
    by_jurisdiction: list[tuple[str, int]]
    per_month: list[tuple[str, int]]
    feedback_by_quarter: list[tuple[str, float]]
    response_days: float | None
    completeness: float
    health: list[dict[str, Any]] = field(default_factory=list)


def build_dashboard(summaries: list[Summary], today: dt.date) -> Dashboard:
    counts = Counter(flag for s in summaries for flag in s.flags)
    figures = [Figure(FLAGS[f], str(counts.get(f, 0)), f"index.html#flag={f}") for f in FLAGS]
    months = Counter(month for s in summaries for month in s.months)
    feedback: dict[str, list[float]] = {}
    for s in summaries:
        for quarter, score in s.feedback:
            feedback.setdefault(quarter, []).append(score)
    gaps = [gap for s in summaries for gap in s.gaps]
    active = [s.health for s in summaries if s.health is not None]
    last_year = [
        (today.replace(day=1) - dt.timedelta(days=31 * n)).strftime("%Y-%m")
        for n in range(11, -1, -1)
    ]
    return Dashboard(
        figures=figures,
        by_status=sorted(Counter(s.status for s in summaries).items()),
        by_team=sorted(Counter(s.team_name or "no team" for s in summaries).items()),
        by_jurisdiction=sorted(Counter(s.jurisdiction for s in summaries).items()),
        per_month=[(m, months.get(m, 0)) for m in last_year],
        feedback_by_quarter=[(q, round(sum(v) / len(v), 1)) for q, v in sorted(feedback.items())][
            -8:
        ],
        response_days=round(sum(gaps) / len(gaps), 1) if gaps else None,
        completeness=round(sum(s.completeness for s in summaries) / len(summaries), 2)
        if summaries
        else 1.0,
        health=sorted(active, key=lambda h: (-h["overdue_days"], h["name"]))[:25],
    )


def response_gaps(data: dict[str, Any]) -> list[int]:
    """Days from each inbound interaction to the next outbound one."""
    events = sorted(
        (d, i.get("direction"))
        for _, i in st.items(data, "interactions")
        if (d := parse_date(i.get("date")))
    )
    gaps = []
    for n, (day, direction) in enumerate(events):
        if direction != "inbound":
            continue
        reply = next((d for d, way in events[n + 1 :] if way == "outbound"), None)
        if reply is not None:
            gaps.append((reply - day).days)
    return gaps


def health(page: ClientPage, today: dt.date) -> dict[str, Any]:
    dates = sorted(d for i in page.interactions if (d := parse_date(i.get("date"))))
    year = [d for d in dates if d > today - dt.timedelta(days=365)]
    frequency = (
        page.data.get("communication", {}).get("frequency", "")
        if isinstance(page.data.get("communication"), dict)
        else ""
    )
    due = parse_date(page.contact_due)
    return {
        "id": page.id,
        "name": page.name,
        "frequency": frequency or "default",
        "last_year": len(year),
        "last": dates[-1].isoformat() if dates else "",
        "overdue_days": (today - due).days if due and due < today else 0,
    }
