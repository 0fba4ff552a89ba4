"""Exports: one client's subject access document, and every client as CSV, vCard or JSON Lines.

Pure functions that build documents as text or bytes and never print;
`commands/export_cmd.py` decides where they go, writes them (atomically)
and chooses the exit code.

The subject access document (`subject_access`) holds, in this order:
`export` (who, when, from what), `record` (the current data, as in the
file), `history` (every version from git, oldest first, with its field
changes), `history_note` (why the history is missing or cut short; null when
complete), `documents` (what the agreements reference, hashed), `retention`,
`review`, `consents` (each with its state on the export day), `jurisdiction`
and `personal_data_fields` (the JSON paths of the values the schema marks
`x-pii`). Every list is in a fixed order and every object has a fixed key
order, so the same repository, day and clock give the same bytes.

Referenced documents are read only when their path stays inside the
repository: no absolute paths, no `..`, no symbolic link that leads out,
nothing under clients/ (other clients' records) or a hidden folder such as
.git. A refused or missing document is listed with a note, never read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from clientbook import __version__
from clientbook.core.durations import parse_date
from clientbook.core.obligations import items, retention, review, section
from clientbook.core.records import Record
from clientbook.core.repo import CLIENTS_DIR, CONFIG_NAME
from clientbook.core.schemanav import resolve as _resolve
from clientbook.history.read import WORKING_TREE, History, RecordHistory
from clientbook.util import csvsafe, vcard

if TYPE_CHECKING:
    from clientbook.core.config import Config

FORMAT_VERSION = 1
ARCHIVE_JSON = "export.json"
ARCHIVE_DOCUMENTS = "documents"

CLIENT_COLUMNS = (
    "id",
    "name",
    "kind",
    "status",
    "since",
    "ended",
    "owner",
    "team",
    "industry",
    "tags",
    "jurisdiction",
    "website",
    "address_street",
    "address_city",
    "address_postcode",
    "address_region",
    "address_country",
    "retention_until",
    "review_due",
)
CONTACT_COLUMNS = ("client_id", "name", "role", "email", "phone", "primary", "preferred_channel")
TAG_SEPARATOR = "; "

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # https:, file:, C: (a drive letter)
_CHUNK = 1 << 20


class ExportError(Exception):
    """An export that must not run (unknown client, a place it may not write): exit 2."""


# --- finding the record --------------------------------------------------------------------


def problem_text(record: Record) -> str:
    """The first load problem of an unreadable record, as `file:line:column: message`."""
    if not record.problems:
        return f"{record.file}: it cannot be read"
    first = record.problems[0]
    where = f"{record.file}:{first.line}:{first.column}" if first.line else record.file
    return f"{where}: {first.message}"


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


def readable(records: Iterable[Record]) -> tuple[list[Record], list[Record]]:
    """(records that loaded, sorted by id and file; records that did not, by file)."""
    good: list[Record] = []
    bad: list[Record] = []
    for record in records:
        (good if record.data is not None else bad).append(record)
    return sorted(good, key=lambda r: (r.id, r.file)), sorted(bad, key=lambda r: r.file)


# --- where an export may be written ----------------------------------------------------------


def contacts_path(out: Path) -> Path:
    """The contacts file written beside a CSV export: clients.csv -> clients-contacts.csv."""
    return out.with_name(f"{out.stem}-contacts{out.suffix}")


@dataclass(frozen=True)
class Targets:
    """The files an export writes (nothing else), and warnings about where they are."""

    paths: tuple[Path, ...]
    warnings: tuple[str, ...] = ()


def check_targets(out: str, root: Path, *, contacts: bool = False) -> Targets:
    """The file(s) `--out OUT` writes; ExportError when any of them must not be written.

    Refused: an empty name or one that names a folder (it ends in a slash, or
    is an existing folder); a folder that does not exist (exports never
    create folders); an existing path that is not a regular file; anything
    inside the repository's clients/ or .git, or clientbook.yaml itself. With
    `contacts`, the contacts file beside OUT is checked the same way and must
    be in the same folder.
    """
    if not out:
        raise ExportError("--out needs a file name")
    separators = tuple(s for s in (os.sep, os.altsep, "/") if s)
    if out.endswith(separators):
        raise ExportError(f"--out {out} names a folder; give a file name")
    path = Path(out)
    if path.name in ("", ".", ".."):
        raise ExportError(f"--out {out} names a folder; give a file name")
    paths = [path]
    if contacts:
        sibling = contacts_path(path)
        if sibling.parent != path.parent or PurePosixPath(sibling.name).name != sibling.name:
            raise ExportError(f"the contacts file {sibling} would not be beside {path}")
        paths.append(sibling)
    warnings = []
    for target in paths:
        if target.is_dir():
            raise ExportError(f"{target} is a folder; give a file name")
        if not target.parent.is_dir():
            raise ExportError(
                f"the folder {target.parent} does not exist; create it first "
                "(an export never creates folders)"
            )
        if (target.exists() or target.is_symlink()) and not target.is_file():
            raise ExportError(f"{target} exists and is not a regular file; choose another name")
        warning = _where(target, root)
        if warning and warning not in warnings:
            warnings.append(warning)
    return Targets(tuple(paths), tuple(warnings))


def _where(target: Path, root: Path) -> str:
    """Refuse a target among the records or git's own files; warn about one inside the repository."""
    written = target.parent.resolve() / target.name  # a symlink at target is replaced, not followed
    top = root.resolve()
    try:
        parts = written.relative_to(top).parts
    except ValueError:
        return ""
    if parts[:1] == (CLIENTS_DIR,) or ".git" in parts or parts == (CONFIG_NAME,):
        raise ExportError(
            f"{target} is among the records repository's own files ({CLIENTS_DIR}/, .git or "
            f"{CONFIG_NAME}); write the export somewhere else"
        )
    return (
        f"{target} is inside the records repository; it holds personal data, so do not commit "
        "it (list it in .gitignore, or write it outside the repository)"
    )


# --- the parts of the subject access document --------------------------------------------------


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
    """Each consent with its state on `today`: current, withdrawn, future (or unknown)."""
    out = []
    for _, consent in items(data, "consents"):
        given = parse_date(consent.get("given"))
        withdrawn = parse_date(consent.get("withdrawn"))
        if withdrawn is not None and withdrawn <= today:
            state = "withdrawn"
        elif given is None:
            state = "unknown"  # no readable date given; lint reports it
        elif given > today:
            state = "future"
        else:
            state = "current"
        purpose = consent.get("purpose")
        out.append(
            {
                "purpose": purpose,
                "purpose_title": config.consent_purposes.get(str(purpose)),
                "lawful_basis": consent.get("lawful_basis"),
                "given": consent.get("given"),
                "withdrawn": consent.get("withdrawn"),
                "source": consent.get("source"),
                "state": state,
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


@dataclass(frozen=True)
class DocumentFile:
    """A referenced document: its entry in the export and, for a ZIP, its bytes."""

    entry: dict[str, Any]
    content: bytes | None = None
    archive_name: str = ""


def referenced_documents(
    data: Any, root: Path, *, keep_content: bool = False
) -> list[DocumentFile]:
    """What `agreements[].document` names, in agreement order.

    An http(s) address is listed as such. A path is read (hashed, and its
    bytes kept for a ZIP with `keep_content`) only when it is a regular file
    inside the repository; anything else is listed with a note saying why it
    was not read. `zip_path` says where the file is in a `--zip` export:
    under documents/, at its repository path (documents/acme/msa.pdf stays
    documents/acme/msa.pdf; contracts/msa.pdf becomes documents/contracts/msa.pdf).
    """
    out = []
    taken: dict[str, str] = {}  # zip path -> the repository path stored there
    for index, agreement in items(data, "agreements"):
        if "document" not in agreement:
            continue
        ref = agreement["document"]
        where = {"agreement": agreement.get("id"), "field": f"agreements/{index}/document"}
        if isinstance(ref, str) and ref.lower().startswith(("https://", "http://")):
            note = "held outside the repository at this address; it is not part of the export"
            out.append(DocumentFile({**where, "url": ref, "note": note}))
            continue
        path, refusal = _repo_file(root, ref)
        entry: dict[str, Any] = {
            **where,
            "path": ref if isinstance(ref, str) else json.dumps(ref),
            "in_repository": False,
            "sha256": None,
            "size": None,
            "zip_path": None,
            "note": refusal or None,
        }
        if path is None:
            out.append(DocumentFile(entry))
            continue
        try:
            digest, size, content = _read(path, keep_content)
        except OSError as err:
            out.append(DocumentFile({**entry, "note": f"cannot be read: {err.strerror or err}"}))
            continue
        name = _zip_path(PurePosixPath(str(ref)).as_posix(), taken)
        entry.update(in_repository=True, sha256=digest, size=size, zip_path=name)
        out.append(DocumentFile(entry, content, name))
    return out


def _zip_path(repo_path: str, taken: dict[str, str]) -> str:
    prefix = ARCHIVE_DOCUMENTS + "/"
    base = repo_path if repo_path.startswith(prefix) else prefix + repo_path
    stem, dot, suffix = base.rpartition(".")
    if not dot or "/" in suffix:
        stem, suffix = base, ""
    name, n = base, 1
    while taken.setdefault(name, repo_path) != repo_path:  # both documents/x and x are named
        n += 1
        name = f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}"
    return name


def _repo_file(root: Path, ref: object) -> tuple[Path | None, str]:
    """(the file a document reference names, "") or (None, why it is not read)."""
    if not isinstance(ref, str) or not ref.strip():
        return None, "refused: not a path inside the repository or an http(s) address"
    if "\\" in ref or any(ord(c) < 32 or ord(c) == 127 for c in ref):
        return None, "refused: backslashes and control characters are not allowed in a path"
    if _SCHEME.match(ref):
        return None, "refused: only paths inside the repository and http(s) addresses are read"
    pure = PurePosixPath(ref)
    if pure.is_absolute():
        return None, "refused: an absolute path; documents are read only from inside the repository"
    if ".." in pure.parts:
        return (
            None,
            "refused: the path climbs out with '..'; documents are read only from inside the repository",
        )
    top = root.resolve()
    if _private(pure.parts):
        return None, (
            f"refused: documents are not read from {CLIENTS_DIR}/ (other clients' records) "
            "or hidden folders such as .git"
        )
    try:
        resolved = (top / pure).resolve()
        inside = resolved.relative_to(top)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return None, "refused: a symbolic link that leads outside the repository"
    if _private(inside.parts):
        return None, (
            f"refused: a symbolic link into {CLIENTS_DIR}/ or a hidden folder such as .git"
        )
    if not resolved.is_file():
        return None, "not found: no such file in the repository"
    return resolved, ""


def _private(parts: tuple[str, ...]) -> bool:
    return parts[:1] == (CLIENTS_DIR,) or any(p.startswith(".") for p in parts)


def _read(path: Path, keep: bool) -> tuple[str, int, bytes | None]:
    digest = hashlib.sha256()
    size = 0
    chunks: list[bytes] = []
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if keep:
                chunks.append(chunk)
    return digest.hexdigest(), size, b"".join(chunks) if keep else None


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


# --- the subject access document -----------------------------------------------------------


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
    warnings: list[str] = []
    found = None
    if history is None:
        note: str | None = (
            f"the history of changes is not included: {history_unavailable or 'git cannot be read'}"
        )
    else:
        found = history.find(record.file)
        if found is None:
            note = f"git has no history for {record.file}: it has never been committed"
        elif history.shallow:
            note = "the history is incomplete: " + "; ".join(history.warnings)
        else:
            note = None
    if note:
        warnings.append(note)
    files = referenced_documents(data, config.root, keep_content=keep_content)
    for f in files:
        if f.entry.get("note") and "path" in f.entry:
            warnings.append(f"{f.entry['field']} ({f.entry['path']!r}): {f.entry['note']}")
    document = {
        "export": {
            "client": record.id,
            "file": record.file,
            "generated": generated.isoformat(timespec="seconds"),
            "as_of": today.isoformat(),
            "organisation": config.organisation,
            "format_version": FORMAT_VERSION,
            "generator": f"clientbook {__version__}",
            "repository_commit": history.head if history is not None else None,
        },
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


def dumps(document: Any) -> str:
    """JSON text as exports write it: indented, UTF-8 characters kept, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def archive(export_json: str, files: Sequence[DocumentFile], generated: str) -> bytes:
    """A ZIP: export.json, then each document read from the repository under documents/.

    Every entry has the export's timestamp, mode 0644 and Unix as its
    system, and entries are in name order, so the bytes depend on nothing
    but the content and `generated`.
    """
    when = max(dt.datetime.fromisoformat(generated).replace(tzinfo=None), dt.datetime(1980, 1, 1))
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    contents = {f.archive_name: f.content for f in files if f.content is not None}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        _add(zf, ARCHIVE_JSON, export_json.encode("utf-8"), stamp)
        for name in sorted(contents):
            _add(zf, name, contents[name] or b"", stamp)
    return buffer.getvalue()


def _add(
    zf: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, int, int, int, int, int]
) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform
    info.external_attr = 0o100644 << 16
    zf.writestr(info, data, compresslevel=9)


# --- every client: CSV, vCard, JSON Lines ----------------------------------------------------


def cell(value: Any) -> str:
    """A value as CSV text: lists and mappings as JSON, booleans as true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _tags(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return TAG_SEPARATOR.join(value)
    return cell(value)


def client_row(data: dict[str, Any], config: Config) -> list[str]:
    address = section(data, "address")
    kept = retention(data, config).until
    due = review(data, config).due
    return [
        *(cell(data.get(k)) for k in CLIENT_COLUMNS[:9]),
        _tags(data.get("tags")),
        cell(data.get("jurisdiction")),
        cell(data.get("website")),
        *(cell(address.get(k)) for k in ("street", "city", "postcode", "region", "country")),
        kept.isoformat() if kept else "",
        due.isoformat() if due else "",
    ]


def contact_rows(data: dict[str, Any]) -> list[list[str]]:
    return [
        [cell(data.get("id")), *(cell(c.get(k)) for k in CONTACT_COLUMNS[1:])]
        for _, c in items(data, "contacts")
    ]


def csv_files(records: Sequence[Record], config: Config) -> tuple[str, str]:
    """(clients CSV, contacts CSV): formula-like cells neutralised, CR LF rows, UTF-8 text."""
    datas = [r.data for r in records if r.data is not None]
    clients = csvsafe.render(CLIENT_COLUMNS, (client_row(d, config) for d in datas))
    contacts = csvsafe.render(CONTACT_COLUMNS, (row for d in datas for row in contact_rows(d)))
    return clients, contacts


def vcf(records: Sequence[Record]) -> str:
    """A vCard 4.0 for every contact of every client, in record order."""
    return vcard.vcards(r.data for r in records if r.data is not None)


# Python's str.splitlines() also splits at these; JSON may carry them raw, so escape them
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def json_lines(records: Sequence[Record]) -> str:
    """One JSON object per line: {"id", "file", "record"}, in record order."""
    lines = []
    for r in records:
        if r.data is None:
            continue
        line = json.dumps({"id": r.id, "file": r.file, "record": r.data}, ensure_ascii=False)
        for raw, escaped in _LINE_BREAKS.items():
            line = line.replace(raw, escaped)
        lines.append(line + "\n")
    return "".join(lines)
