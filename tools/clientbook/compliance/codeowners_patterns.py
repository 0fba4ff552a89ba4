"""One CODEOWNERS line: a repository path as a literal pattern, and its owners.

Paths are written anchored (`/clients/acme.yaml`), with spaces escaped as
`\\ `; a path that CODEOWNERS cannot express literally (`#`, glob characters,
backslashes, control or unusual space characters) is written as a comment.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PATTERN = "*"

# Characters a CODEOWNERS pattern cannot carry literally: `#` starts a comment
# (GitHub does not honour `\#`), `*?[]` are globs (GitHub ignores `[]`
# ranges, GitLab does not), `{}` GitHub flags as errors, `\` escapes.
_UNSAFE = frozenset("#*?[]{}\\")


class PatternError(ValueError):
    """A path that cannot be written as a literal CODEOWNERS pattern."""


def pattern(path: str) -> str:
    """The anchored CODEOWNERS pattern for a repository path (forward slashes,
    a trailing slash for a folder): `clients/a b.yaml` -> `/clients/a\\ b.yaml`.

    Raises PatternError for a character CODEOWNERS cannot carry literally.
    """
    bad = sorted({c for c in path if c in _UNSAFE or not c.isprintable()})
    if bad:
        shown = ", ".join(printable(repr(c)) for c in bad)
        raise PatternError(f"CODEOWNERS cannot match a path containing {shown} literally")
    if not path or path.startswith("/"):
        raise PatternError("not a repository-relative path")
    return "/" + path.replace(" ", "\\ ")


@dataclass(frozen=True, slots=True)
class OwnerRule:
    """One line: a repository path and its owners. Without owners it is written
    commented out, with `note` saying why, and the default rule applies."""

    path: str  # repository-relative, or "*" for the default rule
    owners: tuple[str, ...] = ()
    note: str = ""

    def line(self) -> str:
        try:
            written = DEFAULT_PATTERN if self.path == DEFAULT_PATTERN else pattern(self.path)
        except PatternError:
            written = "/" + printable(self.path)
            return f"# {written}  # {self.note}"
        if self.owners:
            return f"{written} {' '.join(self.owners)}"
        return f"# {written}  # {self.note}"


def checked(rule: OwnerRule, warnings: list[str]) -> OwnerRule:
    """The rule, or (for a path CODEOWNERS cannot express) a commented-out one and a warning."""
    try:
        pattern(rule.path)
    except PatternError as err:
        warnings.append(
            f"{printable(rule.path)}: {err}; it is written commented out and the default "
            "rule applies to it; rename it to have it listed"
        )
        return OwnerRule(rule.path, (), str(err))
    return rule


def printable(text: str) -> str:
    """`text` on one line: control and separator characters as escapes."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text
    )
