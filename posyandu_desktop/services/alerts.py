"""The home screen's alerts: who needs a cadre's attention this month."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from posyandu_desktop.domain.growth.classify import RED_LINE_Z, STUNTED, LilaStatus, stored_bgm
from posyandu_desktop.domain.growth.weight_gain import completed_months
from posyandu_desktop.domain.growth.zscore import FLAG_LIMITS, Indicator, ZScore
from posyandu_desktop.domain.life_stage import UNDER_FIVE_BELOW_MONTHS
from posyandu_desktop.domain.months import Period
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import alerts
from posyandu_desktop.store.queries.alerts import LatestOfMonth

# A pregnancy lasts about 280 days: an older LILA says nothing about this pregnancy.
_PREGNANCY_DAYS = 280
# Below every z threshold an alert uses (BGM < -3, WHO flags at |z| > 5 or 6), so the store
# hands over every measurement that might raise one and this module decides exactly.
_NOTABLE_Z = min(-RED_LINE_Z, *(min(-low, high) for low, high in FLAG_LIMITS.values())) - 0.1


class AlertKind(enum.Enum):
    """Why a person is on the alert list, most urgent first."""

    IMPLAUSIBLE = "implausible"  # a saved value WHO flags as implausible: measure again
    BGM = "bgm"  # weight-for-age below the KMS red line
    TWO_T = "two_t"  # weight did not rise at two weighings in a row
    NEW_STUNTING = "new_stunting"  # stunted this month, never before
    KEK_PREGNANT = "kek_pregnant"  # pregnant with LILA below 23.5 cm


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    person_id: int
    name: str
    birth_date: date
    measured_on: date
    value: float | None  # the z-score (BGM, new stunting) or LILA in cm (KEK)
    indicators: tuple[Indicator, ...] = ()  # the flagged indicators (IMPLAUSIBLE)


def _scores(m: LatestOfMonth) -> tuple[ZScore, ...]:
    return (
        ZScore(Indicator.WEIGHT_FOR_AGE, m.waz),
        ZScore(Indicator.LENGTH_HEIGHT_FOR_AGE, m.haz),
        ZScore(Indicator.WEIGHT_FOR_LENGTH_HEIGHT, m.whz),
        ZScore(Indicator.BMI_FOR_AGE, m.baz),
        ZScore(Indicator.HEAD_CIRCUMFERENCE_FOR_AGE, m.hcz),
        ZScore(Indicator.ARM_CIRCUMFERENCE_FOR_AGE, m.acz),
    )


def _alerts_of(m: LatestOfMonth) -> list[Alert]:
    found = []

    def add(kind: AlertKind, value: float | None = None, *indicators: Indicator) -> None:
        found.append(
            Alert(kind, m.person_id, m.name, m.birth_date, m.measured_on, value, indicators)
        )

    flagged = tuple(score.indicator for score in _scores(m) if score.flagged)
    if flagged:
        add(AlertKind.IMPLAUSIBLE, None, *flagged)
    # The KMS, BGM and stunting alerts are for balita.
    if completed_months(m.birth_date, m.measured_on) >= UNDER_FIVE_BELOW_MONTHS:
        return found
    # An implausible weight makes no BGM or 2T child yet: it waits to be measured again.
    weight_plausible = Indicator.WEIGHT_FOR_AGE not in flagged
    if weight_plausible and stored_bgm(m.waz, oedema=m.oedema):
        add(AlertKind.BGM, m.waz)
    if weight_plausible and m.two_t:
        add(AlertKind.TWO_T)
    if (
        m.lhfa_category in STUNTED
        and not m.stunted_before
        and Indicator.LENGTH_HEIGHT_FOR_AGE not in flagged
    ):
        add(AlertKind.NEW_STUNTING, m.haz)
    return found


def alerts_today(db: Database, *, today: date) -> tuple[Alert, ...]:
    """This month's alerts, most urgent kind first, then by name."""
    month = Period.of(today)
    month_start, month_end = month.first_day, month.plus(1).first_day
    with db.reading() as tx:
        latest = alerts.latest_of_month(
            tx, month_start=month_start, month_end=month_end, notable_z=_NOTABLE_Z
        )
        pregnant = alerts.pregnant_lila(tx, since=today - timedelta(days=_PREGNANCY_DAYS), on=today)
    found = [alert for m in latest for alert in _alerts_of(m)]
    found += [
        Alert(AlertKind.KEK_PREGNANT, p.person_id, p.name, p.birth_date, p.measured_on, p.lila_cm)
        for p in pregnant
        if p.lila_status is LilaStatus.KEK
    ]
    order = {kind: i for i, kind in enumerate(AlertKind)}
    return tuple(sorted(found, key=lambda a: (order[a.kind], a.name.casefold(), a.person_id)))
