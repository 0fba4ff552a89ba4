"""The command line ends its process at once after a command, its output and files complete."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from clientbook import __version__
from clientbook.core.config import load_config
from clientbook.site.build import build
from clientbook.site.state import SiteState
from clientbook.util import quickexit
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record


def _clientbook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clientbook", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_output_and_exit_status_survive_the_quick_exit(tmp_path: Path) -> None:
    done = _clientbook("--version")
    assert done.returncode == 0 and __version__ in done.stdout
    missing = _clientbook("--repo", str(tmp_path / "nowhere"), "lint")
    assert missing.returncode == 2 and "nowhere" in missing.stderr


def test_a_build_ended_quickly_leaves_a_site_and_a_state_the_next_build_updates(
    records_repo: RecordsRepo,
) -> None:
    records_repo.write_record(minimal_record(interactions=[OPEN_FOLLOW_UP]))
    records_repo.write_record(minimal_record(id="zenith-pharma", name="Zenith Pharma"))
    args = ("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    first = _clientbook(*args)
    assert first.returncode == 0, first.stderr
    assert "built 2 client pages" in first.stdout
    assert (records_repo.root / "site" / "clients" / "zenith-pharma.html").is_file()
    path = records_repo.root / "clients" / "zenith-pharma.yaml"
    path.write_text(path.read_text().replace('"active"', '"prospect"'))
    second = _clientbook(*args)
    assert second.returncode == 0, second.stderr
    assert "in place" in second.stdout and "1 client page made again" in second.stdout


def test_used_as_a_library_nothing_is_kept(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    build(load_config(records_repo.root), records_repo.root / "site", TODAY)
    assert quickexit._kept is None


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (3, 3), ("no such thing", 1)])
def test_exit_codes_as_python_makes_them(
    code: object, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert quickexit._status(code) == status
    assert capsys.readouterr().err == (f"{code}\n" if isinstance(code, str) else "")


def test_a_build_about_to_end_the_process_leaves_its_objects_to_the_exit(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `run`, the build freezes what it made instead of letting one last collection
    walk it, and keeps it alive (the process ends next)."""
    records_repo.write_record(minimal_record())
    monkeypatch.setattr(quickexit, "_kept", [])
    try:
        build(load_config(records_repo.root), records_repo.root / "site", TODAY)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert quickexit._kept
    finally:
        gc.unfreeze()


def test_a_build_folds_the_states_log_into_it_before_returning(records_repo: RecordsRepo) -> None:
    """Closing the state is when sqlite moves its write-ahead log into the database; a process
    ended by os._exit would otherwise leave that to the next build."""
    records_repo.write_record(minimal_record())
    out = records_repo.root / "site"
    build(load_config(records_repo.root), out, TODAY)
    state = SiteState(records_repo.root, out).path
    assert state.is_file() and not Path(f"{state}-wal").exists()
