"""--changed-since with real git repositories, the results cache, and --jobs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NAME_WORDS, RecordsRepo, minimal_record

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@test.example",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@test.example",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00",
    "HOME": "/nonexistent",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": "/usr/bin:/bin",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True, text=True
    ).stdout


def _commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def _client(repo: RecordsRepo, n: int, **overrides: object) -> None:
    """A distinct client (names far apart, so duplicate detection stays quiet)."""
    name = f"{NAME_WORDS[n % 10].title()} {NAME_WORDS[(n * 7 + 3) % 10].title()} {n}"
    repo.write_record(minimal_record(id=f"client-{n:02d}", name=name, **overrides))


def test_changed_since_reports_only_changed_files(records_repo: RecordsRepo) -> None:
    git(records_repo.root, "init", "-q", "-b", "main")
    for n in range(5):
        _client(records_repo, n, owner="nobody")  # every file has an error
    _commit_all(records_repo.root, "five clients")
    _client(records_repo, 3)  # fixed, uncommitted
    _client(records_repo, 7, owner="ghost")  # new, untracked
    doc = records_repo.lint_json("--changed-since", "HEAD")
    assert doc["summary"]["files"] == 2
    assert {d["path"] for d in doc["diagnostics"]} == {"clients/client-07.yaml"}


def test_changed_since_includes_cross_record_findings(records_repo: RecordsRepo) -> None:
    git(records_repo.root, "init", "-q", "-b", "main")
    records_repo.write_record(minimal_record(id="acme", name="Acme Logistics Ltd"))
    _commit_all(records_repo.root, "acme")
    records_repo.write_record(minimal_record(id="acme-logistics", name="ACME Logistics"))
    doc = records_repo.lint_json("--changed-since", "HEAD")
    assert {d["path"] for d in doc["diagnostics"] if d["rule"] == "duplicate-client"} == {
        "clients/acme.yaml",
        "clients/acme-logistics.yaml",
    }


def test_changed_since_outside_git(records_repo: RecordsRepo) -> None:
    result = records_repo.lint("--changed-since", "HEAD")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_changed_since_unknown_ref(records_repo: RecordsRepo) -> None:
    git(records_repo.root, "init", "-q", "-b", "main")
    _client(records_repo, 1)
    _commit_all(records_repo.root, "one")
    result = records_repo.lint("--changed-since", "no-such-branch")
    assert result.exit_code == 2 and "fetch-depth: 0" in result.stderr


def test_cache_gives_the_same_results_and_notices_changes(records_repo: RecordsRepo) -> None:
    from tests.conftest import run_cli

    for n in range(4):
        _client(records_repo, n)
    _client(records_repo, 9, owner="nobody")
    args = ("--repo", str(records_repo.root), "lint", "--today", "2026-11-23", "--format", "json")
    cold = json.loads(run_cli(*args).stdout)
    assert (records_repo.root / ".clientbook/cache/lint.pickle").is_file()
    warm = json.loads(run_cli(*args).stdout)
    assert cold == warm and cold["summary"]["errors"] == 1
    _client(records_repo, 9)  # fix it
    assert json.loads(run_cli(*args).stdout)["summary"]["errors"] == 0
    other_day = json.loads(run_cli(*args[:-4], "--today", "2027-11-23", "--format", "json").stdout)
    assert other_day["summary"]["warnings"] > 0  # a new day is a new cache context


def test_jobs_gives_the_same_results(records_repo: RecordsRepo) -> None:
    for n in range(60):
        _client(records_repo, n, owner="nobody" if n % 7 == 0 else "account-manager")
    one = records_repo.lint_json()
    two = records_repo.lint_json("--jobs", "2")
    assert one == two and one["summary"]["errors"] == 9


def test_the_cache_never_reads_an_oversized_file(
    records_repo: RecordsRepo, monkeypatch: object
) -> None:
    """With the cache on, a 100 MB file is refused by its size, not read whole to be hashed."""
    import pathlib
    import time

    from tests.conftest import run_cli

    big = records_repo.root / "clients" / "huge.yaml"
    with big.open("wb") as handle:
        handle.write(b"id: huge\nnotes: |\n")
        handle.truncate(100_000_000)
    read_sizes: list[int] = []
    original = pathlib.Path.read_bytes

    def spy(self: pathlib.Path) -> bytes:
        data = original(self)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(pathlib.Path, "read_bytes", spy)  # type: ignore[attr-defined]
    start = time.perf_counter()
    result = run_cli(
        "--repo", str(records_repo.root), "lint", "--today", "2026-11-23", "--format", "json"
    )
    assert time.perf_counter() - start < 2
    assert "file-too-large" in result.stdout
    assert max(read_sizes, default=0) < 1_000_000


def test_cached_places_of_cross_record_findings_follow_the_file(records_repo: RecordsRepo) -> None:
    """A duplicate's line comes from the cache while the file is unchanged, and moves when it moves."""
    records_repo.write_record(minimal_record(id="acme", name="Acme Logistics Ltd"))
    records_repo.write_record(minimal_record(id="acme-logistics", name="ACME Logistics"))

    def places() -> dict[str, tuple[int, int]]:
        doc = records_repo.lint_json()
        return {
            d["path"]: (d["line"], d["column"])
            for d in doc["diagnostics"]
            if d["rule"] == "duplicate-client"
        }

    cold = places()
    assert set(cold) == {"clients/acme.yaml", "clients/acme-logistics.yaml"}
    assert places() == cold  # warm: placed from the cache
    moved = records_repo.root / "clients" / "acme.yaml"
    moved.write_text("# a note\n# another\n" + moved.read_text(encoding="utf-8"), encoding="utf-8")
    after = places()
    assert after["clients/acme.yaml"] == (
        cold["clients/acme.yaml"][0] + 2,
        cold["clients/acme.yaml"][1],
    )
    assert after["clients/acme-logistics.yaml"] == cold["clients/acme-logistics.yaml"]


def test_jobs_on_loaded_records_gives_the_same_results(records_repo: RecordsRepo) -> None:
    """The site build lints records it has loaded; workers inherit them."""
    import datetime as dt

    from clientbook.core.config import load_config
    from clientbook.core.records import load_records
    from clientbook.lint.run import lint

    for n in range(60):
        _client(records_repo, n, owner="nobody" if n % 7 == 0 else "account-manager")
    config = load_config(records_repo.root)
    records = load_records(records_repo.root, use_cache=False)
    today = dt.date(2026, 11, 23)
    one = lint(config, today, records=records, jobs=1, use_cache=False)
    two = lint(config, today, records=records, jobs=2, use_cache=False)
    assert one.diagnostics == two.diagnostics and len(one.diagnostics) >= 9


def test_cached_cross_record_findings_follow_the_facts(records_repo: RecordsRepo) -> None:
    """Reused while every record's facts are unchanged; made again when a name changes."""
    for n in range(4):
        _client(records_repo, n)

    def duplicates() -> set[str]:
        doc = records_repo.lint_json(cache=True)
        return {d["path"] for d in doc["diagnostics"] if d["rule"] == "duplicate-client"}

    assert duplicates() == set()
    assert (records_repo.root / ".clientbook/cache/lint.pickle").is_file()
    path = records_repo.root / "clients/client-02.yaml"
    text = path.read_text(encoding="utf-8")
    first = records_repo.root / "clients/client-01.yaml"
    name = json.loads(first.read_text(encoding="utf-8").split("\nname: ")[1].split("\n")[0])
    old = json.loads(text.split("\nname: ")[1].split("\n")[0])
    path.write_text(text.replace(json.dumps(old), json.dumps(name)), encoding="utf-8")
    assert duplicates() == {"clients/client-01.yaml", "clients/client-02.yaml"}
    path.write_text(text.replace("\nreview:", '\nindustry: "Freight"\nreview:'), encoding="utf-8")
    assert duplicates() == set()  # other fields changed, facts back as they were


def test_the_facts_digest_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Sets of emails and phones iterate in an order that differs from process to process."""
    script = (
        "from clientbook.lint.cross import _facts_digest\n"
        "from clientbook.lint.rules import Facts\n"
        "emails = frozenset(f'person{n}@example.com' for n in range(20))\n"
        "print(_facts_digest([Facts('clients/a.yaml', 'a', 'A', 'a', emails, emails, emails)]))\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(digests) == 1


def test_records_parsed_and_checked_in_workers_match_one_process(
    records_repo: RecordsRepo,
) -> None:
    """The site build parses the records the cache lacks in workers, linting each as it goes."""
    import datetime as dt

    from clientbook.core.config import load_config
    from clientbook.core.records import PARSE_IN_WORKERS_FROM, load_and_check
    from clientbook.lint.run import build_checker, lint

    for n in range(PARSE_IN_WORKERS_FROM + 10):
        _client(records_repo, n, owner="nobody" if n % 7 == 0 else "account-manager")
    records_repo.write("broken.yaml", "name: [unclosed\n")
    config = load_config(records_repo.root)
    today = dt.date(2026, 11, 23)
    checker = build_checker(config, today)
    one, one_checked = load_and_check(records_repo.root, config.max_file_size, checker.check_record)
    two, two_checked = load_and_check(
        records_repo.root, config.max_file_size, checker.check_record, jobs=2
    )
    assert [(r.file, r.data, r.problems) for r in one] == [
        (r.file, r.data, r.problems) for r in two
    ]
    assert one_checked == two_checked and len(two_checked) == len(two)
    plain = lint(config, today, records=one, checker=checker, use_cache=False)
    given = lint(config, today, records=two, checker=checker, use_cache=False, checked=two_checked)
    assert plain.diagnostics == given.diagnostics
    assert {d.rule for d in given.diagnostics} >= {"unknown-staff", "yaml-syntax"}


def test_a_cache_naming_classes_of_the_old_flat_layout_is_dropped(
    records_repo: RecordsRepo,
) -> None:
    """A lint cache pickled before the modules moved names clientbook.diagnostics: never a traceback."""
    records_repo.write_record(minimal_record(owner="nobody"))
    expected = records_repo.lint_json()["diagnostics"]
    cache = records_repo.root / ".clientbook/cache/lint.pickle"
    cache.parent.mkdir(parents=True, exist_ok=True)
    # protocol 4: the class clientbook.diagnostics.Diagnostic, as the old layout pickled it
    cache.write_bytes(b"\x80\x04cclientbook.diagnostics\nDiagnostic\n.")
    assert records_repo.lint_json(cache=True)["diagnostics"] == expected
    assert b"clientbook.diagnostics\n" not in cache.read_bytes()
    assert records_repo.lint_json(cache=True)["diagnostics"] == expected


def test_a_merge_logged_after_a_cached_run_still_flags_the_merged_id(
    records_repo: RecordsRepo,
) -> None:
    records_repo.write_record(minimal_record())
    records_repo.write_record(minimal_record(id="acme-freight", name="Acme Freight"))
    first = records_repo.lint_json(cache=True)
    assert "previously-merged" not in {d["rule"] for d in first["diagnostics"]}
    (records_repo.root / "merges.yaml").write_text(
        "merges:\n  - {id: acme-freight, into: acme-logistics, date: 2026-11-20, by: dpo}\n"
    )
    again = records_repo.lint_json(cache=True)
    flagged = [d for d in again["diagnostics"] if d["rule"] == "previously-merged"]
    assert [d["path"] for d in flagged] == ["clients/acme-freight.yaml"]
    (records_repo.root / "merges.yaml").write_text("merges: 12\n")
    broken = records_repo.lint(cache=True)
    assert broken.exit_code == 2 and "merges.yaml:1:" in broken.output


def test_cross_findings_placed_in_workers_as_in_one_process(
    records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past placing.FORK_AT files to read again, duplicates are placed in the workers."""
    from clientbook.lint import placing

    forked = []

    def spied(*args: Any, **kwargs: Any) -> Any:
        forked.append(len(args[2]))
        return real(*args, **kwargs)

    real = placing.fork_map
    monkeypatch.setattr(placing, "fork_map", spied)
    monkeypatch.setattr(placing, "FORK_AT", 4)
    for n in range(5):
        comments = "".join(f"# note {i}\n" for i in range(n))  # each name on another line
        for client_id, name in (
            (f"acme-{n}", f"Acme Freight {n} Ltd"),
            (f"acme-{n}-b", f"ACME Freight {n}"),
        ):
            records_repo.write_record(minimal_record(id=client_id, name=name))
            path = records_repo.root / "clients" / f"{client_id}.yaml"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\nname:", f"\n{comments}name:", 1), encoding="utf-8")
    one = records_repo.lint_json()
    assert not forked
    two = records_repo.lint_json("--jobs", "2")
    assert forked == [10]
    assert one == two
    duplicates = [d for d in one["diagnostics"] if d["rule"] == "duplicate-client"]
    assert len(duplicates) >= 10 and len({d["line"] for d in duplicates}) >= 5
    cold = records_repo.lint_json("--jobs", "2", cache=True)  # placed in the workers, kept
    warm = records_repo.lint_json("--jobs", "2", cache=True)  # nothing to read again
    assert cold == warm == one and forked == [10, 10]
