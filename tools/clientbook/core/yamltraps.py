"""The YAML 1.1/1.2 traps: plain scalars whose meaning depends on the reader, or which lose data.

Each is a place where YAML 1.1 readers (PyYAML, many older tools) and YAML
1.2 readers (ours, check-jsonschema's) disagree, or where the number read is
not the text written. Lint reports them so the writer can quote the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from clientbook.core.yamlscalars import FLOAT, INT8, INT16

_INF_NAN = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$")
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_UNDERSCORE_NUMBER = re.compile(r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
_TRAILING_ZERO_DECIMAL = re.compile(r"^[-+]?[0-9]+\.[0-9]*[1-9][0-9]*0+$|^[-+]?[0-9]+\.[0-9]*00+$")
_SHOWN = 40  # characters of a value too long to repeat whole in a message


@dataclass(frozen=True, slots=True)
class Trap:
    """A plain scalar whose meaning depends on the reader, or which loses data."""

    text: str
    message: str
    hint: str


def plain_trap(text: str, value: Any) -> Trap | None:
    """Why the plain scalar `text`, read by YAML 1.2 as `value`, is risky, or None."""
    quoted = "'" + text.replace("'", "''") + "'"
    trap = _text_trap(text, value, quoted)
    if trap is None and isinstance(value, (int, float)) and not isinstance(value, bool):
        trap = _number_trap(text, value, quoted)
    return trap


def _text_trap(text: str, value: Any, quoted: str) -> Trap | None:
    """The traps of a text YAML 1.2 reads as text, which YAML 1.1 or JSON would not."""
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
    if _INF_NAN.match(text) or (
        isinstance(value, str) and (FLOAT.match(text) or INT8.match(text) or INT16.match(text))
    ):
        if len(text) > _SHOWN:  # thousands of digits: named by their start and their count
            message = f"'{text[:_SHOWN]}…' ({len(text):,} characters) is not a number JSON can hold"
            return Trap(text, message, "quote it")
        return Trap(text, f"'{text}' is not a number JSON can hold", f"quote it: {quoted}")
    return None


def _number_trap(text: str, value: float, quoted: str) -> Trap | None:
    """The traps of a text YAML 1.2 reads as a number: not the text written, or not 1.1's."""
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
    if INT8.match(text) or INT16.match(text):
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
