"""bench/generate_alt.py: the second benchmark corpus lints clean and is written faithfully."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from clientbook.core.yamlio import load_document
from clientbook.lint.rules.duplicates import facts_of
from clientbook.lint.rules.duplicates_pairs import suspects
from tests.conftest import REPO_ROOT, TODAY, run_cli


def _generator() -> ModuleType:
    # bench/ is not a package: load the script by its path
    path = REPO_ROOT / "bench" / "generate_alt.py"
    spec = importlib.util.spec_from_file_location("bench_generate_alt", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def test_fifty_records_lint_without_errors_and_read_back_as_written(tmp_path: Path) -> None:
    gen = _generator()
    out = tmp_path / "alt"
    clients = gen.generate(out, 50, seed=3, today=TODAY.isoformat())
    result = run_cli("--repo", str(out), "lint", "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(result.output)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert errors == []
    assert result.exit_code == 0
    assert len(list((out / "clients").glob("*.yaml"))) == 50
    for client in clients:
        raw = (out / "clients" / f"{client.data['id']}.yaml").read_bytes()
        doc = load_document(raw)
        assert doc.problems == []
        assert doc.data == client.data  # comments, quoting and block styles lose nothing
        for path in client.documents:
            assert (out / path).is_file()
    text = "".join(p.read_text(encoding="utf-8") for p in (out / "clients").glob("*.yaml"))
    assert "\n  # " in text or "\n# " in text.split("\n", 2)[2]
    assert "  # " in text and ": |" in text and ": >" in text and ": [" in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # Han
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)  # Arabic
    assert any("\u0900" <= ch <= "\u097f" for ch in text)  # Devanagari


def test_output_depends_only_on_count_seed_and_today(tmp_path: Path) -> None:
    gen = _generator()
    gen.generate(tmp_path / "a", 30, seed=5, today="2026-11-23")
    gen.generate(tmp_path / "b", 30, seed=5, today="2026-11-23")
    gen.generate(tmp_path / "c", 12, seed=5, today="2026-11-23")
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert all(a.get(name) == data for name, data in c.items())  # the first 12 are the same


def test_history_ends_in_the_files_written(tmp_path: Path) -> None:
    gen = _generator()
    out = tmp_path / "hist"
    gen.generate(out, 25, seed=2, today="2026-11-23", history=40)
    log = subprocess.run(
        ["git", "-C", str(out), "log", "--format=%an"], capture_output=True, text=True, check=True
    ).stdout.split("\n")[:-1]
    assert 2 <= len(log) <= 40
    assert len(set(log)) > 1
    status = subprocess.run(
        ["git", "-C", str(out), "status", "--porcelain"], capture_output=True, text=True, check=True
    ).stdout
    assert status == ""


def test_later_clients_names_are_never_suspected_duplicates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gen = _generator()
    monkeypatch.setattr(gen, "LEGACY_CLIENTS", 0)  # every client takes the larger lists
    builder = gen._Builder(gen._Cfg.read(REPO_ROOT / "clientbook.yaml"), 1, TODAY)
    names = [builder.naming(n) for n in range(1, 2001)]
    assert len({n.name for n in names}) == len({n.cid for n in names}) == 2000
    assert len({n.core for n in names}) == 2000
    facts = [
        facts_of({"id": n.cid, "name": n.name}, f"clients/{n.cid}.yaml", frozenset()) for n in names
    ]
    assert [(p.a.name, p.b.name) for p in suspects(facts, 0.92)] == []


def test_forked_workers_write_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gen = _generator()
    # clients past 25 take the later path (larger lists, shared numbers), 50 are made in workers
    monkeypatch.setattr(gen, "LEGACY_CLIENTS", 25)
    monkeypatch.setattr(gen, "PARALLEL_FROM", 10)
    monkeypatch.setattr(gen, "CHUNK", 7)
    gen.generate(tmp_path / "one", 50, seed=6, today=TODAY.isoformat(), jobs=1)
    gen.generate(tmp_path / "two", 50, seed=6, today=TODAY.isoformat(), jobs=2)
    one = _files(tmp_path / "one")
    assert one == _files(tmp_path / "two")
    phones: list[str] = []
    emails: list[str] = []
    for name, data in one.items():
        if name.startswith("clients/"):
            record = load_document(data).data
            phones += {c["phone"] for c in record["contacts"] if "phone" in c}
            emails += [c["email"] for c in record["contacts"] if "email" in c]
    assert len(phones) == len(set(phones))
    assert len(emails) == len(set(emails))
    assert not [p for p in phones if gen._outside_reserved(p)]


def test_by_team_layout(tmp_path: Path) -> None:
    gen = _generator()
    clients = gen.generate(tmp_path / "t", 20, seed=3, today=TODAY.isoformat(), layout="by-team")
    for client in clients:
        folder = client.data.get("team") or "no-team"
        path = tmp_path / "t" / "clients" / folder / f"{client.data['id']}.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schemas/client.schema.json\n")
        assert load_document(path.read_bytes()).data == client.data
    assert not list((tmp_path / "t" / "clients").glob("*.yaml"))
    assert "\nlayout: by-team\n" in (tmp_path / "t" / "clientbook.yaml").read_text(encoding="utf-8")
