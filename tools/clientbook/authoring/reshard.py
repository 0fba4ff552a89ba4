"""Moving client files between folder layouts (`clientbook reshard`): where each file goes,
its modeline set for its new depth, and what stops the move.

A record's identity is its file name, so a move keeps the name and changes only the folder;
the history reader pairs a commit's delete and add of one name under clients/ as a rename
(history/renames.py), however many files the commit moves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from clientbook.core.records import Record
from clientbook.core.repo import layout_file, with_modeline


class ReshardRefused(ValueError):
    """The files cannot all be moved; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Move:
    old: str  # repo-relative paths
    new: str
    text: bytes  # the file's bytes, with the modeline for its new depth


@dataclass(frozen=True, slots=True)
class ReshardPlan:
    layout: str
    moves: list[Move]
    staying: int  # files already where the layout puts them
    folders: Counter[str] = field(default_factory=Counter)  # new folder -> files moving in


def plan_reshard(records: Sequence[Record], layout: str) -> ReshardPlan:
    """Where `layout` puts each record's file; raises ReshardRefused naming every file that
    cannot be placed (unreadable for a layout that reads the record, two files for one place)."""
    if layout == "by-team":
        unreadable = [r.file for r in records if r.data is None]
        if unreadable:
            raise ReshardRefused(
                f"the by-team layout reads each record's team, and {_listed(unreadable)} cannot "
                "be read; fix them first (clientbook lint says why)"
            )
    targets = {r.file: target_of(r, layout) for r in records}
    _refuse_clashes(targets)
    moves, staying, folders = [], 0, Counter[str]()
    for record in records:
        new = targets[record.file]
        if new == record.file:
            staying += 1
            continue
        moves.append(Move(record.file, new, _moved_text(record.raw, new)))
        folders[new.rsplit("/", 1)[0]] += 1
    return ReshardPlan(layout, moves, staying, folders)


def target_of(record: Record, layout: str) -> str:
    """The record's path in `layout`, keeping its file name (.yml stays .yml)."""
    name = record.file.rsplit("/", 1)[-1]
    team = record.data.get("team") if isinstance(record.data, dict) else ""
    folder = layout_file(layout, name.rsplit(".", 1)[0], team if isinstance(team, str) else "")
    return f"{folder.rsplit('/', 1)[0]}/{name}"


def _refuse_clashes(targets: dict[str, str]) -> None:
    by_target: dict[str, list[str]] = {}
    for old, new in targets.items():
        by_target.setdefault(new, []).append(old)
    clashes = [files for files in by_target.values() if len(files) > 1]
    if clashes:
        pairs = "; ".join(" and ".join(files) for files in clashes[:5])
        raise ReshardRefused(
            f"{len(clashes)} places would get two files ({pairs}): a file name is the client's "
            "id and must be unique across the folders of clients/; rename or merge them first"
        )


_FIRST_LINE = re.compile(rb"\A[^\n]*")


def _moved_text(raw: bytes, new: str) -> bytes:
    """The bytes as they are but for clientbook's modeline, set for the new depth; a file
    that is not UTF-8 is moved byte for byte (lint reports it)."""
    first = _FIRST_LINE.match(raw)
    assert first is not None
    try:
        line = first.group().decode("utf-8")
    except UnicodeDecodeError:
        return raw
    if not line.startswith("# yaml-language-server:"):
        return raw
    fixed = with_modeline(line, new)
    return fixed.encode("utf-8") + raw[first.end() :]


def _listed(files: list[str]) -> str:
    more = f" and {len(files) - 5} more" if len(files) > 5 else ""
    return ", ".join(files[:5]) + more


def layout_line(config_text: str, layout: str) -> str:
    """clientbook.yaml's text with its top-level `layout:` set to `layout` (the line replaced
    where there is one, else added at the end), every other byte as it was."""
    pattern = re.compile(r"^layout:[^\n]*$", re.MULTILINE)
    line = f"layout: {layout}"
    if pattern.search(config_text):
        return pattern.sub(line, config_text, count=1)
    joiner = "" if config_text.endswith("\n") or not config_text else "\n"
    return f"{config_text}{joiner}{line}\n"
