"""The directory's data files: words, the search index, row lists, and patches equal to a build."""

from __future__ import annotations

import random
from typing import Any

import pytest
from jinja2.utils import htmlsafe_json_dumps

from clientbook.site import dirfiles, searchindex
from clientbook.site.datafile import payload_of, read_rows, rows_list
from clientbook.site.directory import directory_of, patched
from clientbook.site.searchtext import file_of, fold, words
from clientbook.site.summary import Summary, from_parts

FIRST = ["Aurora", "Birch", "Émile", "Łódź", "Ærø", "Zephyr", "São", "Δέλτα", "北京", "Örn"]
SECOND = ["Caravan", "Lane", "Café", "Łąka", "Shipping", "Partners", "Trading"]


def _row(i: int, name: str, **fields: Any) -> tuple[Any, ...]:
    """A search row (sitemodel.search_row's places) for a client of this name."""
    contact = f"{FIRST[i % 7]} {SECOND[i % 5]}"
    email = f"{contact.split()[0].lower()}.{i}@client-{i}.example"
    tags = fields.get("tags", [["retail"], [], ["key-account", "retail"]][i % 3])
    text = " ".join([name, "Retail", *tags, contact, email]).lower()
    return (
        f"client-{i:05d}",
        name,
        fields.get("status", ["active", "paused", "former"][i % 3]),
        fields.get("owner", f"Owner {i % 4}"),
        "" if i % 5 == 0 else f"Team {i % 2}",
        ["Retail", "Energy", ""][i % 3],
        ["GB", "EU", "BR"][i % 3],
        f"2026-{1 + i % 12:02d}-01",
        fields.get("due", "" if i % 4 == 0 else f"2027-{1 + i % 9:02d}-15"),
        tags,
        text,
        2 if i % 7 == 0 else 0,
        fields.get("flags", ["stale"] if i % 6 == 0 else []),
    )


def _summary(i: int, name: str | None = None, **fields: Any) -> Summary:
    name = name or f"{FIRST[i % len(FIRST)]} {SECOND[i % len(SECOND)]} {i}"
    row = _row(i, name, **fields)
    text = str(htmlsafe_json_dumps(row, separators=(",", ":")))
    return from_parts(f"clients/c{i}.yaml", 0, {"directory": (name, row, text)})


def test_words_fold_as_the_page_does() -> None:
    assert words("São Paulo Café Ltda") == ["sao", "paulo", "cafe", "ltda"]
    assert words("Łódź Łąka, ÆRØSKØBING") == ["lodz", "laka", "aeroskobing"]
    assert words("jo.smith+news@acme-logistics.example") == [
        "jo",
        "smith",
        "news",
        "acme",
        "logistics",
        "example",
    ]
    assert words("Straße ΣΟΦΟΣ") == ["strasse", "σοφοσ"]  # ß, and a final sigma as σ
    assert words("北京贸易 有限公司") == ["北", "京", "贸", "易", "有", "限", "公", "司"]
    assert words("हिन्दी समाचार") == ["हिन्दी", "समाचार"]  # marks of other scripts kept
    assert words("O'Brien & Sons (UK)") == ["o", "brien", "sons", "uk"]
    assert fold("Émile") == "emile" and fold("Ελλάδα") == "ελλαδα"


def test_the_search_file_of_a_term_hashes_its_first_two_letters() -> None:
    assert file_of("aurora", 100) == file_of("au", 100) == file_of("auz", 100)
    assert file_of("a", 1) == 0
    # FNV-1a over code points, as app.js computes it (the browser test finds terms through it)
    assert file_of("au", 2**32) == 0x5825171B


@pytest.mark.parametrize("size", [1, 5, 15, 16, 17, 90, 100])
def test_row_lists_are_steps_or_bitmaps_and_read_back(size: int) -> None:
    rows = sorted(random.Random(size).sample(range(100), size))
    text = rows_list(rows, 100)
    assert read_rows(payload_of(dirfiles_script(text))) == rows
    assert text.startswith('"') == (size * 16 > 100)  # a bitmap past one row in 16


def dirfiles_script(text: str) -> str:
    return f'clientbookDirectory("x",{text});'


def _lookup(files: dict[str, str], term: str) -> set[int]:
    """The rows app.js finds for one typed term, read from the search files as it reads them."""
    count = sum(1 for name in files if name.startswith("search-"))
    data = payload_of(files[f"search-{file_of(term, count)}"])
    found: set[int] = set()
    for entry, held in zip(data["terms"], data["rows"], strict=True):
        if entry == term or (len(term) > 1 and entry.startswith(term)):
            found |= set(read_rows(held))
    return found


def test_every_typed_prefix_finds_exactly_the_rows_with_a_word_starting_with_it() -> None:
    summaries = [_summary(i) for i in range(1200)]  # two search files
    rows = directory_of(summaries).rows
    files = dirfiles.make_files(rows)
    assert sum(1 for name in files if name.startswith("search-")) == 2
    texts = [words(str(r[10])) for r in rows]
    for term in ["a", "au", "aurora", "e", "emile", "lodz", "ł", "δ", "δελ", "北", "z", "9", "xq"]:
        query = words(term)[0]
        expected = {n for n, found in enumerate(texts) if any(w.startswith(query) for w in found)}
        assert _lookup(files, query) == expected, term


def _changed(before: list[Summary]) -> tuple[list[Summary], list[tuple[Summary, Summary]]]:
    """Three clients changed: a new status, tag and flag; a new owner and due date; no tags."""
    after = list(before)
    middle, last = min(250, len(before) - 2), len(before) - 1
    after[3] = _summary(3, before[3].name, status="dormant", tags=["only-here"], flags=["new"])
    after[middle] = _summary(middle, before[middle].name, owner="Owner 9", due="2031-01-01")
    after[last] = _summary(last, before[last].name, tags=[])
    return after, [(before[i], after[i]) for i in (3, middle, last)]


@pytest.mark.parametrize("count", [7, 1300, 25_000])
def test_a_patched_directory_is_the_directory_made_whole(count: int) -> None:
    before = [_summary(i) for i in range(count)]
    whole = directory_of(before)
    after, changes = _changed(before)
    result = patched(whole.json, whole.facets, count, changes)
    expected = directory_of(after)
    assert result is not None
    assert result.json == expected.json and result.meta == expected.meta
    assert result.facet_values() == expected.facet_values() and result.empty() == expected.empty()
    assert result.files == {n: t for n, t in expected.files.items() if whole.files.get(n) != t}
    assert result.files, "something changed"
    assert all(expected.files[n] == whole.files[n] for n in expected.files if n not in result.files)
    assert list(result.rows[:5]) == [list(r) for r in expected.rows[:5]]
    # only what the changes touch: their blocks, the columns and facets they change, their terms
    size = dirfiles.block_size(count)
    blocks = {n for n in result.files if n.startswith("rows-")}
    shown = {new.row[0] for old, new in changes if old.row[:9] != new.row[:9]}  # not the tags
    places = {n for n, r in enumerate(expected.rows) if r[0] in shown}
    assert blocks == {f"rows-{p // size}" for p in places}
    assert {"col-status", "col-owner", "col-due", "facet-tag", "facet-flag"} <= set(result.files)
    assert "col-jurisdiction" not in result.files and "col-industry" not in result.files


def test_rows_that_cannot_be_patched_make_the_directory_again() -> None:
    before = [_summary(i) for i in range(3)]
    whole = directory_of(before)
    renamed = _summary(1, "Another name")
    assert patched(whole.json, whole.facets, 3, [(before[1], renamed)]) is None
    stranger = _summary(9)
    assert patched(whole.json, whole.facets, 3, [(stranger, stranger)]) is None
    older = ("[" + ",".join(s.row_json for s in before) + "]").encode()  # kept before the files
    assert patched(older, whole.facets, 3, [(before[1], before[1])]) is None
    assert patched(whole.json, whole.facets, 4, [(before[1], before[1])]) is None


def test_the_index_of_one_patch_equals_the_index_made_whole() -> None:
    texts = [f"name{i} shared word{i % 3}" for i in range(40)]
    files = searchindex.index_files(texts)
    new = list(texts)
    new[5] = "renamed entirely zzz"
    new[6] = texts[6] + " extra"
    changes = [(5, texts[5], new[5]), (6, texts[6], new[6])]
    made = searchindex.patch_index(files, 40, changes)
    whole = searchindex.index_files(new)
    assert {**files, **made} == whole
    assert set(made) == {n for n in whole if whole[n] != files[n]}
