"""Calendar months and ages in completed months: the one place that does month arithmetic.

Ages count completed calendar months as Permenkes does ("2 months 29 days is 2 months",
docs/sources/permenkes-2-2020.md#age-and-length): a month is completed on the birth day-of-month,
or on the month's last day when it has no such day (born 31 January, 1 month old on 28 February).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PERIOD = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month; str() gives '2026-10'."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1 <= self.year <= 9999):
            raise ValueError(f"not a month: {self.year}-{self.month}")

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2026-10' -> Period(2026, 10); ValueError for anything else."""
        found = _PERIOD.fullmatch(text)
        if found is None:
            raise ValueError(f"not a month (YYYY-MM): {text!r}")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: date) -> Period:
        """The month `day` falls in."""
        return cls(day.year, day.month)

    @property
    def index(self) -> int:
        """Months since January of year 0: consecutive months differ by one."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> Period:
        """The month `months` after this one (before it when negative)."""
        year, month = divmod(self.index + months, 12)
        return Period(year, month + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def day(self, day_of_month: int) -> date:
        """That day of this month, or the month's last day when it is shorter."""
        return date(self.year, self.month, min(day_of_month, self.last_day.day))


def month_day(birth: date, months: int) -> date:
    """The day on which `months` completed months of age are reached."""
    return Period.of(birth).plus(months).day(birth.day)


def completed_months(birth: date, on: date) -> int:
    """Completed calendar months of age on `on`; ValueError when `on` is before `birth`."""
    if on < birth:
        raise ValueError(f"{on} is before the birth date {birth}")
    months = (on.year - birth.year) * 12 + on.month - birth.month
    # Not yet completed before `month_day(birth, months)`, which falls in the month of `on`: the
    # birth day-of-month, or that month's last day when it is shorter. (Written out: an import
    # asks this a quarter of a million times.)
    if on.day < birth.day and on.day < calendar.monthrange(on.year, on.month)[1]:
        return months - 1
    return months
