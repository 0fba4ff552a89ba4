"""Whether a phone number is in use in its country's plan, as the phonenumbers library decides.

`phonenumbers.parse(text, None)` then `is_valid_number` cost about 45 µs a number: parse
reads any way a person writes a number (spaces, letters, extensions, RFC 3966 `tel:`),
and the validity test fetches each pattern of the plan one call at a time, twice where a
calling code serves several regions (+44 is GB, GG, IM and JE). Records hold E.164 text
(`+442079460123`), for which those readings change nothing: for that shape only the steps
of parse that can change the result run, through the library's own functions and
metadata, and the validity test runs over the plan's patterns compiled once. Any other
text, and any library without the functions relied on, takes the library's own path.
tests/lint/test_phone_validity.py holds the two to the same answer on every calling code.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

try:  # the steps of parse that depend on the plan, as the library itself runs them
    from phonenumbers.phonemetadata import REGION_CODE_FOR_NON_GEO_ENTITY, PhoneMetadata
    from phonenumbers.phonenumberutil import (
        _MAX_LENGTH_FOR_NSN,
        _MIN_LENGTH_FOR_NSN,
        COUNTRY_CODE_TO_REGION_CODE,
        ValidationResult,
        _extract_country_code,
        _maybe_strip_national_prefix_carrier_code,
        _test_number_length,
    )

    FAST = True
    _KEEP_AS_WRITTEN = (
        ValidationResult.TOO_SHORT,
        ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        ValidationResult.INVALID_LENGTH,
    )
except ImportError:  # another version of the library: every number takes its own path
    FAST = False

# A plus sign and ASCII digits only ([0-9] is ASCII; \d would take other scripts' digits,
# which parse reads). Three digits at least: parse refuses fewer after the plus sign.
_E164 = re.compile(r"\+[0-9]{3,20}")


def is_valid_phone(text: str) -> bool:
    """`phonenumbers.is_valid_number(phonenumbers.parse(text, None))`; False where parse refuses."""
    if FAST and _E164.fullmatch(text):
        found = _e164_valid(text[1:])
        if found is not None:
            return found
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


def _e164_valid(digits: str) -> bool | None:
    """parse and is_valid_number for "+" and `digits`; None where the library must say.

    Of parse, what a plus sign and ASCII digits leave to do: the calling code, then the
    national prefix, stripped only where the number's length stays possible without it.
    """
    code, rest = _extract_country_code(digits)
    if code == 0:  # an unknown calling code, read again without the plus sign: refused
        return False
    region = COUNTRY_CODE_TO_REGION_CODE[code][0]
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if metadata is None or len(rest) < _MIN_LENGTH_FOR_NSN:
        return None if metadata is None else False
    _, stripped, _ = _maybe_strip_national_prefix_carrier_code(rest, metadata)
    if _test_number_length(stripped, metadata) not in _KEEP_AS_WRITTEN:
        rest = stripped
    if not _MIN_LENGTH_FOR_NSN <= len(rest) <= _MAX_LENGTH_FOR_NSN:
        return False
    if not (rest.isascii() and rest.isdigit()):  # a national prefix rewritten otherwise
        return None
    # the national significant number is `rest` itself: parse notes its leading zeros
    # ("Italian" zeros) and national_significant_number writes them back
    return _valid_number(code, rest)


def _valid_number(code: int, national: str) -> bool:
    """is_valid_number: the region the number belongs to, then that region's plan."""
    regions = COUNTRY_CODE_TO_REGION_CODE[code]
    region, tested = (regions[0], None) if len(regions) == 1 else _region_of(national, regions)
    if region is None:
        return False
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region.upper())
    if metadata is None:
        return False
    # a region's own calling code (for a region, this metadata is the region's own)
    if region != REGION_CODE_FOR_NON_GEO_ENTITY and metadata.country_code != code:
        return False
    return metadata is tested or _known_type(national, metadata)


def _region_of(national: str, regions: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first region whose leading digits the number starts with, or whose plan has it
    (and then that plan, already known to have it)."""
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region.upper(), None)
        if metadata is None:
            continue
        if metadata.leading_digits is not None:
            if _compiled(metadata.leading_digits).match(national):
                return region, None
        elif _known_type(national, metadata):
            return region, metadata
    return None, None


def _known_type(national: str, metadata: Any) -> bool:
    """Whether the number has a type in the plan: the library's type test is not UNKNOWN.

    That is: it fits the general description, and one of the types' descriptions (mobile
    only where its pattern is not the fixed line's); which one does not matter here."""
    plan = _plan(metadata)
    size = len(national)
    lengths, general = plan.general
    if general is None or (lengths and size not in lengths) or not general.fullmatch(national):
        return False
    patterns = plan.by_length.get(size)
    if patterns is None:
        patterns = plan.by_length[size] = tuple(
            p for sizes, p in plan.types if p is not None and (not sizes or size in sizes)
        )
    return any(p.fullmatch(national) for p in patterns)


class _Plan:
    """A region's descriptions, compiled once: the general one, and those of the types."""

    __slots__ = ("by_length", "general", "metadata", "types")

    def __init__(self, metadata: Any) -> None:
        self.metadata = metadata  # kept, so that its id is never another's
        self.general = _desc(metadata.general_desc) or ((), None)
        descs = [
            metadata.premium_rate,
            metadata.toll_free,
            metadata.shared_cost,
            metadata.voip,
            metadata.personal_number,
            metadata.pager,
            metadata.uan,
            metadata.voicemail,
            metadata.fixed_line,
        ]
        if not metadata.same_mobile_and_fixed_line_pattern:
            descs.append(metadata.mobile)
        self.types = [d for d in map(_desc, descs) if d is not None]
        self.by_length: dict[int, tuple[re.Pattern[str], ...]] = {}


_PLANS: dict[int, _Plan] = {}


def _plan(metadata: Any) -> _Plan:
    found = _PLANS.get(id(metadata))
    if found is None or found.metadata is not metadata:
        found = _PLANS[id(metadata)] = _Plan(metadata)
    return found


def _desc(desc: Any) -> tuple[tuple[int, ...], re.Pattern[str] | None] | None:
    """(possible lengths, pattern) of a number description; None where it is absent."""
    if desc is None:
        return None
    pattern = desc.national_number_pattern
    return tuple(desc.possible_length), (re.compile(pattern) if pattern else None)


_LEADING: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    found = _LEADING.get(pattern)
    if found is None:
        found = _LEADING[pattern] = re.compile(pattern)
    return found
