"""The dashboard's totals counted by difference give the dashboard a full count gives."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.site import dashtotals
from clientbook.site.dashboard import build_dashboard, dashboard_of
from clientbook.site.dashtotals import mean, totals_of
from clientbook.site.summary import Summary, from_parts

TODAY = dt.date(2026, 11, 23)
NAMES = ["Acme", "Beta", "Émile", "acme", ""]


@st.composite
def summaries(draw: st.DrawFn, n: int) -> Summary:
    active = draw(st.booleans())
    health = (
        {
            "id": f"c{n}",
            "name": draw(st.sampled_from(NAMES)),
            "frequency": "monthly",
            "last_year": draw(st.integers(0, 5)),
            "last": "",
            "overdue_days": draw(st.integers(0, 4)),  # few values: ties, set apart by id
        }
        if active
        else None
    )
    small = st.sampled_from
    values = (
        draw(small(["active", "prospect", ""])),
        draw(small(["Accounts", "", "R&D"])),
        draw(small(["GB", "BR", ""])),
        draw(small([0.0, 1 / 3, 2 / 3, 0.1, 1.0])),  # thirds and tenths do not add up exactly
        tuple(draw(st.lists(small(["stale", "consent", "review"]), max_size=3))),
        tuple(draw(st.lists(small(["2026-10", "2026-11", "2025-01"]), max_size=4))),
        tuple(
            draw(
                st.lists(
                    st.tuples(small(["2026-Q3", "2026-Q4"]), small([0.1, 0.2, 4.5, 3.0, 1e300])),
                    max_size=3,
                )
            )
        ),
        tuple(draw(st.lists(st.integers(0, 40), max_size=4))),
        health,
    )
    return from_parts(f"clients/c{n}.yaml", 0, {"dashboard": values})


@st.composite
def edits(draw: st.DrawFn) -> tuple[list[Summary], list[Summary]]:
    """Clients before, and after some of them changed."""
    count = draw(st.integers(1, 20))
    before = [draw(summaries(n)) for n in range(count)]
    after = list(before)
    for n in draw(st.lists(st.integers(0, count - 1), max_size=count, unique=True)):
        after[n] = draw(summaries(n))
    return before, after


@pytest.mark.parametrize("health", [1, 3])
@settings(max_examples=80, deadline=None)
@given(edit=edits())
def test_counting_the_changes_in_gives_the_full_count(
    edit: tuple[list[Summary], list[Summary]], health: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dashtotals, "HEALTH", health)
        patch.setattr(dashtotals, "KEPT_PER_ROW", 2)  # few enough to run out of kept rows
        _counted_by_difference(*edit, health)


def _counted_by_difference(before: list[Summary], after: list[Summary], health: int) -> None:
    totals = pickle.loads(pickle.dumps(totals_of(before)))  # as the site state keeps them
    changes = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    whole = build_dashboard(after, TODAY)
    if totals.replace(changes):
        assert dashboard_of(totals, TODAY) == whole
    else:  # too many of the kept health rows went: the caller counts every client again
        assert any(old.health is not None for old, _ in changes)


def test_the_mean_is_exact_whatever_the_order_of_the_values() -> None:
    values = [0.1] * 10 + [1e16, -1e16]
    forward = sum(values) / len(values)
    backward = sum(reversed(values)) / len(values)
    assert forward != backward  # float addition depends on the order
    counted: Any = dashtotals.Counter(values)
    assert mean(counted) == pytest.approx(1 / 12) and mean(dashtotals.Counter()) is None


def test_the_health_table_is_the_most_overdue_then_by_name_then_by_id() -> None:
    rows = [
        {"id": i, "name": name, "overdue_days": days}
        for i, name, days in [("b", "Same", 3), ("a", "Same", 3), ("c", "Other", 9)]
    ]
    ordered = sorted(rows, key=dashtotals.health_order)
    assert [r["id"] for r in ordered] == ["c", "a", "b"]
