"""`clientbook merge KEEP OTHER`: fold one client's record into another's, as one change.

The plan is made first and touches nothing: the merged record (merge_fields.py) written
into the round-trip tree of KEEP's file, so its comments and layout stay, then formatted
as `clientbook fmt` would and read back — it must read as the merged data — and linted:
a merge that brings a new error is refused. OTHER's documents move under KEEP's folder
and every agreement naming one is rewritten (merge_refs.py). `merged_from` in KEEP and an
entry in merges.yaml record the merge; OTHER's file is removed. `changes` turns the plan
into one change set of the write layer, committed by the caller.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from clientbook.authoring.fmt import format_text
from clientbook.authoring.merge_fields import Chooser, Decision, Merger, fit
from clientbook.authoring.merge_refs import (
    MergeRefused,
    Move,
    plan_moves,
    records_naming,
    renamed_documents,
)
from clientbook.core.areas import documents_area, records_area, repository_area
from clientbook.core.changeset import ChangeSet
from clientbook.core.config import Config
from clientbook.core.diagnostics import Severity
from clientbook.core.encryption import is_sops_file
from clientbook.core.merges import MERGES, Merge, load_merges, merges_yaml
from clientbook.core.records import Record, record_from_bytes
from clientbook.lint.checkfile import Checker
from clientbook.util.lineend import as_lf, line_end, with_line_end

__all__ = ["MergePlan", "MergeRefused", "changes", "plan_merge"]


@dataclass
class MergePlan:
    keep: str
    other: str
    keep_file: str
    other_file: str
    text: str  # the merged record's new text
    data: dict[str, Any]
    decisions: list[Decision]
    notes: list[str]
    moves: list[Move] = field(default_factory=list)
    rewrites: dict[str, str] = field(default_factory=dict)  # other records' files -> new text
    merges_text: str = ""
    new_errors: list[str] = field(default_factory=list)

    def paths(self) -> list[str]:
        """Every repository path the merge writes or removes."""
        moved = [p for m in self.moves for p in (m.old, m.new)]
        return [self.keep_file, self.other_file, MERGES, *moved, *self.rewrites]


@dataclass(frozen=True)
class Who:
    """Who merges, when, and how the fields the records disagree on are decided."""

    choose: Chooser
    how: str  # "--prefer keep", "asked"
    prefer: str
    today: dt.date
    by: str | None


def _round_trip() -> YAML:
    """The round-trip reader and writer, set as `clientbook fmt` sets its own."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    # a node reached twice (a date moved from one record) is written twice, never as an alias
    yaml.representer.ignore_aliases = lambda *_: True
    return yaml


def _tree(record: Record) -> CommentedMap:
    if record.data is None or record.problems:
        raise MergeRefused(
            f"{record.file} cannot be read as a record; 'clientbook lint {record.file}' says why"
        )
    if is_sops_file(record.data):
        raise MergeRefused(f"{record.file} is encrypted with SOPS; decrypt it first ('sops -d')")
    try:
        tree = _round_trip().load(as_lf(record.text))  # rendered with its own ends
    except YAMLError as err:
        raise MergeRefused(f"{record.file} cannot be parsed for merging: {err}") from None
    if not isinstance(tree, CommentedMap):
        raise MergeRefused(f"{record.file} is not a mapping of fields")
    return tree


def render(
    tree: CommentedMap, schema: dict[str, Any], file: str, expected: Any, end: str = "\n"
) -> str:
    """The tree as `clientbook fmt` writes it, its lines ending in `end` (the file's, read with
    util.lineend.line_end), checked to read back as `expected`."""
    out = io.StringIO()
    _round_trip().dump(tree, out)
    formatted = format_text(out.getvalue(), schema, file)
    if formatted.text is None:
        raise MergeRefused(f"{file}: the merged record cannot be written: {formatted.problem}")
    text = with_line_end(formatted.text, end)
    if record_from_bytes(file, text.encode("utf-8")).data != expected:
        raise MergeRefused(
            f"{file}: the merged text does not read back as the merged record; nothing was written"
        )
    return text


def plan_merge(
    config: Config, checker: Checker, keep: Record, other: Record, who: Who
) -> MergePlan:
    """What merging `other` into `keep` writes; raises MergeRefused, having touched nothing."""
    schema = checker.schema.document
    keep_tree, other_tree = _tree(keep), _tree(other)
    assert keep.data is not None and other.data is not None
    merger = Merger(schema, who.choose, who.how, who.prefer)
    data, tree = merger.fold("", schema, keep.data, other.data, keep_tree, other_tree)
    moves = plan_moves(config.root, keep.id, other.id)
    renamed = {m.old: m.new for m in moves}
    for i, new in renamed_documents(data, renamed):
        data["agreements"][i] = {**data["agreements"][i], "document": new}
        tree["agreements"][i]["document"] = new
    _record_merge(data, tree, other.id, who)
    text = render(tree, schema, keep.file, data, line_end(keep.text))
    plan = MergePlan(
        keep.id, other.id, keep.file, other.file, text, data, merger.decisions, merger.notes, moves
    )
    plan.notes += [
        f"{m.old} → {m.new}" + (" (the same file was there)" if m.data is None else "")
        for m in moves
    ]
    plan.new_errors = _new_errors(checker, keep, text, set(renamed.values()))
    plan.rewrites = _rewrite_others(config, schema, renamed, {keep.file, other.file})
    entry = Merge(other.id, keep.id, who.today.isoformat(), who.by or "")
    plan.merges_text = merges_yaml([*load_merges(config.root), entry])
    return plan


def _record_merge(data: dict[str, Any], tree: CommentedMap, other: str, who: Who) -> None:
    """`merged_from` gains the merged record's id, the day and who merged."""
    entry: dict[str, Any] = {"id": other, "date": who.today.isoformat()}
    if who.by:
        entry["by"] = who.by
    node = CommentedMap({"id": other, "date": who.today})  # a date object: written unquoted
    if who.by:
        node["by"] = who.by
    listed = data.get("merged_from")
    if isinstance(listed, list) and isinstance(tree.get("merged_from"), CommentedSeq):
        data["merged_from"] = [*listed, entry]
        tree["merged_from"].append(fit(node, tree["merged_from"]))
    else:
        data["merged_from"] = [entry]
        tree["merged_from"] = CommentedSeq([node])


def _errors(checker: Checker, record: Record, arriving: set[str]) -> dict[str, str]:
    """The record's errors: each message (without its place) -> as printed, with the place.

    A document the merge moves in is not there yet: its missing-document is not one."""
    out = {}
    for d in checker.check_record(record).diagnostics:
        if d.severity != Severity.ERROR:
            continue
        if d.rule == "missing-document" and _at(record.data, d.pointer) in arriving:
            continue
        out[f"[{d.rule}] {d.message}"] = f"{d.line}:{d.column}: [{d.rule}] {d.message}"
    return out


def _at(data: Any, pointer: str) -> Any:
    for part in pointer.split("/") if pointer else []:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _new_errors(checker: Checker, keep: Record, text: str, arriving: set[str]) -> list[str]:
    before = _errors(checker, keep, set())
    after = _errors(checker, record_from_bytes(keep.file, text.encode("utf-8")), arriving)
    return [shown for message, shown in after.items() if message not in before]


def _rewrite_others(
    config: Config, schema: dict[str, Any], renamed: dict[str, str], skip: set[str]
) -> dict[str, str]:
    """The new text of every other record whose agreements name a document that moves."""
    out = {}
    for file, raw in records_naming(config.root, renamed, skip):
        record = record_from_bytes(file, raw, config.max_file_size)
        found = renamed_documents(record.data, renamed) if record.data is not None else []
        if not found:
            continue
        tree = _tree(record)
        assert record.data is not None
        expected = dict(record.data)
        expected["agreements"] = list(expected["agreements"])
        for i, new in found:
            expected["agreements"][i] = {**expected["agreements"][i], "document": new}
            tree["agreements"][i]["document"] = new
        out[file] = render(tree, schema, file, expected, line_end(record.text))
    return out


def changes(config: Config, plan: MergePlan) -> ChangeSet:
    """The merge as one change set: KEEP written, OTHER removed, documents moved, the records
    naming them rewritten, merges.yaml written. Raises WriteRefused for a path it refuses."""
    root = config.root
    change = ChangeSet(root)
    change.write(root / plan.keep_file, plan.text, records_area(config))
    change.delete(root / plan.other_file, records_area(config))
    for move in plan.moves:
        if move.data is not None:
            change.create(root / move.new, move.data, documents_area(config))
        change.delete(root / move.old, documents_area(config))
    for file, text in sorted(plan.rewrites.items()):
        change.write(root / file, text, records_area(config))
    change.write(root / MERGES, plan.merges_text, repository_area(config))
    return change
