"""The site's templates escape their output with one plain function instead of markupsafe's.

A client page prints some 300 values. For each, Jinja's compiled code calls
`escape(environment.finalize(value))`: markupsafe's `escape` wraps every
result in a new `Markup`, whose constructor is Python, and the site's
finalize (None shown empty) is another call. Together that was a third of
rendering a page. The output is only joined into the page, so a plain string
serves; the escaping is the same five characters markupsafe escapes, with the
same entities, and anything with `__html__` (Markup, a macro's output) passes
as itself.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import jinja2
from markupsafe import Markup


def _escape_text(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


try:
    # markupsafe's own C loop, which its escape wraps in a Markup: one pass over the text
    # instead of five replace calls, a tenth of rendering a client page. Not public, so
    # the replace calls stand in when a markupsafe without it (or without its speedups)
    # is installed; the tests compare both with markupsafe.escape.
    from markupsafe._speedups import _escape_inner as _fast_text
except ImportError:  # pragma: no cover - depends on the installed markupsafe
    _fast_text = _escape_text


def escape_output(value: Any) -> str:
    """`value` as HTML text, None as nothing; what markupsafe.escape gives, as a plain string."""
    if type(value) is str:
        return _fast_text(value)
    if value is None:
        return ""
    if type(value) is Markup:
        return value
    if hasattr(value, "__html__"):
        return str(value.__html__())
    # str() of a StrictUndefined raises, as it must: an undefined name stays an error
    return escape_output(str(value))


class SiteTemplate(jinja2.Template):
    """A template whose printed values go through `escape_output`.

    Jinja's generated module imports `escape` into its namespace, and its
    functions look the name up there each time they print; replacing it there
    affects this template's output statements only (filters such as `|e` are
    the environment's, unchanged).
    """

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        namespace["escape"] = escape_output
        return super()._from_namespace(environment, namespace, globals)
