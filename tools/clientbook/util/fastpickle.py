"""Slotted dataclasses that pickle as a plain constructor call.

The default for a frozen, slotted dataclass calls dataclasses.fields() for
every object loaded; a site state of 10,000 clients holds ~100,000 of them,
and that default made loading it several times slower.
"""

from __future__ import annotations

from typing import Any


class ByFields:
    """Mixin: pickled as `Class(*fields)`; the class must be a dataclass with slots=True."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        names: tuple[str, ...] = self.__slots__
        return (type(self), tuple(getattr(self, name) for name in names))
