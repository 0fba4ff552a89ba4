"""No command writes, moves or deletes a user's file except through the write layer.

Every module that calls a primitive which changes files is listed here with the reason
it may: the layer itself, and what writes only clientbook's own caches or a site it
builds. A new call anywhere else fails this test until it goes through core/changeset.py.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "clientbook"

WRITES = re.compile(
    r"\.write_text\(|\.write_bytes\(|(?<![\w.])write_(?:text|bytes)\(|\.unlink\(|rmtree\(|"
    r"os\.replace\(|os\.rename\(|\.rename\(|copytree\(|shutil\.copy|"
    r"\bopen\([^)]*['\"][wax]b?\+?['\"]|O_WRONLY|O_CREAT|os\.remove\("
)

ALLOWED = {
    "core/changeset.py": "the write layer",
    "core/journal.py": "the write layer: its journal, and undoing a change",
    "util/atomic.py": "atomic writes of clientbook's caches and site files",
    "util/cachedir.py": "the cache folder's .gitignore",
    "core/records.py": "the parsed-record cache",
    "lint/cache.py": "the lint cache",
    "lint/fmtcache.py": "the hashes of files fmt found canonical, in the cache",
    "history/store.py": "the history cache (an unreadable one is moved aside)",
    "history/diffjobs.py": "workers' results, in a temporary directory outside the repository,"
    " each removed once read",
    "site/env.py": "compiled templates in the cache",
    "site/state.py": "the site's state, in the cache",
    "site/statedirectory.py": "the directory kept beside the site's state, in the cache",
    "query/cache.py": "the query database, in the cache",
    "site/staging.py": "a full build's staging folder, swapped in for --out",
    "site/update.py": "an update in place of a site clientbook built",
    "authoring/scaffold.py": "clientbook init: files into a new, empty folder only",
    "compliance/erasure_check.py": "drops the caches and a built site after an erasure",
    "util/flock.py": "lock files under .clientbook/locks",
}


def writers() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if WRITES.search(code) and not code.lstrip().startswith(('"', "'")):
                found.setdefault(name, []).append(f"{name}:{number}: {line.strip()}")
    return found


def test_only_the_listed_modules_write_files() -> None:
    unlisted = {name: lines for name, lines in writers().items() if name not in ALLOWED}
    assert not unlisted, "writes outside the write layer:\n" + "\n".join(
        line for lines in unlisted.values() for line in lines
    )


def test_commands_never_import_the_raw_writers() -> None:
    """Commands, authoring and compliance modules reach files only through the layer."""
    bad = []
    for folder in ("cli", "compliance", "authoring"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            name = path.relative_to(PACKAGE).as_posix()
            if name in ALLOWED:
                continue
            if "clientbook.util.atomic" in path.read_text(encoding="utf-8"):
                bad.append(name)
    assert not bad


def test_the_check_finds_a_raw_write() -> None:
    """The pattern is not vacuous: each primitive a command might reach for is caught."""
    for line in (
        "path.write_text(text)",
        "write_bytes(path, data)",
        "(root / d).unlink(missing_ok=True)",
        "shutil.rmtree(folder)",
        'with open(target, "w") as f:',
        "os.replace(tmp, path)",
    ):
        assert WRITES.search(line), line
    assert not WRITES.search("text = path.read_text()")
