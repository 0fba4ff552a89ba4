"""sitedirectory: the directory's rows, kept text and facets, made whole or patched in place.

The data files themselves, and patches equal to a build at several sizes, are
test_directory_index's.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from jinja2.utils import htmlsafe_json_dumps

from clientbook.site.directory import LazyRows, directory_of, facets_of, patched
from clientbook.site.summary import Summary, from_parts


def _summary(i: int, status: str = "active", tags: tuple[str, ...] = ("retail",)) -> Summary:
    """A summary as the directory reads it: name, search row (sitemodel.search_row's places)."""
    name = f"Client {i:04d} </script><b>"
    row: tuple[Any, ...] = (
        f"client-{i:04d}",
        name,
        status,
        f"owner-{i % 3}",
        "" if i % 5 == 0 else f"team-{i % 2}",
        "Retail",
        "GB" if i % 2 else "BR",
        "2026-11-01",
        "2027-01-01",
        list(tags),
        name.lower(),
        0,
        ["review-due"] if i % 7 == 0 else [],
    )
    text = str(htmlsafe_json_dumps(row, separators=(",", ":")))
    return from_parts(f"clients/client-{i:04d}.yaml", 0, {"directory": (name, row, text)})


def test_the_whole_directory_is_in_name_order_with_every_facet() -> None:
    summaries = [_summary(i) for i in (3, 1, 2)]
    summaries.append(_summary(4, status="prospect", tags=("wholesale", "retail")))
    directory = directory_of(summaries)
    assert [r[0] for r in directory.rows] == [
        "client-0001",
        "client-0002",
        "client-0003",
        "client-0004",
    ]
    assert json.loads(str(directory.rows_json)) == [list(r) for r in directory.rows]
    assert b"</script>" not in directory.json and "</script>" not in str(directory.rows_json)
    assert all("</" not in text for text in directory.files.values())
    assert directory.facet_values() == {
        "status": ["active", "prospect"],
        "owner": ["owner-0", "owner-1", "owner-2"],
        "team": ["team-0", "team-1"],
        "jurisdiction": ["BR", "GB"],
        "tag": ["retail", "wholesale"],
    }
    assert directory.facets["tag"]["retail"] == 4
    assert directory.meta["count"] == 4 and set(directory.meta["versions"]) == set(directory.files)


def test_patched_rows_and_facets_equal_the_directory_made_whole() -> None:
    before = [_summary(i) for i in range(250)]
    before[7] = _summary(7, tags=("only-here", "retail"))
    whole = directory_of(before)
    after = list(before)
    after[7] = _summary(7, status="dormant", tags=("retail",))  # a tag's only holder drops it
    after[230] = _summary(230, tags=("new-tag",))  # beyond the first 200 rows
    changes = [(before[i], after[i]) for i in (7, 230)]
    result = patched(whole.json, whole.facets, len(before), changes)
    expected = directory_of(after)
    assert result is not None
    assert result.json == expected.json and result.meta == expected.meta
    assert result.facet_values() == expected.facet_values()
    assert "only-here" not in result.facet_values()["tag"]
    assert "dormant" in result.facet_values()["status"]
    assert len(result.rows) == 250
    assert list(result.rows) == [list(r) for r in expected.rows]
    assert result.rows[:200] == [list(r) for r in expected.rows[:200]]
    assert whole.facets["tag"]["only-here"] == 1  # the facets it was given are left as they were


def test_a_renamed_or_unknown_row_cannot_be_patched() -> None:
    before = [_summary(i) for i in range(3)]
    whole = directory_of(before)
    renamed = before[1]._replace(name="Another name")
    assert patched(whole.json, whole.facets, 3, [(before[1], renamed)]) is None
    stranger = _summary(9)
    assert patched(whole.json, whole.facets, 3, [(stranger, stranger)]) is None


def test_rows_are_parsed_only_as_far_as_they_are_read() -> None:
    rows = [[i, f"Name {i}"] for i in range(300)]
    lines = [json.dumps(r) for r in rows]
    lines[250] = "not json"  # a row past the head cannot be parsed
    lazy = LazyRows(lines)
    assert len(lazy) == 300
    assert lazy[:200] == rows[:200]
    assert lazy[5] == rows[5] and lazy[-1] == rows[-1]
    assert lazy[10:20:3] == rows[10:20:3]
    with pytest.raises(json.JSONDecodeError):
        lazy[:251]
    assert LazyRows([])[:200] == []


def test_facets_count_each_value_once_per_row() -> None:
    rows = [_summary(i).row for i in range(10)]
    facets = facets_of(rows)
    assert sum(facets["status"].values()) == 10
    assert facets["team"]["team-0"] + facets["team"]["team-1"] == 8  # two rows have no team
