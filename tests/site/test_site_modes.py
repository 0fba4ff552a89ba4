"""The built site's folders and files get the modes the process's umask gives, as any tool's would.

A site served by a web server running as another user must be readable by it: 0755/0644
under umask 022, 0750/0640 under 027, never the 0700 of a private temporary folder.
Each build runs in a subprocess of its own, with its umask set before clientbook starts.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import clientbook
from tests.conftest import TODAY, RecordsRepo, minimal_record

PACKAGE_ROOT = Path(clientbook.__file__).resolve().parents[1]  # the clientbook this test imports

RUN_WITH_UMASK = (
    "import os, runpy, sys; os.umask(int(sys.argv[1], 8)); "
    "sys.argv = ['clientbook', *sys.argv[2:]]; runpy.run_module('clientbook', run_name='__main__')"
)


def clientbook(umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "SOURCE_DATE_EPOCH": "0"}
    return subprocess.run(
        [sys.executable, "-c", RUN_WITH_UMASK, f"{umask:o}", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def build(records_repo: RecordsRepo, out: Path, umask: int) -> str:
    result = clientbook(
        umask,
        "--repo",
        str(records_repo.root),
        "build",
        "--out",
        str(out),
        "--today",
        TODAY.isoformat(),
        "--jobs",
        "1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    ("umask", "folder", "file"),
    [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)],
    ids=["umask-022", "umask-027"],
)
def test_built_site_honours_the_umask(
    records_repo: RecordsRepo, tmp_path: Path, umask: int, folder: int, file: int
) -> None:
    records_repo.write_record(minimal_record())
    records_repo.write_record(minimal_record(id="birch-holdings", name="Birch Holdings"))
    out = tmp_path / "site"
    build(records_repo, out, umask)
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    files = [p for p in out.rglob("*") if p.is_file()]
    assert out / "clients" in folders and out / "forms" in folders
    assert out / "index.html" in files and out / "clients" / "acme-logistics.html" in files
    assert {str(p.relative_to(tmp_path)): oct(mode(p)) for p in folders} == {
        str(p.relative_to(tmp_path)): oct(folder) for p in folders
    }
    assert {str(p.relative_to(out)): oct(mode(p)) for p in files} == {
        str(p.relative_to(out)): oct(file) for p in files
    }


def test_a_rebuild_and_an_update_in_place_keep_the_modes(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    """A second full build links unchanged pages in; an update in place replaces one file."""
    records_repo.write_record(minimal_record())
    records_repo.write_record(minimal_record(id="birch-holdings", name="Birch Holdings"))
    out = tmp_path / "site"
    build(records_repo, out, 0o022)
    records_repo.write_record(minimal_record(id="cobalt-works", name="Cobalt Works"))
    build(records_repo, out, 0o022)  # a new file: a full build, the two old pages linked in
    assert mode(out) == 0o755 and mode(out / "clients") == 0o755
    assert mode(out / "clients" / "cobalt-works.html") == 0o644
    assert mode(out / "clients" / "acme-logistics.html") == 0o644
    records_repo.write_record(minimal_record(industry="Freight"))
    assert " in place " in build(records_repo, out, 0o022)  # one record changed
    assert mode(out) == 0o755
    assert mode(out / "clients" / "acme-logistics.html") == 0o644
