"""Updating a built site in place after a few client files changed.

A full build loads, lints and reads the history of every record, because the
directory, dashboard and people pages depend on all of them. When only a few
files changed since the last build, and nothing else did (templates, config,
schema, day, audience, HEAD), most of that work would give what the last
build already found, which the site state holds (sitestate.py):

- a file whose stat is unchanged is not read; one whose bytes are unchanged
  is not parsed;
- the changed files are linted alone: the cross-record rules (duplicates,
  ids) depend only on each record's facts, so when the changed records' facts
  are the ones they had, every cross-record finding is the one the last
  build had, placed again in the changed text;
- only their history is read (from the history cache, which is at HEAD);
- only their pages are made; the site-wide pages are made from the summaries
  the state keeps for the other clients.

Anything else (a file added, removed or unreadable, changed facts, a new
commit, many changed files) returns None and the caller builds in full.

Everything is made in memory first; then each changed file is replaced
atomically and the manifest last, so a failure while making leaves the site
as it was, and a failure while writing leaves every file whole (and the next
build, finding the manifest's keys stale, makes those pages again).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from clientbook.core.clientstats import listed_stats, stats_of
from clientbook.core.config import Config
from clientbook.core.diagnostics import Severity, count
from clientbook.core.records import read_record
from clientbook.core.repo import CLIENTS_DIR, listing_unchanged
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.gitprobe import GitWhere, probe
from clientbook.history.read import read_histories
from clientbook.history.types import RecordHistory
from clientbook.lint.baseline import digest, marked
from clientbook.lint.checkfile import Checker
from clientbook.lint.run import relint, run_key
from clientbook.site.dashtotals import Totals
from clientbook.site.directory import Directory
from clientbook.site.known import known_baseline
from clientbook.site.pages import Shared, Source, make_page, page_key
from clientbook.site.staging import MARKER
from clientbook.site.state import SiteState
from clientbook.site.staterows import Mark, Row, Whole
from clientbook.site.summary import Summary
from clientbook.site.updatewide import remake_wide
from clientbook.util.atomic import write_bytes
from clientbook.util.filestat import Stat, as_kept
from clientbook.util.regularfile import regular_file_bytes

MAX_CHANGED = 50  # more changed files than this: the full build, modelling pages in parallel, wins


def whole_key(base: str, checker: Checker, today: dt.date, head_sha: str | None) -> str:
    """Everything a site depends on besides its client files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    baseline = digest(checker.config)  # a new baseline marks other findings known
    text = f"{base}\0{run_key(checker, today)}\0{head_sha}\0{epoch}\0{baseline}"
    return hashlib.sha256(text.encode()).hexdigest()


def current_git(root: Path) -> GitWhere | None:
    """Root's git working tree; None outside git."""
    try:
        return probe(root)
    except GitUnavailable:
        return None


@dataclass
class Update:
    """An update made in memory: the files to replace, and the state rows once they are."""

    out: Path
    state: SiteState
    whole: Whole
    files: dict[str, str | bytes] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # client pages made again -> their keys
    rows: dict[str, Row] = field(default_factory=dict)  # the state rows of the files made again
    touched: dict[str, Stat] = field(default_factory=dict)  # new stats of files with the same bytes
    errors: int = 0
    directory: Directory | None = None  # the directory, when written
    totals: Totals | None = None  # the dashboard's totals, when it was written
    manifest: bytes = b""  # the site's manifest, as the state knew it
    stats: dict[str, Stat] | None = None  # every client file's stat, as the state knew it
    relisted: bool = False  # clients/ was listed again: the state keeps its folders' new stats

    def write(self, name: str, content: str | bytes) -> None:
        self.files[name] = content

    def commit(self) -> None:
        """Replace each file that differs, atomically; then the manifest; then the state rows."""
        if self.rows:
            for name, content in self.files.items():
                _replace(self.out / name, content)
            text = self.manifest.decode("utf-8")
            text = _with_keys(text, self.keys) or _with_keys_parsed(text, self.keys)
            _replace(self.out / MARKER, text)
            self.whole.manifest = hashlib.sha256(text.encode()).hexdigest()
            self.whole.pages_time = pages_time(self.out)
        if self.rows or self.touched or self.relisted:
            self.state.update(
                self.whole,
                self.rows,
                self.touched,
                self.directory,
                self.stats,
                self.totals,
            )


def _with_keys(manifest: str, keys: dict[str, str]) -> str | None:
    """The manifest with these pages' keys replaced in its text, where each page is listed
    once (None otherwise): parsing and writing the 1 MB of JSON again took 30 ms."""
    for name, key in keys.items():
        label = json.dumps(name) + ": "
        start = manifest.find(label)
        if start < 0 or manifest.find(label, start + 1) >= 0:
            return None
        start += len(label)
        end = manifest.find('"', start + 1) + 1
        if manifest[start] != '"' or end <= start:
            return None
        manifest = manifest[:start] + json.dumps(key) + manifest[end:]
    return manifest


def _with_keys_parsed(manifest: str, keys: dict[str, str]) -> str:
    data = json.loads(manifest)
    data["keys"] = dict(sorted({**data.get("keys", {}), **keys}.items()))
    return json.dumps(data) + "\n"


def _replace(path: Path, content: str | bytes) -> None:
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return  # unchanged files keep their times: deploys and browsers' caches see no change
    except OSError:
        pass
    write_bytes(path, data, durable=False)  # the site is made again from the records


def plan_update(
    config: Config,
    out: Path,
    checker: Checker,
    env: jinja2.Environment,
    shared: Shared,
    state: SiteState,
) -> Update | None:
    """The in-place update of the site at `out`, or None when a full build is needed."""
    whole = state.whole()
    if whole is None:
        return None
    where = current_git(config.root)
    # '' without git, so that the key differs from a repository with no commit yet (None)
    head_sha = where.head if where is not None else ""
    if whole.key != whole_key(shared.base, checker, shared.today, head_sha):
        return None
    update = _as_built(out, state, whole)
    changed = _changed(config.root, state, update) if update is not None else None
    if update is None or changed is None:
        return None
    if not changed:
        update.errors = state.errors()
        return update
    previous = {file: state.summary(file) for file in changed}
    # with git, histories come from its cache (without: pages without history, as in full)
    if not _remake(config, checker, shared, state, previous, changed, where, update):
        return None
    update.errors = state.errors(update.rows)
    written = remake_wide(config, env, shared, state, previous, update.rows, update.whole, update)
    if written is None:
        return None
    update.directory, update.totals = written.directory, written.totals
    return update


def _as_built(out: Path, state: SiteState, whole: Whole) -> Update | None:
    """An empty update of the site at `out`, when it is the site the state describes."""
    try:
        manifest = (out / MARKER).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(manifest).hexdigest() != whole.manifest or not _pages_there(
        out, state, whole
    ):
        return None
    known = state.stats()
    if known is None:
        return None
    return Update(out, state, whole, manifest=manifest, stats=known)


def _changed(root: Path, state: SiteState, update: Update) -> dict[str, Stat] | None:
    """The client files whose bytes changed since the build, with their stats now; files
    touched but unchanged go into `update.touched`. None when files came or went, one
    cannot be read, or more than MAX_CHANGED changed."""
    known = update.stats
    if known is None:
        return None
    taken = time.time_ns()
    current = _current_stats(root, known, update)
    if current.keys() != known.keys():
        return None
    changed: dict[str, Stat] = {}
    for file, stat in current.items():
        if stat is None or stat == known[file]:  # a racy stat was kept as none can be
            continue
        try:
            raw = regular_file_bytes(root / file)
        except OSError:
            return None
        if raw is None:  # a FIFO, say: never read here; the full build reports it
            return None
        if hashlib.sha256(raw).hexdigest() == state.sha(file):
            update.touched[file] = as_kept(stat, taken)
            continue
        changed[file] = as_kept(stat, taken)
        if len(changed) > MAX_CHANGED:
            return None
    return changed


def _current_stats(root: Path, known: dict[str, Stat], update: Update) -> dict[str, Stat | None]:
    """Every client file's stat now: of the `known` files while no folder of clients/ has
    changed since it was listed (listing 100,000 names was a sixth of an update), else of
    the files listed again, whose folders the state then keeps for the next update."""
    if listing_unchanged(root, update.whole.folders):
        return stats_of(root, (file.removeprefix(f"{CLIENTS_DIR}/") for file in known))
    current, update.whole.folders = listed_stats(root)
    update.relisted = True
    return current


def _pages_there(out: Path, state: SiteState, whole: Whole) -> bool:
    """As many client pages in the folder as the state has (one deleted by hand: build in full).

    The state was written with the manifest just compared, which lists the same pages.
    A folder whose time is the one the last build left has had no file added or removed
    since, and is not listed again (10,000 names).
    """
    if whole.pages_time is not None and pages_time(out) == whole.pages_time:
        return True
    try:
        return len(os.listdir(out / "clients")) == state.pages()
    except OSError:
        return False


def pages_time(out: Path) -> int | None:
    """The client pages' folder's modification time, changed by every file made or removed in it."""
    try:
        return os.stat(out / "clients").st_mtime_ns
    except OSError:
        return None


def _remake(
    config: Config,
    checker: Checker,
    shared: Shared,
    state: SiteState,
    previous: dict[str, Summary | None],
    changed: dict[str, Stat],
    where: GitWhere | None,
    update: Update,
) -> bool:
    """Lint, history and pages of the changed files, into `update`; False to build in full."""
    sources = []
    baseline = known_baseline(config)
    for file, stat in changed.items():
        mark = state.mark(file)
        record = read_record(
            config.root / file, file, config.root, config.max_file_size, keep_node=True
        )
        if record.data is None or mark is None or not mark.readable or previous[file] is None:
            return False
        result, diagnostics = relint(checker, record, mark.cross)
        diagnostics = marked(diagnostics, baseline)
        if result.facts != mark.facts:
            return False  # cross-record findings may differ anywhere
        errors = count(diagnostics, Severity.ERROR)
        sources.append((record, diagnostics, stat, Mark(result.facts, mark.cross, errors, True)))
    histories: dict[str, RecordHistory] = {}
    if where is not None:
        found = read_histories(config.root, list(changed), where)
        if found is None:
            return False
        histories = found
    for record, diagnostics, stat, mark in sources:
        source = Source.of(record, diagnostics, histories.get(record.file))
        name, html, summary = make_page(shared, source)
        if name != f"clients/{previous[record.file].id}.html":  # type: ignore[union-attr]
            return False
        key = page_key(shared.base, source)
        update.files[name] = html
        update.keys[name] = key
        update.rows[record.file] = Row(stat, record.sha, key, summary, mark)
    return True
