"""FastPositions places every value and key where PositionIndex, composing the whole text, does.

Every text that loads to a mapping is compared, for every JSON path of its data, a
path one step past each (a key that is not there, an item past the end, a step below
a scalar) and the record as a whole, on the value and on the key: the sample clients,
the YAML test suite's cases in their three forms, and record-shaped YAML as written
and mutated (the strategies of test_yaml_differential_records.py). Texts the fast path
did not read count too: lint places the findings of a record from the parsed cache,
which has no composed document, the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from clientbook.core.yamlfastpositions import FastPositions
from clientbook.core.yamlio import load_document
from clientbook.core.yamlpositions import PositionIndex
from tests.core.test_yaml_differential import SAMPLES, SUITE, SUITE_HINT, pointers, suite_forms
from tests.core.test_yaml_differential_records import SETTINGS, mutated, record


def _around(data: Any) -> list[str]:
    """Every path of `data`, and one step past each: where a finding can point."""
    out = [""]
    for pointer in pointers(data):
        out.append(pointer)
        out.append(f"{pointer}/no-such-key")
        out.append(f"{pointer}/7")
    return [*out, "no-such-key", "no-such-key/0"]


def same_positions(raw: bytes) -> bool:
    """Asserts FastPositions agrees with PositionIndex; whether the text was read in parts."""
    doc = load_document(raw)
    if doc.problems or not isinstance(doc.data, dict):
        return False
    text = raw.decode("utf-8-sig", errors="replace")  # as Record.text
    whole, parts = PositionIndex(text), FastPositions(text, doc.data)
    for pointer in _around(doc.data):
        for on_key in (False, True):
            expected = whole.lookup(pointer, on_key=on_key)
            assert parts.lookup(pointer, on_key=on_key) == expected, (pointer, on_key)
    return parts.starts is not None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_clients(path: Path) -> None:
    assert same_positions(path.read_bytes()), "a sample client was composed whole"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_clients_framed(path: Path) -> None:
    """With Windows line ends and the document's markers, still read in parts."""
    raw = b"--- # client\r\n" + path.read_bytes().replace(b"\n", b"\r\n") + b"...\r\n"
    assert same_positions(raw), "a framed sample client was composed whole"


def test_yaml_test_suite() -> None:
    if not SUITE.is_dir():
        pytest.skip(SUITE_HINT)
    for case in sorted(SUITE.glob("**/in.yaml")):
        for raw in suite_forms(case.read_bytes()):
            same_positions(raw)


@SETTINGS
@given(record())
def test_records_as_written(raw: bytes) -> None:
    same_positions(raw)


@SETTINGS
@given(mutated())
def test_records_mutated(raw: bytes) -> None:
    same_positions(raw)


@pytest.mark.parametrize(
    "text",
    [
        # a quoted text running over lines, one of them looking like a key at the margin
        'id: a\nnotes: "first\nreview: not a key"\nreview:\n  by: x\n',
        # a flow collection over lines, and a key inside it at the margin
        "id: a\ntags: [x,\ny: z]\nname: b\n",
        # a key written quoted, a key written with a flow mapping, a document marker
        'id: a\n"name": b\nstatus: c\n',
        "{id: a,\nname: b}\n",
        "---\nid: a\nname: b\n",
        # line breaks libyaml counts and the margin does not see
        "id: a\rname: b\r",
        'id: a\nnotes: "x\u2028y"\nname: b\n',
        # an item's quoted text running over lines, one of them looking like the next item
        'id: a\nlog:\n- note: "first\n- not: an item"\n- note: b\n',
        'id: a\nlog:\n  - note: "first\n  - not an item"\n  - note: b\n',
        # lists written otherwise: in flow, nested, with comments and blank lines between items
        "id: a\ntags: [x, y]\nname: b\n",
        "id: a\ngrid:\n- - 1\n  - 2\n-\n  - 3\n",
        "id: a\nlog:  # the log\n  # first\n  - at: 1\n\n    by: x\n# margin\n  - at: 2\n",
        "id: a\nlog:\n  - at: 1\n - at: 2\n",
        "id: a\nlog:\n  - |\n    - text\n  - >\n   folded\n",
        # a flow list over lines whose next line starts like a block list's item (fuzzing)
        "id: acme\ntags: [Prep\n    - call]\n",
        # an item with an explicit key and no value: libyaml places the value at the next item
        "id: a\nk:\n  - ? a\n  - x\n",
    ],
)
def test_texts_it_must_compose_whole_or_place_alike(text: str) -> None:
    same_positions(text.encode())


def test_a_list_at_the_margin_and_comments_are_read_in_parts() -> None:
    raw = b"# a comment\nid: a\ntags:\n- x\n- y\n# about the name\nname: b\nreview:\n  by: c\n"
    assert same_positions(raw)
    parts = FastPositions(raw.decode(), load_document(raw).data)
    assert (parts.lookup("review/by").line, parts.lookup("name", on_key=True).line) == (9, 7)


def test_a_finding_in_an_item_composes_that_item_alone() -> None:
    raw = SAMPLES[0].read_bytes()
    doc = load_document(raw)
    parts = FastPositions(raw.decode(), doc.data)
    last = len(doc.data["interactions"]) - 1
    assert parts.lookup(f"interactions/{last}/date") == PositionIndex(raw.decode()).lookup(
        f"interactions/{last}/date"
    )
    assert parts._items[(parts.keys.index("interactions"), last)] is not None
    assert not parts._parts  # the entry was never composed whole
