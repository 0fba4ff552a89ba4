"""bench/generate_blind.py: the third benchmark corpus lints clean, reads back, and is reproducible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clientbook.core.yamlio import load_document
from tests.conftest import REPO_ROOT, TODAY, run_cli

SCRIPT = REPO_ROOT / "bench" / "generate_blind.py"


def _generate(out: Path, count: int, seed: int, layout: str = "prefix2") -> None:
    # the script is run as its users run it: by its command line, with --verify reading back
    subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--count",
            str(count),
            "--out",
            str(out),
            "--seed",
            str(seed),
            "--today",
            TODAY.isoformat(),
            "--layout",
            layout,
            "--verify",
            "--quiet",
        ],
        check=True,
        capture_output=True,
        text=True,
    )


def _records(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "clients").rglob("*.yaml"))
    }


def test_forty_records_lint_without_errors_and_load_without_problems(tmp_path: Path) -> None:
    out = tmp_path / "blind"
    _generate(out, 40, seed=7, layout="flat")
    records = _records(out)
    assert len(records) == 40
    result = run_cli("--repo", str(out), "lint", "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(result.output)
    assert [d for d in report["diagnostics"] if d["severity"] == "error"] == []
    assert result.exit_code == 0
    for raw in records.values():
        assert load_document(raw).problems == []
    text = b"".join(records.values()).decode("utf-8")
    assert "#" in text and (": [" in text or ": {" in text)  # comments and flow collections occur
    assert any("\u4e00" <= ch <= "\u9fff" or "\u0600" <= ch <= "\u06ff" for ch in text)


def test_same_seed_writes_the_same_records_and_another_seed_does_not(tmp_path: Path) -> None:
    _generate(tmp_path / "a", 15, seed=3)
    _generate(tmp_path / "b", 15, seed=3)
    _generate(tmp_path / "c", 15, seed=4)
    a, b, c = (_records(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c
