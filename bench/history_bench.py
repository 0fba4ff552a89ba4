#!/usr/bin/env python3
"""Time clientbook's history extraction against raw `git log -p` on the same repository.

    python bench/history_bench.py [--sizes 1000x5000,10000x20000] [--workdir bench/out] [--jobs N]
                                  [--repeat 3] [--cold-repeat 1] [--verify/--no-verify] [--profile]

For each size CLIENTSxCOMMITS a git repository is built with `git fast-import` under
WORKDIR/history-CLIENTSxCOMMITS (reused when one with the same parameters and builder is
there): the first commits add the clients, 50 to a commit, with records from
bench/generate.py padded to about 6 KB; every later commit changes 1-3 existing records the
way people do (log an interaction, move a status on, fix a contact's email or phone, record
or withdraw a consent, review the record, update a KPI), by one of twelve fictitious authors,
at increasing dates over four years. The repository is then repacked and checked out.

Then each of these runs in its own process, timed by the wall clock (process start-up and
imports included), with the peak resident set size the kernel reports to os.wait4 (the
largest single process of the child's tree) and the sampled sum over the tree:

  a. raw      git log -p --no-renames -- clients/ > /dev/null
  b. cold     read_history(repo, jobs=1) and read_history(repo, jobs=N), cache deleted first
  c. warm     read_history(repo, jobs=N) again, the cache filled by b
  d. +1 commit  one new commit (made with git) that changes 2 records, then
              read_history(repo, jobs=N): its time and how many blobs it parsed

Targets (from the issue): cold <= 8 x raw, warm <= 1 x raw, and after one new commit only
that commit's blobs are parsed (<= 2). The table is printed as Markdown and written, with
the repository statistics, to WORKDIR/results-history.json (merged by size with earlier runs).

--verify (default for repositories of at most 2,000 clients) then checks, in this process,
that every client has a history, that the number of versions per record is what the builder
wrote, that the cached (incremental) history equals one read without the cache, and that
replaying each version's field changes of 20 sampled records gives every committed version
and finally the file in the working tree. --profile runs the cold extraction (jobs=1) under
cProfile in this process and writes the top functions to WORKDIR/profile-history-SIZE.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from fingerprint import files_sha256  # noqa: E402
from procstats import TreeSampler  # noqa: E402

ROOT = HERE.parent
SEED = 1
BUILDER_VERSION = 4  # bump when the repository the builder writes changes
BATCH = 50  # clients added per initial commit
MANIFEST = "clientbook-history-bench.json"  # kept inside .git, out of the working tree
NEW_COMMIT_RECORDS = 2
SAMPLE = 20
START = dt.datetime(2024, 7, 1, 8, 30, tzinfo=dt.UTC)
SPAN = dt.timedelta(days=4 * 365)
RECORDS_TODAY = dt.date(2024, 6, 30)  # the generator's "today" for the records as first added

GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C.UTF-8",
}

# name, e-mail, staff id in clientbook.yaml (or ""), UTC offset
AUTHORS = [
    ("Amara Okafor", "amara.okafor@northwind.example", "amara-okafor", "+0000"),
    ("Jonas Weber", "jonas.weber@northwind.example", "jonas-weber", "+0100"),
    ("Lúcia Ferreira", "lucia.ferreira@northwind.example", "lucia-ferreira", "-0300"),
    ("Dan Mitchell", "dan.mitchell@northwind.example", "dan-mitchell", "-0800"),
    ("Priya Raman", "priya.raman@northwind.example", "priya-raman", "+0530"),
    ("Hana Sato", "hana.sato@northwind.example", "hana-sato", "+0900"),
    ("Elif Demir", "elif.demir@northwind.example", "elif-demir", "+0300"),
    ("Jürgen Groß", "juergen.gross@northwind.example", "", "+0100"),
    ("Zoë Ashworth", "zoe.ashworth@northwind.example", "", "+0000"),
    ("Björn Åkesson", "bjorn.akesson@northwind.example", "", "+0100"),
    ("Siobhán Ní Bhriain", "siobhan.nibhriain@northwind.example", "", "+0000"),
    ("Chloé Girard", "chloe.girard@northwind.example", "", "+0100"),
]
AUTHOR_WEIGHTS = [14, 12, 11, 10, 10, 8, 6, 9, 6, 5, 5, 4]
BOT = ("Northwind Records Bot", "records-bot@northwind.example", "", "+0000")
NEW_COMMIT_AUTHOR = AUTHORS[7]

# The child ends as the command line does (util/quickexit.py): os._exit once its output is
# flushed, without freeing the history one object at a time (1.9 s at 10,000 x 20,000).
CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
from pathlib import Path
from clientbook.history.read import read_history
t1 = time.perf_counter()
h = read_history(Path(sys.argv[1]), jobs=int(sys.argv[2]))
t2 = time.perf_counter()
versions = sum(1 for r in h.records.values() for v in r.versions if v.status != "working")
print(json.dumps({"import_s": t1 - t0, "call_s": t2 - t1, "records": len(h.records),
                  "versions": versions, "parsed_blobs": h.parsed_blobs, "warnings": h.warnings}))
sys.stdout.flush()
os._exit(0)
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _git(repo: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args],
        env={**os.environ, **GIT_ENV, **(env or {})},
        check=check,
        capture_output=True,
        text=True,
    ).stdout.strip()


# --- realistic edits to one record -------------------------------------------------------------


Record = dict[str, Any]
Edit = tuple[Record | None, str]  # the edited record (None when the edit does not apply), message


class Editor:
    """Changes a record (a dict in schema order) the way its account team would."""

    def __init__(self, gen_module: Any) -> None:
        self.g = gen_module
        self.cfg = gen_module._Config(gen_module.CONFIG_SOURCE)

    # helpers
    @staticmethod
    def _with_key(
        r: dict[str, Any], key: str, value: Any, after: tuple[str, ...]
    ) -> dict[str, Any]:
        """r with r[key] = value; a new key goes right after the last of `after` present."""
        if key in r:
            r[key] = value
            return r
        anchor = next((k for k in reversed(after) if k in r), None)
        out: dict[str, Any] = {}
        if anchor is None:
            out[key] = value
        for k, v in r.items():
            out[k] = v
            if k == anchor:
                out[key] = value
        return out

    def _staff(self, r: dict[str, Any], rng: random.Random, author_staff: str) -> str:
        if author_staff and rng.random() < 0.6:
            return author_staff
        team = self.cfg.staff_by_team.get(r.get("team", ""), [])
        if team and rng.random() < 0.3:
            return str(rng.choice(team))
        return str(r.get("owner") or "amara-okafor")

    def interaction(
        self, r: dict[str, Any], rng: random.Random, day: str, staff: str
    ) -> dict[str, Any]:
        g = self.g
        channel = rng.choices(
            ["email", "phone", "video", "meeting", "chat", "letter", "event"],
            [40, 20, 20, 14, 3, 1, 2],
        )[0]
        firsts = [c["name"].split()[0] for c in r.get("contacts", []) if c.get("name")] or [
            "the client"
        ]
        summary = rng.choice(g.SUMMARIES_BY_CHANNEL[channel]).format(
            t=rng.choice(g.TOPICS), p=rng.choice(firsts)
        )
        it: dict[str, Any] = {
            "date": day,
            "channel": channel,
            "direction": "outbound" if rng.random() < 0.55 else "inbound",
            "by": staff,
            "summary": summary,
        }
        return it

    # the edits: each returns (new record or None when it does not apply, message)
    def add_interaction(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        items = r.setdefault("interactions", [])
        for old in reversed(items[-5:]):  # close an open follow-up now and then
            if (
                "follow_up" in old
                and "done" not in old
                and old["follow_up"] <= day
                and rng.random() < 0.5
            ):
                old["done"] = True
                break
        it = self.interaction(r, rng, day, self._staff(r, rng, author_staff))
        if rng.random() < 0.12:
            follow = dt.date.fromisoformat(day) + dt.timedelta(days=rng.randint(2, 21))
            it["follow_up"] = follow.isoformat()
        items.append(it)
        verb = {
            "phone": "call",
            "video": "video call",
            "meeting": "meeting",
            "email": "email",
            "chat": "chat",
            "letter": "letter",
            "event": "event",
        }[it["channel"]]
        return r, f"Log {verb} with {r['name']}"

    def change_status(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        old = r["status"]
        if old == "former" or r.get("since", "") >= day:
            return None, ""
        new = {"contact": "active", "paused": "active"}.get(old) or (
            "former" if rng.random() < 0.15 else "paused"
        )
        history = r.get("status_history") or [{"status": old, "date": r["since"]}]
        history.append({"status": new, "date": day})
        r["status"] = new
        r["since"] = day
        if new == "former":
            r = self._with_key(r, "ended", day, ("since",))
        r = self._with_key(r, "status_history", history, ("since", "ended"))
        if old == "contact":
            policy = self.cfg.retention.get(r.get("jurisdiction", ""), "")
            if policy:
                r["retention"] = {"policy": policy}
        return r, f"{r['name']}: {old} → {new}"

    def edit_contact(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        contacts = r.get("contacts") or []
        if not contacts:
            return None, ""
        c = rng.choice(contacts)
        roll = rng.random()
        if roll < 0.45 and "email" in c:
            local, domain = c["email"].split("@", 1)
            parts = [p for p in local.split(".") if p] or ["contact"]
            choices = [
                f"{parts[0][0]}.{parts[-1]}",
                f"{parts[0]}{parts[-1]}",
                f"{parts[0]}.{parts[-1]}{rng.randint(2, 99)}",
                f"{parts[-1]}.{parts[0]}",
            ]
            new = next((x for x in rng.sample(choices, len(choices)) if x != local), "contact")
            c["email"] = f"{new}@{domain}"
            what = "email"
        elif roll < 0.85:
            old = c.get("phone", "")
            if old.startswith("+1"):
                phone = f"+1{rng.choice([415, 510, 650, 916])}55501{rng.randint(0, 99):02d}"
            elif old.startswith("+61") or not old.startswith("+44"):
                phone = f"+61{rng.choice(['25550', '37010', '75550', '87010'])}{rng.randint(0, 9999):04d}"
            else:
                phone = f"+44{rng.choice(['113496', '161496', '207946', '131496'])}{rng.randint(0, 999):04d}"
            if phone == old:
                return None, ""
            contacts[contacts.index(c)] = self._with_key(
                c, "phone", phone, ("name", "role", "email")
            )
            what = "phone number"
        else:
            roles = [x for x in self.g.ROLES if x != c.get("role")]
            contacts[contacts.index(c)] = self._with_key(c, "role", rng.choice(roles), ("name",))
            what = "role"
        return r, f"Update {c['name']}'s {what} at {r['name']}"

    def consent(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        g = self.g
        consents = r.get("consents") or []
        held = {c["purpose"] for c in consents if "withdrawn" not in c}
        free = [p for p in self.cfg.purposes if p not in held and p != "service"]
        if free and (rng.random() < 0.75 or not held - {"service"}):
            purpose = rng.choice(free)
            consents.append(
                {
                    "purpose": purpose,
                    "lawful_basis": g.BASIS.get(purpose, "consent"),
                    "given": day,
                    "source": rng.choice(g.SOURCES.get(purpose, ["signed onboarding form"])),
                }
            )
            r = self._with_key(
                r,
                "consents",
                consents,
                (
                    "id",
                    "name",
                    "kind",
                    "status",
                    "since",
                    "ended",
                    "status_history",
                    "owner",
                    "team",
                    "industry",
                    "tags",
                    "jurisdiction",
                    "website",
                    "contacts",
                    "communication",
                    "address",
                    "agreements",
                ),
            )
            return r, f"Record {purpose} consent for {r['name']}"
        withdrawable = [
            c
            for c in consents
            if "withdrawn" not in c and c["purpose"] != "service" and c["given"] < day
        ]
        if not withdrawable:
            return None, ""
        c = rng.choice(withdrawable)
        consents[consents.index(c)] = self._with_key(
            c, "withdrawn", day, ("purpose", "lawful_basis", "given")
        )
        subs = r.get("communication", {}).get("subscriptions")
        if subs and c["purpose"] in subs:
            subs.remove(c["purpose"])
            if not subs:
                del r["communication"]["subscriptions"]
        return r, f"Withdraw {c['purpose']} consent for {r['name']}"

    def review(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        review = r.get("review") or {"interval": "annually"}
        if review.get("last_reviewed") == day:
            return None, ""
        by = author_staff or (
            rng.choice(self.cfg.dpo_staff)
            if self.cfg.dpo_staff and rng.random() < 0.3
            else r.get("owner", "amara-okafor")
        )
        r["review"] = {
            "last_reviewed": day,
            "interval": review.get("interval", "annually"),
            "by": by,
        }
        return r, f"Review the record of {r['name']}"

    def kpi(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        kpis = r.get("kpis")
        if not kpis:
            return None, ""
        k = rng.choice(kpis)
        actual = round(k["target"] * rng.uniform(0.8, 1.1), 1)
        if actual == int(actual):
            actual = int(actual)
        if k.get("unit") == "%":
            actual = min(actual, 100)
        k["actual"] = actual
        k["as_of"] = day
        return r, f"Update {k['name']} for {r['name']}"

    def feedback(self, r: Record, rng: random.Random, day: str, author_staff: str) -> Edit:
        if r["status"] not in ("active", "paused"):
            return None, ""
        f: dict[str, Any] = {
            "date": day,
            "score": rng.choices(range(11), [1, 1, 1, 1, 2, 3, 5, 10, 20, 20, 12])[0],
        }
        if rng.random() < 0.6:
            f["comment"] = rng.choice(self.g.FEEDBACK_COMMENTS)
        fb = r.get("feedback") or []
        fb.append(f)
        r = self._with_key(r, "feedback", fb, ("interactions", "projects", "kpis"))
        return r, f"Record feedback from {r['name']}"

    EDITS = (
        ("add_interaction", 40),
        ("review", 14),
        ("edit_contact", 13),
        ("kpi", 11),
        ("change_status", 8),
        ("consent", 9),
        ("feedback", 5),
    )

    def edit(
        self, r: dict[str, Any], rng: random.Random, day: str, author_staff: str
    ) -> tuple[dict[str, Any], str]:
        names = [n for n, _ in self.EDITS]
        weights = [w for _, w in self.EDITS]
        for _ in range(4):
            new, message = getattr(self, rng.choices(names, weights)[0])(r, rng, day, author_staff)
            if new is not None:
                return new, message
        new, message = self.add_interaction(r, rng, day, author_staff)
        assert new is not None  # appending an interaction always applies
        return new, message

    def pad(self, r: dict[str, Any], rng: random.Random, size: int, target: int) -> None:
        """Older interactions, so that the record is about `target` bytes (most are 3-5 KB)."""
        items = r.get("interactions") or []
        if not items or size >= target:
            return
        first = dt.date.fromisoformat(items[0]["date"]).toordinal()
        last = dt.date.fromisoformat(items[-1]["date"]).toordinal()
        extra = []
        for _ in range((target - size) // 215):
            day = dt.date.fromordinal(rng.randint(first, max(first, last - 1))).isoformat()
            extra.append(self.interaction(r, rng, day, self._staff(r, rng, "")))
        if extra:  # stable: the first contact stays first, a closing call stays last
            merged = sorted(items[1:] + extra, key=lambda it: it["date"])
            if r.get("ended"):
                closing = [it for it in merged if it is items[-1]]
                merged = [it for it in merged if it is not items[-1]] + closing
            r["interactions"] = [items[0], *merged]


# --- building the repository ------------------------------------------------------------------


@dataclass
class RepoStats:
    clients: int
    commits: int
    seed: int
    builder: str
    head: str = ""
    versions: int = 0
    distinct_blobs: int = 0
    avg_record_bytes: float = 0.0
    avg_record_lines: float = 0.0
    avg_version_bytes: float = 0.0
    max_record_bytes: int = 0
    first_date: str = ""
    last_date: str = ""
    authors: int = 0
    build_s: float = 0.0
    repack_s: float = 0.0
    pack_mb: float = 0.0
    build_peak_rss_mb: float = 0.0  # the building process (git fast-import not included)
    folders: int = 0  # clients/ split into this many folders (0: flat)
    versions_by_path: dict[str, int] = field(default_factory=dict)


def _builder_key() -> str:
    return hashlib.sha256(
        f"{BUILDER_VERSION}\0{files_sha256(HERE / 'generate.py', ROOT / 'clientbook.yaml', ROOT / 'schemas')}".encode()
    ).hexdigest()[:16]


def _import_generate() -> Any:
    sys.path.insert(0, str(HERE))
    try:
        import generate
    finally:
        sys.path.remove(str(HERE))
    return generate


def build_repo(
    out: Path, clients: int, commits: int, seed: int, repack: bool = True, folders: int = 0
) -> RepoStats:
    """Write a repository of `clients` records and `commits` commits to `out` with git fast-import.

    Deterministic for (clients, commits, seed, folders). The first ceil(clients / 50) commits
    add the clients (the first also clientbook.yaml and schemas/); each later one changes 1-3
    records. With `folders`, client n's file is clients/gNNN/ID.yaml, NNN = n mod folders (any
    grouping a team chooses): a flat clients/ of 100,000 files makes every commit rewrite a
    tree of 100,000 entries, which git fast-import could not build 50,000 times in an hour.
    Returns the statistics, including the number of record versions written per path.
    """
    g = _import_generate()
    started = time.perf_counter()
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _git(out, "init", "-q", "-b", "main")
    stats = RepoStats(clients, commits, seed, _builder_key(), folders=folders)
    rng = random.Random(seed)
    editor = Editor(g)
    gen = g._Generator(editor.cfg, seed, RECORDS_TODAY)

    proc = subprocess.Popen(
        ["git", "-C", str(out), "fast-import", "--quiet", "--done"],
        stdin=subprocess.PIPE,
        env={**os.environ, **GIT_ENV},
    )
    assert proc.stdin is not None
    w = proc.stdin.write
    mark = 0
    blobs: set[bytes] = set()
    records: list[dict[str, Any]] = []  # current data, by client number - 1
    paths: list[str] = []
    versions_by_path: dict[str, int] = {}
    total_bytes = 0

    def blob(data: bytes) -> int:
        nonlocal mark
        mark += 1
        w(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
        w(data)
        w(b"\n")
        return mark

    def record_blob(number: int, data: bytes) -> int:
        nonlocal total_bytes
        blobs.add(hashlib.sha1(b"blob %d\0" % len(data) + data).digest())
        path = paths[number]
        versions_by_path[path] = versions_by_path.get(path, 0) + 1
        total_bytes += len(data)
        return blob(data)

    add_commits = -(-clients // BATCH)
    if commits < add_commits:
        raise ValueError(f"{commits} commits cannot add {clients} clients {BATCH} at a time")
    step = SPAN / commits
    when = START
    authors_used: set[str] = set()
    for i in range(commits):
        when = max(when + dt.timedelta(seconds=61), START + step * i + step * rng.uniform(0, 0.9))
        author = AUTHORS[rng.choices(range(len(AUTHORS)), AUTHOR_WEIGHTS)[0]]
        day = when.date().isoformat()
        files: list[tuple[str, int]] = []
        if i < add_commits:
            lo, hi = i * BATCH, min(clients, (i + 1) * BATCH)
            if i == 0:
                files.append(("clientbook.yaml", blob(g.CONFIG_SOURCE.read_bytes())))
                for schema in sorted(g.SCHEMAS_SOURCE.glob("*.json")):
                    files.append((f"schemas/{schema.name}", blob(schema.read_bytes())))
            for n in range(lo, hi):
                r = gen.record(n + 1)
                size = len(g.to_yaml(r).encode())
                editor.pad(r, rng, size, int(min(11000, max(2500, rng.gauss(5500, 1300)))))
                records.append(r)
                folder = f"g{n % folders:03d}/" if folders else ""
                paths.append(f"clients/{folder}{r['id']}.yaml")
                files.append((paths[n], record_blob(n, _to_yaml(g, r, paths[n]))))
            message = f"Add clients {lo + 1}-{hi}" + (" and the configuration" if i == 0 else "")
        else:
            k = rng.choices([1, 2, 3], [45, 38, 17])[0]
            chosen = rng.sample(range(clients), k)
            lines = []
            for n in chosen:
                before = _to_yaml(g, records[n], paths[n])
                r = records[n]
                for _ in range(1 + (rng.random() < 0.2)):
                    r, msg = editor.edit(r, rng, day, author[2])
                    lines.append(msg)
                text = _to_yaml(g, r, paths[n])
                while text == before:  # every touched record really changes
                    r, msg = editor.add_interaction(r, rng, day, author[2])
                    lines.append(msg)
                    text = _to_yaml(g, r, paths[n])
                records[n] = r
                files.append((paths[n], record_blob(n, text)))
            message = (
                lines[0]
                if len(lines) == 1
                else f"Update {k} client records\n\n" + "\n".join(f"- {x}" for x in lines)
            )
        committer = author if rng.random() < 0.85 else BOT
        authors_used.add(author[0])
        ts = int(when.timestamp())
        body = message.encode() + b"\n"
        w(b"commit refs/heads/main\n")
        w(f"author {author[0]} <{author[1]}> {ts} {author[3]}\n".encode())
        w(
            f"committer {committer[0]} <{committer[1]}> {ts + (0 if committer is author else 300)} "
            f"{committer[3]}\n".encode()
        )
        w(b"data %d\n" % len(body) + body)
        for path, m in files:
            w(b"M 100644 :%d %s\n" % (m, path.encode()))
        w(b"\n")
        if i == 0:
            stats.first_date = when.isoformat()
    stats.last_date = when.isoformat()
    w(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    stats.build_s = time.perf_counter() - started
    if repack:
        t = time.perf_counter()
        _git(out, "repack", "-a", "-d", "-f", "-q")  # deltas, as in a clone
        stats.repack_s = time.perf_counter() - t
    _git(out, "checkout", "-q", "-f", "main")
    _git(out, "reset", "-q", "--hard")
    stats.pack_mb = (
        sum(p.stat().st_size for p in (out / ".git" / "objects").rglob("*") if p.is_file()) / 2**20
    )
    stats.head = _git(out, "rev-parse", "HEAD")
    stats.versions = sum(versions_by_path.values())
    stats.distinct_blobs = len(blobs)
    stats.avg_version_bytes = total_bytes / max(1, stats.versions)
    sizes = [(out / p).stat().st_size for p in paths]
    stats.avg_record_bytes = sum(sizes) / len(sizes)
    stats.max_record_bytes = max(sizes)
    stats.avg_record_lines = sum((out / p).read_bytes().count(b"\n") for p in paths) / len(paths)
    stats.authors = len(authors_used)
    stats.versions_by_path = versions_by_path
    stats.build_peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (out / ".git" / MANIFEST).write_text(
        json.dumps(asdict(stats), indent=1) + "\n", encoding="utf-8"
    )
    return stats


def _to_yaml(g: Any, record: dict[str, Any], path: str) -> bytes:
    """The record's text, its modeline for the file's depth (../../schemas in a folder)."""
    layout = "prefix2" if path.count("/") > 1 else "flat"
    return g.to_yaml(record, g.layout_modeline(layout)).encode()


def prepare_repo(
    out: Path, clients: int, commits: int, seed: int, force: bool, folders: int = 0
) -> tuple[RepoStats, bool]:
    """Reuse the repository at `out` if it was built with the same parameters, else build it."""
    manifest = out / ".git" / MANIFEST
    if not force and manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            known = {f.name for f in fields(RepoStats)}
            stats = RepoStats(**{k: v for k, v in data.items() if k in known})
        except (OSError, ValueError, TypeError):
            stats = None
        if stats is not None and (
            stats.clients,
            stats.commits,
            stats.seed,
            stats.builder,
            stats.folders,
        ) == (clients, commits, seed, _builder_key(), folders):
            ok = (
                subprocess.run(
                    ["git", "-C", str(out), "cat-file", "-e", f"{stats.head}^{{commit}}"],
                    env={**os.environ, **GIT_ENV},
                    capture_output=True,
                ).returncode
                == 0
            )
            if ok:  # drop the commits a previous run added, and any edits it left
                _git(out, "checkout", "-q", "-f", "main")
                _git(out, "reset", "-q", "--hard", stats.head)
                _git(out, "clean", "-fdq", "--", "clients")
                return stats, True
    log(f"building {out.name} ({clients:,} clients, {commits:,} commits) ...")
    stats = build_repo(out, clients, commits, seed, folders=folders)
    log(
        f"  built in {stats.build_s:.1f}s (+ repack {stats.repack_s:.1f}s): {stats.versions:,} versions, "
        f"{stats.distinct_blobs:,} distinct blobs, {stats.avg_record_bytes / 1024:.1f} KB and "
        f"{stats.avg_record_lines:.0f} lines per record now, pack {stats.pack_mb:.0f} MB"
    )
    return stats, False


def make_commit(repo: Path, stats: RepoStats, number: int, seed: int) -> list[str]:
    """One commit, made with git, that changes NEW_COMMIT_RECORDS records; returns their paths."""
    from clientbook.core.yamlio import load_document

    g = _import_generate()
    editor = Editor(g)
    rng = random.Random(f"new-commit:{seed}:{number}")
    chosen = rng.sample(sorted(stats.versions_by_path), NEW_COMMIT_RECORDS)
    when = dt.datetime.fromisoformat(stats.last_date) + dt.timedelta(hours=number + 1)
    day = when.date().isoformat()
    lines = []
    for rel in chosen:
        path = repo / rel
        data = load_document(path.read_bytes()).data
        before = _to_yaml(g, data, rel)
        data, msg = editor.edit(data, rng, day, NEW_COMMIT_AUTHOR[2])
        text = _to_yaml(g, data, rel)
        if text == before:
            data, msg = editor.add_interaction(data, rng, day, NEW_COMMIT_AUTHOR[2])
            text = _to_yaml(g, data, rel)
        lines.append(msg)
        path.write_bytes(text)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S") + "+01:00"
    env = {
        "GIT_AUTHOR_NAME": NEW_COMMIT_AUTHOR[0],
        "GIT_AUTHOR_EMAIL": NEW_COMMIT_AUTHOR[1],
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": NEW_COMMIT_AUTHOR[0],
        "GIT_COMMITTER_EMAIL": NEW_COMMIT_AUTHOR[1],
        "GIT_COMMITTER_DATE": stamp,
    }
    _git(repo, "add", "--", *chosen)
    _git(
        repo,
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "--no-verify",
        "-m",
        f"Update {len(chosen)} client records\n\n" + "\n".join(f"- {x}" for x in lines),
        env=env,
    )
    return chosen


# --- running and measuring ------------------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    tree_rss_mb: float
    exit_code: int
    stdout: str
    stderr: str
    cpu_s: float = 0.0  # user + system of the child and the children it waited for
    others: float = 0.0  # CPUs kept busy by other processes meanwhile, on average


def _busy_s() -> float:
    """CPU seconds the whole machine has been busy since boot (from /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            user, nice, system, _idle, _iowait, irq, softirq, steal = (
                int(x) for x in fh.readline().split()[1:9]
            )
    except (OSError, ValueError):
        return 0.0
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_timed(
    cmd: list[str], cwd: Path, log_dir: Path, label: str, discard_stdout: bool = False
) -> Run:
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{label}.stdout", log_dir / f"{label}.stderr"
    env = {**os.environ, **GIT_ENV}
    env.pop("PYTHONSTARTUP", None)
    with open(os.devnull if discard_stdout else out_path, "wb") as out, open(err_path, "wb") as err:
        busy = _busy_s()
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        sampler = TreeSampler(proc.pid, interval=0.02)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        busy = _busy_s() - busy
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = "" if discard_stdout else out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        wall,
        usage.ru_maxrss / 1024,
        max(sampler.peak_kb, usage.ru_maxrss) / 1024,
        proc.returncode,
        stdout,
        stderr,
        cpu,
        max(0.0, busy - cpu) / wall if wall else 0.0,
    )


@dataclass
class Row:
    size: str
    variant: str
    runs_s: list[float] = field(default_factory=list)
    seconds: float | None = None  # best of the runs
    median_s: float | None = None
    call_s: float | None = None  # inside read_history (best run), without start-up and imports
    import_s: float | None = None
    ratio: float | None = None
    peak_rss_mb: float | None = None
    tree_rss_mb: float | None = None
    cpu_s: float | None = None  # of the best run
    others: float | None = None  # CPUs busy with other work during the best run
    runs_others: list[float] = field(default_factory=list)
    parsed_blobs: int | None = None
    records: int | None = None
    versions: int | None = None
    error: str = ""

    def add(self, run: Run, info: dict[str, Any] | None = None) -> None:
        if run.exit_code != 0:
            self.error = f"exit {run.exit_code}: " + "\n".join(run.stderr.splitlines()[-12:])
            return
        self.runs_s.append(run.wall_s)
        self.runs_others.append(run.others)
        self.peak_rss_mb = max(self.peak_rss_mb or 0, run.peak_rss_mb)
        self.tree_rss_mb = max(self.tree_rss_mb or 0, run.tree_rss_mb)
        best = min(self.runs_s) == run.wall_s
        if best:
            self.cpu_s, self.others = run.cpu_s, run.others
        if info:
            self.parsed_blobs = max(self.parsed_blobs or 0, info["parsed_blobs"])
            self.records, self.versions = info["records"], info["versions"]
            if best:
                self.call_s, self.import_s = info["call_s"], info["import_s"]
        self.seconds = min(self.runs_s)
        self.median_s = statistics.median(self.runs_s)


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows: list[Row] = []
        self.targets: list[dict[str, Any]] = []
        self.repos: dict[str, dict[str, Any]] = {}
        self.checks: dict[str, list[str]] = {}
        self.jobs = args.jobs
        self.jobs_label = f"jobs={args.jobs}" + (
            f" ({os.cpu_count()} CPUs)" if args.jobs == 0 else ""
        )

    def clientbook(
        self, repo: Path, jobs: int, log_dir: Path, label: str
    ) -> tuple[Run, dict[str, Any] | None]:
        run = run_timed([sys.executable, "-c", CHILD, str(repo), str(jobs)], repo, log_dir, label)
        info = None
        if run.exit_code == 0:
            try:
                info = json.loads(run.stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                run.exit_code, run.stderr = -1, "unreadable output: " + run.stdout[-500:]
        return run, info

    def run_size(self, clients: int, commits: int) -> None:
        a = self.args
        size = f"{clients}x{commits}"
        repo = a.workdir / f"history-{size}"
        stats, reused = prepare_repo(repo, clients, commits, a.seed, a.rebuild)
        if reused:
            log(
                f"reusing {repo} ({stats.versions:,} versions, {stats.distinct_blobs:,} distinct blobs)"
            )
        repo_info = {k: v for k, v in asdict(stats).items() if k != "versions_by_path"}
        repo_info["reused"] = reused
        repo_info["loadavg_before"] = os.getloadavg()[0]  # other work on the machine skews timings
        repo_info["raw_log_p_mb"] = _raw_output_mb(repo)
        self.repos[size] = repo_info
        log_dir = a.workdir / "logs-history" / size
        cache = repo / ".clientbook" / "cache"
        rows: dict[str, Row] = {}

        def row(variant: str) -> Row:
            rows[variant] = Row(size, variant)
            self.rows.append(rows[variant])
            return rows[variant]

        raw = row("raw git log -p --no-renames -- clients/")
        for i in range(a.repeat):
            run = run_timed(
                ["git", "log", "-p", "--no-renames", "--", "clients/"],
                repo,
                log_dir,
                f"raw-{i}",
                discard_stdout=True,
            )
            raw.add(run)
            log(f"  {size} raw #{i + 1}: {_said(run)}")

        def cold(variant: str, jobs: int) -> Row:
            r = row(variant)
            for i in range(a.cold_repeat):
                shutil.rmtree(cache, ignore_errors=True)
                run, info = self.clientbook(repo, jobs, log_dir, f"cold-j{jobs}-{i}")
                r.add(run, info)
                log(f"  {size} {variant} #{i + 1}: {_said(run, info)}")
            return r

        if self.jobs != 1:
            cold("cold, jobs=1", 1)
        cold_main = cold(f"cold, {self.jobs_label}", self.jobs)
        warm = row(f"warm, {self.jobs_label}")
        for i in range(a.repeat):
            run, info = self.clientbook(repo, self.jobs, log_dir, f"warm-{i}")
            warm.add(run, info)
            log(f"  {size} warm #{i + 1}: {_said(run, info)}")
        new = row(f"+1 commit ({NEW_COMMIT_RECORDS} records), {self.jobs_label}")
        for i in range(a.repeat):
            make_commit(repo, stats, i, a.seed)
            run, info = self.clientbook(repo, self.jobs, log_dir, f"new-commit-{i}")
            new.add(run, info)
            log(f"  {size} +1 commit #{i + 1}: {_said(run, info)}")
        for r in rows.values():
            if r.seconds is not None and raw.seconds:
                r.ratio = r.seconds / raw.seconds

        def target(name: str, value: float | None, limit: float, unit: str) -> None:
            ok = value is not None and value <= limit
            self.targets.append(
                {
                    "size": size,
                    "target": name,
                    "measured": value,
                    "limit": limit,
                    "unit": unit,
                    "pass": ok,
                }
            )

        target("cold extraction <= 8 x raw git log -p", cold_main.ratio, 8.0, "x")
        target("warm (cached) <= 1 x raw git log -p", warm.ratio, 1.0, "x")
        target(
            f"after one new commit, parsed blobs <= {NEW_COMMIT_RECORDS}",
            new.parsed_blobs,
            NEW_COMMIT_RECORDS,
            "blobs",
        )
        if cold_main.versions is not None and cold_main.versions != stats.versions:
            log(
                f"  !! clientbook saw {cold_main.versions} versions, the builder wrote {stats.versions}"
            )

        if a.verify if a.verify is not None else clients <= 2000:
            self.checks[size] = verify(repo, stats, a.repeat)
        if a.profile:
            profile(repo, a.workdir / f"profile-history-{size}.txt")


def _said(run: Run, info: dict[str, Any] | None = None) -> str:
    if run.exit_code != 0:
        return (
            f"FAILED (exit {run.exit_code}): " + (run.stderr.strip().splitlines() or [""])[-1][:120]
        )
    text = (
        f"{run.wall_s:.2f}s, CPU {run.cpu_s:.2f}s, peak RSS {run.peak_rss_mb:.0f} MB, "
        f"other work {run.others:.1f} CPUs"
    )
    if info:
        text += (
            f" (imports {info['import_s']:.2f}s, read_history {info['call_s']:.2f}s, "
            f"parsed {info['parsed_blobs']} blobs)"
        )
    return text


def _raw_output_mb(repo: Path) -> float:
    """How much `git log -p` writes, for scale (not timed)."""
    proc = subprocess.Popen(
        ["git", "-C", str(repo), "log", "-p", "--no-renames", "--", "clients/"],
        stdout=subprocess.PIPE,
        env={**os.environ, **GIT_ENV},
    )
    assert proc.stdout is not None
    total = 0
    while chunk := proc.stdout.read(1 << 20):
        total += len(chunk)
    proc.wait()
    return total / 2**20


# --- correctness ------------------------------------------------------------------------------


def verify(repo: Path, stats: RepoStats, new_commits: int) -> list[str]:
    """Check the history against what the builder wrote; returns the findings (empty when right)."""
    from clientbook.core.yamlio import load_document
    from clientbook.history.fielddiff import apply
    from clientbook.history.gitlog import read_blobs
    from clientbook.history.read import read_history

    log(f"verifying {repo.name} ...")
    problems: list[str] = []
    cached = read_history(repo)  # incremental from the last +1 commit run, or warm
    fresh = read_history(repo, use_cache=False)
    if set(cached.records) != set(fresh.records):
        problems.append("the cached and the uncached history have different records")
    differing = [
        k
        for k in fresh.records
        if k in cached.records and cached.records[k].versions != fresh.records[k].versions
    ]
    if differing:
        problems.append(
            f"{len(differing)} records differ between cached and uncached, e.g. {differing[:3]}"
        )

    head = _git(repo, "rev-parse", "HEAD")
    new_shas = set(_git(repo, "rev-list", f"{stats.head}..{head}").split())
    added = {p: 0 for p in stats.versions_by_path}
    for sha in new_shas:
        for p in _git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", sha).split():
            if p in added:
                added[p] += 1
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "clients").glob("*.yaml"))
    if len(files) != stats.clients or set(files) != set(stats.versions_by_path):
        problems.append(f"{len(files)} client files in the working tree, {stats.clients} expected")
    by_path = {r.path: r for r in fresh.records.values()}
    missing = [f for f in files if f not in by_path or not by_path[f].versions]
    if missing:
        problems.append(f"{len(missing)} clients without a history, e.g. {missing[:3]}")
    wrong = []
    total = 0
    blobs_at_build = set()
    for path, expected in stats.versions_by_path.items():
        record = by_path.get(path)
        got = [v for v in record.versions if v.status != "working"] if record else []
        total += len(got)
        blobs_at_build |= {v.blob for v in got if v.commit.sha not in new_shas}
        if len(got) != expected + added[path]:
            wrong.append(f"{path}: {len(got)} versions, {expected + added[path]} written")
    if wrong:
        problems.append(f"{len(wrong)} records with the wrong number of versions, e.g. {wrong[:3]}")
    if total != stats.versions + sum(added.values()):
        problems.append(f"{total} versions in all, {stats.versions + sum(added.values())} written")
    if len(blobs_at_build) != stats.distinct_blobs:
        problems.append(
            f"{len(blobs_at_build)} distinct blobs up to the built head, {stats.distinct_blobs} written"
        )
    empty = sum(1 for r in fresh.records.values() for v in r.versions if not v.changes)
    if empty:
        problems.append(f"{empty} versions without any change")

    rng = random.Random(f"sample:{stats.seed}")
    sample = sorted(rng.sample(files, min(SAMPLE, len(files))))
    sample = sorted(
        set(sample) | {p for p, n in added.items() if n}
    )  # and the records the new commits changed
    checked_versions = 0
    for path in sample:
        record = by_path[path]
        versions = list(reversed(record.versions))  # oldest first
        contents = read_blobs(str(repo / ".git"), [v.blob for v in versions])
        data: Any = {}
        for v in versions:
            data = apply(data, list(v.changes))
            expected = load_document(contents[v.blob]).data
            checked_versions += 1
            if data != expected:
                problems.append(
                    f"{path}: replaying up to {v.commit.sha[:10]} does not give that version"
                )
                break
        on_disk = load_document((repo / path).read_bytes()).data
        if data != on_disk:
            problems.append(f"{path}: the replayed latest version differs from the working tree")
    log(
        f"  checked {len(files)} clients, {total:,} versions ({sum(added.values())} from new commits), "
        f"{len(blobs_at_build):,} distinct blobs; replayed {len(sample)} records ({checked_versions} "
        f"versions) against git and the working tree; cached == uncached: {not differing}"
    )
    for p in problems:
        log(f"  !! {p}")
    if not problems:
        log("  all checks passed")
    return problems


def profile(repo: Path, out: Path) -> None:
    """cProfile of a cold read_history(jobs=1) in this process; the top functions to `out`."""
    from clientbook.history.read import read_history

    shutil.rmtree(repo / ".clientbook" / "cache", ignore_errors=True)
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    read_history(repo, jobs=1)
    prof.disable()
    elapsed = time.perf_counter() - started
    text = io.StringIO()
    text.write(f"cold read_history({repo.name}, jobs=1) under cProfile: {elapsed:.2f}s\n\n")
    for order in ("tottime", "cumulative"):
        text.write(f"--- by {order} ---\n")
        pstats.Stats(prof, stream=text).strip_dirs().sort_stats(order).print_stats(30)
    out.write_text(text.getvalue(), encoding="utf-8")
    log(f"profile written to {out}")


# --- output -------------------------------------------------------------------------------------


def markdown(rows: list[Row]) -> str:
    def num(v: float | None, fmt: str) -> str:
        return format(v, fmt) if v is not None else "—"

    out = [
        "| size | variant | seconds | ratio to raw | in read_history s | CPU s | peak RSS MB "
        "| sum RSS MB | parsed blobs | other work, CPUs |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.error and r.seconds is None:
            out.append(
                f"| {r.size} | {r.variant} | FAILED | | | | | | {r.error.splitlines()[-1][:60]} | |"
            )
            continue
        failed = f" ({len(r.runs_s)} runs ok, one failed)" if r.error else ""
        out.append(
            f"| {r.size} | {r.variant}{failed} | {num(r.seconds, '.2f')} | {num(r.ratio, '.2f')}× | "
            f"{num(r.call_s, '.2f')} | {num(r.cpu_s, '.2f')} | {num(r.peak_rss_mb, '.0f')} | "
            f"{num(r.tree_rss_mb, '.0f')} | "
            f"{r.parsed_blobs if r.parsed_blobs is not None else '—'} | {num(r.others, '.1f')} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000x5000,10000x20000",
        help="comma-separated CLIENTSxCOMMITS (default 1000x5000,10000x20000)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=HERE / "out",
        help="repositories, logs and results (default bench/out, git-ignored)",
    )
    parser.add_argument(
        "--jobs", type=int, default=0, help="read_history jobs (default 0: one per CPU)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of raw, warm and +1 commit; the best is reported (default 3)",
    )
    parser.add_argument(
        "--cold-repeat", type=int, default=1, help="runs of each cold variant (default 1)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"builder seed (default {SEED})")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild repositories even if reusable"
    )
    parser.add_argument(
        "--verify",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="check the history's correctness (default: for at most 2,000 clients)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile a cold jobs=1 run in-process"
    )
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    sizes = []
    for part in filter(None, (s.strip() for s in args.sizes.split(","))):
        try:
            clients, commits = (int(x) for x in part.lower().split("x"))
        except ValueError:
            parser.error(f"--sizes takes CLIENTSxCOMMITS, for example 1000x5000, not {part!r}")
        if clients < 1 or commits < -(-clients // BATCH):
            parser.error(f"{part}: need at least 1 client and {BATCH} clients per initial commit")
        sizes.append((clients, commits))
    if args.repeat < 1 or args.cold_repeat < 1 or args.jobs < 0:
        parser.error("--repeat and --cold-repeat must be 1 or more, --jobs 0 or more")
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if shutil.which("git") is None:
        log("git is needed")
        return 2
    try:
        import clientbook  # noqa: F401
    except ImportError:
        log(
            f"clientbook is not importable by {sys.executable}; run this with the project's .venv python"
        )
        return 2

    bench = Bench(args)
    for clients, commits in sizes:
        bench.run_size(clients, commits)

    table = markdown(bench.rows)
    print(table)
    print()
    for t in bench.targets:
        measured = (
            "—"
            if t["measured"] is None
            else (f"{t['measured']:.2f}×" if t["unit"] == "x" else str(t["measured"]))
        )
        print(f"- {t['size']}: {t['target']}: {measured} — {'PASS' if t['pass'] else 'FAIL'}")
    for size, info in bench.repos.items():
        print(
            f"- {size}: {info['versions']:,} record versions, {info['distinct_blobs']:,} distinct blobs, "
            f"{info['avg_record_bytes'] / 1024:.1f} KB / {info['avg_record_lines']:.0f} lines per record "
            f"(versions average {info['avg_version_bytes'] / 1024:.1f} KB), {info['authors']} authors, "
            f"{info['first_date'][:10]} to {info['last_date'][:10]}, git log -p writes "
            f"{info['raw_log_p_mb']:.0f} MB"
        )
    for size, problems in bench.checks.items():
        print(
            f"- {size}: correctness checks "
            + ("passed" if not problems else "FAILED: " + "; ".join(problems))
        )
    for r in bench.rows:
        if r.error:
            print(f"\n{r.size} {r.variant} failed:\n{r.error}")

    out = args.workdir / "results-history.json"
    try:
        previous = json.loads(out.read_text(encoding="utf-8")).get("sizes", {})
    except (OSError, ValueError, AttributeError):
        previous = {}
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git": _git(ROOT, "--version"),
        "clientbook_commit": _git(ROOT, "rev-parse", "HEAD"),
        "clientbook_source_dirty": bool(
            _git(ROOT, "status", "--porcelain", "--", "tools/clientbook")
        ),
        "jobs": args.jobs,
        "repeat": args.repeat,
        "cold_repeat": args.cold_repeat,
        "seconds": "best of the runs (median_s and runs_s hold all); wall time of a fresh process",
        "peak_rss": "ru_maxrss from os.wait4: the largest single process in the child's tree",
        "sum_rss": "sampled every 20 ms from /proc: all processes of the tree added up",
    }
    for size in bench.repos:
        previous[size] = {
            "meta": meta,
            "repo": bench.repos[size],
            "rows": [asdict(r) for r in bench.rows if r.size == size],
            "targets": [t for t in bench.targets if t["size"] == size],
            "checks": bench.checks.get(size),
            "markdown": markdown([r for r in bench.rows if r.size == size]),
        }
    # the table of every size measured so far, this run's and earlier runs'
    merged = "\n".join(
        [*table.splitlines()[:2]]
        + [ln for v in previous.values() for ln in v.get("markdown", "").splitlines()[2:]]
    )
    out.write_text(
        json.dumps({"sizes": previous, "markdown": merged}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    log(f"results written to {out}")
    failed = (
        any(not t["pass"] for t in bench.targets)
        or any(bench.checks.values())
        or any(r.error for r in bench.rows)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
