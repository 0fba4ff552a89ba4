"""The fast YAML path gives exactly what the full path gives: data, traps, problems, positions.

Every input is read both ways — `load_document` (the fast path, falling back
to the full one) and `full_load` (libyaml composing, our build) — and the
results must be identical: the data with its types and key order, every trap,
every problem with its rule, words and position. The inputs: every case of
the YAML test suite (yaml/yaml-test-suite, the `data` branch, read from a
cache outside the repository: CLIENTBOOK_YAML_TEST_SUITE, or
~/.cache/clientbook-tests/yaml-test-suite; the test skips when it is absent),
the bad-input corpus and the inputs of test_bad_input.py, every sample
client, and a table of scalar tokens; test_yaml_differential_records.py adds
record-shaped YAML with mutations, from hypothesis.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clientbook.core.yamlfast import AVAILABLE, fast_data
from clientbook.core.yamlfull import full_load
from clientbook.core.yamlio import MAX_FILE_SIZE, Document, load_document
from clientbook.core.yamlpositions import PositionIndex
from tests.conftest import REPO_ROOT
from tests.core.test_bad_input import CORPUS, billion_laughs

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="yaml-rs is not installed")

SUITE = Path(
    os.environ.get("CLIENTBOOK_YAML_TEST_SUITE")
    or Path.home() / ".cache" / "clientbook-tests" / "yaml-test-suite"
)
SUITE_HINT = (
    f"the YAML test suite is not at {SUITE}: put the `data` branch of yaml/yaml-test-suite "
    "there (git archive of the branch, or a clone checked out at it), or name its folder "
    "in CLIENTBOOK_YAML_TEST_SUITE"
)


def both_ways(raw: bytes, *, max_size: int = MAX_FILE_SIZE) -> tuple[Document, Document]:
    """Both readings of `raw`, asserted identical; (fast path's, full path's)."""
    fast = load_document(raw, max_size=max_size)
    full = full_load(raw, max_size=max_size)
    assert repr(fast.data) == repr(full.data)  # repr: True is not 1, 1 is not 1.0, key order
    assert fast.traps == full.traps
    assert fast.problems == full.problems
    if fast_data(raw, max_size) is not None:
        assert not full.problems and not full.traps
    return fast, full


def pointers(data: Any, prefix: str = "") -> list[str]:
    """Every JSON path in `data`, as Record.positions takes them."""
    out = [prefix] if prefix else []
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        out += pointers(value, f"{prefix}/{key}" if prefix else str(key))
    return out


def assert_same_positions(raw: bytes) -> None:
    """Positions from the document the fast path composes on demand are the full path's."""
    kept = load_document(raw, keep_node=True)
    full = full_load(raw, keep_node=True)
    assert kept.ok and full.ok
    lazy, composed = PositionIndex("", kept.node), PositionIndex("", full.node)
    for pointer in pointers(full.data):
        for on_key in (False, True):
            assert lazy.lookup(pointer, on_key=on_key) == composed.lookup(pointer, on_key=on_key)


# --- the sample clients and the bad-input corpus ---------------------------------------------

SAMPLES = sorted((REPO_ROOT / "clients").glob("*.yaml"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_client(path: Path) -> None:
    raw = path.read_bytes()
    both_ways(raw)
    assert fast_data(raw, MAX_FILE_SIZE) is not None, "a sample client left the fast path"
    assert_same_positions(raw)


@pytest.mark.parametrize(
    "frame",
    [
        lambda raw: raw.replace(b"\n", b"\r\n"),
        lambda raw: b"---\n" + raw,
        lambda raw: b"--- # a client\n" + raw + b"...\n",
        lambda raw: b"\xef\xbb\xbf---\r\n" + raw.replace(b"\n", b"\r\n") + b"... # end",
        lambda raw: raw.replace(b"\n", b"\n\n---\n", 1),  # after the modeline and a blank line
    ],
    ids=["crlf", "start", "start-end", "bom-crlf-start-end", "start-after-modeline"],
)
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_client_framed(path: Path, frame: Callable[[bytes], bytes]) -> None:
    """Windows line ends and the document markers keep a record on the fast path, with the
    full path's data and positions."""
    raw = frame(path.read_bytes())
    both_ways(raw)
    assert fast_data(raw, MAX_FILE_SIZE) is not None, "a framed sample client left the fast path"
    assert_same_positions(raw)


@pytest.mark.parametrize(
    "text",
    [
        "id: a\rname: b\n",  # a carriage return alone: a line break to libyaml
        "id: a\r\nname: b\r",
        "---#x\nid: a\n",  # not a marker: a plain scalar, then a mapping
        "--- |\n  text\n",
        "--- id: a\n",
        "---\n---\nid: a\n",
        "---\nid: a\n...\n---\nname: b\n",
        "id: a\n...\nname: b\n",
        "id: a\n...x\n",
        "id: a\n....\n",
        "id: a\n ...\n",
        "%YAML 1.2\n---\nid: a\n",
        "id: 'a\n...\n",
        "note: |\n  text\n...\n",
        'note: "a\r\n  b"\r\n',
        "note: |\r\n  one\r\n  two\r\n\r\n",
        "...\n",
        "---\n",
        "# c\n---\nid: a\n",
        "# c\n\n  # d\n--- # e\nid: a\n",
        "# c\n--- |\n  t\n",
        "# c\n---\n---\nid: a\n",
        "id: a\n# c\n---\nb: 1\n",  # after content: a second document
        "# c\n  ---\nid: a\n",  # indented: not a marker
        "# c\r\n---\r\nid: a\r\n",
    ],
)
def test_line_ends_and_markers(text: str) -> None:
    both_ways(text.encode())


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_input_corpus(path: Path) -> None:
    both_ways(path.read_bytes())


def _bad_inputs() -> list[Any]:
    rng = random.Random(20261123)
    garbage = b"\x00\xff\xfe" + bytes(rng.randrange(256) for _ in range(4096))
    record = b"id: acme\nname: Acme\nkind: organization\n"
    cases = {
        "bomb": billion_laughs(9),
        "bomb-of-mappings": billion_laughs(9, mappings=True),
        "garbage": garbage,
        "nul": b"id: nul\nname: Acme\x00 Logistics\n",
        "latin1": b"id: latin\nname: Caf\xe9 Rouge\n",
        "utf16": "id: wide\nname: Acme\n".encode("utf-16"),
        "list": b"- id: listed\n  name: Acme\n- id: other\n",
        "zero-bytes": b"",
        "blank-lines": b"\n\n   \n",
        "comments-only": b"# just a comment\n# and another\n",
        "bom-only": b"\xef\xbb\xbf",
        "bom": b"\xef\xbb\xbf" + record,
        "two-boms": b"\xef\xbb\xbf\xef\xbb\xbf" + record,
        "marker-only": b"---\n",
        "tabs": b"id: tabs\naddress:\n\tcity: London\n",
        "tab-in-value": b"id: tabs\nname: Acme\tLtd\n",
        "two-documents": record + b"---\n" + record,
        "document-end": record + b"...\n",
        "deep-flow": b"id: deep\nnotes: " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "deep-64": b"id: deep\nnotes: " + b"[" * 63 + b"1" + b"]" * 63 + b"\n",
        "deep-65": b"id: deep\nnotes: " + b"[" * 64 + b"1" + b"]" * 64 + b"\n",
        "deep-empty-64": b"id: deep\nnotes: " + b"[" * 64 + b"]" * 64 + b"\n",
        "deep-block": b"".join(b" " * (2 * i) + b"k:\n" for i in range(70)) + b" " * 140 + b"x\n",
        "phone-newline": record + b"phone: |\n  +442079460123\n",
        "1e999": record + b"target: 1e999\n",
        "long-number": record + b"employees: 1" + b"0" * 5000 + b"\n",
        "duplicate": record + b"name: Again\n",
        "duplicate-quoted": record + b'"name": Again\n',
        "duplicate-number-keys": b"1: a\n'1': b\n",
        "merge": b"a: 1\n<<: {b: 2}\n",
        "tag": record + b"n: !!int 3\n",
        "local-tag": record + b"n: !x 3\n",
        "anchor": record + b"a: &x 1\nb: *x\n",
        "control": b'id: ["&\x7f"]\n',
        "nel": record + "note: a\u0085b\n".encode(),
        "line-separator": record + "note: a\u2028b\n".encode(),
        "cr": record.replace(b"\n", b"\r\n"),
        "too-large": record + b"#" * 100 + b"\n",
        "not-a-mapping": b"just a value\n",
        "empty-mapping": b"{}\n",
        "complex-key": b"? a\n: b\n",
        "directive": b"%YAML 1.2\n---\na: 1\n",
        "no-final-line-break": record + b"notes: |\n  last line",
        "empty-block-at-end": record + b"notes: |\n# a comment\n",
        "spaces-at-end": record + b"notes: |\n  x\n   ",
        "colon-plain": record + b"tags: [:x, ::vector]\n",
        "question-plain": record + b"tags: [?x]\n",
        "json-key": b'{"id":acme, "n":42, "y":yes}\n',
    }
    escapes = ["\\ud800", "\\U0010FFFF", "\\U00110000", "\\0", "\\e\\a\\b", "\\/", "\\x", "\\q"]
    escapes += ["\\N\\_\\L\\P", "\\u0000", "\\x85", "\\uFEFF", "\\u2028", "\\x7f", "x\\\n  y"]
    for number, escape in enumerate(escapes):
        cases[f"escape-{number}"] = record + f'note: "{escape}"\n'.encode()
    return [pytest.param(raw, id=name) for name, raw in cases.items()]


@pytest.mark.parametrize("raw", _bad_inputs())
def test_bad_input(raw: bytes) -> None:
    both_ways(raw)
    both_ways(raw, max_size=100)


# --- scalars: the tokens where YAML readers part ------------------------------------------------

TOKENS = [
    *[
        "0",
        "1",
        "-1",
        "+1",
        "01",
        "-01",
        "00",
        "-0",
        "0.0",
        "-0.0",
        "+0.0",
        "1.",
        ".5",
        "-.5",
        "+.5",
        "1.50",
        "1.10",
        "1e3",
        "1E3",
        "1e+3",
        "1e-3",
        "1.5e3",
    ],
    *[
        ".5e1",
        "0o17",
        "0o",
        "0o19",
        "0x1F",
        "0X1F",
        "0x",
        "0xGG",
        "0b101",
        "0b",
        "1_000",
        "1__0",
        "_1",
        "1_",
        "0x_1",
        "0b1_0",
        "1_0.5_",
    ],
    *[
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".INF",
        ".nan",
        ".NaN",
        ".NAN",
        "inf",
        "nan",
        "NaN",
        "Infinity",
        "1e999",
        "-1e999",
    ],
    *[
        "~",
        "null",
        "Null",
        "NULL",
        "nULL",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "False",
        "FALSE",
        "yes",
        "Yes",
        "YES",
        "yES",
        "no",
        "No",
    ],
    *[
        "NO",
        "nO",
        "on",
        "On",
        "ON",
        "oN",
        "off",
        "Off",
        "OFF",
        "oFF",
        "y",
        "Y",
        "n",
        "N",
        "2025-09-30",
        "2025-9-3",
        "2025-13-99",
        "2025-01-01x",
    ],
    *[
        "12:30",
        "1:30:00",
        "-1:30",
        "190:20:30",
        "1:70",
        "12:30:00.5",
        "+12:30",
        "1.2.3",
        "-",
        "+",
        ".",
        "..",
        "...",
        "--",
        "++",
        "+-",
        "9",
    ],
    "123456789012345678901234567890",
    "0x" + "f" * 40,
    "1" * 4301,
    "v1.0",
    "1st",
    "1 2",
    "1,200",
    "EUR 1,200",
]


@pytest.mark.parametrize(
    "shape",
    [
        "x: {}\n",
        "x:\n  {}\n",
        "x:\n  - {}\n",
        "x: [{}]\n",
        "x: [a, {}]\n",
        "x: [{} , b]\n",
        "x: {{a: {}}}\n",
        'x: {{"a":{}}}\n',
        "x: {} # note\n",
        "{}: x\n",
        "x: '{}'\n",
        'x: "{}"\n',
        "x: |\n  {}\n",
        "x: a\n  {}\n",
        "x: a, {}\n",
    ],
)
def test_scalar_tokens(shape: str) -> None:
    for token in TOKENS:
        both_ways(shape.replace("{}", token).replace("{{", "{").replace("}}", "}").encode())


# --- the YAML test suite ---------------------------------------------------------------------


def _suite_cases() -> list[Any]:
    if not SUITE.is_dir():
        return [pytest.param(None, id="absent")]
    return [
        pytest.param(path, id=path.parent.relative_to(SUITE).as_posix())
        for path in sorted(SUITE.glob("**/in.yaml"))
    ]


@pytest.mark.parametrize(
    "text",
    ["a: [|]\n", "a: {>: 1}\n", "a: {k: |\n  }\n", "a: [b, |-]\n", "a: [a:]\n", "a: {-:}\n"],
)
def test_what_only_yaml_rs_reads_in_a_flow_collection(text: str) -> None:
    """yaml-rs reads these; libyaml refuses them: the full path must say so."""
    fast, full = both_ways(text.encode())
    assert full.problems and fast.problems == full.problems


@pytest.mark.parametrize(
    "text",
    [
        # an implicit key over lines in a flow mapping: one key to yaml-rs, an error to libyaml
        "a: {a\n  b: 1}\n",
        "{a\n b: 1}\n",
        'a: {"a\n  b": 1}\n',
        "a: {x: 1, a\n  b: 2}\n",
        "a: [{a\n  b: 1}]\n",
        "id: acme\naddress: {street: Units 4-6, city: Manchester, postal\n    code: M40 7FS}\n",
        '{\n  "id": "a",\n  "\n  # c\nname": "b"\n}\n',  # a key begun on the line after ','
        "contacts: {Great \n    work!: x}\n",
        # a surrogate pair as two escapes (json.dumps's emoji): one character to yaml-rs only
        'a: "\\ud83d\\ude00"\n',
        '"\\ud83d\\ude00": 1\n',
        'a: "\\UD83D\\UDE00"\n',
    ],
)
def test_what_yaml_rs_reads_and_libyaml_refuses(text: str) -> None:
    """Found by fuzzing both paths: the fast path must leave these to the full path."""
    fast, full = both_ways(text.encode())
    assert full.problems and fast.problems == full.problems


def test_a_flow_mapping_over_lines_with_prose_after_it_keeps_the_fast_path() -> None:
    """Only the flow mapping itself is looked at for a key over lines, not the prose after it."""
    text = (
        "id: acme\ncontacts: [{name: Ana O'Brien, role: '{cfo}',\n    email: ana@acme.example}]\n"
        "notes: 'Former client, parted on good\n  terms. Re: the price list'\n"
    )
    _, full = both_ways(text.encode())
    assert fast_data(text.encode(), MAX_FILE_SIZE) == full.data


@pytest.mark.parametrize(
    "text",
    [
        "k:\n- a#b: &c x\n",
        "id: acme\nskills:\n- C#: &lang expert\n- F#: *lang\n",
        "k:\n- a#b: !t x\n",
        "k:\n- a#b, c: yes\n",
        "items:\n- PO#1, PO#2: on\n",
        "k:\n- -5, b: on\n",
        "k:\n- a:b, c: 12:30\n",
    ],
)
def test_an_entry_whose_key_the_mask_cannot_read_is_not_hidden(text: str) -> None:
    """`- C#: &a x` is a mapping, not a plain scalar of words: its anchor, tag or trap stays seen."""
    fast, full = both_ways(text.encode())
    assert full.problems or full.traps
    assert (fast.problems, fast.traps) == (full.problems, full.traps)


@pytest.mark.parametrize("text", ["\xa0#: 1\n", "\u3000# note: x\n"])
def test_a_unicode_space_before_a_hash_is_a_key_not_a_comment(text: str) -> None:
    fast, full = both_ways(text.encode())
    assert full.data == fast.data and full.data


@pytest.mark.parametrize("case", _suite_cases())
def test_yaml_test_suite(case: Path | None) -> None:
    if case is None:
        pytest.skip(SUITE_HINT)
    for raw in suite_forms(case.read_bytes()):
        both_ways(raw)


def suite_forms(raw: bytes) -> list[bytes]:
    """A case as it is, as a record's field, and with its lines indented under one; the last
    two also with Windows line ends, and between a document's start and end markers."""
    indented = b"".join(b"  " + line for line in raw.splitlines(True))
    fields = [b"id: case\nvalue: " + raw, b"id: case\nvalue:\n" + indented]
    framed = [
        b"---\n" + form + (b"" if form.endswith(b"\n") else b"\n") + b"...\n" for form in fields
    ]
    return [raw, *fields, *framed, *(form.replace(b"\n", b"\r\n") for form in fields)]


def test_the_suite_exercises_the_fast_path() -> None:
    """Enough of the suite's cases take the fast path, in each form, for the comparison to mean
    something (402 cases: when this was written 44, 36 and 113 did as they are and as a field
    of a record; 34 and 115 framed by markers, 36 and 113 with Windows line ends; most of the
    others use anchors or tags)."""
    if not SUITE.is_dir():
        pytest.skip(SUITE_HINT)
    taken = [0] * 7
    for path in SUITE.glob("**/in.yaml"):
        for i, form in enumerate(suite_forms(path.read_bytes())):
            taken[i] += fast_data(form, MAX_FILE_SIZE) is not None
    assert min(taken) >= 25 and sum(taken) >= 400, taken
