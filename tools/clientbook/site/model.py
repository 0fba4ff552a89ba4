"""Page models for the site: plain data made from records, config, lint and history.

Pure functions (no I/O): the templates only lay out what these return. What a
record obliges (review, retention, follow-ups, consents, the next deadline) is
decided by core/obligations.py, the code lint, the report and the exports use,
so a badge and a lint message can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from clientbook.core import obligations as st
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity, count
from clientbook.core.durations import parse_date
from clientbook.core.encryption import split_sops
from clientbook.core.schemanav import resolve as _resolve
from clientbook.history.audit import summary_lines
from clientbook.history.types import RecordHistory
from clientbook.site import charts
from clientbook.site.entries import Consent, Contact, HistoryEntry, Interaction
from clientbook.site.model_dates import StatusDates, status_dates
from clientbook.util.safeurl import mailto, safe_url, tel

# Fields the client page lays out itself; any other property of the schema is
# shown generically, labelled by its title, so an extended schema needs no template.
LAID_OUT = frozenset(
    {
        "id",
        "name",
        "kind",
        "status",
        "since",
        "ended",
        "status_history",
        "owner",
        "team",
        "industry",
        "tags",
        "jurisdiction",
        "website",
        "contacts",
        "communication",
        "address",
        "agreements",
        "consents",
        "interactions",
        "projects",
        "kpis",
        "feedback",
        "onboarding",
        "review",
        "retention",
        "notes",
        "anonymised",
    }
)


@dataclass(frozen=True)
class Badge:
    label: str
    state: str  # ok, due, overdue, expired, open, missing
    detail: str


@dataclass(frozen=True)
class Extra:
    """A field the schema adds, shown with its title and description."""

    label: str
    help: str
    value: Any  # scalar, or list/dict rendered generically


@dataclass
class ClientPage:
    id: str
    file: str
    name: str
    data: dict[str, Any]
    owner_name: str
    team_name: str
    jurisdiction_name: str
    last_interaction: str
    next_due: str
    badges: list[Badge]
    contacts: list[Contact]
    interactions: list[Interaction]  # newest first
    consents: list[Consent]
    kpis: list[dict[str, Any]]
    feedback_chart: str
    extras: list[Extra]
    diagnostics: list[Diagnostic]
    history: list[HistoryEntry]
    edit_url: str | None
    website: str | None
    dates: StatusDates  # of the record as read: the badges, next_due and contact_due
    visible_dates: StatusDates  # of `data`, the record as the audience sees it: the flags
    tags: list[Any] = field(default_factory=list)  # `tags` when it is a list (lint reports others)
    withheld: list[str] = field(default_factory=list)
    completeness: float = 1.0  # share of the schema's x-recommended fields filled
    contact_due: str = ""


def _name(mapping: dict[str, Any], key: object, attr: str = "name") -> str:
    item = mapping.get(key) if isinstance(key, str) else None
    return str(getattr(item, attr)) if item is not None else str(key or "")


def audience_view(
    data: dict[str, Any], schema: dict[str, Any], audience: str
) -> tuple[dict[str, Any], list[str]]:
    """The record as the audience may see it: `restricted` drops confidential fields and the notes."""
    if audience != "restricted":
        return data, []
    withheld: list[str] = []

    def walk(value: Any, node: dict[str, Any], path: str) -> Any:
        node = _resolve(node, schema)
        if isinstance(value, dict):
            props = node.get("properties", {})
            out = {}
            for key, item in value.items():
                child = _resolve(props.get(key, {}), schema)
                where = f"{path}/{key}" if path else key
                if child.get("x-sensitivity") == "confidential" or (not path and key == "notes"):
                    withheld.append(where)
                    continue
                out[key] = walk(item, child, where)
            return out
        if isinstance(value, list):
            return [
                walk(item, node.get("items", {}), f"{path}/{i}") for i, item in enumerate(value)
            ]
        return value

    return walk(data, schema, ""), withheld


ENCRYPTED_TEXT = "(encrypted: withheld)"


def _withhold(data: dict[str, Any], encrypted: set[str]) -> dict[str, Any]:
    """SOPS-encrypted values shown as withheld, never as their ciphertext."""
    if not encrypted:
        return data

    def walk(value: Any, path: str) -> Any:
        if path in encrypted:
            return ENCRYPTED_TEXT
        if isinstance(value, dict):
            return {k: walk(v, f"{path}/{k}" if path else k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, f"{path}/{i}" if path else str(i)) for i, v in enumerate(value)]
        return value

    return dict(walk(data, ""))


def badges(
    data: dict[str, Any], config: Config, today: dt.date, dates: StatusDates | None = None
) -> list[Badge]:
    """The page's status checks; `dates` are the record's (model_dates), made when not given."""
    if dates is None:
        dates = status_dates(data, config)
    out = []
    if data.get("anonymised"):
        out.append(Badge("Retention", "ok", f"anonymised on {data['anonymised'].get('date', '')}"))
    else:
        kept = dates.retention
        out.append(
            Badge(
                "Retention",
                kept.state(today, config.retention_warning_days),
                kept.explain(past=kept.until is not None and kept.until < today),
            )
        )
    if dates.review is not None:
        review = dates.review
        out.append(
            Badge(
                "Review",
                review.state(today),
                f"{review.interval} review due {review.due}"
                if review.due
                else "no review date: the interval runs past 9999-12-31"
                if review.start
                else "no review interval",
            )
        )
    if dates.contact is not None:
        due, duration = dates.contact
        state = "overdue" if due and due < today else "ok"
        out.append(Badge("Contact", state, f"every {duration.describe()}; next due {due}"))
    return out


def next_due(data: dict[str, Any], config: Config, dates: StatusDates | None = None) -> str:
    """The earliest upcoming or missed date among review, retention and open follow-ups."""
    due = (dates or status_dates(data, config)).next_deadline
    return due.isoformat() if due else ""


def _contacts(data: dict[str, Any]) -> list[Contact]:
    return [
        Contact(
            name=contact.get("name"),
            role=contact.get("role"),
            email=contact.get("email"),
            phone=contact.get("phone"),
            primary=contact.get("primary"),
            preferred_channel=contact.get("preferred_channel"),
            position=i,
            mailto=mailto(contact.get("email")),
            tel=tel(contact.get("phone")),
            fields=contact,
        )
        for i, contact in st.items(data, "contacts")
    ]


def _interactions(data: dict[str, Any], config: Config, today: dt.date) -> list[Interaction]:
    return [
        Interaction(
            date=interaction.get("date"),
            channel=interaction.get("channel"),
            direction=interaction.get("direction"),
            summary=interaction.get("summary"),
            by_name=_name(config.staff, interaction.get("by")),
            follow_up=interaction.get("follow_up"),
            follow_state=st.follow_up_state(interaction, today),
            day=parse_date(interaction.get("date")),
            fields=interaction,
        )
        for _, interaction in reversed(st.items(data, "interactions"))
    ]


def _consents(data: dict[str, Any], config: Config, today: dt.date) -> list[Consent]:
    return [
        Consent(
            purpose=consent.get("purpose"),
            title=config.consent_purposes.get(str(consent.get("purpose")), ""),
            lawful_basis=consent.get("lawful_basis"),
            given=consent.get("given"),
            withdrawn=consent.get("withdrawn"),
            source=consent.get("source"),
            state=st.consent_state(consent, today),
            fields=consent,
        )
        for _, consent in st.items(data, "consents")
    ]


def _kpis(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for _, kpi in st.items(data, "kpis"):
        chart = ""
        actual, target = (
            charts.chart_value(kpi.get("actual")),
            charts.chart_value(kpi.get("target")),
        )
        if actual is not None and target is not None:
            chart = charts.target_bar(actual, target, kpi.get("higher_is_better", True) is True)
        out.append({**kpi, "chart": chart})
    return out


def _feedback_chart(data: dict[str, Any]) -> str:
    points = [
        (str(f.get("date")), score)
        for _, f in st.items(data, "feedback")
        if (score := charts.chart_value(f.get("score"))) is not None
    ]
    return charts.line(points, title="Feedback scores over time, 0 to 10")


def _extras(data: dict[str, Any], schema: dict[str, Any]) -> list[Extra]:
    properties = _resolve(schema, schema).get("properties", {})
    out = []
    for key, value in data.items():
        if key in LAID_OUT:
            continue
        prop = _resolve(properties.get(key, {}), schema)
        out.append(Extra(str(prop.get("title") or key), str(prop.get("description", "")), value))
    return out


def _history(record_history: RecordHistory | None) -> list[HistoryEntry]:
    if record_history is None:
        return []
    return [
        HistoryEntry(
            date=v.commit.author_date[:10],
            author=v.commit.author_name,
            commit=v.commit.sha,
            message=v.commit.subject,
            lines=summary_lines(v),
        )
        for v in record_history.versions
    ]


# An id a page may be named by: a file name in any file system, a URL path segment as it is.
_PAGE_ID = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}")


def page_id(value: object, file: str) -> str:
    """The name of a client's page (clients/NAME.html) and of every link to it: the record's id,
    unless that is no plain name ('../index', 'a\\0b', 300 letters: the schema reports it),
    then the file's name without .yaml, which a path holds already."""
    if isinstance(value, str) and _PAGE_ID.fullmatch(value):
        return value
    return file.rsplit("/", 1)[-1].removesuffix(".yaml")


def client_page(
    file: str,
    data: dict[str, Any],
    config: Config,
    schema: dict[str, Any],
    today: dt.date,
    diagnostics: list[Diagnostic],
    record_history: RecordHistory | None,
    audience: str,
) -> ClientPage:
    """Everything the client page shows, for one audience."""
    plain, encrypted = split_sops(data)
    visible, withheld = audience_view(_withhold(plain, encrypted), schema, audience)
    withheld += sorted(encrypted)
    record_id = page_id(data.get("id"), file)
    dates = status_dates(data, config)
    # the same dates when the audience sees the record whole (no restricted fields, no SOPS)
    shown = dates if visible is data else status_dates(visible, config)
    last = dates.last_interaction
    edit = f"{config.repo_url}/edit/{config.default_branch}/{file}" if config.repo_url else None
    return ClientPage(
        id=record_id,
        file=file,
        name=str(data.get("name", record_id)),
        data=visible,
        owner_name=_name(config.staff, data.get("owner")),
        team_name=_name(config.teams, data.get("team")),
        jurisdiction_name=_name(config.jurisdictions, data.get("jurisdiction")),
        last_interaction=last.isoformat() if last else "",
        next_due=next_due(data, config, dates),
        badges=badges(data, config, today, dates),
        contacts=_contacts(visible),
        interactions=_interactions(visible, config, today),
        consents=_consents(visible, config, today),
        kpis=_kpis(visible),
        feedback_chart=_feedback_chart(visible),
        extras=_extras(visible, schema),
        diagnostics=diagnostics,
        history=_history(record_history),
        edit_url=safe_url(edit),
        website=safe_url(visible.get("website")),
        dates=dates,
        visible_dates=shown,
        tags=tags if isinstance(tags := visible.get("tags"), list) else [],
        withheld=withheld,
        completeness=st.completeness(data, list(schema.get("x-recommended", []))),
        contact_due=_contact_due(dates),
    )


def _contact_due(dates: StatusDates) -> str:
    if dates.contact is None:
        return ""
    due, _ = dates.contact
    return due.isoformat() if due else ""


def search_row(page: ClientPage, flags: list[str]) -> list[Any]:
    """One directory row for the embedded search data (compact: a list, not an object)."""
    data = page.data
    words = [page.name, page.data.get("industry", ""), *page.tags]
    for contact in page.contacts:
        words += [contact.name, contact.email]
    return [
        page.id,
        page.name,
        data.get("status", ""),
        page.owner_name,
        page.team_name,
        data.get("industry", ""),
        data.get("jurisdiction", ""),
        page.last_interaction,
        page.next_due,
        list(page.tags),
        " ".join(str(w) for w in words if w).lower(),
        count(page.diagnostics, Severity.ERROR),
        flags,
    ]
