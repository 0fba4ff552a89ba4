"""The records repository's own files: what an output (a report, an export, a form) never replaces.

A command that writes a user's chosen output (`lint --output`, `--write-baseline`,
`export --out`, `form --out`) may write inside the repository (a report beside the
records is a common wish), but never over the records themselves, their documents,
schema, templates, configuration or ledgers, git's folder or clientbook's own: each of
those has its own command, and a report written over one loses it without a word.
"""

from __future__ import annotations

from pathlib import Path

from clientbook.core.merges import MERGES
from clientbook.core.repo import CLIENTS_DIR, CONFIG_NAME, DOCUMENTS_DIR
from clientbook.core.tombstones import ERASURES

OWN_FOLDERS = (CLIENTS_DIR, DOCUMENTS_DIR, "schemas", "templates", ".git", ".clientbook")
# .github/.gitlab hold CODEOWNERS and the CI definitions that run the checks
OWN_SUBFOLDERS = (".github", ".gitlab")
OWN_FILES = (CONFIG_NAME, ERASURES, MERGES, ".sops.yaml", ".gitignore", ".gitattributes")


def own_file(target: Path, root: Path) -> str:
    """What of the repository's own `target` is ("clients/", "clientbook.yaml"), or "" if none.

    `target` and `root` are resolved (every folder on the way); a target outside the
    repository is never one of its own files.
    """
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return ""
    if not parts:
        return "the repository itself"
    if parts[0] in OWN_FOLDERS or (parts[0] in OWN_SUBFOLDERS and len(parts) > 1):
        return f"{parts[0]}/"
    if len(parts) == 1 and parts[0] in OWN_FILES:
        return parts[0]
    return ""


def own_files_refusal(shown: str, what: str) -> str:
    """The one sentence every command says when an output would replace one of the own files."""
    return (
        f"{shown} is among the records repository's own files ({what}); an output is never "
        "written over them: choose a file outside clients/, documents/, schemas/, templates/, "
        f".git, .clientbook, .github and .gitlab, and other than {', '.join(OWN_FILES)}"
    )
