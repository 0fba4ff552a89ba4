"""lint --shard I/N: N runs together report exactly what one run does, cross-record findings
included, each by the shard of the file it is placed in; --write-facts and --facts."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from clientbook.core.config import load_config
from clientbook.core.records import read_record
from clientbook.lint.run import build_checker
from clientbook.lint.shard import Shard, ShardError, shard_of
from clientbook.lint.shard_facts import record_facts
from tests.conftest import NAME_WORDS, TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

CROSS = {"duplicate-client", "id-duplicate", "id-mismatch"}
OVERDUE = {
    "date": "2026-05-01",
    "channel": "phone",
    "direction": "inbound",
    "by": "account-manager",
    "summary": "Asked for a quote.",
    "follow_up": "2026-05-08",
}


def _contact(email: str, phone: str = "") -> dict[str, Any]:
    contact = {"name": "Jo Bloggs", "email": email, "primary": True}
    return contact | ({"phone": phone} if phone else {})


def write_cross_records(repo: RecordsRepo) -> None:
    """About fifty records with findings of every cross-record rule, across any sharding:
    names alike, a shared email, a phone three records share, two files claiming one id,
    one id in a .yaml and a .yml, an unreadable file, a duplicate held back inline."""
    words = [w.capitalize() for w in NAME_WORDS]
    pairs = [(a, b) for a in words for b in words if a < b][:30]
    for n, (a, b) in enumerate(pairs):
        extra: dict[str, Any] = {"interactions": [OVERDUE]} if n % 7 == 0 else {}
        if n % 11 == 3:
            extra["website"] = "gopher://x"  # a schema error
        repo.write_record(minimal_record(id=f"{a}-{b}".lower(), name=f"{a} {b}", **extra))
    repo.write_record(minimal_record(id="acme-logistics", name="Acme Logistics Ltd"))
    repo.write_record(minimal_record(id="acme", name="ACME Logistics"))
    repo.write_record(minimal_record(id="zenith-pharma", name="Zenith Pharma GmbH"))
    repo.write_record(minimal_record(id="zenith", name="Zénith Pharma"))
    for n, name in enumerate(("Northwind Ops", "Southwind Trading")):
        repo.write_record(
            minimal_record(
                id=name.split()[0].lower(),
                name=name,
                contacts=[_contact("ops@shared.example" if n else "OPS@shared.example")],
            )
        )
    for name in ("Quill Press", "Rook Media", "Sable Works"):
        email = f"desk@{name.split()[0].lower()}.example"
        contacts = [_contact(email, "+44 20 7946 0123")]
        repo.write_record(minimal_record(id=name.split()[0].lower(), name=name, contacts=contacts))
    repo.write_record(minimal_record(id="twin", name="Twin Peaks Lodge"), "twin-one.yaml")
    repo.write_record(minimal_record(id="twin", name="Twin Oaks Farm"), "twin-two.yaml")
    repo.write_record(minimal_record(id="delta-co", name="Delta Company"), "delta-co.yaml")
    repo.write_record(minimal_record(id="delta-co", name="Delta Company Two"), "delta-co.yml")
    repo.write("broken.yaml", "name: [unclosed\n")
    held = repo.write_record(minimal_record(id="umber-works", name="Umber Works"))
    repo.write_record(minimal_record(id="umber-works-ltd", name="Umber Works Ltd"))
    held.write_text(
        held.read_text().replace(
            '"Umber Works"', '"Umber Works"  # clientbook: ignore[duplicate-client]'
        )
    )


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    write_cross_records(records_repo)
    return records_repo


def _report(repo: RecordsRepo, *args: str, cache: bool = False) -> tuple[int, dict[str, Any]]:
    result = repo.lint("--format", "json", *args, cache=cache)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _union(repo: RecordsRepo, total: int, *args: str, cache: bool = False) -> dict[str, Any]:
    """The N shards' reports as one: their findings, counts, and the worst exit code."""
    out: dict[str, Any] = {"diagnostics": [], "known": [], "exit": 0}
    out["summary"] = Counter()
    for index in range(1, total + 1):
        code, report = _report(repo, "--shard", f"{index}/{total}", *args, cache=cache)
        out["diagnostics"] += report["diagnostics"]
        out["known"] += report.get("known", [])
        out["summary"].update(report["summary"])
        out["exit"] = max(out["exit"], code)
    return out


def _same(one: list[dict[str, Any]], union: list[dict[str, Any]]) -> None:
    key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
    assert sorted(map(key, union)) == sorted(map(key, one))


@pytest.mark.parametrize("text", ["1/4", "4/4", " 2/3 ", "1/1"])
def test_a_shard_is_i_of_n_counted_from_one(text: str) -> None:
    shard = Shard.parse(text)
    assert str(shard) == text.strip()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0/4", "must be 1 to 4 (shards count from 1)"),
        ("5/4", "must be 1 to 4"),
        ("1/0", "the number of jobs must be 1 to"),
        ("x", "write it as I/N"),
        ("1-4", "write it as I/N"),
        ("-1/4", "write it as I/N"),
        ("1/4/2", "write it as I/N"),
        ("", "write it as I/N"),
    ],
)
def test_a_bad_shard_exits_2_saying_why(repo: RecordsRepo, text: str, words: str) -> None:
    with pytest.raises(ShardError, match="--shard"):
        Shard.parse(text)
    result = repo.lint("--shard", text)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_a_record_keeps_its_shard_when_others_come_and_go() -> None:
    files = [f"clients/client-{n:05d}.yaml" for n in range(2000)]
    before = {f: shard_of(f, 4) for f in files}
    more = files + [f"clients/new-{n}.yaml" for n in range(500)]
    assert all(shard_of(f, 4) == before[f] for f in files)
    counts = Counter(shard_of(f, 4) for f in more)
    assert set(counts) == {1, 2, 3, 4} and min(counts.values()) > len(more) / 4 * 0.85
    # one client id, one shard: a .yml beside it, or a copy in a team's folder
    for n in range(100):
        stem = f"client-{n:05d}"
        assert shard_of(f"clients/{stem}.yml", 4) == before[f"clients/{stem}.yaml"]
        assert shard_of(f"clients/emea/{stem}.yaml", 4) == before[f"clients/{stem}.yaml"]


@pytest.mark.parametrize("total", [1, 2, 3, 4])
def test_the_shards_together_report_what_one_run_does(repo: RecordsRepo, total: int) -> None:
    code, one = _report(repo)
    assert {d["rule"] for d in one["diagnostics"]} >= CROSS
    union = _union(repo, total)
    _same(one["diagnostics"], union["diagnostics"])
    assert union["exit"] == code == 1
    for count in ("files", "errors", "warnings"):
        assert union["summary"][count] == one["summary"][count]
    if total > 1:  # a cross-record finding about files of two shards is reported once
        shard = {d["path"]: shard_of(d["path"], total) for d in one["diagnostics"]}
        assert any(
            d["rule"] == "duplicate-client"
            and shard_of(d["message"].split(" as ")[1].split(" ")[0], total) != shard[d["path"]]
            for d in one["diagnostics"]
        )


@pytest.mark.parametrize("total", [3, 4])
def test_with_a_facts_file_and_the_cache_the_shards_report_the_same(
    repo: RecordsRepo, total: int
) -> None:
    _, one = _report(repo)
    facts = repo.root.parent / "facts.json"
    written = repo.lint("--write-facts", str(facts))
    assert written.exit_code == 0, written.output
    assert written.output == f"wrote {facts}: the facts of {one['summary']['files']} client files\n"
    assert "Acme Logistics Ltd" in facts.read_text()
    for cache in (False, True, True):  # cold, the cache filled, the cache warm
        union = _union(repo, total, "--facts", str(facts), cache=cache)
        _same(one["diagnostics"], union["diagnostics"])
        union = _union(repo, total, cache=cache)  # facts read by each shard, or from its cache
        _same(one["diagnostics"], union["diagnostics"])


def test_changed_since_is_shared_out_too(repo: RecordsRepo) -> None:
    git = GitRepo(repo.root)
    git.commit("Records")
    repo.write_record(minimal_record(id="acme", name="ACME Logistics", interactions=[OVERDUE]))
    contacts = [_contact("desk@quill.example")]
    repo.write_record(minimal_record(id="quill-two", name="Quill Two", contacts=contacts))
    _, one = _report(repo, "--changed-since", "HEAD")
    assert {d["path"] for d in one["diagnostics"]} > {
        "clients/acme.yaml",
        "clients/quill-two.yaml",
    }  # and the files their cross-record findings involve
    for total in (2, 3):
        union = _union(repo, total, "--changed-since", "HEAD")
        _same(one["diagnostics"], union["diagnostics"])


def test_a_baseline_holds_back_the_same_findings_in_every_shard(repo: RecordsRepo) -> None:
    path = repo.root / "clientbook-baseline.json"
    assert repo.lint("--write-baseline", str(path)).exit_code == 0
    repo.write_record(minimal_record(id="acme", name="ACME Logistics", interactions=[OVERDUE]))
    repo.write_record(minimal_record(id="rook-two", name="Rook Media Two"))
    (repo.root / "clients" / "zenith.yaml").unlink()  # its findings are gone
    code, one = _report(repo, "--baseline", str(path))
    assert one["diagnostics"] and one["known"] and one["summary"]["fixed"] > 0
    union = _union(repo, 3, "--baseline", str(path))
    _same(one["diagnostics"], union["diagnostics"])
    _same(one["known"], union["known"])
    assert union["exit"] == code
    # which unmatched entries are another shard's, a shard cannot tell: it counts none gone
    assert union["summary"]["fixed"] == 0
    text = repo.lint("--shard", "1/3", "--baseline", str(path))
    assert "known findings in the baseline" in text.output and "is gone" not in text.output


def test_sarif_github_and_gitlab_reports_share_out_alike(repo: RecordsRepo) -> None:
    one = repo.lint("--format", "github")
    lines: list[str] = []
    for n in (1, 2, 3):
        shard = repo.lint("--format", "github", "--shard", f"{n}/3")
        assert shard.exit_code in (0, 1)
        lines += shard.output.splitlines()[:-1]  # the last line sums up the shard
    assert sorted(lines) == sorted(one.output.splitlines()[:-1])
    sarif = json.loads(repo.lint("--format", "sarif").stdout)["runs"][0]["results"]
    shards = [
        r
        for n in (1, 2, 3)
        for r in json.loads(repo.lint("--format", "sarif", "--shard", f"{n}/3").stdout)["runs"][0][
            "results"
        ]
    ]
    assert sorted(json.dumps(r, sort_keys=True) for r in shards if r.pop("ruleIndex") >= 0) == (
        sorted(json.dumps(r, sort_keys=True) for r in sarif if r.pop("ruleIndex") >= 0)
    )
    gitlab = json.loads(repo.lint("--format", "gitlab").stdout)
    issues = [
        i
        for n in (1, 2, 3)
        for i in json.loads(repo.lint("--format", "gitlab", "--shard", f"{n}/3").stdout)
    ]
    assert sorted(i["fingerprint"] for i in issues) == sorted(i["fingerprint"] for i in gitlab)


def test_a_facts_file_not_of_this_run_is_refused(repo: RecordsRepo) -> None:
    git = GitRepo(repo.root)
    git.commit("Records")
    facts = repo.root.parent / "facts.json"
    assert repo.lint("--write-facts", str(facts)).exit_code == 0
    shard = Shard(1, 2)
    mine = next(
        f for f in sorted((repo.root / "clients").iterdir()) if shard.owns(f"clients/{f.name}")
    )

    def refused(*words: str) -> None:
        result = repo.lint("--shard", "1/2", "--facts", str(facts))
        assert result.exit_code == 2, result.output
        assert all(w in result.output for w in words), result.output
        assert "Traceback" not in result.output

    original = mine.read_text()
    mine.write_text(original + "# edited\n")
    refused(f"clients/{mine.name} has changed since {facts} was written", "--write-facts")
    mine.write_text(original)
    git.commit("Empty", date="2026-02-01T10:00:00+00:00")
    refused("was written at commit", "this checkout is at")
    git.run("reset", "-q", "--hard", "HEAD~1")
    config = repo.root / "clientbook.yaml"
    config.write_text(config.read_text() + "\n# another config\n")
    refused("another clientbook version or with another clientbook.yaml")
    config.write_text(config.read_text().removesuffix("\n# another config\n"))
    repo.write_record(minimal_record(id="newcomer", name="Newcomer Holdings"))
    refused("was written for other client files", "clients/newcomer.yaml is not in it")
    (repo.root / "clients" / "newcomer.yaml").unlink()
    facts.write_text('{"clientbook_facts": 1,\n "key": ')
    refused(f"{facts}:2:9: not JSON")
    facts.write_text('{"clientbook_facts": 1, "key": "k", "commit": "", "files": [1]}')
    refused("not a facts file clientbook")
    facts.write_text("[]")
    refused("not a clientbook facts file")
    facts.unlink()
    refused(f"cannot read the facts file {facts}")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--facts", "f.json"], "--facts is for a sharded run"),
        (["--write-facts", "f.json", "--shard", "1/2"], "--write-facts writes every record"),
        (["--write-facts", "f.json", "--changed-since", "HEAD"], "--write-facts writes every"),
        (["--write-baseline", "b.json", "--shard", "1/2"], "--write-baseline needs every"),
    ],
)
def test_options_that_do_not_go_together_exit_2(
    repo: RecordsRepo, args: list[str], words: str
) -> None:
    result = repo.lint(*args)
    assert result.exit_code == 2 and words in result.output


def test_reading_a_file_for_its_facts_gives_the_facts_its_check_does(repo: RecordsRepo) -> None:
    config = load_config(repo.root)
    checker = build_checker(config, TODAY)
    for path in sorted((repo.root / "clients").iterdir()):
        file = f"clients/{path.name}"
        record = read_record(path, file, repo.root, config.max_file_size)
        assert record_facts(record, config) == checker.check(path, file).facts
