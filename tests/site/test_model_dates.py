"""A client's status dates are asked of core/obligations once for its page, and every part of
the page, its flags and its summary read that one answer; the faster ways of making a page
give what the slower ones gave."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import markupsafe
import pytest

from clientbook.core import obligations as st
from clientbook.core.config import Config, load_config
from clientbook.core.durations import parse_date
from clientbook.lint.run import build_checker
from clientbook.site import escape, model
from clientbook.site.build import EPOCH
from clientbook.site.entries import Consent, Contact, HistoryEntry, Interaction
from clientbook.site.env import site_environment
from clientbook.site.flags import duplicate_links, flags, health, response_gaps
from clientbook.site.model import ClientPage, client_page
from clientbook.site.model_dates import status_dates
from clientbook.site.wide import site_context
from clientbook.util.vcard import vcard_data_url
from tests.conftest import OPEN_FOLLOW_UP, REPO_ROOT, TODAY, RecordsRepo, minimal_record
from tests.site.test_site import HOSTILE

CALL = {"date": "2026-10-01", "channel": "phone", "direction": "inbound", "summary": "Called."}

RECORDS: dict[str, dict[str, Any]] = {
    "plain": {},
    "active, follow-ups open": {
        "interactions": [OPEN_FOLLOW_UP, {**CALL, "follow_up": "2026-10-08"}],
        "communication": {"frequency": "monthly"},
    },
    "former, agreement ended": {
        "status": "former",
        "ended": "2025-02-01",
        "agreements": [{"id": "a", "title": "A", "signed": "2020-01-01", "end": "2025-01-31"}],
    },
    "anonymised": {"anonymised": {"date": "2026-07-01"}, "status": "former"},
    "explicit retention, reviewed": {
        "retention": {"retain_until": "2026-12-01", "reason": "court order"},
        "review": {"interval": "annual", "last_reviewed": "2025-12-01"},
    },
    "unreadable dates": {
        "since": "someday",
        "interactions": [{**CALL, "date": "2026-02-30", "follow_up": "next week"}],
    },
    "only a task": {
        "interactions": [{**CALL, "channel": "task", "follow_up": "2026-11-01"}],
    },
}


def _config(repo: RecordsRepo) -> Config:
    return load_config(repo.root)


def _page(config: Config, record: dict[str, Any], audience: str = "internal") -> ClientPage:
    file = f"clients/{record['id']}.yaml"
    return client_page(file, record, config, {}, TODAY, [], None, audience)


@pytest.mark.parametrize("case", sorted(RECORDS))
def test_each_status_date_is_the_one_obligations_decides(
    records_repo: RecordsRepo, case: str
) -> None:
    config = _config(records_repo)
    record = minimal_record(**RECORDS[case])
    dates = status_dates(record, config)
    assert dates.last_interaction == st.last_interaction(record)
    assert dates.retention == st.retention(record, config)
    assert dates.retention_deadline == st.retention_deadline(record, config)
    assert dates.review == (st.review(record, config) if st.review_applies(record) else None)
    assert dates.contact == (st.contact_due(record, config) if st.contact_applies(record) else None)
    assert dates.follow_ups == st.open_follow_ups(record)
    assert dates.next_deadline == st.next_deadline(record, config)


def test_a_page_asks_for_its_dates_once_and_its_flags_ask_nothing(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(records_repo)
    record = minimal_record(**RECORDS["active, follow-ups open"])
    made: list[dict[str, Any]] = []

    def counted(data: dict[str, Any], config: Config) -> Any:
        made.append(data)
        return status_dates(data, config)

    monkeypatch.setattr(model, "status_dates", counted)
    page = _page(config, record)
    assert made == [record]
    # the audience sees the record whole: the flags read the same answer
    assert page.visible_dates is page.dates
    asked: list[str] = []
    for name in ("retention", "review", "contact_due", "open_follow_ups", "next_deadline"):
        monkeypatch.setattr(st, name, lambda *args, _name=name: asked.append(_name))
    marks = flags(page, config, TODAY)
    health(page, TODAY)
    assert asked == []
    assert marks == ["follow-up-due"]


def test_the_restricted_audience_has_dates_of_what_it_sees(records_repo: RecordsRepo) -> None:
    config = _config(records_repo)
    record = minimal_record(notes="private", **RECORDS["active, follow-ups open"])
    page = _page(config, record, "restricted")
    assert "notes" not in page.data
    assert page.visible_dates is not page.dates
    assert page.visible_dates == status_dates(page.data, config)


def _gaps_as_before(data: dict[str, Any]) -> list[int]:
    """response_gaps as it was written first: each inbound's next outbound, found by a scan."""
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


def test_reply_times_are_the_scans_and_survive_a_missing_direction(
    records_repo: RecordsRepo,
) -> None:
    config = _config(records_repo)
    rng = random.Random(17)
    start = dt.date(2026, 1, 1)
    for _ in range(300):
        interactions = [
            {
                **CALL,
                "date": (start + dt.timedelta(days=rng.randrange(40))).isoformat(),
                "direction": rng.choice(["inbound", "outbound", "internal"]),
            }
            for _ in range(rng.randrange(12))
        ]
        record = minimal_record(interactions=interactions)
        assert response_gaps(_page(config, record).interactions) == _gaps_as_before(record)
    # two on one day, one without a direction: the old sort compared None with text
    odd = [{**CALL, "date": "2026-01-05"}, {**CALL, "date": "2026-01-05", "direction": None}]
    odd.append({**CALL, "date": "2026-01-06", "direction": "outbound"})
    page = _page(config, minimal_record(interactions=odd))
    assert response_gaps(page.interactions) == [1]


@pytest.mark.parametrize(
    "text", [HOSTILE, "a & b < c > d ' e \" f", "", "plain", "ünïcödé <€>", "&amp;"]
)
def test_both_ways_of_escaping_text_are_markupsafes(text: str) -> None:
    expected = str(markupsafe.escape(text))
    assert escape._fast_text(text) == expected
    assert escape._escape_text(text) == expected


def test_the_captured_page_is_what_the_template_renders_uncaptured(
    records_repo: RecordsRepo,
) -> None:
    """client.html gathers its main block into one string (faster); without that it gives
    the same bytes."""
    record = minimal_record(
        id="full",
        name=HOSTILE,
        tags=["a", "<b>"],
        contacts=[{"name": "Jo", "email": "jo@acme.example", "phone": "+442079460123"}],
        interactions=[OPEN_FOLLOW_UP, CALL],
        notes=HOSTILE,
    )
    config = _config(records_repo)
    checker = build_checker(config, TODAY)
    env = site_environment(config.root)
    source = env.loader.get_source(env, "site/client.html")[0]  # type: ignore[union-attr]
    assert "{% set page_html %}" in source
    uncaptured = source.replace("{% set page_html %}\n", "", 1).replace(
        "{% endset %}{{ page_html }}", "", 1
    )
    page = client_page(
        "clients/full.yaml", record, config, checker.schema.document, TODAY, [], None, "internal"
    )
    values = {
        "page": page,
        "vcards": [vcard_data_url(page.data, c.fields) for c in page.contacts],
        "duplicates": duplicate_links(page),
        "root": "../",
        **site_context(config, "internal", EPOCH, TODAY),
    }
    captured = env.get_template("site/client.html").render(**values)
    assert HOSTILE not in captured and "Called." in captured
    assert env.from_string(uncaptured).render(**values) == captured


def test_client_html_unpacks_each_entry_in_the_order_of_its_fields() -> None:
    source = (REPO_ROOT / "templates" / "site" / "client.html").read_text(encoding="utf-8")
    kinds = {
        "contacts": Contact,
        "consents": Consent,
        "interactions": Interaction,
        "history": HistoryEntry,
    }
    loops = re.findall(r"\{% for ([\w, ]+) in page\.(\w+) %\}", source)
    unpacked = {seq: [n.strip() for n in names.split(",")] for names, seq in loops if "," in names}
    assert sorted(unpacked) == sorted(kinds)
    for seq, names in unpacked.items():
        fields = kinds[seq]._fields
        assert len(names) == len(fields), seq
        assert all(n in ("_", f) for n, f in zip(names, fields, strict=True)), (seq, names)
