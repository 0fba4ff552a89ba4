"""ISO 8601 calendar durations (P7Y, P18M, P3M, P90D, P2W) and date arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True, slots=True)
class Duration:
    years: int = 0
    months: int = 0
    days: int = 0
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION.match(text)
        if not match:
            raise ValueError(f"'{text}' is not an ISO 8601 duration such as P7Y, P3M or P90D")
        years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
        return cls(years, months, weeks * 7 + days, text)

    def after(self, start: dt.date) -> dt.date | None:
        """start + self; a month-end start stays in range (31 Jan + P1M = 28/29 Feb).

        None when that runs past the calendar's last day (9999-12-31): a date that never
        comes. Every caller takes None as "no date" (a deadline that never falls due); a
        window ahead of a day (`or dt.date.max`) reaches to the end of the calendar.
        """
        month_index = start.month - 1 + self.months + 12 * self.years
        year, month = start.year + month_index // 12, month_index % 12 + 1
        if year > dt.MAXYEAR:
            return None
        day = min(start.day, calendar.monthrange(year, month)[1])
        try:
            return dt.date(year, month, day) + dt.timedelta(days=self.days)
        except OverflowError:  # days past 9999-12-31, or more days than timedelta holds
            return None

    def describe(self) -> str:
        parts = []
        for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if n:
                parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
        return ", ".join(parts) or "no time"


def window_end(day: dt.date, days: int) -> dt.date:
    """The last day of a window of `days` ahead of `day`: the calendar's last day when the window
    runs past it (as `--today 9999-12-01` or `--within 1000000000000` make it)."""
    return Duration(days=days).after(day) or dt.date.max


def parse_date(value: object) -> dt.date | None:
    """A record's YYYY-MM-DD text as a date; None for anything else (the schema reports it)."""
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
