"""Folding one record's fields into another's, as the schema describes them.

Lists are united: contacts by email (case ignored; a contact without one by name), every
other list's items by equality (an item in both is kept once), and a list that gained
items is sorted by its items' date (the first date field the schema gives them). Objects
are folded field by field; a scalar that differs is a decision: `since` the earlier, and
`ended` with the status it belongs to, the last review the later, everything else as the
chooser says (--prefer, or a question). Every decision is kept to be printed.

Each value travels with its node in the round-trip YAML tree of the record kept, so that
what comes from the record kept keeps its comments and quoting, and what comes from the
other record its own quoting. The tree of the record kept is changed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from clientbook.core.durations import parse_date
from clientbook.core.schemanav import resolve

KEEP, OTHER = "keep", "other"
# (what, the kept record's value, the other's) -> KEEP or OTHER
Chooser = Callable[[str, Any, Any], str]


@dataclass(frozen=True, slots=True)
class Decision:
    """A field the two records disagree on, and which value the merged record holds."""

    what: str  # "name", "review/interval", "contacts[jo@acme.example]/role"
    keep: Any
    other: Any
    side: str  # KEEP or OTHER
    why: str  # "--prefer keep", "asked", "the earlier", "the later", "with the status"

    @property
    def value(self) -> Any:
        return self.keep if self.side == KEEP else self.other


@dataclass
class Merger:
    schema: dict[str, Any]  # the client schema, for $refs
    choose: Chooser
    how: str  # what the chooser is, as decisions print it: "--prefer keep", "asked"
    prefer: str = KEEP  # whose primary contact stays primary
    decisions: list[Decision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def value(self, path: str, node: Any, k: Any, o: Any, kn: Any, on: Any) -> tuple[Any, Any]:
        """The merged value of a field both records have, and the node that writes it."""
        schema = resolve(node, self.schema)
        if k == o:
            return k, kn
        if isinstance(k, dict) and isinstance(o, dict) and isinstance(kn, CommentedMap):
            return self.fold(path, schema, k, o, kn, on)
        if isinstance(k, list) and isinstance(o, list) and isinstance(kn, CommentedSeq):
            if path == "contacts":
                return self.contacts(schema, k, o, kn, on)
            return self.unite(path, schema, k, o, kn, on)
        if _same_address(path, k, o):
            return k, kn  # one address, written in two cases
        side = self.choose(path, k, o)
        self.decisions.append(Decision(path, k, o, side, self.how))
        return (k, kn) if side == KEEP else (o, on)

    def fold(
        self,
        path: str,
        schema: dict[str, Any],
        k: dict[str, Any],
        o: dict[str, Any],
        kn: Any,
        on: Any,
    ) -> tuple[dict[str, Any], Any]:
        """Two mappings folded key by key into `kn`."""
        properties = schema.get("properties", {})
        fixed = self._fixed(path, k, o)
        out: dict[str, Any] = {}
        for key in [*k, *(x for x in o if x not in k)]:
            side = fixed.get(key)
            if side is not None:
                _take(out, kn, key, k if side == KEEP else o, on if side == OTHER else kn)
            elif key not in o:
                out[key] = k[key]
            elif key not in k:
                out[key] = o[key]
                kn[key] = fit(on[key], kn)
            else:
                where = f"{path}/{key}" if path else key
                out[key], child = self.value(
                    where, properties.get(key, {}), k[key], o[key], kn[key], on[key]
                )
                if child is not kn[key]:
                    kn[key] = fit(child, kn)
        return out, kn

    def _fixed(self, path: str, k: dict[str, Any], o: dict[str, Any]) -> dict[str, str]:
        """Fields whose side is decided by a rule, not the chooser: the lifecycle, the review."""
        if path == "":
            return self._lifecycle(k, o)
        if path == "review" and k.get("last_reviewed") != o.get("last_reviewed"):
            side = _by_date(k.get("last_reviewed"), o.get("last_reviewed"), later=True)
            if side is None:
                return {}
            self._decided("review/last_reviewed", k, o, side, "the later")
            return {"last_reviewed": side, "by": side}
        return {}

    def _lifecycle(self, k: dict[str, Any], o: dict[str, Any]) -> dict[str, str]:
        """Status, since, ended and status_history go together, from one record (status-dates
        holds them to each other): the one whose status is chosen when they differ; when both
        have the same status, the one that entered it first, with the later end of the two."""
        fixed = {"id": KEEP}
        if "status" in k and "status" in o and k["status"] != o["status"]:
            side = self.choose("status", k["status"], o["status"])
            self.decisions.append(Decision("status", k["status"], o["status"], side, self.how))
            why = "with the status"
        else:
            dated = _by_date(k.get("since"), o.get("since"), later=False)
            if dated is None:
                return fixed
            side, why = dated, "with the earlier since"
            self._decided("since", k, o, side, "the earlier")
            ended = _by_date(k.get("ended"), o.get("ended"), later=True)
            if "ended" in k and "ended" in o and ended is not None:
                fixed["ended"] = ended
                self._decided("ended", k, o, ended, "the later")
        for key in ("status", "since", "ended", "status_history"):
            if key not in fixed:
                fixed[key] = side
                if key != "status" and (key != "since" or why == "with the status"):
                    self._decided(key, k, o, side, why, dropped=True)
        return fixed

    def _decided(
        self,
        what: str,
        k: dict[str, Any],
        o: dict[str, Any],
        side: str,
        why: str,
        *,
        dropped: bool = False,
    ) -> None:
        """Record a decision a rule made; `dropped`: also when the side not taken has the
        field and the side taken has none (it is left out, and that is said)."""
        key = what.rsplit("/", 1)[-1]
        both = key in k and key in o
        lost = (
            dropped and key in (o if side == KEEP else k) and key not in (k if side == KEEP else o)
        )
        if (both or lost) and k.get(key) != o.get(key):
            self.decisions.append(Decision(what, k.get(key), o.get(key), side, why))

    def unite(
        self,
        path: str,
        schema: dict[str, Any],
        k: list[Any],
        o: list[Any],
        kn: CommentedSeq,
        on: Any,
    ) -> tuple[list[Any], CommentedSeq]:
        """Every item of both lists, each once; sorted by date when the other record added any."""
        out = list(k)
        added = 0
        for j, item in enumerate(o):
            if item in out:
                continue
            out.append(item)
            kn.append(fit(on[j], kn))
            added += 1
        if added < len(o):
            self.notes.append(
                f"{path}: {len(o) - added} of the other record's already here, kept once"
            )
        item = resolve(schema.get("items", {}), self.schema)
        self._same_names(path, item, out)
        when = date_field(item, self.schema)
        if added and when:
            out = _sort_by(out, kn, when)
        return out, kn

    def _same_names(self, path: str, item: dict[str, Any], out: list[Any]) -> None:
        """Say so when two different items share what names them (an agreement's id, a KPI's
        name): both are kept, for a person to tidy."""
        key = next((k for k in ("id", "name", "step") if k in item.get("properties", {})), "")
        names = [x.get(key) for x in out if isinstance(x, dict) and isinstance(x.get(key), str)]
        for name in dict.fromkeys(n for n in names if names.count(n) > 1):
            self.notes.append(f"{path}: two different with the {key} {name!r}, both kept")

    def contacts(
        self, schema: dict[str, Any], k: list[Any], o: list[Any], kn: CommentedSeq, on: Any
    ) -> tuple[list[Any], CommentedSeq]:
        """One contact per email (case ignored), or per name for contacts without one; at most
        one primary contact, the kept record's unless the other record is preferred."""
        item = resolve(schema.get("items", {}), self.schema)
        out = list(k)
        index = {_identity(c): i for i, c in enumerate(k) if _identity(c)}
        for j, contact in enumerate(o):
            i = index.get(_identity(contact))
            if i is None or not isinstance(out[i], dict) or not isinstance(contact, dict):
                if contact not in out:
                    out.append(contact)
                    kn.append(fit(on[j], kn))
                continue
            before = len(self.decisions)
            label = f"contacts[{_identity(contact).split(':', 1)[1]}]"
            out[i], kn[i] = self.value(label, item, out[i], contact, kn[i], on[j])
            differs = ", ".join(d.what.rsplit("/", 1)[-1] for d in self.decisions[before:])
            self.notes.append(
                f"{label}: in both records, now one contact"
                + (f" ({differs} differed)" if differs else "")
            )
        return self._one_primary(out, kn, len(k)), kn

    def _one_primary(self, out: list[Any], kn: CommentedSeq, kept: int) -> list[Any]:
        primaries = [
            i for i, c in enumerate(out) if isinstance(c, dict) and c.get("primary") is True
        ]
        if len(primaries) < 2:
            return out
        theirs = [i for i in primaries if i >= kept]
        first = theirs[0] if self.prefer == OTHER and theirs else primaries[0]
        for i in primaries:
            if i != first:
                out[i] = {key: v for key, v in out[i].items() if key != "primary"}
                del kn[i]["primary"]
        self.notes.append(f"contacts: two were primary; contacts/{first} stays the primary contact")
        return out


def _take(out: dict[str, Any], kn: Any, key: str, source: dict[str, Any], node: Any) -> None:
    """The field as `source` has it (absent when it has none), written from `node`."""
    if key in source:
        out[key] = source[key]
        if node is not kn:
            kn[key] = fit(node[key], kn)
    elif key in kn:
        del kn[key]


def _by_date(k: Any, o: Any, *, later: bool) -> str | None:
    """The side holding the earlier (or later) of two dates; the one that has a date when
    the other has none; None when neither can be read."""
    a, b = parse_date(k), parse_date(o)
    if a is None or b is None:
        return KEEP if a is not None else OTHER if b is not None else None
    if a == b:
        return KEEP
    return KEEP if (a > b) == later else OTHER


def _same_address(path: str, k: Any, o: Any) -> bool:
    return (
        path.endswith("/email")
        and isinstance(k, str)
        and isinstance(o, str)
        and k.strip().casefold() == o.strip().casefold()
    )


def _identity(contact: Any) -> str:
    if not isinstance(contact, dict):
        return ""
    email = contact.get("email")
    if isinstance(email, str) and email.strip():
        return "email:" + email.strip().casefold()
    name = contact.get("name")
    return (
        "name:" + " ".join(name.casefold().split())
        if isinstance(name, str) and name.strip()
        else ""
    )


def date_field(item: dict[str, Any], root: dict[str, Any]) -> str:
    """The date an item of a list is sorted by: its first required date field, else its first."""
    properties = item.get("properties", {})
    dates = [k for k, v in properties.items() if resolve(v, root).get("format") == "date"]
    required = [k for k in dates if k in item.get("required", [])]
    return str((required or dates or [""])[0])


def _sort_by(out: list[Any], kn: CommentedSeq, key: str) -> list[Any]:
    """Items in date order (undated ones last, in their order); the nodes and the comments
    attached to their places move with them."""
    order = sorted(
        range(len(out)),
        key=lambda i: (
            (0, str(out[i][key])) if isinstance(out[i], dict) and key in out[i] else (1, "")
        ),
    )
    if order == list(range(len(out))):
        return out
    nodes = list(kn)
    comments = dict(kn.ca.items)
    kn.clear()
    kn.ca.items.clear()
    for new, old in enumerate(order):
        kn.append(nodes[old])
        if old in comments:
            kn.ca.items[new] = comments[old]
    return [out[i] for i in order]


def fit(node: Any, parent: Any) -> Any:
    """`node` to go into `parent`: as it is into a block collection; into a flow one (`[…]`,
    `{…}`), as a flow copy without comments, which a flow collection cannot hold on lines."""
    flow = isinstance(parent, CommentedMap | CommentedSeq) and parent.fa.flow_style()
    return _flow_copy(node) if flow else node


def _flow_copy(node: Any) -> Any:
    if isinstance(node, dict):
        mapping = CommentedMap((k, _flow_copy(v)) for k, v in node.items())
        mapping.fa.set_flow_style()
        return mapping
    if isinstance(node, list):
        seq = CommentedSeq(_flow_copy(v) for v in node)
        seq.fa.set_flow_style()
        return seq
    return node
