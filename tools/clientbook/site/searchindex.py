"""The directory's search index: each term with the rows whose search text has it.

A client's terms are the words of its search text (searchtext.words: its name,
industry, tags, contacts' names and emails), and for each first letter of
them a term of that one letter: what is typed is looked up as the start of a
word, and a query of one letter would otherwise need every word that starts
with it, in every file. A term's entry is in the file its first two letters
hash to (searchtext.file_of), among about SEARCH_ROWS rows' worth of others,
so one keystroke loads one file of a few tens of kB however large the
directory is, and a word typed on (`au`, `aur`, `auro`) stays in the file it
started in.

A file is the terms in JavaScript's order, so the page finds a prefix by
bisection, and each term's rows (datafile.rows_list: steps, or a bitmap for
a term of many rows).
An update in place rewrites only the files whose terms the changed rows
gained or lost (`patch_index`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from clientbook.site.datafile import compact, payload_of, read_rows, rows_list, script
from clientbook.site.searchtext import file_of, js_order, words

SEARCH_ROWS = 1000  # a search file per this many rows


def file_count(rows: int) -> int:
    return max(1, -(-rows // SEARCH_ROWS))


def terms_of(text: str) -> set[str]:
    """The terms a row of this search text is found by: its words, and their first letters."""
    found = set(words(text))
    return found | {t[0] for t in found}


def index_files(texts: Sequence[str]) -> dict[str, str]:
    """The search files of rows with these search texts (in row order), by name."""
    count = file_count(len(texts))
    rows: defaultdict[str, list[int]] = defaultdict(list)
    for n, text in enumerate(texts):
        for word in set(words(text)):
            rows[word].append(n)
    # a letter's entry is every row of the words starting with it: the union, made by
    # sets rather than a row at a time (a third of the postings are the letters')
    letters: defaultdict[str, list[list[int]]] = defaultdict(list)
    for word, held in rows.items():
        letters[word[0]].append(held)
    entries = {word: held for word, held in rows.items() if len(word) > 1}
    for letter, lists in letters.items():
        entries[letter] = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
    files: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for term, held in entries.items():
        files[file_of(term, count)][term] = held
    return {f"search-{n}": _search_file(n, entries, len(texts)) for n, entries in enumerate(files)}


def _search_file(number: int, entries: Mapping[str, Sequence[int]], rows: int) -> str:
    terms = sorted(entries, key=js_order)
    lists = ",".join(rows_list(entries[t], rows) for t in terms)
    return script(f"search-{number}", f'{{"terms":{compact(terms)},"rows":[{lists}]}}')


def move(held: dict[str, list[int]], row: int, leaves: Iterable[str], joins: Iterable[str]) -> None:
    """`row` taken from the lists of `leaves` and put into those of `joins` (kept ascending);
    a list left empty goes."""
    for value in leaves:
        rows = held.get(value, [])
        at = bisect.bisect_left(rows, row)
        if at < len(rows) and rows[at] == row:
            del rows[at]
        if not rows:
            held.pop(value, None)
    for value in joins:
        rows = held.setdefault(value, [])
        at = bisect.bisect_left(rows, row)
        if at == len(rows) or rows[at] != row:
            rows.insert(at, row)


def patch_index(
    files: Mapping[str, str], rows: int, changes: Sequence[tuple[int, str, str]]
) -> dict[str, str]:
    """The search files (of `rows` rows) that differ once each (row, old text, new text) is in."""
    count = sum(1 for name in files if name.startswith("search-"))
    moves: dict[int, list[tuple[int, set[str], set[str]]]] = {}
    for row, old, new in changes:
        before, after = terms_of(old), terms_of(new)
        for term in before ^ after:
            moves.setdefault(file_of(term, count), []).append(
                (row, {term} & before - after, {term} & after - before)
            )
    out = {}
    for number, changed in sorted(moves.items()):
        data = payload_of(files[f"search-{number}"])
        held = dict(zip(data["terms"], data["rows"], strict=True))
        touched = {t for _, leaves, joins in changed for t in leaves | joins}
        entries = {t: read_rows(held.get(t, [])) for t in touched}
        for row, leaves, joins in changed:
            move(entries, row, leaves, joins)
        for term in touched:
            held.pop(term, None)
        decoded = {t: read_rows(r) for t, r in held.items()} | entries
        out[f"search-{number}"] = _search_file(number, decoded, rows)
    return out
