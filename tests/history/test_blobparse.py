"""Field-by-field parsing of versions gives exactly what the ordinary loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.history.blobparse import BlobParser, parse_blob

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "clients").glob("*.yaml"))
CORPUS = sorted((ROOT / "tests" / "corpus" / "negative").glob("*"))

# Texts where a cut before a left-margin key would be wrong if it were trusted blindly.
TRICKY = {
    "double-quoted value continued at the margin": b'a: "foo\nbar: x"\nb: 1\n',
    "single-quoted value continued at the margin": b"a: 'foo\nbar: x'\nb: 1\n",
    "flow list continued at the margin": b"a: [1,\nb: 2]\nc: 3\n",
    "flow mapping continued at the margin": b"a: {x: 1,\ny: 2}\nb: 3\n",
    "plain value continued at the margin": b"a: foo\nbar\nb: 1\n",
    "plain value followed by a key": b"a: foo\nbar: x\n",
    "block scalar ended by a key": b"a: |\n  text\n  more\nb: 2\n",
    "sequence at the margin": b"a:\n- 1\n- 2\nb: 3\n",
    "key written twice": b"a: 1\nb: 2\na: 3\n",
    "document end marker": b"a: 1\n...\nb: 2\n",
    "second document": b"a: 1\n---\nb: 2\n",
    "directive": b"%YAML 1.2\n---\na: 1\n",
    "comment inside a quoted value": b'a: "x\n# y"\nb: 1\n',
    "leading modeline and comments": b"# yaml-language-server: $schema=x\n\n# note\na: 1\nb: 2\n",
    "indented first key": b"  a: 1\n  b: 2\n",
    "list at the top": b"- a: 1\n- b: 2\n",
    "byte order mark": b"\xef\xbb\xbfa: 1\nb: 2\n",
    "windows line ends": b"a: 1\r\nb:\r\n  - x\r\nc: 3\r\n",
    "merge key": b"a: 1\n<<: {b: 2}\n",
    "anchor and alias": b"a: &x 1\nb: *x\n",
    "not UTF-8": b"a: caf\xe9\nb: 1\n",
    "tab indentation": b"a:\n\tb: 1\n",
    "trap in a later field": b"a: 1\nphone: 0784\nb: yes\n",
    "empty value then key": b"a:\nb: 1\n",
    "key with colon in value": b"a: b: c\nd: 1\n",
    "items, the second continuing a quote": b'a:\n  - "x\n  - y"\n  - z\nb: 1\n',
    "items, one continuing a flow list": b"a:\n  - [1,\n  - 2]\n  - 3\nb: 1\n",
    "items with a block scalar": b"a:\n  - |\n    text\n  - 2\nb: 1\n",
    "items at the margin": b"a:\n- x: 1\n  y: 2\n- x: 3\nb: 1\n",
    "items after a comment": b"a:\n  # first\n  - 1\n  - 2\nb: 1\n",
    "an item key written twice": b"a:\n  - x: 1\n    x: 2\n  - 3\nb: 1\n",
    "a dash that starts no item": b"a:\n  - x\n  -y\n  - z\nb: 1\n",
}

# Enough fields for a version seen first to be read whole, its fields then remembered.
_MANY = b"".join(b"f%d: %d\n" % (n, n) for n in range(12))

# Versions read one after another by one parser: an earlier version read whole must not
# lend a later one a field or item whose cut, in the earlier one, was not proved.
SEQUENCES = {
    "a quoted key hides a false cut": [
        b'a: "text\nb: in quote"\n"b": 1\n' + _MANY,
        b'a: "text\nf0: 0\nf1: 1\n',
        b'a: "text\nb: in quote"\nc: 2\n',
    ],
    "a flow value continued at the margin": [
        b"a: [1,\nb: 2]\n" + _MANY,
        b"a: [1,\nc: 1\n",
    ],
    "an item continuing a quote": [
        b'k:\n  - "x\n  - y"\n  - z\n' + _MANY,
        b'k:\n  - "x\n  - y"\n  - z\n  - w\n' + _MANY,
        b'k:\n  - "x\n  - w\n' + _MANY,
    ],
    "an item appended, then one changed": [
        b"k:\n  - a: 1\n  - a: 2\n" + _MANY,
        b"k:\n  - a: 1\n  - a: 2\n  - a: 3\n" + _MANY,
        b"k:\n  - a: 1\n  - a: 20\n  - a: 3\n" + _MANY,
        b"k:\n  - a: 3\n  - a: 1\n" + _MANY,
        b"k:\n  - a: 1\n  - a: 2\n    b: [x,\n  - a: 3]\n" + _MANY,
    ],
    "the same items under another key": [
        b"k:\n  - 1\n  - 2\n" + _MANY,
        b"j:\n  - 1\n  - 2\n" + _MANY,
        b"k:\n  - 1\n  - 2\n  - 3\nc: 1\n",
    ],
}


def _same(raw: bytes) -> None:
    assert BlobParser().parse(raw) == parse_blob(raw)


@pytest.mark.parametrize("raw", list(TRICKY.values()), ids=list(TRICKY))
def test_tricky_texts_read_as_the_loader_reads_them(raw: bytes) -> None:
    _same(raw)


@pytest.mark.parametrize("path", SAMPLES + CORPUS, ids=lambda p: p.name)
def test_sample_and_bad_files_read_as_the_loader_reads_them(path: Path) -> None:
    if path.is_file():
        _same(path.read_bytes())


@pytest.mark.parametrize("versions", list(SEQUENCES.values()), ids=list(SEQUENCES))
def test_versions_read_in_turn_read_as_the_loader_reads_each(versions: list[bytes]) -> None:
    parser = BlobParser()
    for raw in versions:
        assert parser.parse(raw) == parse_blob(raw)


def test_an_appended_item_is_parsed_alone_and_the_others_shared() -> None:
    parser = BlobParser()
    fields = _MANY
    items = b"k:\n  - a: 1\n    b: [x, y]\n  - a: 2\n"
    first = parser.parse(fields + items)  # read whole: its fields and items remembered
    second = parser.parse(fields + items + b"  - a: 3\n")
    assert second.data["k"] == [{"a": 1, "b": ["x", "y"]}, {"a": 2}, {"a": 3}]
    assert second.data["k"][0] is first.data["k"][0] and second.data["f0"] is first.data["f0"]


def test_a_parser_on_a_base_reads_what_it_saw_and_adds_nothing_to_it() -> None:
    base = BlobParser()
    items = b"k:\n  - a: 1\n  - a: 2\n"
    first = base.parse(_MANY + items)
    saw = (dict(base._pieces), dict(base._items), dict(base._keys))
    batch = BlobParser(base=base)
    raw = _MANY + items + b"  - a: 3\n"
    second = batch.parse(raw)
    assert second == parse_blob(raw)
    assert second.data["k"][0] is first.data["k"][0] and second.data["f0"] is first.data["f0"]
    assert (base._pieces, base._items, base._keys) == saw


def test_a_field_whose_text_is_unchanged_is_parsed_once_and_shared() -> None:
    parser = BlobParser()
    first = parser.parse(b"name: Acme\ncontacts:\n  - name: Ann\n    email: ann@example.com\n")
    second = parser.parse(b"name: Acme Ltd\ncontacts:\n  - name: Ann\n    email: ann@example.com\n")
    assert first.data["name"] == "Acme" and second.data["name"] == "Acme Ltd"
    assert first.data["contacts"] is second.data["contacts"]


def test_a_broken_version_reports_the_line_in_the_whole_file() -> None:
    parser = BlobParser()
    parser.parse(b"a: 1\nb: 2\n")
    broken = parser.parse(b"a: 1\nb: [2\nc: 3\n")
    assert broken.data is None and broken.error.startswith("line ")
    assert broken == parse_blob(b"a: 1\nb: [2\nc: 3\n")


# Lines that a person or a merge could put at the left margin of a record.
_MARGIN_LINES = st.sampled_from(
    [
        b"key: value",
        b"note: 'open",
        b'note: "open',
        b"close'",
        b'close"',
        b"tags: [a,",
        b"b]",
        b"- item",
        b"# comment",
        b"...",
        b"---",
        b"",
        b"  indented: 1",
        b"name: again",
        b"text: |",
        b"  block",
        b"x: {a: 1,",
        b"}",
        b"id: 0784",
        b"  - item",
        b"  - 'open",
        b'  - "open',
        b"  - [a,",
        b"  - note: |",
        b"    block",
        b"- x",
        b"  -",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(SAMPLES),
    edits=st.lists(st.tuples(st.floats(0, 1), _MARGIN_LINES), min_size=1, max_size=4),
)
def test_edited_records_read_as_the_loader_reads_them(
    sample: Path, edits: list[tuple[float, bytes]]
) -> None:
    lines = sample.read_bytes().split(b"\n")
    for where, line in edits:
        lines.insert(int(where * len(lines)), line)
    parser = BlobParser()
    parser.parse(sample.read_bytes())  # the earlier version fills the cache, as in history
    raw = b"\n".join(lines)
    assert parser.parse(raw) == parse_blob(raw)
