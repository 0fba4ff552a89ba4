"""fmt over many files: each read once, decided by its hash (warm), by its text (cold,
fmtfast), or by ruamel's round trip when neither can say; in worker processes with --jobs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientbook.authoring.fmt import format_text
from clientbook.authoring.fmtfast import already_canonical
from clientbook.core.repo import modeline, relative
from clientbook.core.yamlbytes import decode
from clientbook.core.yamlproblem import LoadProblem
from clientbook.util.regularfile import NotRegular, read_regular
from clientbook.util.workers import fork_map

IN_WORKERS_FROM = 64  # fewer files format faster than workers start


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    sha: str  # of the bytes read ("" when they could not be)
    state: str  # canonical, changed, skipped (left alone on purpose) or failed
    text: str = ""  # the canonical text, when it differs
    problem: str = ""


@dataclass(frozen=True, slots=True)
class _Job:
    schema: dict[str, Any]
    max_size: int
    known: frozenset[str]  # hashes of files known canonical
    root: Path  # the repository: a file's depth under it decides its modeline


def format_files(
    files: list[Path],
    schema: dict[str, Any],
    max_size: int,
    known: frozenset[str],
    jobs: int,
    root: Path,
) -> list[Outcome]:
    """What fmt makes of each file, in order."""
    job = _Job(schema, max_size, known, root)
    if jobs <= 1 or len(files) < IN_WORKERS_FROM:
        return [format_one(job, path) for path in files]
    return fork_map(format_one, job, files, jobs)


def format_one(job: _Job, path: Path) -> Outcome:
    """One file: bytes are never guessed at or replaced."""
    try:
        raw = read_regular(path, job.max_size)
    except NotRegular as err:
        return Outcome(path, "", "failed", problem=str(err))
    sha = hashlib.sha256(raw).hexdigest()
    file = relative(job.root, path)
    lead = modeline(file)
    # a known text moved to another depth needs its modeline changed
    if sha in job.known and raw.startswith(lead.encode()):
        return Outcome(path, sha, "canonical")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problem = decode(raw)
        assert isinstance(problem, LoadProblem)
        why = (
            f"line {problem.line}, column {problem.column}: {problem.message} "
            "(clientbook lint reports it; fmt changes no byte it cannot read)"
        )
        return Outcome(path, sha, "failed", problem=why)
    if already_canonical(text, job.schema, lead):
        return Outcome(path, sha, "canonical")
    result = format_text(text, job.schema, file)
    if result.skipped:
        return Outcome(path, sha, "skipped", problem=result.problem)
    if result.text is None:
        return Outcome(path, sha, "failed", problem=result.problem)
    if not result.changed:
        return Outcome(path, sha, "canonical")
    return Outcome(path, sha, "changed", result.text)
