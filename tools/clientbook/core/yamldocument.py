"""What loading one YAML text gives (`Document`), apart from how it was loaded.

Its own module so that the fast path (yamlio) and the full one (yamlfull)
share it, and a command whose files all take the fast path never imports
PyYAML: `node`, the composed document for positions, imports it when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clientbook.core.yamlproblem import LoadProblem
from clientbook.core.yamltraps import Trap

if TYPE_CHECKING:
    import yaml

MAX_FILE_SIZE = 1 << 20  # the default limit on a client file (max_file_size in clientbook.yaml)


@dataclass(slots=True)
class Document:
    """The result of loading one YAML text: data (None if unreadable), problems, traps."""

    data: Any = None
    problems: list[LoadProblem] = field(default_factory=list)
    traps: dict[str, Trap] = field(default_factory=dict)
    composed: yaml.Node | None = None  # the composed document, when kept and already composed
    text: str | None = None  # kept instead by the fast path, to compose when asked

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problems

    @property
    def node(self) -> yaml.Node | None:
        """The composed document, when the caller asked to keep it (composed now if need be)."""
        if self.composed is None and self.text is not None:
            from clientbook.core.yamlcompose import node_of

            self.composed = node_of(self.text)
            self.text = None
        return self.composed
