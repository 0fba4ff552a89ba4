"""bench/reframe.py and bench/redump.py: corpus shapes of the same records, linted the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from clientbook.core.yamlfast import AVAILABLE, fast_data
from clientbook.core.yamlio import MAX_FILE_SIZE, load_document
from tests.conftest import REPO_ROOT, TODAY, run_cli
from tests.test_bench_generate_alt import _generator


def _script(name: str, *args: Path | str) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / name), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _findings(root: Path) -> list[tuple[Any, ...]]:
    result = run_cli("--repo", str(root), "lint", "--today", TODAY.isoformat(), "--format", "json")
    return sorted(
        (d["path"], d["line"], d["column"], d["severity"], d["rule"], d["message"])
        for d in json.loads(result.output)["diagnostics"]
    )


def _data(root: Path) -> dict[str, Any]:
    return {p.name: load_document(p.read_bytes()).data for p in (root / "clients").glob("*.yaml")}


def test_reframed_records_keep_their_data_findings_and_lines(tmp_path: Path) -> None:
    _generator().generate(tmp_path / "alt", 30, seed=4, today=TODAY.isoformat())
    out = _script("reframe.py", tmp_path / "alt", tmp_path / "framed", "--crlf", "--start", "--end")
    assert out == "30 client files framed\n"
    raw = (tmp_path / "framed" / "clients").glob("*.yaml").__next__().read_bytes()
    assert raw.startswith(b"---\r\n") and raw.endswith(b"\r\n...\r\n")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert _data(tmp_path / "framed") == _data(tmp_path / "alt")
    # one line more at the start: every finding on the line after its own
    moved = [(f, line + 1 if line else 0, *rest) for f, line, *rest in _findings(tmp_path / "alt")]
    assert moved, "the records have no finding to compare"
    assert _findings(tmp_path / "framed") == sorted(moved)
    if AVAILABLE:
        for path in (tmp_path / "framed" / "clients").glob("*.yaml"):
            assert fast_data(path.read_bytes(), MAX_FILE_SIZE) is not None, path.name


def test_redumped_records_keep_their_data(tmp_path: Path) -> None:
    _generator().generate(tmp_path / "alt", 20, seed=5, today=TODAY.isoformat())
    out = _script("redump.py", tmp_path / "alt", tmp_path / "dumped")
    assert out == "20 client files written by PyYAML\n"
    text = "".join(p.read_text() for p in (tmp_path / "dumped" / "clients").glob("*.yaml"))
    assert "\n- " in text and "# " not in text  # sequences at the key's indentation, no comments
    assert _data(tmp_path / "dumped") == _data(tmp_path / "alt")


def test_nothing_to_frame_is_an_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "reframe.py"), str(REPO_ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "give --crlf, --start or --end" in done.stderr


def test_redumped_in_flow_style_records_keep_their_data(tmp_path: Path) -> None:
    _generator().generate(tmp_path / "alt", 20, seed=6, today=TODAY.isoformat())
    out = _script("redump.py", tmp_path / "alt", tmp_path / "dumped", "--flow")
    assert out == "20 client files written by PyYAML\n"
    text = "".join(p.read_text() for p in (tmp_path / "dumped" / "clients").glob("*.yaml"))
    assert "\n- {" in text and ",\n  " in text  # flow mappings, broken over lines
    assert _data(tmp_path / "dumped") == _data(tmp_path / "alt")


def test_redumped_with_quoted_keys_records_keep_their_data_and_the_fast_path(
    tmp_path: Path,
) -> None:
    _generator().generate(tmp_path / "alt", 20, seed=7, today=TODAY.isoformat())
    out = _script("redump.py", tmp_path / "alt", tmp_path / "dumped", "--quote-keys")
    assert out == "20 client files written by PyYAML\n"
    files = list((tmp_path / "dumped" / "clients").glob("*.yaml"))
    assert all(p.read_text().startswith('"') for p in files)
    assert _data(tmp_path / "dumped") == _data(tmp_path / "alt")
    if AVAILABLE:  # each file the full path reads without a problem or a trap, the fast one does
        for path in files:
            full = load_document(path.read_bytes())
            if not full.problems and not full.traps:
                assert fast_data(path.read_bytes(), MAX_FILE_SIZE) is not None, path.name
