"""Dates, numbers and ages as a kader reads and types them: "23 November 2026", "12,5 kg",
"1 tahun 3 bulan". Words come from the catalogs; `lang=None` means the UI language."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from posyandu_desktop.domain.months import completed_months, month_day
from posyandu_desktop.domain.people import DAYS_PER_MONTH
from posyandu_desktop.i18n.catalog import NP_, current_language, language_code, translator

# "May" the month and "may" the verb: month and day names carry a context.
_MONTHS = (
    NP_("month", "January"),
    NP_("month", "February"),
    NP_("month", "March"),
    NP_("month", "April"),
    NP_("month", "May"),
    NP_("month", "June"),
    NP_("month", "July"),
    NP_("month", "August"),
    NP_("month", "September"),
    NP_("month", "October"),
    NP_("month", "November"),
    NP_("month", "December"),
)
# In date.weekday() order: Monday is 0.
_WEEKDAYS = (
    NP_("weekday", "Monday"),
    NP_("weekday", "Tuesday"),
    NP_("weekday", "Wednesday"),
    NP_("weekday", "Thursday"),
    NP_("weekday", "Friday"),
    NP_("weekday", "Saturday"),
    NP_("weekday", "Sunday"),
)
# Indonesian writes 12,5 (PUEBI). English keeps the point.
_DECIMAL_MARKS = {"id": ","}


def month_name(month: int, lang: str | None = None) -> str:
    """The name of month 1-12: Mei / May."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1-12")
    return translator(lang).pgettext(*_MONTHS[month - 1])


def weekday_name(weekday: int, lang: str | None = None) -> str:
    """The name of a day numbered as `date.weekday()` does: 0 is Senin / Monday."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday {weekday} is not 0-6")
    return translator(lang).pgettext(*_WEEKDAYS[weekday])


def format_date(day: date, lang: str | None = None, *, weekday: bool = False) -> str:
    """A date in words, 23 November 2026; with `weekday`, Senin, 23 November 2026."""
    tr = translator(lang)
    words = {"day": day.day, "month": month_name(day.month, lang), "year": day.year}
    if weekday:
        pattern = tr.pgettext("date with weekday", "{weekday}, {day} {month} {year}")
        return pattern.format(weekday=weekday_name(day.weekday(), lang), **words)
    return tr.pgettext("date", "{day} {month} {year}").format(**words)


def format_date_short(day: date) -> str:
    """A date in figures, 23/11/2026: as Indonesian forms print it and `parse_date` reads it."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_month(year: int, month: int, lang: str | None = None) -> str:
    """A month in words, November 2026, for a monthly report."""
    pattern = translator(lang).pgettext("month and year", "{month} {year}")
    return pattern.format(month=month_name(month, lang), year=year)


_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def parse_date(text: str) -> date | None:
    """A typed date: 23/11/2026, 23-11-2026, 23.11.2026 or 2026-11-23; None if it is not a day
    of the calendar. Two-digit years are refused: for a birth date the century is a guess."""
    text = text.strip()
    if m := _DAY_FIRST.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def decimal_mark(lang: str | None = None) -> str:
    """The decimal mark: a comma in Indonesian, a point in English."""
    return _DECIMAL_MARKS.get(current_language() if lang is None else language_code(lang), ".")


def format_decimal(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """A number rounded to `decimals`, 12,5 in Indonesian, 12.5 in English. No thousands
    separator, so the text reads back with `parse_decimal` ("3.250" would be ambiguous)."""
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]  # -0.04 shown with one decimal is "0,0", not "-0,0"
    mark = decimal_mark(lang)
    return text if mark == "." else text.replace(".", mark)


def format_quantity(value: float, unit: str, decimals: int = 1, lang: str | None = None) -> str:
    """A number and its unit symbol, 12,5 kg (symbols are the same in every language)."""
    return f"{format_decimal(value, decimals, lang)} {unit}"


# One optional sign, digits, at most one decimal mark: "12,5", "12.5", "-0,3", ",5".
_DECIMAL = re.compile(r"[+\-\u2212]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def parse_decimal(text: str) -> float | None:
    """A typed number, with a decimal comma or point; None for anything else, including
    thousands separators ("1.234,5"), whose meaning depends on who typed them."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    return float(text.replace(",", ".").replace("\u2212", "-"))


def _age_words(years: int, months: int, days: int, lang: str | None) -> str:
    tr = translator(lang)
    if years:
        parts = [tr.ngettext("{n} year", "{n} years", years).format(n=years)]
        if months:
            parts.append(tr.ngettext("{n} month", "{n} months", months).format(n=months))
    elif months:
        parts = [tr.ngettext("{n} month", "{n} months", months).format(n=months)]
        if days:
            parts.append(tr.ngettext("{n} day", "{n} days", days).format(n=days))
    else:
        parts = [tr.ngettext("{n} day", "{n} days", days).format(n=days)]
    return " ".join(parts)


def age_text(days: int, lang: str | None = None) -> str:
    """An age in days as a kader says it: "1 tahun 3 bulan", "3 bulan 12 hari", "12 hari".
    Months are WHO's 30.4375 days; `age_text_on` counts calendar months instead."""
    if days < 0:
        raise ValueError(f"negative age: {days} days")
    months = math.floor(days / DAYS_PER_MONTH)
    rest = math.floor(days - months * DAYS_PER_MONTH)  # 0 to 30
    return _age_words(months // 12, months % 12, rest, lang)


def age_text_months(months: int, lang: str | None = None) -> str:
    """An age known in completed months, written like `age_text`: "2 tahun 9 bulan"."""
    return _age_words(months // 12, months % 12, 0, lang) if months else _age_words(0, 0, 0, lang)


def age_text_on(birth: date, on: date, lang: str | None = None) -> str:
    """The age on `on` in completed calendar months, as Permenkes counts them (born 31 January,
    1 month old on 28 February); ValueError if `on` is before `birth`."""
    months = completed_months(birth, on)
    return _age_words(months // 12, months % 12, (on - month_day(birth, months)).days, lang)


# One way each to write RT/RW, a time of day and a weight, on every screen and printout.


def format_rt_rw(rt: int | None, rw: int | None) -> str:
    """RT and RW as the forms write them, 003/005 ("-" for an unknown part; "" when both are)."""
    if rt is None and rw is None:
        return ""
    return "/".join("-" if part is None else f"{part:03d}" for part in (rt, rw))


def format_time(moment: datetime, lang: str | None = None) -> str:
    """A local time of day as people write it: 08.30 in Indonesian, 08:30 in English."""
    local = moment.astimezone()
    return (
        translator(lang)
        .pgettext("time", "{hour}:{minute}")
        .format(hour=f"{local.hour:02d}", minute=f"{local.minute:02d}")
    )


def format_weight(kg: float, lang: str | None = None) -> str:
    """A weight in kg with the precision it was read to: 9,1 from a dacin, 9,05 from a digital
    scale (the unit is written by the caller)."""
    return format_decimal(kg, 2 if round(kg, 1) != round(kg, 2) else 1, lang)
