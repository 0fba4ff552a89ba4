"""Field-level differences between two versions of a record, and applying them.

A change is `Change(path, op, old, new)` with op one of added, removed,
changed or moved; `path` is a JSON path ("contacts/1/email"). The changes
are a script: applied in order to the old version they give the new one
exactly (a property the tests check). List items are matched the way a
person reads them, not by position: whole equal items first, then by an
identity such as id, email, name or (date, channel, direction), so an
appended interaction is one `added` and a reordered contact whose email
changed is one `moved` and one `changed`, not a cascade.

Lists are scripted in four steps: removals (highest index first), moves of
the items that stay into their new order, insertions (lowest index
first), then the changes inside matched items at their new indices.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"

# Fields that identify a list item, tried in this order; a key is used only
# where its values are unique among the items still unmatched on both sides.
IDENTITIES: tuple[tuple[str, ...], ...] = (
    ("id",),
    ("email",),
    ("name",),
    ("purpose", "given"),
    ("purpose",),
    ("step",),
    ("date", "channel", "direction"),
    ("date", "name"),
    ("status", "date"),
    ("date",),
    ("title",),
)


@dataclass(frozen=True, slots=True)
class Change:
    path: str
    op: str
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "op": self.op, "old": self.old, "new": self.new}

    def __reduce__(self) -> tuple[type[Change], tuple[Any, ...]]:
        # as its fields: a slotted dataclass's own pickling looks its fields up for each one,
        # and a cold history read sends every change from a worker (2.7x to write, 1.7x to read)
        return (Change, (self.path, self.op, self.old, self.new))


def diff(old: Any, new: Any, path: str = "") -> list[Change]:
    """The changes that turn `old` into `new`."""
    return list(_diff(old, new, path))


def _diff(old: Any, new: Any, path: str) -> Iterator[Change]:
    # `==` runs in C; the strict walk runs only on what it calls equal, and only once,
    # since an equal subtree is not descended into again. Versions parsed by the
    # history share the objects of unchanged fields: those are equal at once.
    if _equal(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        yield from _diff_dict(old, new, path)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_list(old, new, path)
    else:
        yield Change(path, CHANGED, old, new)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON: in Python True == 1 and 1 == 1.0, in a record they differ."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _equal(a: Any, b: Any) -> bool:
    """Equal as JSON; at once for an item a version shares with its predecessor."""
    return a is b or (a == b and _same(a, b))


def _join(path: str, key: object) -> str:
    return f"{path}/{key}" if path else str(key)


def _diff_dict(old: dict[str, Any], new: dict[str, Any], path: str) -> Iterator[Change]:
    for key in old:
        if key not in new:
            yield Change(_join(path, key), REMOVED, old[key], None)
    for key, value in new.items():
        if key not in old:
            yield Change(_join(path, key), ADDED, None, value)
        elif old[key] is not value:  # most fields of a version are its predecessor's objects
            yield from _diff(old[key], value, _join(path, key))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _equal_pairs(old: list[Any], new: list[Any]) -> dict[int, int]:
    """Equal items, old index -> new index: the common head and tail, then equal items anywhere."""
    pairs: dict[int, int] = {}
    head = 0
    shorter = min(len(old), len(new))
    while head < shorter and _equal(old[head], new[head]):
        pairs[head] = head
        head += 1
    tail = 0
    while tail < shorter - head and _equal(old[-1 - tail], new[-1 - tail]):
        pairs[len(old) - 1 - tail] = len(new) - 1 - tail
        tail += 1
    middle_old = range(head, len(old) - tail)
    middle_new = range(head, len(new) - tail)
    if middle_old and middle_new:  # an insertion or removal alone needs no canonical forms
        by_value: dict[str, list[int]] = {}
        for i in middle_old:
            by_value.setdefault(_canonical(old[i]), []).append(i)
        for j in middle_new:
            bucket = by_value.get(_canonical(new[j]))
            if bucket:
                pairs[bucket.pop(0)] = j
    return pairs


def match_items(old: list[Any], new: list[Any]) -> dict[int, int]:
    """Old index -> new index for the items that are the same item in both lists."""
    return _match(old, new, _equal_pairs(old, new))


def _match(old: list[Any], new: list[Any], equal: dict[int, int]) -> dict[int, int]:
    pairs = dict(equal)
    for identity in IDENTITIES:
        free_old = [i for i in range(len(old)) if i not in pairs]
        taken = set(pairs.values())
        free_new = [j for j in range(len(new)) if j not in taken]
        if not free_old or not free_new:
            break
        old_keys = _unique_keys(old, free_old, identity)
        new_keys = _unique_keys(new, free_new, identity)
        for key, i in old_keys.items():
            if key in new_keys:
                pairs[i] = new_keys[key]
    return pairs


def _unique_keys(items: list[Any], indices: list[int], identity: tuple[str, ...]) -> dict[str, int]:
    keys: dict[str, int] = {}
    repeated: set[str] = set()
    for i in indices:
        item = items[i]
        if not isinstance(item, dict) or not all(f in item for f in identity):
            continue
        key = _canonical([item[f] for f in identity])
        if key in keys:
            repeated.add(key)
        keys[key] = i
    return {k: i for k, i in keys.items() if k not in repeated}


def _diff_list(old: list[Any], new: list[Any], path: str) -> Iterator[Change]:
    if len(new) > len(old) and all(a is b for a, b in zip(old, new, strict=False)):
        # items appended to a list whose others a version shares with its predecessor (an
        # interaction logged): what the matching below finds, without its walks
        for j in range(len(old), len(new)):
            yield Change(_join(path, j), ADDED, None, new[j])
        return
    yield from _diff_matched(old, new, path)


def _diff_matched(old: list[Any], new: list[Any], path: str) -> Iterator[Change]:
    equal = _equal_pairs(old, new)
    pairs = _match(old, new, equal)
    for i in sorted(set(range(len(old))) - set(pairs), reverse=True):
        yield Change(_join(path, i), REMOVED, old[i], None)
    kept = sorted(pairs)  # old indices of matched items, in their old order
    current = [pairs[i] for i in kept]  # as new indices, in list order after removals
    target = sorted(current)
    for position, wanted in enumerate(target):
        source = current.index(wanted)
        if source != position:
            yield Change(_join(path, source), MOVED, source, position)
            current.insert(position, current.pop(source))
    for j in sorted(set(range(len(new))) - set(pairs.values())):
        yield Change(_join(path, j), ADDED, None, new[j])
    for i in kept:
        if i not in equal:  # equal items have nothing inside to report
            yield from _diff(old[i], new[pairs[i]], _join(path, pairs[i]))


def apply(value: Any, changes: list[Change]) -> Any:
    """Apply a change script to a deep copy of `value`."""
    result = json.loads(json.dumps(value))
    for change in changes:
        result = _apply_one(result, change)
    return result


def _apply_one(root: Any, change: Change) -> Any:
    if change.path == "":
        return json.loads(json.dumps(change.new))
    *parents, last = change.path.split("/")
    container = root
    for part in parents:
        container = container[int(part)] if isinstance(container, list) else container[part]
    if isinstance(container, list):
        index = int(last)
        if change.op == REMOVED:
            del container[index]
        elif change.op == ADDED:
            container.insert(index, change.new)
        elif change.op == MOVED:
            container.insert(int(change.new), container.pop(int(change.old)))
        else:
            container[index] = change.new
    elif change.op == REMOVED:
        del container[last]
    else:
        container[last] = change.new
    return root
