"""A full build's page workers read their own records (the main process holds none): from
the parse cache's buckets, or the file; the page is made from the bytes lint checked or
the build is refused; of two records of one page name the later file's page is the site's,
whatever order the workers finish in."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from clientbook.core.config import load_config
from clientbook.core.records import load_records
from clientbook.site.build import BuildRefused, as_refusal
from clientbook.site.chunkrecords import ChunkRecords, RecordChanged, bucket_chunks
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli, site_files


def _build(repo: RecordsRepo, *args: str) -> object:
    return run_cli("--repo", str(repo.root), "build", "--today", TODAY.isoformat(), *args)


@pytest.fixture
def many(records_repo: RecordsRepo) -> RecordsRepo:
    for n in range(30):
        records_repo.write_record(minimal_record(id=f"client-{n:02d}", name=f"Client {n}"))
    # one id in two files: lint's id-duplicate error, and one page for both
    records_repo.write_record(minimal_record(id="twin", name="Twin One"), "twin-one.yaml")
    records_repo.write_record(minimal_record(id="twin", name="Twin Two"), "twin-two.yaml")
    return records_repo


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_later_file_of_one_page_name_gives_the_page(many: RecordsRepo, jobs: str) -> None:
    for _ in range(3):  # the workers' order varies from run to run
        shutil.rmtree(many.root / ".clientbook", ignore_errors=True)
        assert _build(many, "--jobs", jobs, "--out", "site").exit_code == 0  # type: ignore[attr-defined]
        page = (many.root / "site/clients/twin.html").read_text()
        assert "Twin Two" in page and "Twin One" not in page
    index = (many.root / "site/index.html").read_text() + "".join(
        p.read_text() for p in (many.root / "site").rglob("*.js")
    )
    assert "Twin One" in index and "Twin Two" in index  # both listed in the directory


def test_page_workers_fill_the_parse_cache_and_a_warm_build_is_the_same(
    many: RecordsRepo,
) -> None:
    assert _build(many, "--jobs", "2", "--out", "cold").exit_code == 0  # type: ignore[attr-defined]
    buckets = sorted((many.root / ".clientbook/cache/records").iterdir())
    cached = {f for p in buckets for f in marshal.loads(p.read_bytes())["entries"]}
    assert cached == {f"clients/{p.name}" for p in (many.root / "clients").iterdir()}
    written = {p.name: p.stat().st_mtime_ns for p in buckets}
    assert _build(many, "--jobs", "2", "--out", "warm").exit_code == 0  # type: ignore[attr-defined]
    assert site_files(many.root / "warm") == site_files(many.root / "cold")
    # read, not written again: nothing changed
    assert {p.name: p.stat().st_mtime_ns for p in buckets} == written


def test_a_record_not_as_lint_read_it_is_refused(many: RecordsRepo) -> None:
    config = load_config(many.root)
    record = load_records(many.root)[0]
    reader = ChunkRecords(config, [record.file])
    assert reader.record(record.file, record.sha).data == record.data
    with pytest.raises(RecordChanged) as changed:
        reader.record(record.file, "0" * 64)
    assert str(changed.value) == f"{record.file} changed while the site was being built"
    (many.root / record.file).write_text("id: [unclosed\n")
    with pytest.raises(RecordChanged):
        ChunkRecords(config, [record.file]).record(record.file, record.sha)
    with pytest.raises(BuildRefused) as refused, as_refusal():
        raise changed.value
    assert str(refused.value) == (
        f"{record.file} changed while the site was being built (nothing was written; run "
        "the build again; the previous site is untouched)"
    )


def test_chunks_never_split_a_bucket() -> None:
    buckets = [0, 0, 0, 1, 2, 2, 5, 5, 5, 5, 5, 7]
    assert bucket_chunks(buckets, 3) == [(0, 3), (3, 6), (6, 11), (11, 12)]
    assert bucket_chunks(buckets, 100) == [(0, 12)]
    assert bucket_chunks([], 3) == []
    spans = bucket_chunks(buckets, 1)
    assert all(buckets[a - 1] != buckets[a] for a, _ in spans[1:])
    assert [i for a, b in spans for i in range(a, b)] == list(range(len(buckets)))


def test_the_page_of_a_record_in_a_folder_is_made(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(id="acme"), "ac/acme.yaml")
    assert _build(records_repo, "--jobs", "2", "--out", "site").exit_code == 0  # type: ignore[attr-defined]
    assert "Acme" in (records_repo.root / "site/clients/acme.html").read_text()
    assert Path(records_repo.root / ".clientbook/cache/records").is_dir()
