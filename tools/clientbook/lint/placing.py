"""Placing cross-record findings: a line and column in their file, from the cache or the file.

A cross-record finding (a suspected duplicate, a shared id) is found from every record's
facts, after the files are checked, so its position is worked out then: from the cache
when the file's bytes are unchanged, else by reading the file again. Thousands of
suspected duplicates are placed in the run's worker processes, as the files were checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from clientbook.core.diagnostics import Diagnostic, Finding
from clientbook.core.records import Record, read_record
from clientbook.core.yamlfastpositions import FastPositions
from clientbook.core.yamlpositions import PositionIndex
from clientbook.lint.cache import LintCache
from clientbook.lint.checkfile import Checker, FileResult, placed, positions
from clientbook.util.workers import fork_map

Found = list[tuple[str, Finding]]  # (rule id, finding)
Place = tuple[str, str, bool]  # (the file's content hash, pointer, on the key)
# files to read again before it pays to fork workers to read them (a file: about 0.35 ms)
FORK_AT = 200


class CrossPlacer:
    """Places cross-record findings, from the cache when the file's bytes are unchanged.

    Otherwise a file's findings are placed together, with one positions index
    made from the record in memory or the file, and dropped straight after:
    thousands of suspected duplicates must not mean thousands of indexes held.
    """

    def __init__(
        self,
        checker: Checker,
        results: dict[str, FileResult],
        cache: LintCache | None,
        loaded: Sequence[Record] | None,
    ) -> None:
        self.checker = checker
        self.results = results
        self.cache = cache
        self.loaded = {r.file: r for r in loaded or ()}
        self.found: dict[Place, tuple[int, int]] = {}  # placed in workers this run

    def place_all(self, cross: dict[str, Found], jobs: int) -> list[Diagnostic]:
        """Every file's findings placed, the files to read again read in `jobs` workers."""
        unknown = [(f, items) for f, items in cross.items() if self._unplaced(f, items)]
        if jobs > 1 and len(unknown) >= FORK_AT:
            for (file, items), where in zip(
                unknown, fork_map(_where, self, unknown, jobs), strict=True
            ):
                sha = self.results[file].sha
                for (_, finding), known in zip(items, where, strict=True):
                    self.found[(sha, finding.pointer, finding.on_key)] = known
        return [d for file, items in cross.items() for d in self.place(file, items)]

    def place(self, file: str, items: Found) -> list[Diagnostic]:
        sha = self.results[file].sha
        index: PositionIndex | FastPositions | None = None
        out = []
        for rule_id, finding in items:
            key = (sha, finding.pointer, finding.on_key)
            known = self._known(key)
            if known is None:
                index = index or self._positions(file)
                where = index.lookup(finding.pointer, on_key=finding.on_key)
                known = (where.line, where.column)
            if self.cache is not None and key not in self.cache.places:
                self.cache.remember_place(key, *known)
            out.append(placed(file, *known, rule_id, finding))
        return out

    def _known(self, key: Place) -> tuple[int, int] | None:
        known = self.found.get(key)
        if known is None and self.cache is not None:
            known = self.cache.places.get(key)
        return known

    def _unplaced(self, file: str, items: Found) -> bool:
        sha = self.results[file].sha
        return any(self._known((sha, f.pointer, f.on_key)) is None for _, f in items)

    def positions_of(self, file: str, items: Found) -> list[tuple[int, int]]:
        """Each finding's (line, column) in `file`, read again."""
        index = self._positions(file)
        return [
            (at.line, at.column)
            for at in (index.lookup(f.pointer, on_key=f.on_key) for _, f in items)
        ]

    def _positions(self, file: str) -> PositionIndex | FastPositions:
        record = self.loaded.get(file)
        if record is None:
            config = self.checker.config
            record = read_record(
                config.root / file, file, config.root, config.max_file_size, keep_node=True
            )
        try:
            return positions(record)
        finally:
            record.forget_positions()


def _where(placer: CrossPlacer, item: tuple[str, Found]) -> list[tuple[int, int]]:
    return placer.positions_of(*item)
