"""Building the static site: read everything, render into a temporary folder, swap it in.

history → lint (findings, facts and content hashes; no record is kept here) →
page models and pages, with each client's summary (pages.py, in workers that read
their own records: chunkrecords.py) → the site-wide pages from the summaries (wide.py) →
write into a temporary folder beside the output → rename it over the output
(staging.py). A failure leaves the previous site untouched. When only a few
client files changed, the site is updated in place instead (update.py). The
same input gives the same bytes: the build time comes from SOURCE_DATE_EPOCH
or the last commit, never the clock. The templates' environment is env.py's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from clientbook.core.clientstats import listed_stats
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity, count
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.types import History
from clientbook.lint.checkfile import Checker
from clientbook.lint.rules.base import Facts
from clientbook.lint.run import LintResult, build_checker, lint
from clientbook.site.chunkrecords import RecordChanged
from clientbook.site.env import site_environment
from clientbook.site.history import HistoryGone, read_site_history
from clientbook.site.known import with_known
from clientbook.site.model import page_id
from clientbook.site.pages import (
    Made,
    Shared,
    Source,
    client_pages,
    redirect_pages,
    shadowing,
)
from clientbook.site.staging import MARKER, Staging, output_locked
from clientbook.site.staging import BuildRefused as BuildRefused
from clientbook.site.state import SiteState
from clientbook.site.staterows import Mark, Row, Whole
from clientbook.site.summary import Summary
from clientbook.site.update import pages_time, plan_update, whole_key
from clientbook.site.wide import Written, forms_of, site_context, write_site_pages
from clientbook.util import quickexit
from clientbook.util.cachedir import gc_paused
from clientbook.util.filestat import Stat, as_kept
from clientbook.util.workers import worker_count


@dataclass
class BuildResult:
    out: Path
    pages: int
    errors: int
    warnings: list[str]
    reused: int = 0  # client pages kept from the previous build, their inputs unchanged
    in_place: bool = False  # updated in place (siteupdate.py) rather than built anew and swapped


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def build_time(root: Path, history: History | None, newest: str = "") -> dt.datetime:
    """SOURCE_DATE_EPOCH, else the last commit's date, else midnight of the 'today' given.

    `newest` is the newest commit date of the versions not in `history.records`.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    if history is not None and history.head:
        dates = [
            v.commit.committer_date
            for r in history.records.values()
            for v in r.versions
            if v.commit.committer_date
        ] + ([newest] if newest else [])
        if dates:
            return max(dt.datetime.fromisoformat(d) for d in dates).astimezone(dt.UTC)
    return EPOCH


def build(
    config: Config,
    out: Path,
    today: dt.date,
    *,
    audience: str = "internal",
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 0,
) -> BuildResult:
    """Build the site into `out` (replaced whole, atomically). Raises BuildRefused with --strict and errors.

    `jobs` worker processes make the client pages (0: one per CPU for large sites).
    """
    # closed on the way out, whatever happens: closing is when sqlite moves its write-ahead log
    # into the database, and a process that ends without (quickexit) would leave that, a
    # full build's 10,000 rows, to the next update in place
    with output_locked(config.root, out), contextlib.closing(SiteState(config.root, out)) as state:
        return _build_with(config, out, today, state, audience, strict, progress, jobs)


def _build_with(
    config: Config,
    out: Path,
    today: dt.date,
    state: SiteState,
    audience: str,
    strict: bool,
    progress: Callable[[int, int], None] | None,
    jobs: int,
) -> BuildResult:
    checker, env, shared = page_inputs(config, today, audience)
    # An update reads every client's summary (100,000 at most: nothing but live objects),
    # and the collections they set off walked them all, a tenth of an update at that size
    with gc_paused():
        with _as_refusal():
            update = plan_update(config, out, checker, env, shared, state)
        if update is not None:
            refuse(strict, update.errors)
            update.commit()
            pages = state.pages()
            if quickexit.leaving():
                gc.freeze()  # as in _build_all: the collector is not let loose at the end
            return BuildResult(
                out, pages, update.errors, update.whole.warnings, pages - len(update.rows), True
            )
    if (out / MARKER).is_file():  # pages can be kept only from a site that is there
        shared = dataclasses.replace(shared, known=state.summaries())
    return _build_all(_Run(config, out, today, checker, env, shared, state, strict, progress, jobs))


def page_inputs(
    config: Config, today: dt.date, audience: str
) -> tuple[Checker, jinja2.Environment, Shared]:
    """The run's checker, the templates' environment and what every client page shares."""
    checker = build_checker(config, today)
    env = site_environment(config.root)
    context = site_context(config, audience, EPOCH, today)
    shared = Shared(
        config,
        checker.schema.document,
        today,
        audience,
        env.get_template("site/client.html"),
        # a client page must not change just because another record did: no build time on it
        {**context, "built": ""},
        _base_key(env, context, config, checker.schema.text),
    )
    return checker, env, shared


@contextlib.contextmanager
def as_refusal() -> Iterator[None]:
    """A template that fails, or a history cache gone from under the page workers, is a
    BuildRefused saying so; nothing has been written then."""
    try:
        yield
    except (HistoryGone, RecordChanged) as err:
        again = "; run the build again" if isinstance(err, RecordChanged) else ""
        raise BuildRefused(
            f"{err} (nothing was written{again}; the previous site is untouched)"
        ) from None
    except jinja2.TemplateError as err:
        where = (
            f"{err.filename}:{err.lineno}: " if isinstance(err, jinja2.TemplateSyntaxError) else ""
        )
        raise BuildRefused(
            f"{where}the site's templates failed: {err} (nothing was written; the previous "
            "site is untouched)"
        ) from err


_as_refusal = as_refusal  # the name tests/site/test_site_history.py knows it by


def refuse(strict: bool, errors: int) -> None:
    if strict and errors:
        raise BuildRefused(
            f"lint found {errors} error{'s' if errors != 1 else ''}; --strict refuses to build "
            "(run 'clientbook lint' to see them)"
        )


@dataclass
class Inputs:
    """Everything a full build reads: history, the client files' stats, lint's results."""

    history: History | None
    stored: dict[str, str]  # file -> git path: histories the page workers read (sitehistory.py)
    newest: str  # the newest commit date among those
    warnings: list[str]
    stats: dict[str, Stat | None]
    files: list[str]  # every client file, in the order the site lists them
    readable: dict[str, Facts] = field(default_factory=dict)  # files that load, their facts
    shas: dict[str, str] = field(default_factory=dict)  # the hash of the bytes lint checked
    taken_ns: int = 0  # when `stats` were taken
    folders: dict[str, Stat] = field(default_factory=dict)  # as listed (repo.client_listing)


def _read_inputs(config: Config) -> Inputs:
    """The history and stats; lint runs next, and the records are read by the page workers."""
    # taken before reading: a file edited meanwhile then differs from its mark next time
    taken = time.time_ns()
    stats, folders = listed_stats(config.root)
    history, stored, newest, warnings = read_histories(config.root, sorted(stats))
    return Inputs(history, stored, newest, warnings, stats, [], taken_ns=taken, folders=folders)


def read_histories(
    root: Path, files: list[str]
) -> tuple[History | None, dict[str, str], str, list[str]]:
    """The history of the client `files`, the files left for the page workers to read from
    the cache, the newest commit date, and the warnings (no history outside git)."""
    try:
        read = read_site_history(root, files)
    except GitUnavailable as err:
        return None, {}, "", [f"{err}: client pages show no change history"]
    return read.history, read.stored, read.newest, list(read.history.warnings)


@dataclass
class _Run:
    """What a full build is given."""

    config: Config
    out: Path
    today: dt.date
    checker: Checker
    env: jinja2.Environment
    shared: Shared
    state: SiteState
    strict: bool
    progress: Callable[[int, int], None] | None
    jobs: int


def _build_all(run: _Run) -> BuildResult:
    """Load, lint and model every record; write a new site beside `out` and swap it in."""
    # What this process makes lives to the end of the build (records, history, findings, the
    # summaries the workers send back), and each collection walked all of it: about 1 s at
    # 10,000 clients, while the other CPU waited. Workers collect their own garbage (fork_pool).
    with gc_paused():
        result = _build_from(run, _read_inputs(run.config))
        if quickexit.leaving():
            # everything made since the pause is in the youngest generation, and the first
            # collection once the collector is back would walk all of it (0.4 s) just
            # before the process ends; frozen, it is left alone
            gc.freeze()
        return result


def _build_from(run: _Run, inputs: Inputs) -> BuildResult:
    # lint reads the files itself (in workers, from its cache when warm) and keeps only what
    # it found: no record is held here
    result = lint(run.config, run.today, checker=run.checker, jobs=worker_count(run.jobs))
    result = with_known(result, run.config)
    errors = sum(1 for d in result.diagnostics if d.severity == Severity.ERROR and not d.known)
    refuse(run.strict, errors)
    inputs.files, inputs.shas = sorted(result.shas), result.shas
    inputs.readable = {f.file: f for f in result.facts}
    by_file = result.by_file()
    sources = sources_of(inputs, by_file)
    unreadable = [f for f in inputs.files if f not in inputs.readable]
    built = build_time(run.config.root, inputs.history, inputs.newest)
    made = Made()
    with Staging(run.out) as staging:
        entries, written = _write(run, sources, made, staging, unreadable, built)
    whole = Whole(
        whole_key(
            run.shared.base, run.checker, run.today, inputs.history.head if inputs.history else ""
        ),
        staging.manifest_sha,
        built,
        unreadable,
        inputs.warnings,
        pages_time(run.out),
        inputs.folders,
    )
    rows = _rows(inputs, result, by_file, entries)
    run.state.replace(whole, rows, written.directory, written.totals)
    # freeing all this took 0.3 s at 10,000 clients, for a process about to end (quickexit.py)
    quickexit.keep(inputs, result, by_file, sources, made, entries)
    return BuildResult(run.out, len(sources), errors, inputs.warnings, made.reused)


def sources_of(inputs: Inputs, by_file: dict[str, list[Diagnostic]]) -> list[Source]:
    """What each readable client file's page is made from (its record is read by the page
    worker); the histories the workers read from the cache are left for them (`stored`)."""
    history, stored = inputs.history, inputs.stored
    by_path = {r.path: r for r in history.records.values()} if history else {}
    sources, names = [], []
    for file in inputs.files:
        facts = inputs.readable.get(file)
        if facts is None:
            continue  # no page: the directory lists it with the advice to run lint
        if file in stored or history is None:
            found = None
        else:
            found = by_path.get(file) or history.find(facts.id or Path(file).stem)
        sha = inputs.shas[file]
        sources.append(Source(file, sha, by_file.get(file, []), found, stored.get(file, "")))
        names.append(page_id(facts.id, file))
    return shadowing(sources, names)


def _write(
    run: _Run,
    sources: list[Source],
    made: Made,
    staging: Staging,
    unreadable: list[str],
    built: dt.datetime,
) -> tuple[dict[str, tuple[str, Summary]], Written]:
    """Every page into `staging`: the client pages, the forms while the workers make those,
    then the site-wide pages from every client's summary. Returns the summaries by file and
    what the state keeps of the site-wide pages."""
    shared = run.shared
    with _as_refusal():
        with client_pages(shared, sources, staging, made, jobs=run.jobs, progress=run.progress):
            for name, content in forms_of(run.config, run.checker.schema.document).items():
                staging.write(name, content)
        redirects = [(s.file, made.redirects[s.file]) for s in sources]
        for name, content in redirect_pages(redirects).items():  # clientbook merge's
            staging.write(name, content)
        entries = {s.file: made.summaries.get(s.file) or shared.known[s.file] for s in sources}
        context = site_context(run.config, shared.audience, built, run.today)
        written = write_site_pages(
            run.env,
            [summary for _, summary in entries.values()],
            run.config,
            context,
            unreadable,
            built,
            staging,
        )
    staging.keys.update(made.keys)
    return entries, written


def _rows(
    inputs: Inputs,
    result: LintResult,
    by_file: dict[str, list[Diagnostic]],
    entries: dict[str, tuple[str, Summary]],
) -> dict[str, Row]:
    """Each client file as this build found it, for the next build to compare with."""
    rows = {}
    for file in inputs.files:
        stat = inputs.stats.get(file)
        if stat is None:
            continue  # appeared while building: the next build sees a new file
        key, summary = entries.get(file, ("", None))
        facts = inputs.readable.get(file)
        mark = Mark(
            facts,
            result.cross.get(file, []),
            count(by_file.get(file, []), Severity.ERROR),
            facts is not None,
        )
        rows[file] = Row(as_kept(stat, inputs.taken_ns), inputs.shas[file], key, summary, mark)
    return rows


def _base_key(
    env: jinja2.Environment, context: dict[str, Any], config: Config, schema_text: str
) -> str:
    """What every client page depends on besides its own inputs: templates, config, schema, day, audience."""
    digest = hashlib.sha256(
        json.dumps({k: v for k, v in context.items() if k != "built"}, sort_keys=True).encode()
    )
    digest.update(f"\0{config.fingerprint}\0{schema_text}".encode())
    assert env.loader is not None
    for name in sorted(n for n in env.loader.list_templates() if n.startswith("site/")):
        digest.update(name.encode() + b"\0" + env.loader.get_source(env, name)[0].encode())
    return digest.hexdigest()
