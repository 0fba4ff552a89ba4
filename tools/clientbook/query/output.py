"""An answer as an aligned table, formula-safe CSV, or JSON."""

from __future__ import annotations

import json
from typing import Any

from clientbook.query.run import Answer
from clientbook.util import csvsafe
from clientbook.util.terminal import printable

FORMATS = ("table", "csv", "json")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return printable(str(value))


def table(answer: Answer) -> str:
    """Columns padded to their widest cell, numbers to the right; then the row count."""
    cells = [[_text(v) for v in row] for row in answer.rows]
    widths = [len(c) for c in answer.columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    numeric = [
        all(isinstance(row[i], (int, float)) or row[i] is None for row in answer.rows)
        and answer.rows
        for i in range(len(answer.columns))
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(answer.columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    count = len(answer.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def csv(answer: Answer) -> str:
    return csvsafe.render(answer.columns, answer.rows)


def as_json(answer: Answer) -> str:
    rows = [dict(zip(answer.columns, row, strict=True)) for row in answer.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def render(answer: Answer, fmt: str) -> str:
    if fmt == "csv":
        return csv(answer)
    if fmt == "json":
        return as_json(answer)
    return table(answer)
