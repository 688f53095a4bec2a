"""The batch fast path: every indicator for one ordinary visit from plain numbers, without the
per-indicator objects of `zscore.assess`.

It covers the common case only: a child below 60 months (WHO 2006 tables), a known sex, values
that give a z-score wherever they are given. For anything else (`UnusualVisitError`), the caller
uses `assess`, which remains the reference: the arithmetic here is the same, step for step, and
property tests (tests/domain/growth/test_batch.py) prove the results equal on every indicator.
"""

from __future__ import annotations

import math
from typing import Any

from posyandu_desktop.domain.growth.standards import GrowthStandards, Lms, Table
from posyandu_desktop.domain.growth.zscore import (
    _LYING_STANDING_CM,
    _LYING_STANDING_UNITS,
    _UNITS,
    _UNITS_PER_ROW,
    _WFH_RANGE,
    _WFL_RANGE,
    FIRST_DAY_ARM_SKINFOLD,
    HANDOVER_MONTHS,
    LYING_BEFORE_DAYS,
    STANDING_MIN_MONTHS,
    restricted_lms_z,
)
from posyandu_desktop.domain.people import DAYS_PER_MONTH, round_half_up

# (clenhei, cbmi and the z in `Indicator` order, these two in whole hundredths:
# `round(z, 2) == k / 100`), each None where nothing was measured.
FastResult = tuple[float | None, int | None, tuple[int | None, ...]]
_AGE_TABLES = (
    Table.LHFA_2006,
    Table.WFA_2006,
    Table.BFA_2006,
    Table.HCFA_2006,
    Table.ACFA_2006,
    Table.TSFA_2006,
    Table.SSFA_2006,
)


class UnusualVisitError(Exception):
    """The visit needs the full engine (`assess`): a problem to report, or a rare path."""


def visit_age(days_value: float | None, months_value: float | None) -> tuple[int, float]:
    """(whole days, months) as `Age` has them, from days if given, else months, for an age the
    fast path scores (below 60 months); raises UnusualVisitError for any other."""
    if days_value is not None:
        if not 0.0 <= days_value < math.inf:
            raise UnusualVisitError
        days, months = round_half_up(days_value), days_value / DAYS_PER_MONTH
    elif months_value is not None:
        if not 0.0 <= months_value < math.inf:
            raise UnusualVisitError
        days, months = round_half_up(months_value * DAYS_PER_MONTH), months_value
    else:
        raise UnusualVisitError
    if not months < HANDOVER_MONTHS:
        raise UnusualVisitError
    return days, months


# Below this magnitude, x * 100.0 is within 1e9 * 2**-53 (about 1.1e-7) of the exact product,
# so an integer nearest to it by more than 0.001 is the exact product's nearest integer too.
_HUNDREDTHS_LIMIT = 1e9


def hundredths(x: float) -> int:
    """`round(x, 2)` as whole hundredths k, exactly: `round(x, 2) == k / 100` (both are the
    double nearest to the decimal). The product x * 100.0 decides, unless it lies within 0.001
    of a half: then the correctly rounded `round(x, 2)`. UnusualVisitError when |x| >= 1e7 or x
    is not a number. (`score` repeats these lines inline for speed.)"""
    t = x * 100.0
    if not -_HUNDREDTHS_LIMIT < t < _HUNDREDTHS_LIMIT:
        raise UnusualVisitError
    k = round(t)
    if -0.499 < t - k < 0.499:
        return k
    return round(round(x, 2) * 100.0)


# An LMS row as the z formula takes it: (L, M, S*L, S). S*L is the same product `assess`
# computes per call, so each z is one power, a subtraction and a division, bit for bit alike.
Prepared = tuple[float, float, float, float]


def _prepared(lms: Lms) -> Prepared:
    l_, m, s = lms
    return l_, m, s * l_, s


# What a measured length gives whatever the age: (corrected cm, (cm / 100) ** 2 for the BMI, the
# prepared weight-for-length/height row or None out of the table's range).
_Length = tuple[float, float, Prepared | None]
_LENGTHS_LIMIT = 100_000


class FastScorer:
    """Tables flattened per sex and day into plain records, for `score`."""

    def __init__(self, standards: GrowthStandards) -> None:
        def by_day(table: Table, sex: int) -> list[Prepared | None]:
            rows = standards.rows(table, sex)  # type: ignore[arg-type]
            return [None] * rows.first + [_prepared(r) for r in rows.rows]

        self._by_length = {
            (sex, lying): standards.rows(table, sex)  # type: ignore[arg-type]
            for sex in (1, 2)
            for lying, table in ((True, Table.WFL_2006), (False, Table.WFH_2006))
        }
        # Per sex, table (lying or not) and correction (0 or the 0.7 cm of the other
        # position): measured length -> its _Length, computed once (a file has a few thousand).
        lengths: dict[tuple[int, bool], tuple[dict[float, _Length], dict[float, _Length]]] = {
            (sex, lying): ({}, {}) for sex in (1, 2) for lying in (True, False)
        }
        # _days[sex][day]: the prepared rows of _AGE_TABLES for that day (None before a
        # table's first day), whether a length is lying, and that table's two length dicts: one
        # look-up per visit. _days[0] is unused.
        self._days: tuple[list[tuple[Any, ...]], ...] = (
            [],
            *(
                [
                    (*record, day < LYING_BEFORE_DAYS, *lengths[sex, day < LYING_BEFORE_DAYS])
                    for day, record in enumerate(
                        zip(*(by_day(t, sex) for t in _AGE_TABLES), strict=True)
                    )
                ]
                for sex in (1, 2)
            ),
        )
        self._lengths = lengths

    def _length(self, sex: int, lying: bool, shifted: bool, lenhei: float) -> _Length:
        """As `assess` corrects a length and finds its weight-for-length/height row; kept."""
        shift = (1 if lying else -1) if shifted else 0
        cm = lenhei + shift * _LYING_STANDING_CM if shift else lenhei
        if not 0.0 < cm < math.inf:
            raise UnusualVisitError
        units = round(lenhei * _UNITS) + shift * _LYING_STANDING_UNITS
        rows = self._by_length[sex, lying]
        low, high = _WFL_RANGE if lying else _WFH_RANGE
        wfl = None
        if low <= units <= high:
            row = units // _UNITS_PER_ROW
            fraction = min(max(cm * 10.0 - row, 0.0), 1.0)
            l0, m0, s0 = rows.rows[row - rows.first]
            if fraction > 0.0 and row < rows.last:
                l1, m1, s1 = rows.rows[row + 1 - rows.first]
                l0, m0, s0 = (
                    l0 + fraction * (l1 - l0),
                    m0 + fraction * (m1 - m0),
                    s0 + fraction * (s1 - s0),
                )
            wfl = (l0, m0, s0 * l0, s0)
        try:
            square = (cm / 100.0) ** 2
        except OverflowError:
            raise UnusualVisitError from None
        known = self._lengths[sex, lying][shifted]
        if len(known) >= _LENGTHS_LIMIT:
            known.clear()
        known[lenhei] = length = (cm, square, wfl)
        return length

    def score(  # noqa: PLR0915 (one straight function: this is the hot path of 100,000 rows)
        self,
        sex: int,
        days: int,
        months: float,
        weight: float | None,
        lenhei: float | None,
        standing: bool | None,
        headc: float | None,
        armc: float | None,
        triskin: float | None,
        subskin: float | None,
    ) -> FastResult:
        """Like `assess` for the same visit (sex 1 or 2, age from `visit_age`, measurements
        > 0): the corrected length, and the BMI and each z in hundredths. Arm circumference and
        skinfolds have no z before day 91 (`FIRST_DAY_ARM_SKINFOLD`). Raises
        UnusualVisitError.

        The z formula of `zscore._scored` and the rounding of `hundredths` are written out
        for each indicator (a call per indicator would cost a third of the time): the first
        is ((y / M) ** L - 1) / (S * L), restricted beyond +/-3 SD where WHO says so; the
        second takes round(z * 100.0) unless `hundredths` must decide."""
        lhfa, wfa, bfa, hcfa, acfa, tsfa, ssfa, lying, plain, shifted = self._days[sex][days]
        klen = kwei = kwfl = kbmi = khc = kac = kts = kss = cm = bmi = None
        try:
            if lenhei is not None:
                # +0.7 cm standing under 731 days, -0.7 cm lying from 731 days; "standing"
                # under 9 months is ignored.
                shift = standing is lying and (not standing or months >= STANDING_MIN_MONTHS)
                known = shifted if shift else plain
                cm, square, wfl = known.get(lenhei) or self._length(sex, lying, shift, lenhei)
                l_, m, sl, s = lhfa
                z = ((cm / m) ** l_ - 1.0) / sl
                t = z * 100.0
                klen = round(t)
                if not (-0.499 < t - klen < 0.499 and -1e9 < t < 1e9):
                    klen = hundredths(z)
                if weight is not None:
                    y = weight / square  # the BMI
                    if not 0.0 < y < math.inf or wfl is None:
                        raise UnusualVisitError
                    t = y * 100.0
                    bmi = round(t)
                    if not (-0.499 < t - bmi < 0.499 and -1e9 < t < 1e9):
                        bmi = hundredths(y)
                    l_, m, sl, s = bfa
                    z = ((y / m) ** l_ - 1.0) / sl
                    if z > 3.0 or z < -3.0:
                        z = restricted_lms_z(y, l_, m, s)
                    t = z * 100.0
                    kbmi = round(t)
                    if not (-0.499 < t - kbmi < 0.499 and -1e9 < t < 1e9):
                        kbmi = hundredths(z)
                    l_, m, sl, s = wfl
                    z = ((weight / m) ** l_ - 1.0) / sl
                    if z > 3.0 or z < -3.0:
                        z = restricted_lms_z(weight, l_, m, s)
                    t = z * 100.0
                    kwfl = round(t)
                    if not (-0.499 < t - kwfl < 0.499 and -1e9 < t < 1e9):
                        kwfl = hundredths(z)
            if weight is not None:
                l_, m, sl, s = wfa
                z = ((weight / m) ** l_ - 1.0) / sl
                if z > 3.0 or z < -3.0:
                    z = restricted_lms_z(weight, l_, m, s)
                t = z * 100.0
                kwei = round(t)
                if not (-0.499 < t - kwei < 0.499 and -1e9 < t < 1e9):
                    kwei = hundredths(z)
            if headc is not None:
                l_, m, sl, s = hcfa
                z = ((headc / m) ** l_ - 1.0) / sl
                t = z * 100.0
                khc = round(t)
                if not (-0.499 < t - khc < 0.499 and -1e9 < t < 1e9):
                    khc = hundredths(z)
            if days >= FIRST_DAY_ARM_SKINFOLD:  # else too young for these (the caller says so)
                if armc is not None:
                    l_, m, sl, s = acfa
                    z = ((armc / m) ** l_ - 1.0) / sl
                    if z > 3.0 or z < -3.0:
                        z = restricted_lms_z(armc, l_, m, s)
                    t = z * 100.0
                    kac = round(t)
                    if not (-0.499 < t - kac < 0.499 and -1e9 < t < 1e9):
                        kac = hundredths(z)
                if triskin is not None:
                    l_, m, sl, s = tsfa
                    z = ((triskin / m) ** l_ - 1.0) / sl
                    if z > 3.0 or z < -3.0:
                        z = restricted_lms_z(triskin, l_, m, s)
                    t = z * 100.0
                    kts = round(t)
                    if not (-0.499 < t - kts < 0.499 and -1e9 < t < 1e9):
                        kts = hundredths(z)
                if subskin is not None:
                    l_, m, sl, s = ssfa
                    z = ((subskin / m) ** l_ - 1.0) / sl
                    if z > 3.0 or z < -3.0:
                        z = restricted_lms_z(subskin, l_, m, s)
                    t = z * 100.0
                    kss = round(t)
                    if not (-0.499 < t - kss < 0.499 and -1e9 < t < 1e9):
                        kss = hundredths(z)
        except (OverflowError, ZeroDivisionError, ValueError):  # round(): inf, nan
            raise UnusualVisitError from None
        return cm, bmi, (klen, kwei, kwfl, kbmi, khc, kac, kts, kss)
