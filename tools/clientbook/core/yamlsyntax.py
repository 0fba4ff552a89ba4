"""The messages for YAML syntax errors: libyaml's error, said for a person, placed where the mistake is.

libyaml reports where it gave up, which for an unclosed quote or bracket can
be many lines after the cause; these functions move the position back to
the cause and add a hint for the common mistakes.
"""

from __future__ import annotations

import re

import yaml

from clientbook.core.yamlproblem import LoadProblem

# Errors whose cause is where the construct began, not where the parser gave up.
_AT_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow",
    "while scanning a simple key",
)


def syntax_problem(err: yaml.MarkedYAMLError, text: str) -> LoadProblem:
    """The problem to report for libyaml's `err` in `text`."""
    starts_earlier = err.context_mark is not None and (err.context or "").startswith(_AT_CONTEXT)
    mark = err.context_mark if starts_earlier else (err.problem_mark or err.context_mark)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    quote = _unclosed_quote(lines, line)
    if quote is not None and not starts_earlier:
        # a quoted value ran on over the following lines until a later quote closed it
        return LoadProblem(
            quote[0],
            quote[1],
            "yaml-syntax",
            "YAML syntax error: a quoted value is not closed on its line",
            "close the quote on this line; a quoted value runs on until the next quote",
        )
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = err.problem or ""
    context = err.context or ""
    if "expected a single document" in context or "but found another document" in problem:
        return LoadProblem(
            line,
            column,
            "multiple-documents",
            "the file holds more than one YAML document",
            "keep one client per file: remove the '---' line and move the second record to its own file",
        )
    if "tab character" in problem or (
        "\t" in source_line[: column + 1] and "cannot start any token" in problem
    ):
        return LoadProblem(
            line,
            column,
            "yaml-tab",
            "a tab character is used for indentation; YAML allows only spaces",
            "replace the tab with spaces (two per level)",
        )
    if "found duplicate anchor" in problem:
        return LoadProblem(
            line, column, "yaml-anchor", "YAML anchors are not allowed in a client file"
        )
    words = " ".join(part for part in (context, problem) if part) or str(err)
    return LoadProblem(
        line, column, "yaml-syntax", f"YAML syntax error: {words}", _syntax_hint(problem, context)
    )


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The first line before `upto` with an odd number of double quotes (outside comments)."""
    for number, line in enumerate(lines[: upto - 1], start=1):
        body = line.split(" #", 1)[0]
        count = len(re.findall(r'(?<!\\)"', body))
        if count % 2:
            return number, body.index('"') + 1
    return None


def _syntax_hint(problem: str, context: str = "") -> str:
    if context.startswith("while scanning a quoted scalar"):
        return "the quote opened here is not closed; add the closing quote"
    if context.startswith("while parsing a flow"):
        return "the bracket opened here is not closed, or a comma is missing"
    if "mapping values are not allowed" in problem:
        return "a value holding ': ' must be quoted, or an indentation is off"
    if "could not find expected ':'" in problem:
        return "each field needs 'name: value'; check the line above for a missing colon"
    if "special characters are not allowed" in problem:
        return "the file holds control characters or binary data; is it really a client record?"
    if "found unexpected end of stream" in problem or "found unclosed" in problem:
        return "a quote or bracket opened here is not closed"
    return "check the indentation and quoting on this line and the one above"
