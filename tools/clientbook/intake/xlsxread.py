"""XLSX workbooks, through openpyxl's read-only mode (rows streamed, never the whole sheet held).

The first sheet is read; its first non-empty row gives the column names. Cells become
text as the spreadsheet shows them: a whole number without '.0' (phone numbers are often
typed as numbers), a date as YYYY-MM-DD. A formula is imported as its text
(`=HYPERLINK(…)`): openpyxl never evaluates it, and the value a spreadsheet cached for
it is not read, so what is imported is what the file holds, whoever saved it last.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from clientbook.intake.table import IntakeError, Row, Table, check_columns


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_xlsx(raw: bytes, file: str) -> Table:
    if not raw:
        raise IntakeError(f"{file}: the file is empty")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise IntakeError(
            f"{file}: this is not an XLSX workbook (an XLSX file is a ZIP archive); "
            "if it is CSV text, name it .csv or give --format csv"
        )
    import openpyxl  # 0.2 s of imports that only an XLSX import needs

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises many kinds for a damaged or foreign ZIP
        raise IntakeError(f"{file}: not readable as an XLSX workbook: {err}") from None
    try:
        sheet = book.worksheets[0]
        return _table(file, sheet.title, sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _table(file: str, title: str, found: Any) -> Table:
    columns: list[str] = []
    rows: list[Row] = []
    for number, values in enumerate(found, start=1):
        cells = [cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if not columns:
            while cells and not cells[-1].strip():
                cells.pop()
            columns = [c.strip() for c in cells]
            check_columns(file, columns, number)
            continue
        extra = [c for c in cells[len(columns) :] if c.strip()]
        if extra:
            raise IntakeError(
                f"{file}:{number}:{len(columns) + 1}: this row has a value beyond the last "
                f"named column ({len(columns)}); name the column or remove the value"
            )
        cells = (cells + [""] * len(columns))[: len(columns)]
        rows.append(Row(number, tuple(cells)))
    if not columns:
        raise IntakeError(f"{file}: the first sheet ({title!r}) is empty")
    if not rows:
        raise IntakeError(f"{file}: the sheet has column names but no rows to import")
    return Table(file, f"XLSX, sheet {title!r}, {len(rows):,} rows", columns, rows)
