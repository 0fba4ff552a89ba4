"""What a command that changes no record and places no finding leaves unimported.

Start-up is most of a warm lint's and of a site's update in place: PyYAML (libyaml
composes only for positions, and for files the fast path does not take) and the write
layer (changeset, journal, git commits) cost about 40 ms there, so they are imported
where they are first needed. Checked in a fresh process, as `python -X importtime` shows.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import TODAY, RecordsRepo, minimal_record

SCRIPT = """
import json, sys
from clientbook.cli import main
codes = []
for args in sys.argv[1:]:
    try:
        codes.append(main(args.split(), standalone_mode=False) or 0)
    except SystemExit as done:
        codes.append(done.code)
print(json.dumps([codes, sorted(sys.modules)]))
"""
LATER = ("yaml", "clientbook.core.changeset", "clientbook.core.journal", "clientbook.core.gitwrite")


def _loaded(repo: RecordsRepo, *commands: str) -> tuple[list[int], list[str], str]:
    """Each command's exit status, the modules loaded once they have run, what they said."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *commands],
        cwd=repo.root,
        capture_output=True,
        text=True,
        check=True,
    )
    codes, modules = json.loads(done.stdout.splitlines()[-1])  # after what the commands say
    return codes, modules, done.stdout


def test_a_clean_lint_and_a_site_update_load_no_yaml_and_no_write_layer(
    records_repo: RecordsRepo,
) -> None:
    records_repo.write_record(minimal_record())
    records_repo.write_record(minimal_record(id="bolt-works", name="Bolt Works"))
    today = TODAY.isoformat()
    build = f"build --today {today}"
    subprocess.run(
        [sys.executable, "-m", "clientbook", *build.split()], cwd=records_repo.root, check=True
    )
    records_repo.write_record(minimal_record(id="bolt-works", name="Bolt Works", industry="x"))
    codes, loaded, said = _loaded(records_repo, f"lint --today {today}", build)
    assert codes == [0, 0] and "updated" in said and "in place" in said
    assert [m for m in LATER if m in loaded] == []


def test_a_finding_to_place_loads_yaml(records_repo: RecordsRepo) -> None:
    """The check above can fail: a record with a finding composes it for its position."""
    records_repo.write_record(minimal_record(status="dormant-ish"))
    codes, loaded, _ = _loaded(records_repo, f"lint --today {TODAY.isoformat()} --no-cache")
    assert codes == [1]
    assert "yaml" in loaded
