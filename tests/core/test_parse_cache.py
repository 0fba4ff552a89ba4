"""The parse cache in buckets: a bucket is read when first asked for, written back only when
it changed, and a process given whole buckets leaves every other bucket as it was."""

from __future__ import annotations

import marshal
from pathlib import Path

from clientbook.core.records import BUCKETS, ParsedCache, bucket_of, load_records
from tests.conftest import RecordsRepo, minimal_record

CACHE = Path(".clientbook/cache/records")


def _write(repo: RecordsRepo, count: int) -> list[str]:
    for n in range(count):
        repo.write_record(minimal_record(id=f"client-{n:03d}", name=f"Client {n}"))
    return [f"clients/client-{n:03d}.yaml" for n in range(count)]


def _bucket_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / CACHE).iterdir())}


def test_loading_fills_one_file_per_bucket_used(records_repo: RecordsRepo) -> None:
    files = _write(records_repo, 40)
    records = load_records(records_repo.root, use_cache=True)
    stored = _bucket_files(records_repo.root)
    assert sorted(stored) == sorted(f"{b:02x}.marshal" for b in {bucket_of(f) for f in files})
    entries = {f for raw in stored.values() for f in marshal.loads(raw)["entries"]}
    assert entries == set(files)
    again = load_records(records_repo.root, use_cache=True)
    assert [r.data for r in again] == [r.data for r in records]
    assert _bucket_files(records_repo.root) == stored  # nothing changed: nothing written


def test_a_changed_file_rewrites_its_bucket_alone(records_repo: RecordsRepo) -> None:
    files = _write(records_repo, 40)
    load_records(records_repo.root, use_cache=True)
    before = {p.name: p.stat().st_mtime_ns for p in (records_repo.root / CACHE).iterdir()}
    changed = files[7]
    records_repo.write_record(minimal_record(id="client-007", name="Renamed"))
    records = load_records(records_repo.root, use_cache=True)
    assert next(r for r in records if r.file == changed).data["name"] == "Renamed"
    after = {p.name: p.stat().st_mtime_ns for p in (records_repo.root / CACHE).iterdir()}
    rewritten = {name for name in after if after[name] != before[name]}
    assert rewritten == {f"{bucket_of(changed):02x}.marshal"}


def test_a_deleted_file_leaves_its_bucket_and_an_empty_bucket_goes(
    records_repo: RecordsRepo,
) -> None:
    files = _write(records_repo, 3)
    load_records(records_repo.root, use_cache=True)
    for file in files[1:]:
        (records_repo.root / file).unlink()
    load_records(records_repo.root, use_cache=True)
    stored = _bucket_files(records_repo.root)
    assert {f for raw in stored.values() for f in marshal.loads(raw)["entries"]} == {files[0]}
    assert list(stored) == [f"{bucket_of(files[0]):02x}.marshal"]


def test_saving_given_buckets_leaves_the_others(records_repo: RecordsRepo) -> None:
    files = _write(records_repo, 40)
    load_records(records_repo.root, use_cache=True)
    stored = _bucket_files(records_repo.root)
    mine = bucket_of(files[0])
    # a page worker's view: the files of one bucket, one of them parsed again
    cache = ParsedCache(records_repo.root)
    record = load_records(records_repo.root)[0]
    cache.put(record)
    cache.save({f for f in files if bucket_of(f) == mine}, {mine})
    assert _bucket_files(records_repo.root) == stored
    assert set(cache.buckets) == {mine}  # no other bucket was read


def test_a_bucket_of_another_version_or_garbage_is_parsed_again(
    records_repo: RecordsRepo,
) -> None:
    files = _write(records_repo, 5)
    load_records(records_repo.root, use_cache=True)
    folder = records_repo.root / CACHE
    for path in folder.iterdir():
        path.write_bytes(marshal.dumps({"version": "0/old", "entries": {}}))
    first = folder / f"{bucket_of(files[0]):02x}.marshal"
    first.write_bytes(b"\x00garbage")
    records = load_records(records_repo.root, use_cache=True)
    assert [r.file for r in records] == files and all(r.data for r in records)
    assert marshal.loads(first.read_bytes())["entries"].keys() == {
        f for f in files if bucket_of(f) == bucket_of(files[0])
    }


def test_the_single_file_of_an_older_clientbook_is_removed(records_repo: RecordsRepo) -> None:
    _write(records_repo, 2)
    old = records_repo.root / ".clientbook/cache/records.marshal"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"x" * 1000)
    load_records(records_repo.root, use_cache=True)
    assert not old.exists()


def test_buckets_are_stable_and_spread() -> None:
    names = [f"clients/client-{n:05d}.yaml" for n in range(10_000)]
    counts = [0] * BUCKETS
    for name in names:
        counts[bucket_of(name)] += 1
    # crc32 of the name: the same bucket in every run and on every machine
    assert (bucket_of("clients/acme.yaml"), bucket_of("clients/ac/acme.yaml")) == (244, 14)
    assert min(counts) > 10_000 / BUCKETS / 2 and max(counts) < 10_000 / BUCKETS * 2
