"""The directory's data: every client's row in name order, as search data (JSON text) and facets.

Name order sets accents aside ("Émile" between "Emil" and "Emma"), as the
directory's script compares what is typed, so the page's script can keep the
rows in the order they come for its default sort instead of sorting 10,000
names before the page answers.

A full build makes it from every summary. An update in place patches the
search data as last written (kept beside the site state) with the changed
rows, and the facets' counts with their values: parsing the whole search data
(several MB at 10,000 clients) or reading every client's row back would be a
good part of an update's time. The page's rows are parsed from the text only
as far as a template reads them (the first 200, by default).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from clientbook.site.summary import Summary

# the row's fields the directory's filters offer, by position (sitesummary's row)
FACET_FIELDS = (("status", 2), ("owner", 3), ("team", 4), ("jurisdiction", 6))
TAGS = 9

Facets = dict[str, Counter[str]]  # each filter's values, with how many rows have each
# the facets' entry counting, for each filter, the rows without a value ("no team")
EMPTY = "(empty)"

_BETWEEN_ROWS = frozenset(" \t\r\n,")


@dataclass
class Directory:
    """The rows (a sequence parsed from `json` only as far as it is read), the search data, facets."""

    rows: Sequence[Sequence[Any]]
    json: str
    facets: Facets

    def facet_values(self) -> dict[str, list[str]]:
        """Each filter's values, sorted, as the directory's page offers them."""
        keys = [key for key, _ in FACET_FIELDS] + ["tag"]
        return {key: sorted(self.facets.get(key, ())) for key in keys}

    def empty(self) -> list[str]:
        """The filters some rows have no value for, which the page offers as "none"."""
        return sorted(key for key, n in self.facets.get(EMPTY, Counter()).items() if n > 0)


# letters that are not a letter with an accent to Unicode, read as the script folds them (app.js)
_LETTERS = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th"}
)


def name_order(name: str) -> tuple[str, str]:
    """Where a client's name sorts: case and accents set aside first, then case alone."""
    lower = name.lower()
    if lower.isascii():
        return lower, lower
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    return "".join(c for c in folded if not unicodedata.combining(c)), lower


def directory_of(summaries: list[Summary]) -> Directory:
    """The directory of these clients: rows by name, each serialised as its summary holds it."""
    ordered = sorted(summaries, key=lambda s: name_order(s.name))
    rows = [s.row for s in ordered]
    return Directory(rows, "[" + ",".join(s.row_json for s in ordered) + "]", facets_of(rows))


def facets_of(rows: Sequence[Sequence[Any]]) -> Facets:
    facets: Facets = {key: Counter() for key, _ in FACET_FIELDS}
    facets["tag"] = Counter()
    facets[EMPTY] = Counter()
    for row in rows:
        _count(facets, row, 1)
    return facets


def _count(facets: Facets, row: Sequence[Any], step: int) -> None:
    for key, i in FACET_FIELDS:
        if row[i]:
            facets[key][str(row[i])] += step
        else:
            facets[EMPTY][key] += step
    for tag in row[TAGS]:
        facets["tag"][tag] += step


def patched(
    text: str, facets: Facets, count: int, changes: list[tuple[Summary, Summary]]
) -> Directory | None:
    """The directory with each (old, new) row replaced where it stands; None when one cannot be.

    A row stays where it is: the order is by name, and a changed name makes a
    full build (it is one of the facts cross-record rules compare). Facets kept by a
    build that did not count the rows without a value are not patched either.
    """
    if EMPTY not in facets:
        return None
    facets = {key: Counter(values) for key, values in facets.items()}
    for old, new in changes:
        if old.name != new.name or text.count(old.row_json) != 1:
            return None
        text = text.replace(old.row_json, new.row_json, 1)
        _count(facets, old.row, -1)
        _count(facets, new.row, 1)
    for values in facets.values():
        for value in [v for v, n in values.items() if n <= 0]:
            del values[value]
    return Directory(LazyRows(text, count), text, facets)


class LazyRows(Sequence[Sequence[Any]]):
    """Rows parsed from the search data as far as they are read: the first ones one by one,
    the whole text once anything beyond them is wanted."""

    HEAD = 200

    def __init__(self, text: str, count: int) -> None:
        self._text = text
        self._count = count
        self._head: list[Any] = []
        self._end = text.find("[") + 1  # where the next row of the head may start
        self._all: list[Any] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Sequence[Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            end = max(start, stop) if step > 0 else start + 1
        else:
            end = (index if index >= 0 else self._count + index) + 1
        return (self._rows_to(end) if end <= self.HEAD else self._every())[index]

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return iter(self._every())

    def _rows_to(self, end: int) -> list[Any]:
        if self._all is not None:
            return self._all
        decoder = json.JSONDecoder()
        while len(self._head) < min(end, self._count):
            start = self._end
            while self._text[start : start + 1] in _BETWEEN_ROWS:
                start += 1
            row, self._end = decoder.raw_decode(self._text, start)
            self._head.append(row)
        return self._head

    def _every(self) -> list[Any]:
        if self._all is None:
            self._all = json.loads(self._text)
        return self._all
