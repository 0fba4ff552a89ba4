"""The one YAML loader every command uses.

Parsing and composing run in libyaml (C); building the data is ours, so that
the data follows the JSON model with YAML 1.2 core scalars (dates stay text,
only true/false are booleans) whatever PyYAML's YAML 1.1 resolver would say.
While building, plain scalars on which YAML 1.1 and 1.2 readers disagree, or
which silently lose data, are noted as traps so lint can say "quote it".

Positions are not kept during the fast load: most files have no findings, and
a line/column map for 10,000 records costs hundreds of megabytes. A
`PositionIndex` is built from the same text only when a finding needs one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from clientbook.core.diagnostics import Severity

PLAIN = "tag:clientbook,2025:plain"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Plain scalars starting with a letter are text, except these (YAML 1.2 null and
# booleans, and the YAML 1.1 booleans that are traps).
_SPECIAL_WORDS = frozenset(
    [
        "null",
        "Null",
        "NULL",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF_NAN = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")

# An anchor (&a) or alias (*a) starts a token: at a line start or after a space, [, {, ','
# or ':' (a flow mapping's {"a":*x}), and is followed by its name. "R&D" or "5 * 3" cannot
# be one; the full check runs only on texts where one might be, and _build refuses any
# node reached twice in any case.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s,\[\]{}]", re.MULTILINE)
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_UNDERSCORE_NUMBER = re.compile(r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
_TRAILING_ZERO_DECIMAL = re.compile(r"^[-+]?[0-9]+\.[0-9]*[1-9][0-9]*0+$|^[-+]?[0-9]+\.[0-9]*00+$")


@dataclass(frozen=True, slots=True)
class Trap:
    """A plain scalar whose meaning depends on the reader, or which loses data."""

    text: str
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A reason the file could not be read as a record, at a position."""

    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR


@dataclass(slots=True)
class Document:
    """The result of loading one YAML text: data (None if unreadable), problems, traps."""

    data: Any = None
    problems: list[LoadProblem] = field(default_factory=list)
    traps: dict[str, Trap] = field(default_factory=dict)
    node: yaml.Node | None = None  # the composed document, when the caller asked to keep it

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problems


class _PlainTagLoader(yaml.CSafeLoader):
    """libyaml's parser and composer, tagging every untagged plain scalar PLAIN.

    Resolution of plain scalars then happens in `_scalar`, under YAML 1.2
    core rules, where we can also see the text as written.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return PLAIN if implicit[0] else _STR
        return _MAP if kind is yaml.MappingNode else _SEQ

    # No path-dependent resolvers are registered: skip the bookkeeping libyaml asks for per node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class _Refused(Exception):
    def __init__(self, node: yaml.Node, rule: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.node = node
        self.rule = rule
        self.message = message
        self.hint = hint


MAX_FILE_SIZE = 1 << 20  # the default limit on a client file (max_file_size in clientbook.yaml)


def load_document(
    raw: bytes, *, max_size: int = MAX_FILE_SIZE, kind: str = "client file", keep_node: bool = False
) -> Document:
    """Load one client file's bytes (or another YAML file's: `kind` names it in messages).

    Never raises for bad input: problems are data. With `keep_node` the composed
    document stays on the result, so positions need no second parse.
    """
    doc = Document()
    if len(raw) > max_size:
        doc.problems.append(
            LoadProblem(
                0,
                0,
                "file-too-large",
                f"the file is {len(raw):,} bytes, over the limit of {max_size:,} bytes",
                "split the record, move long documents out of it, or raise max_file_size "
                "in clientbook.yaml",
            )
        )
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        doc.problems.append(
            LoadProblem(
                1, 1, "empty-file", "the file is empty", "write the record, or delete the file"
            )
        )
        return doc
    if _MAYBE_ANCHOR.search(text) and _refuse_anchors(text, doc):
        return doc
    node = _compose(text, doc)
    if node is None:
        return doc
    if isinstance(node, yaml.ScalarNode) and node.tag == PLAIN and node.value == "":
        doc.problems.append(
            LoadProblem(
                1,
                1,
                "empty-file",
                f"the {kind} holds no data",
                "write the record, or delete the file",
            )
        )
        return doc
    if not isinstance(node, yaml.MappingNode):
        what = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        doc.problems.append(
            LoadProblem(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                "not-a-mapping",
                f"the top level of a {kind} must be a mapping of fields (name: …), not {what}",
                "start the record with fields such as 'id:' and 'name:' at the left margin",
            )
        )
        return doc
    if keep_node:
        doc.node = node
    try:
        doc.data = _build(node, (), doc.traps, set())
    except _Refused as refused:
        doc.problems.append(
            LoadProblem(
                refused.node.start_mark.line + 1,
                refused.node.start_mark.column + 1,
                refused.rule,
                refused.message,
                refused.hint,
            )
        )
    return doc


def _decode(raw: bytes, doc: Document) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        doc.problems.append(
            LoadProblem(
                line,
                column,
                "encoding",
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
            )
        )
        return None


def _refuse_anchors(text: str, doc: Document) -> bool:
    """Anchors and aliases hide data and allow expansion bombs: refuse them, before building."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            doc.problems.append(
                LoadProblem(
                    line,
                    column,
                    "yaml-anchor",
                    f"YAML {what} '{'*' if what == 'alias' else '&'}{anchor}' is not allowed",
                    "write the value out in full; anchors and aliases hide data from reviewers",
                )
            )
            return True
    except yaml.YAMLError:
        return False  # _compose reports the error with its position
    return False


def _compose(text: str, doc: Document) -> yaml.Node | None:
    loader = _PlainTagLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        doc.problems.append(_syntax_problem(err, text))
        return None
    except yaml.reader.ReaderError as err:
        line, column = _offset_position(text, err.position)
        doc.problems.append(
            LoadProblem(
                line,
                column,
                "yaml-syntax",
                f"the file holds a control character (#x{err.character:04x}) that YAML does not allow",
                "the file holds binary data or was saved in a non-text format; is it a client record?",
            )
        )
        return None
    except yaml.YAMLError as err:
        doc.problems.append(LoadProblem(1, 1, "yaml-syntax", str(err).splitlines()[0]))
        return None
    finally:
        loader.dispose()
    if node is None:
        doc.problems.append(LoadProblem(1, 1, "empty-file", "the file holds no YAML document"))
    return node


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# Errors whose cause is where the construct began, not where the parser gave up.
_AT_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow",
    "while scanning a simple key",
)


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> LoadProblem:
    starts_earlier = err.context_mark is not None and (err.context or "").startswith(_AT_CONTEXT)
    mark = err.context_mark if starts_earlier else (err.problem_mark or err.context_mark)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    quote = _unclosed_quote(lines, line)
    if quote is not None and not starts_earlier:
        # a quoted value ran on over the following lines until a later quote closed it
        return LoadProblem(
            quote[0],
            quote[1],
            "yaml-syntax",
            "YAML syntax error: a quoted value is not closed on its line",
            "close the quote on this line; a quoted value runs on until the next quote",
        )
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = err.problem or ""
    context = err.context or ""
    if "expected a single document" in context or "but found another document" in problem:
        return LoadProblem(
            line,
            column,
            "multiple-documents",
            "the file holds more than one YAML document",
            "keep one client per file: remove the '---' line and move the second record to its own file",
        )
    if "tab character" in problem or (
        "\t" in source_line[: column + 1] and "cannot start any token" in problem
    ):
        return LoadProblem(
            line,
            column,
            "yaml-tab",
            "a tab character is used for indentation; YAML allows only spaces",
            "replace the tab with spaces (two per level)",
        )
    if "found duplicate anchor" in problem:
        return LoadProblem(
            line, column, "yaml-anchor", "YAML anchors are not allowed in a client file"
        )
    words = " ".join(part for part in (context, problem) if part) or str(err)
    return LoadProblem(
        line, column, "yaml-syntax", f"YAML syntax error: {words}", _syntax_hint(problem, context)
    )


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The first line before `upto` with an odd number of double quotes (outside comments)."""
    for number, line in enumerate(lines[: upto - 1], start=1):
        body = line.split(" #", 1)[0]
        count = len(re.findall(r'(?<!\\)"', body))
        if count % 2:
            return number, body.index('"') + 1
    return None


def _syntax_hint(problem: str, context: str = "") -> str:
    if context.startswith("while scanning a quoted scalar"):
        return "the quote opened here is not closed; add the closing quote"
    if context.startswith("while parsing a flow"):
        return "the bracket opened here is not closed, or a comma is missing"
    if "mapping values are not allowed" in problem:
        return "a value holding ': ' must be quoted, or an indentation is off"
    if "could not find expected ':'" in problem:
        return "each field needs 'name: value'; check the line above for a missing colon"
    if "special characters are not allowed" in problem:
        return "the file holds control characters or binary data; is it really a client record?"
    if "found unexpected end of stream" in problem or "found unclosed" in problem:
        return "a quote or bracket opened here is not closed"
    return "check the indentation and quoting on this line and the one above"


MAX_DEPTH = 64  # a client record nests four or five levels; deeper is a mistake or an attack


def _build(node: yaml.Node, path: tuple[str, ...], traps: dict[str, Trap], seen: set[int]) -> Any:
    if len(path) > MAX_DEPTH:
        raise _Refused(
            node,
            "yaml-syntax",
            f"the data is nested more than {MAX_DEPTH} levels deep",
            "a client record nests a few levels; check the brackets and indentation",
        )
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:  # an alias: refused, so it can never be expanded
            raise _Refused(
                node, "yaml-anchor", "YAML aliases are not allowed", "write the value out in full"
            )
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, traps, seen)
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, "tag:yaml.org,2002:seq")
        return [_build(item, (*path, str(i)), traps, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path, traps)


def _mapping(
    node: yaml.MappingNode, path: tuple[str, ...], traps: dict[str, Trap], seen: set[int]
) -> dict[str, Any]:
    _check_tag(node, "tag:yaml.org,2002:map")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(
                key_node, "yaml-syntax", "a field name must be plain text, not a list or mapping"
            )
        key = key_node.value
        if key == "<<" and key_node.tag in (PLAIN, "tag:yaml.org,2002:merge"):
            raise _Refused(
                key_node,
                "yaml-anchor",
                "YAML merge keys ('<<') are not allowed",
                "write the fields out",
            )
        if key in out:
            raise _Refused(
                key_node,
                "duplicate-key",
                f"the field '{key}' is written twice in this mapping",
                "keep one of them: YAML readers silently keep only the last",
            )
        out[key] = _build(value_node, (*path, key), traps, seen)
    return out


def _check_tag(node: yaml.Node, default: str) -> None:
    if node.tag not in (default, PLAIN) and node.tag not in _ALLOWED_TAGS:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(node, "yaml-tag", f"the YAML tag '{shown}' is not allowed", "remove the tag")


def _scalar(node: yaml.ScalarNode, path: tuple[str, ...], traps: dict[str, Trap]) -> Any:
    text: str = node.value
    if node.tag == PLAIN:
        if text[:1].isalpha() and text not in _SPECIAL_WORDS:
            return text  # the common case: a word or a sentence
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
            return text  # a date: text in YAML 1.2
        value = resolve_plain(text)
        trap = plain_trap(text, value)
        if trap is not None:
            traps["/".join(path)] = trap
        return value
    if node.tag == _STR:
        return text
    _check_tag(node, _STR)
    value = resolve_plain(text)  # an explicit !!int / !!bool: the 1.2 reading of its text
    return value


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema reading of a plain scalar, as JSON data."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        number = float(text)
        return text if math.isinf(number) else number  # 1e999: no JSON number can hold it
    return text


def plain_trap(text: str, value: Any) -> Trap | None:
    """Why a plain scalar is risky, or None.

    Each case is a place where YAML 1.1 readers (PyYAML, many older tools)
    and YAML 1.2 readers (ours, check-jsonschema's) disagree, or where the
    number read is not the text written.
    """
    quoted = "'" + text.replace("'", "''") + "'"
    if _YAML11_BOOL.match(text):
        return Trap(
            text,
            f"'{text}' is text to YAML 1.2 readers but a true/false value to YAML 1.1 readers",
            f"quote it ({quoted}) if you mean the text, or write true or false",
        )
    if isinstance(value, str) and _SEXAGESIMAL.match(text):
        return Trap(
            text,
            f"'{text}' is text to YAML 1.2 readers but a base-60 number to YAML 1.1 readers",
            f"quote it: {quoted}",
        )
    if isinstance(value, str) and "_" in text and _UNDERSCORE_NUMBER.match(text):
        return Trap(
            text,
            f"'{text}' is text to YAML 1.2 readers but a number to YAML 1.1 readers",
            f"quote it ({quoted}) for text, or write the number without underscores",
        )
    if _INF_NAN.match(text) or (isinstance(value, str) and _FLOAT.match(text)):
        return Trap(text, f"'{text}' is not a number JSON can hold", f"quote it: {quoted}")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if _LEADING_ZERO.match(text):
        return Trap(
            text,
            f"'{text}' is read as the number {value} by YAML 1.2 readers and as text by "
            "YAML 1.1 readers: the leading zero is lost",
            f"quote it: {quoted}",
        )
    if text.startswith("+"):
        return Trap(
            text,
            f"'{text}' is read as the number {value}, without its plus sign",
            f"quote it: {quoted}",
        )
    if _INT8.match(text) or _INT16.match(text):
        return Trap(
            text,
            f"'{text}' is read as the number {value}; YAML 1.1 readers read it differently",
            f"quote it ({quoted}) for text, or write the decimal number {value}",
        )
    if _TRAILING_ZERO_DECIMAL.match(text):
        return Trap(
            text,
            f"'{text}' is read as the number {value}: the trailing zero is lost",
            f"quote it ({quoted}) if it is a version or a code",
        )
    if isinstance(value, float) and "." not in text and not text.startswith("."):
        return Trap(
            text,
            f"'{text}' is a number ({value}) to YAML 1.2 readers but text to YAML 1.1 readers",
            f"quote it ({quoted}) for text, or write it with a decimal point",
        )
    return None


# --- positions, built only when a finding needs one -------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


class PositionIndex:
    """The line and column of a JSON path's value, or of its key, in a YAML text.

    The text is composed once; a lookup walks from the root along the path
    only, so placing a few findings in a large record costs a few steps, not
    a position for every node.
    """

    def __init__(self, text: str, node: yaml.Node | None = None) -> None:
        """From the text, or from the document `load_document(keep_node=True)` composed."""
        self._root: yaml.Node | None = node
        if node is not None:
            return
        loader = _PlainTagLoader(text)
        try:
            self._root = loader.get_single_node()
        except yaml.YAMLError:
            self._root = None
        finally:
            loader.dispose()

    def lookup(self, pointer: str, *, on_key: bool = False) -> Position:
        """The position of `pointer`, or of its nearest existing ancestor."""
        if self._root is None:
            return Position(1, 1)
        node, key, rest = self._root, None, pointer
        while rest:
            step = _child(node, rest)
            if step is None:
                break
            key, node, rest = step
        if on_key and not rest and key is not None:
            return _at(key)
        if node is self._root:
            first = _first_key(node)
            return _at(first if first is not None else node)
        return _at(node)


def _child(node: yaml.Node, rest: str) -> tuple[yaml.Node | None, yaml.Node, str] | None:
    """(key node, child node, what remains of the path) for the child `rest` starts with."""
    if isinstance(node, yaml.MappingNode):
        found = None
        for key_node, value_node in node.value:  # the last of equal keys, as a reader keeps
            name = str(key_node.value)
            if rest == name or rest.startswith(name + "/"):
                found = (key_node, value_node, rest[len(name) + 1 :])
        return found
    if isinstance(node, yaml.SequenceNode):
        index, _, remaining = rest.partition("/")
        if index.isdigit() and int(index) < len(node.value):
            return None, node.value[int(index)], remaining
    return None


def _first_key(node: yaml.Node) -> yaml.Node | None:
    """The first key written in the document, for findings about the record as a whole."""
    if isinstance(node, yaml.MappingNode):
        return node.value[0][0] if node.value else None
    if isinstance(node, yaml.SequenceNode):
        return next((k for item in node.value if (k := _first_key(item)) is not None), None)
    return None


def _at(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)
