"""The rule table: every rule clientbook knows, in the order `clientbook rules` lists them."""

from __future__ import annotations

from clientbook.core.diagnostics import Severity
from clientbook.lint.rules import (
    consent,
    contacts,
    dates,
    duplicates,
    erased,
    followups,
    identity,
    onboarding,
    references,
    retention,
    review,
    stale,
)
from clientbook.lint.rules.base import Context, Facts, Rule

_READING = "reading"

# Rules reported by the loader and the schema validator rather than by a check function.
_BUILT_IN = (
    Rule(
        "yaml-syntax",
        Severity.ERROR,
        "the file is not valid YAML",
        _READING,
        doc="The file must parse as YAML. The message names the line and column where the parser stopped.",
    ),
    Rule(
        "yaml-tab",
        Severity.ERROR,
        "a tab is used for indentation",
        _READING,
        doc="YAML indents with spaces only. Replace tabs with two spaces per level.",
    ),
    Rule(
        "yaml-anchor",
        Severity.ERROR,
        "anchors, aliases or merge keys are used",
        _READING,
        doc="Anchors (&a), aliases (*a) and merge keys (<<) hide data from reviewers and allow "
        "'billion laughs' expansion bombs, so client files may not use them.\n\nFails: `billing: *office`",
    ),
    Rule(
        "yaml-tag",
        Severity.ERROR,
        "an explicit YAML tag is used",
        _READING,
        doc="Tags such as !!python/object or !!binary are refused: records hold plain data only.",
    ),
    Rule(
        "duplicate-key",
        Severity.ERROR,
        "a field is written twice in one mapping",
        _READING,
        doc="YAML readers silently keep only the last of two equal keys, losing the first value.\n\n"
        "Fails:\n    email: a@x.example\n    email: b@x.example",
    ),
    Rule(
        "encoding",
        Severity.ERROR,
        "the file is not UTF-8",
        _READING,
        doc="Client files are UTF-8 text. The message names the first byte that is not.",
    ),
    Rule(
        "empty-file",
        Severity.ERROR,
        "the file is empty",
        _READING,
        doc="A client file with no record in it (only blank lines or comments).",
    ),
    Rule(
        "not-a-mapping",
        Severity.ERROR,
        "the top level is not a mapping of fields",
        _READING,
        doc="A record is a mapping (`name: …`), not a list or a single value.",
    ),
    Rule(
        "multiple-documents",
        Severity.ERROR,
        "the file holds more than one YAML document",
        _READING,
        doc="One client per file: a `---` line starting a second document is refused.",
    ),
    Rule(
        "file-too-large",
        Severity.ERROR,
        "the file is over the size limit",
        _READING,
        doc="Files over max_file_size (default 1 MiB) are not read: a client record is a few "
        "kilobytes, and a huge file is a mistake or an attack.",
    ),
    Rule(
        "symlink-outside",
        Severity.ERROR,
        "the file is a symlink leading outside the repository",
        _READING,
        doc="A client file that is a symbolic link to a file outside the repository is not read.",
    ),
    Rule(
        "yaml-ambiguous",
        Severity.WARNING,
        "a plain value that YAML readers disagree on or that loses data",
        _READING,
        doc="Plain (unquoted) values that YAML 1.1 and YAML 1.2 readers read differently, or that "
        "silently lose data: `0784` (leading zero), `+442079460123` (the plus sign), `1.10` "
        "(the trailing zero), `12:30` (base 60 in YAML 1.1), `yes`/`no`/`on`/`off` (booleans in "
        'YAML 1.1), `1_000`. Quote them.\n\nPasses: `postcode: "0784"`\nFails:  `postcode: 0784`',
    ),
    Rule(
        "schema",
        Severity.ERROR,
        "the record does not match the schema",
        "schema",
        doc="The record must validate against schemas/client.schema.json: known fields only, required "
        "fields present, values of the right type and form. Messages use the schema's titles and "
        "suggest the nearest field or value (\"did you mean 'email'?\").",
    ),
    Rule(
        "rule-crashed",
        Severity.ERROR,
        "a rule failed on this record (a bug in clientbook)",
        "internal",
        doc="A rule raised an exception; the other rules still ran. Please report it with the record's shape.",
    ),
)

_FAMILIES = (
    identity.RULES,
    duplicates.RULES,
    references.RULES,
    dates.RULES,
    retention.RULES,
    review.RULES,
    consent.RULES,
    followups.RULES,
    onboarding.RULES,
    stale.RULES,
    contacts.RULES,
    erased.RULES,
)

RULES: dict[str, Rule] = {
    rule.id: rule for rule in (*_BUILT_IN, *(r for family in _FAMILIES for r in family))
}
RECORD_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if r.check is not None)
CROSS_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if r.cross is not None)

__all__ = ["CROSS_RULES", "RECORD_RULES", "RULES", "Context", "Facts", "Rule"]
