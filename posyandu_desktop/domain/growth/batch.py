"""The batch fast path: every indicator for one ordinary visit from plain numbers, without the
per-indicator objects of `zscore.assess`.

It covers the common case only: a child below 60 months (WHO 2006 tables), a known sex, values
that give a z-score wherever they are given. For anything else (`None`), the caller uses
`assess`, which remains the reference: the arithmetic here is the same, step for step, and a
property test (tests/domain/growth/test_batch.py) proves the results equal on every indicator.
"""

from __future__ import annotations

import math

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

# (clenhei, cbmi, z in `Indicator` order), each rounded z None where nothing was measured.
FastResult = tuple[float | None, float | None, tuple[float | None, ...]]
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


# An LMS row as the z formula takes it: (L, M, S*L, S). S*L is the same product `assess`
# computes per call, so each z is one power, a subtraction and a division, bit for bit alike.
Prepared = tuple[float, float, float, float]


def _prepared(lms: Lms) -> Prepared:
    l_, m, s = lms
    return l_, m, s * l_, s


def _z(y: float, lms: Prepared, restricted: bool) -> float:
    l_, m, sl, s = lms
    try:
        z: float = ((y / m) ** l_ - 1.0) / sl
        if restricted and (z > 3.0 or z < -3.0):
            z = restricted_lms_z(y, l_, m, s)
    except (OverflowError, ZeroDivisionError):
        raise UnusualVisitError from None
    if z - z != 0.0:
        raise UnusualVisitError
    return round(z, 2) + 0.0


class FastScorer:
    """Tables flattened per sex into plain lists, for `score`."""

    def __init__(self, standards: GrowthStandards) -> None:
        def by_day(table: Table, sex: int) -> list[Prepared | None]:
            rows = standards.rows(table, sex)  # type: ignore[arg-type]
            return [None] * rows.first + [_prepared(r) for r in rows.rows]

        def by_sex(table: Table) -> tuple[tuple[int, tuple[Lms, ...]], ...]:
            rows = [standards.rows(table, sex) for sex in (1, 2)]  # type: ignore[arg-type]
            return tuple((r.first, r.rows) for r in rows)

        # _days[sex - 1][day] = the prepared rows of _AGE_TABLES for that day (None before a
        # table's first day): one lookup per visit.
        self._days = tuple(
            list(zip(*(by_day(t, sex) for t in _AGE_TABLES), strict=True)) for sex in (1, 2)
        )
        self._wfl = tuple(by_sex(Table.WFL_2006)[sex] for sex in (0, 1))
        self._wfh = tuple(by_sex(Table.WFH_2006)[sex] for sex in (0, 1))

    def score(
        self,
        sex: int,
        days_value: float | None,
        months_value: float | None,
        weight: float | None,
        lenhei: float | None,
        standing: bool | None,
        headc: float | None,
        armc: float | None,
        triskin: float | None,
        subskin: float | None,
    ) -> FastResult:
        """Rounded z of all eight indicators, like `assess` for the same visit (age from
        `days_value` if given, else `months_value`; measurements > 0). Raises UnusualVisitError.
        Arm circumference and skinfolds have no z before day 91 (`FIRST_DAY_ARM_SKINFOLD`)."""
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
        lhfa, wfa, bfa, hcfa, acfa, tsfa, ssfa = self._days[sex - 1][days]
        zlen = zwfl = zbmi = cm = bmi = None
        if lenhei is not None:
            cm, bmi, zlen, zwfl, zbmi = self._by_length(
                sex,
                days,
                months,
                weight,
                lenhei,
                standing,
                lhfa,
                bfa,
            )
        zwei = None if weight is None else _z(weight, wfa, True)
        zhc = None if headc is None else _z(headc, hcfa, False)
        if days < FIRST_DAY_ARM_SKINFOLD:  # too young for these tables (the caller says so)
            return cm, bmi, (zlen, zwei, zwfl, zbmi, zhc, None, None, None)
        zac = None if armc is None else _z(armc, acfa, True)
        zts = None if triskin is None else _z(triskin, tsfa, True)
        zss = None if subskin is None else _z(subskin, ssfa, True)
        return cm, bmi, (zlen, zwei, zwfl, zbmi, zhc, zac, zts, zss)

    def _by_length(
        self,
        sex: int,
        days: int,
        months: float,
        weight: float | None,
        lenhei: float,
        standing: bool | None,
        lhfa: Prepared,
        bfa: Prepared,
    ) -> tuple[float, float | None, float, float | None, float | None]:
        """(corrected cm, BMI, zlen, zwfl, zbmi) as `assess` computes them."""
        cm, units = lenhei, round(lenhei * _UNITS)
        if standing is None or (standing and months < STANDING_MIN_MONTHS):
            pass
        elif standing and days < LYING_BEFORE_DAYS:
            cm, units = lenhei + _LYING_STANDING_CM, units + _LYING_STANDING_UNITS
        elif not standing and days >= LYING_BEFORE_DAYS:
            cm, units = lenhei - _LYING_STANDING_CM, units - _LYING_STANDING_UNITS
        if not 0.0 < cm < math.inf:
            raise UnusualVisitError
        zlen = _z(cm, lhfa, False)
        if weight is None:
            return cm, None, zlen, None, None
        bmi = weight / ((cm / 100.0) ** 2)
        if not 0.0 < bmi < math.inf:
            raise UnusualVisitError
        zbmi = _z(bmi, bfa, True)
        lying = days < LYING_BEFORE_DAYS
        first, rows = self._wfl[sex - 1] if lying else self._wfh[sex - 1]
        low, high = _WFL_RANGE if lying else _WFH_RANGE
        if not low <= units <= high:
            raise UnusualVisitError
        row = units // _UNITS_PER_ROW
        fraction = min(max(cm * 10.0 - row, 0.0), 1.0)
        l0, m0, s0 = rows[row - first]
        if fraction > 0.0 and row < first + len(rows) - 1:
            l1, m1, s1 = rows[row + 1 - first]
            l0, m0, s0 = (
                l0 + fraction * (l1 - l0),
                m0 + fraction * (m1 - m0),
                s0 + fraction * (s1 - s0),
            )
        return cm, bmi, zlen, _z(weight, (l0, m0, s0 * l0, s0), True), zbmi
