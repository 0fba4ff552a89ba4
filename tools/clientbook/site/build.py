"""Building the static site: read everything, render into a temporary folder, swap it in.

history → records → lint → page models and pages, with each client's summary
(sitepages.py, in workers) → the site-wide pages from the summaries
(sitewide.py) → write into a temporary folder beside the output → rename it
over the output. A failure leaves the previous site untouched. When only a
few client files changed, the site is updated in place instead
(siteupdate.py). The same input gives the same bytes: the build time comes
from SOURCE_DATE_EPOCH or the last commit, never the clock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from clientbook.authoring.forms import (
    config_form,
    environment,
    option_labels,
    render_onboarding,
    render_print,
)
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity, count
from clientbook.core.records import Record, load_and_check
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.read import History
from clientbook.lint.checkfile import Checker, FileResult
from clientbook.lint.run import LintResult, build_checker, lint
from clientbook.site import charts
from clientbook.site.escape import SiteTemplate
from clientbook.site.history import HistoryGone, read_site_history
from clientbook.site.pages import Made, Shared, Source, client_pages
from clientbook.site.state import Mark, Row, SiteState, Stat, Whole, client_stats
from clientbook.site.summary import Summary
from clientbook.site.update import pages_time, plan_update, whole_key
from clientbook.site.wide import site_context, write_site_pages
from clientbook.util import quickexit
from clientbook.util.cachedir import ensure_cache_dir, gc_paused
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
    with contextlib.closing(SiteState(config.root, out)) as state:
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
    with _as_refusal():
        update = plan_update(config, out, checker, env, shared, state, MARKER)
    if update is not None:
        _refuse(strict, update.errors)
        update.commit(MARKER)
        pages = state.pages()
        return BuildResult(
            out, pages, update.errors, update.whole.warnings, pages - len(update.rows), True
        )
    if (out / MARKER).is_file():  # pages can be kept only from a site that is there
        shared = dataclasses.replace(shared, known=state.summaries())
    return _build_all(_Run(config, out, today, checker, env, shared, state, strict, progress, jobs))


@contextlib.contextmanager
def _as_refusal() -> Iterator[None]:
    """A template that fails, or a history cache gone from under the page workers, is a
    BuildRefused saying so; nothing has been written then."""
    try:
        yield
    except HistoryGone as err:
        raise BuildRefused(f"{err} (nothing was written; the previous site is untouched)") from None
    except jinja2.TemplateError as err:
        where = (
            f"{err.filename}:{err.lineno}: " if isinstance(err, jinja2.TemplateSyntaxError) else ""
        )
        raise BuildRefused(
            f"{where}the site's templates failed: {err} (nothing was written; the previous "
            "site is untouched)"
        ) from err


def _refuse(strict: bool, errors: int) -> None:
    if strict and errors:
        raise BuildRefused(
            f"lint found {errors} error{'s' if errors != 1 else ''}; --strict refuses to build "
            "(run 'clientbook lint' to see them)"
        )


@dataclass
class _Inputs:
    """Everything a full build reads: history, the client files' stats, records."""

    history: History | None
    stored: dict[str, str]  # file -> git path: histories the page workers read (sitehistory.py)
    newest: str  # the newest commit date among those
    warnings: list[str]
    stats: dict[str, Stat | None]
    records: list[Record]
    checked: dict[str, FileResult]  # lint's results for the records parsed just now


def _read_inputs(config: Config, checker: Checker, jobs: int) -> _Inputs:
    warnings: list[str] = []
    # taken before reading: a file edited meanwhile then differs from its mark next time
    stats = client_stats(config.root)
    history: History | None
    stored: dict[str, str] = {}
    newest = ""
    try:
        # first: a cold read forks parsing workers, which should not inherit the records
        read = read_site_history(config.root, sorted(stats))
        history, stored, newest = read.history, read.stored, read.newest
        warnings += history.warnings
    except GitUnavailable as err:
        history = None
        warnings.append(f"{err}: client pages show no change history")
    # records not in the parse cache are checked as they are parsed, in the same workers
    records, checked = load_and_check(
        config.root, config.max_file_size, checker.check_record, use_cache=True, jobs=jobs
    )
    return _Inputs(history, stored, newest, warnings, stats, records, checked)


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
        result = _build_from(run, _read_inputs(run.config, run.checker, worker_count(run.jobs)))
        if quickexit.leaving():
            # everything made since the pause is in the youngest generation, and the first
            # collection once the collector is back would walk all of it (0.4 s) just
            # before the process ends; frozen, it is left alone
            gc.freeze()
        return result


def _build_from(run: _Run, inputs: _Inputs) -> BuildResult:
    config, out, today, checker, env, shared = (
        run.config,
        run.out,
        run.today,
        run.checker,
        run.env,
        run.shared,
    )
    history, warnings, stats, records = (
        inputs.history,
        inputs.warnings,
        inputs.stats,
        inputs.records,
    )
    result = lint(
        config,
        today,
        records=records,
        checker=checker,
        jobs=worker_count(run.jobs),
        checked=inputs.checked,
    )
    errors = result.count(Severity.ERROR)
    _refuse(run.strict, errors)
    by_file = result.by_file()
    by_path = {r.path: r for r in history.records.values()} if history else {}
    stored = inputs.stored
    sources = [
        Source(
            record,
            by_file.get(record.file, []),
            None
            if record.file in stored
            else by_path.get(record.file) or (history.find(record.id) if history else None),
            stored.get(record.file, ""),
        )
        for record in records
        # an unreadable record has no page: the directory lists it with the advice to run lint
        if record.data is not None
    ]
    unreadable = [r.file for r in records if r.data is None]
    built = build_time(config.root, history, inputs.newest)
    context = site_context(config, shared.audience, built, today)
    made = Made()
    with Staging(out) as staging:
        with _as_refusal():
            with client_pages(shared, sources, staging, made, jobs=run.jobs, progress=run.progress):
                for name, content in _forms(config, checker.schema.document).items():
                    staging.write(name, content)
            entries = {
                s.record.file: made.summaries.get(s.record.file) or shared.known[s.record.file]
                for s in sources
            }
            summaries = [summary for _, summary in entries.values()]
            directory = write_site_pages(
                env, summaries, config, context, unreadable, built, staging
            )
        staging.keys.update(made.keys)
    whole = Whole(
        whole_key(shared.base, checker, today, history.head if history else ""),
        staging.manifest_sha,
        built,
        unreadable,
        warnings,
        pages_time(out),
    )
    run.state.replace(whole, _rows(records, result, stats, by_file, entries), directory)
    # freeing all this took 0.3 s at 10,000 clients, for a process about to end (quickexit.py)
    quickexit.keep(inputs, result, by_file, sources, made, entries)
    return BuildResult(out, len(sources), errors, warnings, made.reused)


def _rows(
    records: list[Record],
    result: LintResult,
    stats: dict[str, Stat | None],
    by_file: dict[str, list[Diagnostic]],
    entries: dict[str, tuple[str, Summary]],
) -> dict[str, Row]:
    """Each client file as this build found it, for the next build to compare with."""
    facts = {f.file: f for f in result.facts}
    rows = {}
    for record in records:
        stat = stats.get(record.file)
        if stat is None:
            continue  # appeared while building: the next build sees a new file
        key, summary = entries.get(record.file, ("", None))
        mark = Mark(
            facts.get(record.file),
            result.cross.get(record.file, []),
            count(by_file.get(record.file, []), Severity.ERROR),
            record.data is not None,
        )
        rows[record.file] = Row(stat, record.sha, key, summary, mark)
    return rows


class BuildRefused(Exception):
    """The site was not built; the message says why."""


def site_environment(root: Path) -> jinja2.Environment:
    """The forms' environment (repository templates first, autoescape, StrictUndefined), None shown empty."""
    # templates do not change during a build: no stat of each one at every page (auto_reload)
    env = environment(root).overlay(bytecode_cache=_bytecode_cache(root), auto_reload=False)
    env.template_class = SiteTemplate  # escapes output, None as nothing, at a third less cost
    env.filters["month_chart"] = lambda rows: Markup(
        charts.bars([(m, float(n)) for m, n in rows], title="Interactions per month")
    )
    env.filters["score_chart"] = lambda rows: Markup(
        charts.line(rows, title="Average feedback score by quarter")
    )
    env.filters["tojson_compact"] = lambda value: jinja2.utils.htmlsafe_json_dumps(
        value, separators=(",", ":")
    )
    return env


_COMPILED = "jinja-site-2"


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A compiled template that cannot be saved is compiled again next time, not an error."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(root: Path) -> jinja2.BytecodeCache | None:
    """Compiled site templates kept between builds: compiling them is a tenth of a small build.

    Keyed by template source and Jinja's version; the site's own folder, because the
    site environment compiles templates differently from the forms'. The folder's
    name changes with the environment's options: code compiled for others fails.
    """
    try:
        cache = ensure_cache_dir(root)
        shutil.rmtree(cache / "jinja-site", ignore_errors=True)  # compiled with a finalize call
        folder = cache / _COMPILED
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


def _forms(config: Config, schema: dict[str, Any]) -> dict[str, str | bytes]:
    """The onboarding forms, so the site can link them."""
    env = environment(config.root)
    model = config_form(config, schema)
    labels = option_labels(config)
    return {
        "forms/onboarding.html": render_onboarding(env, config, model, labels),
        "forms/onboarding-print.html": render_print(env, config, model, labels),
    }


def _remove_tree(path: Path) -> None:
    """Remove the previous site: `rm -rf` where there is one (several times faster on 40,000 files)."""
    if shutil.which("rm"):
        subprocess.run(["rm", "-rf", "--", str(path)], check=False)
    shutil.rmtree(path, ignore_errors=True)


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


class Staging:
    """A temporary folder beside `out` that files are written into, swapped in only on success.

    A failure anywhere inside the `with` block removes the temporary folder and
    leaves `out` as it was.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.folder = self.out
        self.made: set[Path] = set()
        self.keys: dict[str, str] = {}  # file -> the key of the inputs it was made from
        self.previous: dict[str, str] = {}
        self.manifest_sha = ""

    def __enter__(self) -> Staging:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if self.out.exists() and not (self.out / MARKER).exists() and any(self.out.iterdir()):
            raise BuildRefused(
                f"{self.out} exists and was not built by clientbook; choose another --out"
            )
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-", dir=self.out.parent))
        try:
            self.previous = json.loads((self.out / MARKER).read_text(encoding="utf-8")).get(
                "keys", {}
            )
        except (OSError, ValueError, AttributeError):
            self.previous = {}
        return self

    def link(self, name: str, key: str) -> bool:
        """Link the previous build's file in when it was made from the same inputs."""
        old = self.out / name
        if self.previous.get(name) != key or not old.is_file():
            return False
        path = self._prepare(name)
        try:
            os.link(old, path)
        except OSError:
            shutil.copy2(old, path)
        return True

    def _prepare(self, name: str) -> Path:
        path = self.folder / name
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        return path

    def write(self, name: str, content: str | bytes) -> None:
        path = self._prepare(name)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        manifest = {"generator": "clientbook", "keys": dict(sorted(self.keys.items()))}
        text = json.dumps(manifest) + "\n"
        (self.folder / MARKER).write_text(text, encoding="utf-8")
        self.manifest_sha = hashlib.sha256(text.encode()).hexdigest()
        old = None
        if self.out.exists():
            old = self.out.with_name(f".{self.out.name}-old")
            _remove_tree(old)
            self.out.rename(old)
        self.folder.rename(self.out)
        if old is not None:
            _remove_tree(old)


MARKER = ".clientbook-site"
