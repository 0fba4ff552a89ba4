"""JSON Lines as `clientbook export --all --format json` writes them: {"id", "file", "record"} a line.

A line holding a bare record (an object with no "record" key) is taken as the record,
so JSON Lines from elsewhere import too, when their fields are the schema's.
"""

from __future__ import annotations

import json

from clientbook.intake.table import IntakeError, Table


def read_jsonl(raw: bytes, file: str) -> Table:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise IntakeError(
            f"{file}: JSON Lines are UTF-8 text, but byte {err.start} is not"
        ) from None
    if not text.strip():
        raise IntakeError(f"{file}: the file is empty")
    table = Table(file, "")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            raise IntakeError(
                f"{file}:{number}:{err.colno}: not a JSON object: {err.msg}"
            ) from None
        record = value.get("record", value) if isinstance(value, dict) else None
        if not isinstance(record, dict):
            raise IntakeError(f"{file}:{number}:1: each line must be a JSON object (a record)")
        table.records.append((number, record))
    table.detected = f"JSON Lines, {len(table.records):,} records"
    return table
