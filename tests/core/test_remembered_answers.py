"""What is worked out once, remembered, or decided by a shortcut gives what working it out does.

The schema's date format remembers its verdict on each text (jsonschema-rs asks about
thirty dates a record), and RecordDates keeps a record's retention, review and
next-contact dates for the several lint rules that ask for each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.core import obligations
from clientbook.core.config import load_config
from clientbook.core.schema_formats import FORMATS, _Verdicts, is_date, is_uri, split_uri
from clientbook.core.yamlio import load_document
from tests.conftest import REPO_ROOT

_DATE_LIKE = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.from_regex(r"\A[0-9٣０]{4}-[0-9]{2}-[0-9]{2}\n?\Z"),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_DATE_LIKE, max_size=6))
def test_the_date_format_remembers_the_verdict_it_would_give(texts: list[str]) -> None:
    for text in texts + texts:  # each asked twice: the second answer is remembered
        assert FORMATS["date"](text) is is_date(text)


def test_the_verdicts_are_bounded() -> None:
    verdicts = _Verdicts(is_date)
    for day in range(_Verdicts.KEPT + 10):
        assert verdicts[str(day)] is False
    assert len(verdicts) <= _Verdicts.KEPT
    assert verdicts["2026-02-28"] is True and verdicts["2026-02-30"] is False


def _samples() -> list[dict[str, Any]]:
    records = [load_document(p.read_bytes()).data for p in sorted(REPO_ROOT.glob("clients/*.yaml"))]
    odd: list[dict[str, Any]] = [
        {"status": "active", "since": "2026-01-10", "interactions": [{"date": "2026-11-01"}]},
        {"status": "active", "since": "9999-12-30", "communication": {"frequency": "weekly"}},
        {"status": "former", "ended": "9999-12-31", "agreements": [{"end": "9999-12-31"}]},
        {"status": "active", "interactions": [{"date": "2026-13-01", "channel": "task"}]},
        {"status": "lead", "review": {"last_reviewed": "9999-12-31", "interval": "annually"}},
    ]
    return [r for r in records if isinstance(r, dict)] + odd


def test_record_dates_are_the_functions_answers() -> None:
    config = load_config(REPO_ROOT)
    for data in _samples():
        dates = obligations.RecordDates(data, config)
        assert dates.retention == obligations.retention(data, config)
        assert dates.review == obligations.review(data, config)
        assert dates.contact_due == obligations.contact_due(data, config)
        assert dates.last_interaction == obligations.last_interaction(data)
        assert dates.past_the_calendar() == obligations.past_the_calendar(data, config)


_ADDRESS_PARTS = st.sampled_from(
    [
        "https://",
        "http://",
        "HTTPS://",
        "ftp://",
        "mailto:",
        "a",
        "é",
        "[",
        "]",
        "::1",
        ":",
        "/",
        "?",
        "#",
        "@",
        " ",
        "\t",
        "\n",
        "%",
        "x.example",
        "\u3002",
        "\ufe13",
        "\x00",
        "//",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ADDRESS_PARTS, max_size=7).map("".join))
def test_a_plain_web_address_is_what_urlsplit_makes_of_it(text: str) -> None:
    assert is_uri(text) is split_uri(text), text


def _slow_last_interaction(data: Any) -> dt.date | None:
    """last_interaction as it reads every date: the days of the non-task interactions, the last."""
    days = [
        d
        for _, it in obligations.items(data, "interactions")
        if not obligations.is_task(it) and (d := obligations.parse_date(it.get("date")))
    ]
    return max(days, default=None)


_WHEN = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    st.sampled_from(["2026-13-01", "2026-02-30", "9999-12-31", "0000-01-01", "２０２６-01-01", ""]),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.integers(),
    st.none(),
    st.just(["2026-01-01"]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.fixed_dictionaries({"date": _WHEN, "channel": st.sampled_from(["email", "task"])}))
)
def test_the_last_interaction_is_the_latest_day_read(interactions: list[dict[str, Any]]) -> None:
    data = {"interactions": interactions}
    assert obligations.last_interaction(data) == _slow_last_interaction(data)
