from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clientbook.core.yamlio import load_document
from clientbook.core.yamlpositions import PositionIndex
from tests.conftest import RecordsRepo, minimal_record


def test_yaml_12_core_scalars() -> None:
    doc = load_document(b"a: 2025-01-01\nb: NO\nc: true\nd: ~\ne: 12\nf: 1.5\ng: 0x1F\nh: False\n")
    assert doc.data == {
        "a": "2025-01-01",
        "b": "NO",
        "c": True,
        "d": None,
        "e": 12,
        "f": 1.5,
        "g": 31,
        "h": False,
    }


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("0784", 784, "leading zero"),
        ("+442079460123", 442079460123, "plus sign"),
        ("1.10", 1.1, "trailing zero"),
        ("12:30", "12:30", "base-60"),
        ("yes", "yes", "true/false"),
        ("off", "off", "true/false"),
        ("1_000", "1_000", "YAML 1.1 readers"),
        ("1e3", 1000.0, "YAML 1.1 readers"),
        ("0o17", 15, "YAML 1.1 readers read it differently"),
        ("1e999", "1e999", "not a number JSON can hold"),
        ("-.inf", "-.inf", "not a number JSON can hold"),
    ],
)
def test_traps(text: str, value: object, words: str) -> None:
    doc = load_document(f"x: {text}\n".encode())
    assert doc.data == {"x": value}
    assert words in doc.traps["x"].message
    assert "quote it" in doc.traps["x"].hint


@pytest.mark.parametrize(
    "text", ["'0784'", '"+442079460123"', "hello", "2025-01-01", "12", "true", "1.5"]
)
def test_no_trap(text: str) -> None:
    assert load_document(f"x: {text}\n".encode()).traps == {}


def test_positions_of_values_and_keys() -> None:
    index = PositionIndex("id: a\ncontacts:\n  - name: Jo\n    email: jo@x.example\n")
    assert (index.lookup("contacts/0/email").line, index.lookup("contacts/0/email").column) == (
        4,
        12,
    )
    assert index.lookup("contacts/0/email", on_key=True).column == 5
    missing = index.lookup("contacts/0/phone")  # nearest existing ancestor: the contact
    assert (missing.line, missing.column) == (3, 5)


def test_bom_is_accepted() -> None:
    assert load_document(b"\xef\xbb\xbfid: a\n").data == {"id": "a"}


def test_merge_key_refused() -> None:
    doc = load_document(b"a: 1\n<<: {b: 2}\n")
    assert doc.data is None and doc.problems[0].rule == "yaml-anchor"


def test_control_character_beside_an_ampersand() -> None:
    """Found by hypothesis: the anchor pre-scan met a reader error before the composer did."""
    doc = load_document(b'id: ["&\x7f"]\n')
    assert doc.data is None and doc.problems[0].rule == "yaml-syntax"
    assert (doc.problems[0].line, doc.problems[0].column) == (1, 8)


def test_anchor_prefilter_skips_ordinary_ampersands() -> None:
    from clientbook.core.yamlcompose import _MAYBE_ANCHOR

    assert not _MAYBE_ANCHOR.search('summary: R&D and P&L review; 5 * 3 = 15\nnote: "*bold*"\n')
    for text in ("a: &x 1", "b: *x", "- &a\n", "k: [&a 1]", '{"a":*x}', "  <<: *base"):
        assert _MAYBE_ANCHOR.search(text), text


def test_an_alias_the_prefilter_missed_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Aliases must never be expanded: _build refuses a node reached twice whatever the prefilter says."""
    import re

    import clientbook.core.yamlcompose as yamlcompose

    monkeypatch.setattr(yamlcompose, "_MAYBE_ANCHOR", re.compile("(?!)"))
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    doc = load_document(bomb.encode())
    assert doc.data is None and doc.problems[0].rule == "yaml-anchor"


def test_checking_a_record_does_not_keep_its_positions(records_repo: RecordsRepo) -> None:
    """A build keeps every record; the positions index made to place findings must not stay."""
    import datetime as dt

    from clientbook.core.config import load_config
    from clientbook.core.records import record_from_bytes
    from clientbook.lint.run import build_checker

    config = load_config(records_repo.root)
    raw = yaml.safe_dump(minimal_record(owner="nobody"), sort_keys=False).encode()
    record = record_from_bytes("clients/acme-logistics.yaml", raw)
    result = build_checker(config, dt.date(2026, 11, 23)).check_record(record)
    owner = [d for d in result.diagnostics if d.pointer == "owner"]
    assert owner and owner[0].line > 1  # placed on its line, with the positions index
    assert "positions" not in record.__dict__ and "text" not in record.__dict__
    assert record.positions.lookup("owner").line == owner[0].line  # made again when asked


def _reference_positions(
    text: str,
) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Every node's position, by a full walk: what a lookup along the path must agree with."""
    values: dict[str, tuple[int, int]] = {}
    keys: dict[str, tuple[int, int]] = {}

    def walk(node: yaml.Node, path: str) -> None:
        values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = f"{path}/{key_node.value}" if path else str(key_node.value)
                keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}/{i}" if path else str(i))

    walk(yaml.compose(text, Loader=yaml.SafeLoader), "")
    return values, keys


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parents[2] / "clients").glob("*.yaml")), ids=lambda p: p.name
)
def test_lookups_along_the_path_agree_with_a_full_walk(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    values, keys = _reference_positions(text)
    index = PositionIndex(text)
    first_key = min(keys.values())
    for pointer, where in values.items():
        got = index.lookup(pointer)
        assert (got.line, got.column) == (where if pointer else first_key), pointer
        if pointer in keys:
            got = index.lookup(pointer, on_key=True)
            assert (got.line, got.column) == keys[pointer], pointer
        missing = index.lookup(f"{pointer}/no-such-field" if pointer else "no-such-field")
        assert (missing.line, missing.column) == (where if pointer else first_key), pointer
