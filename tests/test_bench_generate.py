"""bench/generate.py: names that stay distinct past 13,440 clients, phone numbers handed out
once, sharded layouts, and the same files whether one process writes them or several."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from random import Random
from types import ModuleType

import phonenumbers
import pytest

from clientbook.core.yamlio import load_document
from clientbook.lint.rules.duplicates import facts_of
from clientbook.lint.rules.duplicates_pairs import suspects
from tests.conftest import REPO_ROOT, TODAY


def _generator(name: str = "generate") -> ModuleType:
    # bench/ is not a package: load the script by its path, a module of its own per test
    path = REPO_ROOT / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}_{id(path)}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_names_past_every_word_pair_are_distinct_clients() -> None:
    g = _generator()
    pairs = len(g.NAME_FIRST) * len(g.NAME_SECOND)
    order = list(range(pairs))
    Random("names:1").shuffle(order)
    # every round of business words, the word pairs that come first in each
    indexes = [r * pairs + k for r in range(1 + len(g.NAME_SUFFIX)) for k in range(110)]
    names = [" ".join(g._name_parts(i, order)) for i in indexes]
    assert len(set(names)) == len(names) == 1980
    facts = [
        facts_of({"id": f"c{i}", "name": n}, f"clients/c{i}.yaml", frozenset())
        for i, n in enumerate(names)
    ]
    assert suspects(facts, 0.92) == []
    with pytest.raises(ValueError, match="distinct names"):
        g._name_parts(g.NAME_CAPACITY, order)


def test_forked_workers_write_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = _generator()
    # clients past 20 take the later path (shared numbers), and 40 clients are made in workers
    monkeypatch.setattr(g, "LEGACY_CLIENTS", 20)
    monkeypatch.setattr(g, "PARALLEL_FROM", 10)
    monkeypatch.setattr(g, "CHUNK", 7)
    g.generate(tmp_path / "one", 40, seed=4, today=TODAY.isoformat(), jobs=1)
    g.generate(tmp_path / "two", 40, seed=4, today=TODAY.isoformat(), jobs=2)
    one = _files(tmp_path / "one")
    assert one == _files(tmp_path / "two")
    phones: list[str] = []
    for name, data in one.items():
        if name.startswith("clients/"):
            record = load_document(data).data
            numbers = {c["phone"] for c in record["contacts"] if "phone" in c}
            assert numbers  # every client keeps a number
            phones += numbers
    assert len(phones) == len(set(phones))  # none handed to two clients
    for p in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(p, None)), p


def test_later_clients_never_get_numbers_outside_the_reserved_ranges() -> None:
    g = _generator()
    phones = g._Phones(1)
    legacy_gb = len(g._uk_pool())
    taken = [phones.take("GB", strict=True) for _ in range(legacy_gb)]
    assert not [p for p in taken if p and p.startswith(g.OUTSIDE_RESERVED)]
    assert len(set(taken)) == len(taken)


@pytest.mark.parametrize("layout", ["prefix2", "by-team"])
def test_sharded_layouts_put_files_in_folders(tmp_path: Path, layout: str) -> None:
    g = _generator()
    g.generate(tmp_path / "flat", 12, seed=2, today=TODAY.isoformat())
    g.generate(tmp_path / layout, 12, seed=2, today=TODAY.isoformat(), layout=layout)
    flat = {p.name: p for p in (tmp_path / "flat" / "clients").glob("*.yaml")}
    sharded = sorted((tmp_path / layout / "clients").rglob("*.yaml"))
    assert len(sharded) == len(flat) == 12
    for path in sharded:
        rel = path.relative_to(tmp_path / layout / "clients")
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        assert first == "# yaml-language-server: $schema=../../schemas/client.schema.json"
        assert rest == flat[path.name].read_text(encoding="utf-8").partition("\n")[2]
        record = load_document(path.read_bytes()).data
        assert rel.parts[0] == (record["id"][:2] if layout == "prefix2" else record["team"])
    config = (tmp_path / layout / "clientbook.yaml").read_text(encoding="utf-8")
    assert re.search(rf"^layout: {layout}$", config, re.M)
    assert "layout:" not in (tmp_path / "flat" / "clientbook.yaml").read_text(encoding="utf-8")
