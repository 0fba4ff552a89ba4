"""A baseline: the findings a repository had when it adopted clientbook, known and not reported.

A finding is known by its rule, its client and its JSON pointer — never its line, so an
edit above it does not bring it back — and, among several of those, by the shape of its
message (digits set aside: "overdue by 12 days" is the same finding tomorrow). The file
holds hashes of those, not the client ids or messages: a baseline is committed, and an
erased client's id must not stay behind in it (clientbook erase rewrites files, not
hashes nobody can read back).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from clientbook import __version__
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic
from clientbook.core.repo import CLIENTS_DIR
from clientbook.lint.run import LintResult
from clientbook.util.regularfile import NotRegular, read_regular, regular_file_bytes

FORMAT = 1
MAX_BASELINE = 64 * 1024 * 1024
_DIGITS = re.compile(r"\d+")


class BaselineError(Exception):
    """The baseline file cannot be used; the words say why and where."""


def subject(d: Diagnostic) -> str:
    """The client a finding is about (its id), or the file for a finding outside clients/."""
    path = PurePosixPath(d.file)
    if path.parts[:1] == (CLIENTS_DIR,) and path.suffix in (".yaml", ".yml"):
        return path.stem
    return d.file


def fingerprint(d: Diagnostic) -> str:
    """What a finding is, stable across edits elsewhere in the file: rule, client, pointer."""
    key = "\0".join((d.rule, subject(d), d.pointer))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def shape(d: Diagnostic) -> str:
    """The message with its numbers set aside, hashed: tells apart findings of one pointer."""
    return hashlib.sha256(_DIGITS.sub("0", d.message).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Baseline:
    entries: Counter[tuple[str, str]]  # (fingerprint, shape) -> how many findings had it

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Baseline:
        return cls(Counter((fingerprint(d), shape(d)) for d in diagnostics))

    def to_json(self, rules: dict[tuple[str, str], tuple[str, str]]) -> str:
        """The file: one entry per finding, sorted, with its rule and pointer for a reader."""
        findings = [
            {
                "rule": rules[key][0],
                "pointer": rules[key][1],
                "fingerprint": key[0],
                "shape": key[1],
            }
            for key, count in sorted(self.entries.items())
            for _ in range(count)
        ]
        document = {"clientbook_baseline": FORMAT, "written_by": __version__, "findings": findings}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def written(diagnostics: list[Diagnostic]) -> str:
    """The baseline file holding every one of `diagnostics`."""
    rules = {(fingerprint(d), shape(d)): (d.rule, d.pointer) for d in diagnostics}
    return Baseline.of(diagnostics).to_json(rules)


def parse(text: str, name: str) -> Baseline:
    """A baseline from its file's text (BaselineError naming the file, line and column)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise BaselineError(f"{name}:{err.lineno}:{err.colno}: not JSON: {err.msg}") from None
    if not isinstance(document, dict) or document.get("clientbook_baseline") != FORMAT:
        raise BaselineError(
            f"{name}:1:1: not a clientbook baseline (format {FORMAT}): write one with "
            "clientbook lint --write-baseline FILE"
        )
    findings = document.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict)
        and isinstance(f.get("fingerprint"), str)
        and isinstance(f.get("shape"), str)
        for f in findings
    ):
        raise BaselineError(
            f"{name}: 'findings' must be a list of entries with a fingerprint and a shape"
        )
    return Baseline(Counter((f["fingerprint"], f["shape"]) for f in findings))


@dataclass(frozen=True)
class Compared:
    new: list[Diagnostic]
    known: list[Diagnostic]
    fixed: int  # baseline entries no finding matched: fixed since, or their client is gone


def compare(diagnostics: list[Diagnostic], baseline: Baseline) -> Compared:
    """Which findings are in the baseline. Exact (fingerprint, shape) matches first; then a
    finding whose message changed (a new clientbook's words) still matches by fingerprint."""
    left = Counter(baseline.entries)
    by_print = Counter(f for f, _ in left.elements())
    known_at: set[int] = set()
    for i, d in enumerate(diagnostics):
        key = (fingerprint(d), shape(d))
        if left[key] > 0:
            left[key] -= 1
            by_print[key[0]] -= 1
            known_at.add(i)
    for i, d in enumerate(diagnostics):
        if i not in known_at and by_print[fingerprint(d)] > 0:
            by_print[fingerprint(d)] -= 1
            known_at.add(i)
    new = [d for i, d in enumerate(diagnostics) if i not in known_at]
    known = [d for i, d in enumerate(diagnostics) if i in known_at]
    return Compared(new, known, sum(by_print.values()))


def applied(result: LintResult, baseline: Baseline, name: str) -> LintResult:
    """The result with the findings `baseline` knows moved from `diagnostics` to `known`."""
    found = compare(result.diagnostics, baseline)
    return dataclasses.replace(
        result, diagnostics=found.new, known=found.known, fixed=found.fixed, baseline=name
    )


def load(path: Path, name: str) -> Baseline:
    """The baseline file at `path` (`name`: as messages call it); BaselineError when it cannot
    be read or is not a baseline."""
    try:
        raw = read_regular(path, MAX_BASELINE)
    except NotRegular as err:
        raise BaselineError(f"cannot read the baseline {name}: {err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BaselineError(f"{name}:1:1: the baseline is not UTF-8 text") from None
    return parse(text, name)


def configured(config: Config) -> Baseline | None:
    """The baseline clientbook.yaml names (None when it names none); BaselineError when it
    cannot be read or is not a baseline."""
    if not config.baseline:
        return None
    return load(config.root / config.baseline, config.baseline)


def digest(config: Config) -> str:
    """What the baseline adds to a site's inputs: its bytes' hash ('' without one)."""
    if not config.baseline:
        return ""
    found = regular_file_bytes(config.root / config.baseline)
    return hashlib.sha256(found or b"").hexdigest()


def marked(diagnostics: list[Diagnostic], baseline: Baseline | None) -> list[Diagnostic]:
    """Every finding, the ones the baseline holds marked known (the site shows them so)."""
    if baseline is None:
        return diagnostics
    found = compare(diagnostics, baseline)
    known = {id(d) for d in found.known}
    return [dataclasses.replace(d, known=True) if id(d) in known else d for d in diagnostics]
