"""The directory's data files under directory/: what the page's script loads as it needs it.

index.html carries the first rows, the counts and the filters' values, so it
is small at any size. Everything else is in script files that call
`clientbookDirectory(name, data)` (a <script> element per file: it loads from
a static host and from file://, where a page cannot fetch its own files):

- rows-K.js: what the table shows of a block of rows (the rows in name order,
  K*block_size onwards), loaded for the rows drawn;
- col-KEY.js: one column for every row (status, owner, team, industry,
  jurisdiction, last, due), as its sorted distinct values and each row's
  place among them: loaded to filter or sort by it;
- facet-tag.js, facet-flag.js: each tag's and flag's rows;
- search-N.js: the search index (searchindex.py), a term's entry in one file.

Lists of row numbers are written compactly (datafile.rows_list). The same rows give the same bytes. Each file's version (a
hash of its bytes) goes into index.html, and the script asks for
`directory/NAME.js?v=VERSION`, so that a browser's cache never mixes files of
two builds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from clientbook.site import searchindex
from clientbook.site.datafile import compact, payload_of, read_rows, rows_list, script
from clientbook.site.searchtext import fold

# Up to this many rows every data file is loaded once the page is shown (2.3 MB at 10,000
# clients), so that no keystroke waits for one, and the rows come in blocks of BIG_BLOCK:
# fewer files to load. Beyond, the search files (3.3 MB at 100,000) and the first HEAD_ROWS
# rows are (a result of many rows shows its first ones from there), and the rest is loaded
# as it is needed: the rows in blocks of BLOCK, as a result's rows are often far apart.
PRELOAD_ALL = 20_000
HEAD_ROWS = 2000
BLOCK = 100
BIG_BLOCK = 1000
FOLDER = "directory"
# the search row's fields (sitemodel.search_row) each file takes
COLUMNS = {
    "status": 2,
    "owner": 3,
    "team": 4,
    "industry": 5,
    "jurisdiction": 6,
    "last": 7,
    "due": 8,
}
MULTI = {"tag": 9, "flag": 12}
SHOWN = (0, 1, 2, 3, 4, 5, 6, 7, 8, 11)  # id, name, the columns, lint errors
TEXT = 10


def cell(value: Any) -> str:
    """A value as the page compares it (JavaScript's String()); nothing for an empty one."""
    if not value:  # as the filters' counts take it (directory.facets_of): "none"
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def block_file(number: int, rows: Iterable[Sequence[Any]]) -> str:
    shown = [[row[i] for i in SHOWN] for row in rows]
    return script(f"rows-{number}", compact(shown))


def _order(value: str) -> tuple[str, str]:
    return fold(value), value


def column_file(key: str, values: Sequence[str]) -> str:
    """Every row's value of one column: the distinct values in sort order, and each row's."""
    distinct = sorted(set(values), key=_order)
    code = {value: str(n) for n, value in enumerate(distinct)}
    codes = ",".join(map(code.__getitem__, values))
    return script(f"col-{key}", f'{{"values":{compact(distinct)},"codes":[{codes}]}}')


def column_values(text: str) -> list[str]:
    data = payload_of(text)
    values = data["values"]
    return [values[c] for c in data["codes"]]


def facet_file(key: str, rows: dict[str, list[int]], count: int) -> str:
    """Each value of a many-valued filter (tags, flags) with its rows, of `count` rows."""
    values = sorted(v for v, r in rows.items() if r)
    lists = ",".join(rows_list(rows[v], count) for v in values)
    return script(f"facet-{key}", f'{{"values":{compact(values)},"rows":[{lists}]}}')


def facet_rows(text: str) -> dict[str, list[int]]:
    data = payload_of(text)
    return {v: read_rows(r) for v, r in zip(data["values"], data["rows"], strict=True)}


def multi(row: Sequence[Any], key: str) -> set[str]:
    """A row's tags or flags, as the page compares them."""
    values = row[MULTI[key]]
    if not values or not isinstance(values, list):
        return set()
    if all(type(v) is str and v for v in values):
        return set(values)
    return {cell(v) for v in values} - {""}


def cells(values: Iterable[Any]) -> list[str]:
    """`cell` of each value; a string as it is, which nearly all are."""
    return [v if type(v) is str else cell(v) for v in values]


def make_files(rows: Sequence[Sequence[Any]]) -> dict[str, str]:
    """Every data file of the directory of these rows (in name order), by name."""
    files = {}
    size = block_size(len(rows))
    for start in range(0, len(rows), size):
        files[f"rows-{start // size}"] = block_file(start // size, rows[start : start + size])
    fields = list(zip(*rows, strict=True)) if rows else [()] * (TEXT + 3)  # a tuple a field
    for key, i in COLUMNS.items():
        files[f"col-{key}"] = column_file(key, cells(fields[i]))
    for key in MULTI:
        held: dict[str, list[int]] = {}
        for n, row in enumerate(rows):
            for value in multi(row, key):  # a row comes once in each of its values' lists
                held.setdefault(value, []).append(n)
        files[f"facet-{key}"] = facet_file(key, held, len(rows))
    files.update(
        searchindex.index_files([t if type(t) is str else str(t or "") for t in fields[TEXT]])
    )
    return files


Change = tuple[int, Sequence[Any], Sequence[Any]]  # a row's place, and its row before and after


def patch_files(
    files: Mapping[str, str], row_lines: Sequence[bytes], changes: list[Change]
) -> dict[str, str]:
    """The data files these changed rows make different, made again from the files as they
    were (`files`, without the blocks) and the rows now (`row_lines`, each one's JSON)."""
    out: dict[str, str] = {}
    size = block_size(len(row_lines))
    shown = {place // size for place, old, new in changes if _shown(old) != _shown(new)}
    for number in sorted(shown):
        lines = row_lines[number * size : (number + 1) * size]
        out[f"rows-{number}"] = block_file(number, (json.loads(line) for line in lines))
    for key, i in COLUMNS.items():
        moved = [(p, cell(new[i])) for p, old, new in changes if cell(old[i]) != cell(new[i])]
        if moved:
            values = column_values(files[f"col-{key}"])
            for place, value in moved:
                values[place] = value
            out[f"col-{key}"] = column_file(key, values)
    for key in MULTI:
        moved_rows = [(p, multi(o, key), multi(n, key)) for p, o, n in changes]
        if any(before != after for _, before, after in moved_rows):
            held = facet_rows(files[f"facet-{key}"])
            for place, before, after in moved_rows:
                searchindex.move(held, place, before - after, after - before)
            out[f"facet-{key}"] = facet_file(key, held, len(row_lines))
    texts = [(p, str(o[TEXT] or ""), str(n[TEXT] or "")) for p, o, n in changes]
    out.update(searchindex.patch_index(files, len(row_lines), texts))
    return out


def block_size(count: int) -> int:
    """Rows a rows-K.js holds, in a directory of `count` rows."""
    return BIG_BLOCK if count <= PRELOAD_ALL else BLOCK


def preload(count: int) -> list[str]:
    """The data files the page loads once it is shown, in that order."""
    search = [f"search-{n}" for n in range(searchindex.file_count(count))]
    size = block_size(count)
    blocks = [f"rows-{n}" for n in range(-(-count // size))]
    if count > PRELOAD_ALL:
        return search + blocks[: HEAD_ROWS // size]
    return search + blocks + [f"col-{key}" for key in COLUMNS] + [f"facet-{k}" for k in MULTI]


def _shown(row: Sequence[Any]) -> list[Any]:
    return [row[i] for i in SHOWN]


def version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
