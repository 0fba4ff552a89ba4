"""One client's subject access export: everything held about them, as one JSON document.

Pure functions that build the document and never print;
`commands/export_cmd.py` decides where it goes, writes it (atomically)
and chooses the exit code.

The document (`subject_access`) holds, in this order: `export` (who, when,
from what), `record` (the current data, as in the file), `history` (every
version from git, oldest first, with its field changes), `history_note`
(why the history is missing or cut short; null when complete), `documents`
(what the agreements reference, hashed), `retention`, `review`, `consents`
(each with its state on the export day), `jurisdiction` and
`personal_data_fields` (the JSON paths of the values the schema marks
`x-pii`). Every list is in a fixed order and every object has a fixed key
order, so the same repository, day and clock give the same bytes.
Referenced documents are read as documents.py allows, and never from
outside the repository.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from clientbook import __version__
from clientbook.compliance.documents import DocumentFile, archive, referenced_documents
from clientbook.compliance.export_targets import ExportError, problem_text
from clientbook.core.obligations import consent_state, items, retention, review
from clientbook.core.records import Record
from clientbook.core.repo import CLIENTS_DIR
from clientbook.core.schemanav import resolve as _resolve
from clientbook.history.types import WORKING_TREE, History, RecordHistory

if TYPE_CHECKING:
    from clientbook.core.config import Config

FORMAT_VERSION = 1


def find_record(records: Sequence[Record], client: str) -> Record:
    """The record whose id is `client`, else whose file is (clients/x.yaml, x.yaml or x)."""
    by_id = [r for r in records if r.data is not None and r.id == client]
    found = by_id or [
        r
        for r in records
        if client in (r.file, PurePosixPath(r.file).name, PurePosixPath(r.file).stem)
    ]
    if not found:
        raise ExportError(f"no client '{client}' in {CLIENTS_DIR}/")
    if len(found) > 1:
        files = ", ".join(r.file for r in found)
        raise ExportError(f"the id '{client}' is in more than one file ({files}); name the file")
    record = found[0]
    if record.data is None:
        raise ExportError(
            f"{problem_text(record)}; the record cannot be read, so it cannot be exported "
            "('clientbook lint' shows every problem)"
        )
    return record


def personal_data_fields(data: Any, schema: dict[str, Any]) -> list[str]:
    """The paths (as in history changes: contacts/0/email) of values the schema marks x-pii."""
    out: list[str] = []
    _walk_pii(data, schema, schema, "", out)
    return out


def _walk_pii(value: Any, node: Any, root: dict[str, Any], path: str, out: list[str]) -> None:
    node = _resolve(node, root)
    if node.get("x-pii") is True:
        out.append(path)
        return
    if isinstance(value, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, item in value.items():
                if key in properties:
                    _walk_pii(item, properties[key], root, f"{path}/{key}" if path else key, out)
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for index, item in enumerate(value):
            _walk_pii(item, node["items"], root, f"{path}/{index}" if path else str(index), out)


def consent_states(data: Any, config: Config, today: dt.date) -> list[dict[str, Any]]:
    """Each consent with its state on `today` (obligations.consent_state, as lint and the site)."""
    out = []
    for _, consent in items(data, "consents"):
        purpose = consent.get("purpose")
        out.append(
            {
                "purpose": purpose,
                "purpose_title": config.consent_purposes.get(str(purpose)),
                "lawful_basis": consent.get("lawful_basis"),
                "given": consent.get("given"),
                "withdrawn": consent.get("withdrawn"),
                "source": consent.get("source"),
                "state": consent_state(consent, today),
            }
        )
    return out


def retention_state(data: Any, config: Config, today: dt.date) -> dict[str, Any]:
    kept = retention(data, config)
    return {
        "until": kept.until.isoformat() if kept.until else None,
        "policy": kept.policy.id if kept.policy else None,
        "source": kept.source,
        "basis": kept.basis,
        "policy_basis": kept.policy.basis if kept.policy else None,
        "explanation": kept.explain(),
        "state": kept.state(today, config.retention_warning_days),
    }


def review_state(data: Any, config: Config, today: dt.date) -> dict[str, Any]:
    due = review(data, config)
    return {
        "last_reviewed": due.last.isoformat() if due.last else None,
        "interval": due.interval or None,
        "due": due.due.isoformat() if due.due else None,
        "state": due.state(today),
    }


def jurisdiction_of(data: Any, config: Config) -> dict[str, Any]:
    key = str(data.get("jurisdiction", "")) if isinstance(data, dict) else ""
    found = config.jurisdictions.get(key)
    return {
        "id": key or None,
        "name": found.name if found else None,
        "law": found.law if found else None,
    }


def history_entries(record_history: RecordHistory | None) -> list[dict[str, Any]]:
    """Every version of the record, oldest first; uncommitted edits last, with commit null."""
    if record_history is None:
        return []
    out = []
    for v in reversed(record_history.versions):
        working = v.commit.sha == WORKING_TREE
        out.append(
            {
                "commit": None if working else v.commit.sha,
                "author": None
                if working
                else {"name": v.commit.author_name, "email": v.commit.author_email},
                "date": None if working else v.commit.author_date,
                "message": v.commit.message,
                "status": v.status,
                "path": v.path,
                "error": v.error or None,
                "changes": [c.to_dict() for c in v.changes],
            }
        )
    return out


@dataclass(frozen=True)
class SubjectAccess:
    document: dict[str, Any]
    files: list[DocumentFile]
    warnings: list[str] = field(default_factory=list)

    def json(self) -> str:
        return dumps(self.document)

    def zip(self) -> bytes:
        return archive(self.json(), self.files, self.document["export"]["generated"])


def subject_access(
    record: Record,
    config: Config,
    schema: dict[str, Any],
    *,
    history: History | None,
    history_unavailable: str = "",
    today: dt.date,
    generated: dt.datetime,
    keep_content: bool = False,
) -> SubjectAccess:
    """Everything held about one client, as one JSON-ready document.

    `history` is None when git cannot be read; `history_unavailable` then
    says why (it becomes the history_note). `generated` is the export's
    timestamp and `today` the day consent, retention and review states are
    judged on: both are parameters so that tests (and `--today`) are exact.
    """
    data = record.data
    if data is None:
        raise ExportError(problem_text(record))
    found, note = _history_of(record, history, history_unavailable)
    warnings = [note] if note else []
    files = referenced_documents(data, config.root, keep_content=keep_content)
    for f in files:
        if f.entry.get("note") and "path" in f.entry:
            warnings.append(f"{f.entry['field']} ({f.entry['path']!r}): {f.entry['note']}")
    document = {
        "export": _about(record, config, history, today, generated),
        "record": data,
        "history": history_entries(found),
        "history_note": note,
        "documents": [f.entry for f in files],
        "retention": retention_state(data, config, today),
        "review": review_state(data, config, today),
        "consents": consent_states(data, config, today),
        "jurisdiction": jurisdiction_of(data, config),
        "personal_data_fields": personal_data_fields(data, schema),
    }
    return SubjectAccess(document, files, warnings)


def _history_of(
    record: Record, history: History | None, unavailable: str
) -> tuple[RecordHistory | None, str | None]:
    """(the record's history, or None; the history_note: why it is missing or cut short)."""
    if history is None:
        return None, (
            f"the history of changes is not included: {unavailable or 'git cannot be read'}"
        )
    found = history.find(record.file)
    if found is None:
        return None, f"git has no history for {record.file}: it has never been committed"
    if history.shallow:
        return found, "the history is incomplete: " + "; ".join(history.warnings)
    return found, None


def _about(
    record: Record,
    config: Config,
    history: History | None,
    today: dt.date,
    generated: dt.datetime,
) -> dict[str, Any]:
    """The document's `export` object: who, when, and from which commit."""
    return {
        "client": record.id,
        "file": record.file,
        "generated": generated.isoformat(timespec="seconds"),
        "as_of": today.isoformat(),
        "organisation": config.organisation,
        "format_version": FORMAT_VERSION,
        "generator": f"clientbook {__version__}",
        "repository_commit": history.head if history is not None else None,
    }


def dumps(document: Any) -> str:
    """JSON text as exports write it: indented, UTF-8 characters kept, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
