"""Identity: a record's id is its file name, ids are unique, file names are slugs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.lint.rules.base import Context, Facts, cross_rule, record_rule

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@cross_rule("id-mismatch", Severity.ERROR, "the record's id differs from its file name", "identity")
def id_mismatch(facts: list[Facts], ctx: Context) -> Iterator[tuple[str, Finding]]:
    """The id inside a record must equal its file name without `.yaml`,
    so that links, history and erasure find the record by its id.

    Passes (clients/acme-logistics.yaml):  `id: acme-logistics`
    Fails  (clients/acme-logistics.yaml):  `id: acme`
    """
    for fact in facts:
        stem = PurePosixPath(fact.file).stem
        if fact.id and fact.id != stem:
            rename = f"rename the file to {fact.id}.yaml, or " if SLUG.match(fact.id) else ""
            yield (
                fact.file,
                Finding(
                    "id",
                    f"the id '{fact.id}' differs from the file name '{stem}'",
                    f"{rename}set id: {stem}",
                ),
            )


@cross_rule("id-duplicate", Severity.ERROR, "two records share one id", "identity")
def id_duplicate(facts: list[Facts], ctx: Context) -> Iterator[tuple[str, Finding]]:
    """Ids are unique across the repository (two files, clients/a.yaml and
    clients/a.yml, could otherwise both claim `id: a`).

    Fails: clients/acme.yaml and clients/acme.yml both with `id: acme`.
    """
    by_id: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        if fact.id:
            by_id[fact.id].append(fact.file)
    for record_id, files in by_id.items():
        for file in files:
            others = ", ".join(f for f in files if f != file)
            if others:
                yield (
                    file,
                    Finding(
                        "id",
                        f"the id '{record_id}' is also used by {others}",
                        "give each client its own id",
                        related=tuple(f for f in files if f != file),
                    ),
                )


@record_rule(
    "filename-slug",
    Severity.ERROR,
    "the file name is not a lower-case slug ending in .yaml",
    "identity",
)
def filename_slug(data: Any, ctx: Context) -> Iterator[Finding]:
    """Client files are named `<id>.yaml` with a lower-case slug id: letters,
    digits and single hyphens. Names like `Acme Logistics.yml` break links
    and command-line use.

    Passes: clients/acme-logistics.yaml
    Fails:  clients/Acme_Logistics.yml
    """
    name = ctx.file.rpartition("/")[2]  # as text first: a PurePosixPath costs more than the rule
    if name.endswith(".yaml") and SLUG.match(name[: -len(".yaml")]):
        return
    path = PurePosixPath(ctx.file)
    suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "client"
    yield Finding(
        "",
        f"the file name '{path.name}' is not a lower-case slug ending in .yaml",
        f"rename it to {suggestion}.yaml",
    )


RULES = (id_mismatch, id_duplicate, filename_slug)
