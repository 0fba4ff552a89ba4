"""date-future reads only the texts after today's, and finds what reading every date finds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.core.durations import parse_date
from clientbook.core.obligations import items, section
from clientbook.lint.rules import RULES
from clientbook.lint.rules.dates import _HAPPENED

TODAY = dt.date(2026, 11, 23)
_WHEN = st.one_of(
    st.dates(min_value=dt.date(2026, 11, 1), max_value=dt.date(2026, 12, 31)).map(str),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["2026-11-24", "2026-11-23", "2026-13-01", "2027-02-30", "0000-01-01", ""]),
    st.sampled_from(["２０２７-01-01", "2027-1-1", "9999-12-31", "2026-11-23T10:00"]),
    st.integers(),
    st.none(),
)


def _everything_read(data: dict[str, Any]) -> list[tuple[str, str]]:
    """date-future's findings as (pointer, message) when every date is read."""
    places = [
        ("since", data.get("since")),
        ("ended", data.get("ended")),
        ("review/last_reviewed", section(data, "review").get("last_reviewed")),
    ]
    for key, name in _HAPPENED:
        places += [(f"{key}/{i}/{name}", x.get(name)) for i, x in items(data, key)]
    found = []
    for pointer, value in places:
        when = parse_date(value)
        if when and when > TODAY:
            found.append((pointer, f"{when} is in the future (today is {TODAY})"))
    return found


_ENTRY = st.fixed_dictionaries(
    {}, optional={n: _WHEN for n in ("date", "signed", "given", "withdrawn", "done")}
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "since": _WHEN,
            "ended": _WHEN,
            "review": st.fixed_dictionaries({}, optional={"last_reviewed": _WHEN}),
            **{key: st.lists(_ENTRY, max_size=4) for key, _ in _HAPPENED},
        },
    )
)
def test_date_future_finds_what_reading_every_date_finds(data: dict[str, Any]) -> None:
    check = RULES["date-future"].check
    assert check is not None
    context = type("Context", (), {"today": TODAY})()
    found = [(f.pointer, f.message) for f in check(data, context)]  # type: ignore[arg-type]
    assert found == _everything_read(data)
