from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.history import fielddiff
from clientbook.history.fielddiff import Change, apply, diff


def _interaction(day: str, channel: str = "meeting") -> dict[str, Any]:
    return {"date": day, "channel": channel, "direction": "outbound", "summary": f"met {day}"}


def test_appended_interaction_is_one_addition() -> None:
    old = {"interactions": [_interaction("2025-01-01"), _interaction("2025-02-01")]}
    new = {"interactions": [*old["interactions"], _interaction("2025-10-02")]}
    assert diff(old, new) == [Change("interactions/2", "added", None, _interaction("2025-10-02"))]


def test_scalar_change() -> None:
    assert diff({"status": "active"}, {"status": "former"}) == [
        Change("status", "changed", "active", "former")
    ]


def test_reordered_contacts_matched_by_name() -> None:
    jo = {"name": "Jo", "email": "jo@a.example"}
    sam = {"name": "Sam", "email": "sam@a.example"}
    sam_new = {"name": "Sam", "email": "sam@b.example"}
    changes = diff({"contacts": [jo, sam]}, {"contacts": [sam_new, jo]})
    assert [c.op for c in changes] == ["moved", "changed"]
    assert changes[-1] == Change("contacts/0/email", "changed", "sam@a.example", "sam@b.example")


def test_contact_matched_by_email_when_renamed() -> None:
    old = {"contacts": [{"name": "Jo Smith", "email": "jo@a.example"}]}
    new = {"contacts": [{"name": "Jo Jones", "email": "jo@a.example"}]}
    assert diff(old, new) == [Change("contacts/0/name", "changed", "Jo Smith", "Jo Jones")]


def test_removed_and_added_fields() -> None:
    assert diff({"a": 1, "b": 2}, {"b": 2, "c": 3}) == [
        Change("a", "removed", 1, None),
        Change("c", "added", None, 3),
    ]


def test_true_is_not_one() -> None:
    assert diff({"a": True}, {"a": 1}) == [Change("a", "changed", True, 1)]


_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.just(1.0),
    st.sampled_from(["a", "b", "jo", "2025-01-01"]),
)
_item = st.fixed_dictionaries(
    {},
    optional={
        "name": st.sampled_from(["Jo", "Sam", "Al"]),
        "email": st.sampled_from(["x@a", "y@a"]),
        "date": st.sampled_from(["2025-01-01", "2025-02-01"]),
        "n": _scalar,
    },
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(st.one_of(inner, _item), max_size=5),
        st.dictionaries(st.sampled_from(["a", "b", "c", "contacts"]), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(_value, _value)
def test_applying_the_diff_gives_the_new_version(old: Any, new: Any) -> None:
    assert json.dumps(apply(old, diff(old, new)), sort_keys=True) == json.dumps(new, sort_keys=True)


@settings(max_examples=200, deadline=None)
@given(_value)
def test_no_changes_between_equal_versions(value: Any) -> None:
    assert diff(value, value) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(_value, _item), max_size=6),
    st.lists(st.one_of(_value, _item), min_size=1, max_size=4),
)
def test_items_appended_are_found_as_the_matching_finds_them(
    old: list[Any], extra: list[Any]
) -> None:
    new = [*old, *extra]  # the old items shared, as the history's parser shares them
    assert list(fielddiff._diff_list(old, new, "p")) == list(fielddiff._diff_matched(old, new, "p"))
