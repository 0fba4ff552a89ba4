"""The directory's data: every client's row in name order, its data files, and its facets.

Name order sets accents aside ("Émile" between "Emil" and "Emma"), as the
directory's script compares what is typed, so the page's script can keep the
rows in the order they come for its default sort instead of sorting 100,000
names before the page answers.

A full build makes it from every summary: the rows, the data files the page
loads as it needs them (dirfiles.py, searchindex.py) and the text the site
state keeps beside it (`Directory.json`: each row's JSON on a line, then the
data files but the row blocks). An update in place patches that text with the
changed rows, makes again only the data files they change, and patches the
facets' counts with their values: parsing every row again, or indexing every
client's words, would be most of an update's time. The page's rows are parsed
from their lines only as far as a template reads them (the first 200).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from clientbook.site import dirfiles, searchindex
from clientbook.site.summary import Summary

# the row's fields the directory's filters offer, by position (sitesummary's row)
FACET_FIELDS = (("status", 2), ("owner", 3), ("team", 4), ("jurisdiction", 6))
TAGS = 9
FORMAT = "clientbook-directory-1"  # the kept text's, and the page's data files'

Facets = dict[str, Counter[str]]  # each filter's values, with how many rows have each
# the facets' entry counting, for each filter, the rows without a value ("no team")
EMPTY = "(empty)"


@dataclass
class Directory:
    """A directory as built: its rows, the state kept for the next update, the data files.

    `rows` are parsed from their JSON only as far as they are read (a template
    reads the first 200); `json` is the text the site state keeps (site_state),
    from which `patched` makes the next update's directory; `files` are the data
    files to write under directory/ (dirfiles.py): every one for a directory
    made whole, those that changed for one patched; `meta` is what index.html
    tells the page's script: the row count, the files and their versions.
    """

    rows: Sequence[Sequence[Any]]
    json: bytes  # UTF-8: kept, patched and written as bytes, never decoded whole
    facets: Facets
    files: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def facet_values(self) -> dict[str, list[str]]:
        """Each filter's values, sorted, as the directory's page offers them."""
        keys = [key for key, _ in FACET_FIELDS] + ["tag"]
        return {key: sorted(self.facets.get(key, ())) for key in keys}

    def empty(self) -> list[str]:
        """The filters some rows have no value for, which the page offers as "none"."""
        return sorted(key for key, n in self.facets.get(EMPTY, Counter()).items() if n > 0)

    @property
    def rows_json(self) -> Markup:
        """Every row as one JSON array, for an index.html copied before the data files (it
        embedded them): made only if such a template asks."""
        lines = self.rows.lines if isinstance(self.rows, LazyRows) else None
        if lines is not None:
            return Markup((b"[" + b",".join(lines) + b"]").decode("utf-8"))
        return Markup(htmlsafe_json_dumps(list(self.rows), separators=(",", ":")))


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
    """The directory of these clients: rows by name, its data files, the text kept for updates."""
    ordered = sorted(summaries, key=lambda s: name_order(s.name))
    rows = [s.row for s in ordered]
    files = dirfiles.make_files(rows)
    meta = _meta(len(rows), {name: dirfiles.version(text) for name, text in files.items()})
    lines = "\n".join(s.row_json for s in ordered).encode("utf-8").split(b"\n")
    kept = _kept(meta, lines, {name: text.encode("utf-8") for name, text in files.items()})
    return Directory(rows, kept, facets_of(rows), files, meta)


def _meta(count: int, versions: dict[str, str]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "count": count,
        "block": dirfiles.block_size(count),
        "search": searchindex.file_count(count),
        "preload": dirfiles.preload(count),
        "versions": dict(sorted(versions.items())),
    }


def _kept(meta: dict[str, Any], lines: list[bytes], files: dict[str, bytes]) -> bytes:
    """The state's text: the meta, each row's JSON on a line, each data file but the row
    blocks (made from those lines) as its name, a tab and its one line."""
    kept = [
        name.encode() + b"\t" + text for name, text in sorted(files.items()) if not _block(name)
    ]
    return b"\n".join([json.dumps(meta, separators=(",", ":")).encode(), *lines, *kept])


def _block(name: str) -> bool:
    return name.startswith("rows-")


def facets_of(rows: Sequence[Sequence[Any]]) -> Facets:
    facets: Facets = {key: Counter() for key, _ in FACET_FIELDS}
    facets["tag"] = Counter()
    facets[EMPTY] = Counter()
    for row in rows:
        _count(facets, row, 1)
    return facets


def _count(facets: Facets, row: Sequence[Any], step: int) -> None:
    for key, i in FACET_FIELDS:
        value = row[i]
        if value:
            facets[key][value if type(value) is str else dirfiles.cell(value)] += step
        else:
            facets[EMPTY][key] += step
    for tag in dirfiles.multi(row, "tag"):
        facets["tag"][tag] += step


def patched(
    text: bytes, facets: Facets, count: int, changes: list[tuple[Summary, Summary]]
) -> Directory | None:
    """The directory with each (old, new) row replaced where it stands; None when one cannot be.

    A row stays where it is: the order is by name, and a changed name makes a
    full build (it is one of the facts cross-record rules compare). Facets kept by a
    build that did not count the rows without a value are not patched either, nor a
    text kept by a build that wrote no data files. Only the data files the changed
    rows make different are in the result's `files`.
    """
    header, _, rest = text.partition(b"\n")
    meta = _read_meta(header)
    if EMPTY not in facets or meta is None or meta["count"] != count:
        return None
    lines = rest.split(b"\n")
    rows = lines[:count]
    files = {name.decode(): body for name, body in (line.split(b"\t", 1) for line in lines[count:])}
    facets = {key: Counter(values) for key, values in facets.items()}
    moved: list[dirfiles.Change] = []
    for old, new in changes:
        place = _place(rows, old.row_json.encode("utf-8"))
        if old.name != new.name or place is None:
            return None
        rows[place] = new.row_json.encode("utf-8")
        moved.append((place, old.row, new.row))
        _count(facets, old.row, -1)
        _count(facets, new.row, 1)
    for values in facets.values():
        for value in [v for v, n in values.items() if n <= 0]:
            del values[value]
    made = dirfiles.patch_files(_Decoded(files), rows, moved)
    files.update((name, body.encode("utf-8")) for name, body in made.items() if not _block(name))
    versions = {**meta["versions"], **{n: dirfiles.version(t) for n, t in made.items()}}
    meta = _meta(count, versions)
    return Directory(LazyRows(rows), _kept(meta, rows, files), facets, made, meta)


class _Decoded(Mapping[str, str]):
    """The kept data files as text, each decoded when it is read: a change reads a few."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def __getitem__(self, name: str) -> str:
        return self.files[name].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def _read_meta(header: bytes) -> dict[str, Any] | None:
    try:
        meta = json.loads(header)
    except ValueError:
        return None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        return None
    return meta


def _place(rows: list[bytes], line: bytes) -> int | None:
    """Where a row's JSON is, when it is there once."""
    try:
        place = rows.index(line)
    except ValueError:
        return None
    return None if line in rows[place + 1 :] else place


class LazyRows(Sequence[Sequence[Any]]):
    """Rows parsed from their JSON lines as far as they are read."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self._rows: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, index: int) -> Sequence[Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._row(n) for n in range(*index.indices(len(self.lines)))]
        return self._row(index if index >= 0 else len(self.lines) + index)

    def _row(self, n: int) -> Any:
        if n not in self._rows:
            self._rows[n] = json.loads(self.lines[n])
        return self._rows[n]

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return (self._row(n) for n in range(len(self.lines)))
