"""The site's Jinja environment, and the cache of its compiled templates kept between builds."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from clientbook.authoring.forms import environment
from clientbook.core.obligations import items
from clientbook.site import charts
from clientbook.site.escape import SiteTemplate
from clientbook.util.cachedir import ensure_cache_dir

_COMPILED = "jinja-site-2"


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
    env.filters["entries"] = entries
    return env


def entries(data: Any, key: str) -> list[dict[str, Any]]:
    """`data[key]`'s mappings, as obligations.items reads a list field: the template shows a
    record whose list holds a stray value (which lint reports) instead of failing the build."""
    return [item for _, item in items(data, key)]


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
