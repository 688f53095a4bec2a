"""What the PDFs are drawn from: frozen plain values that services build and hand over, so that
`reports` needs neither the store nor the services (docs/ARCHITECTURE.md#import-rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from posyandu_desktop.domain.cadre_sheet import CadreSheetRow, SheetColumn
from posyandu_desktop.domain.early_warning import Backtest, StuntingRisk
from posyandu_desktop.domain.growth.curves import Chart
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus, KmsVersion
from posyandu_desktop.domain.ilp_report import IlpMonth
from posyandu_desktop.domain.indicators import CadrePerformance, MonthlyIndicators
from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.quality import QualityFigures


@dataclass(frozen=True, slots=True)
class PosyanduHeader:
    name: str
    kelurahan: str = ""
    kecamatan: str = ""
    kota: str = ""
    puskesmas: str = ""


@dataclass(frozen=True, slots=True)
class CardChart:
    """One chart of the card: the WHO SD lines and the child's points, x in months (or cm)."""

    chart: Chart
    curves: tuple[tuple[float, tuple[tuple[float, float], ...]], ...]  # (z, points), -3 .. +3
    points: tuple[tuple[float, float], ...]  # (x, value), oldest first
    # Values saved as doubtful: marked apart, never joined to the line nor widening the axis.
    doubtful: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class CardMonth:
    """One calendar month of the KMS rows: its weighing (if any) and vitamin A."""

    year: int
    month: int
    age_months: int  # completed months at the weighing (or at the vitamin A dose)
    weight_kg: float | None
    gain_g: int | None
    status: GrowthStatus | None  # as stored with the weighing
    vitamin_a: VitaminACapsule | None
    doubtful: bool = False  # the weight was saved as doubtful: no letter, measure again
    # The KBM its N/T letter was judged with (the measurement's own KMS version), printed in
    # its column so that the letter and the KBM beside it agree.
    judged_kbm_g: int | None = None


@dataclass(frozen=True, slots=True)
class GrowthCardData:
    name: str
    sex: Sex
    birth_date: date
    nik: str | None
    mother_nik: str | None
    mother_name: str | None
    posyandu: PosyanduHeader
    charts: tuple[CardChart, ...]
    months: tuple[CardMonth, ...]  # oldest first
    kms: KmsVersion  # the coordinator's choice: its KBM row and red/orange lines are printed

    def chart(self, which: Chart) -> CardChart | None:
        return next((c for c in self.charts if c.chart is which), None)


@dataclass(frozen=True, slots=True)
class AtRiskChild:
    """A child on the early-warning list, with the name the report prints."""

    name: str
    risk: StuntingRisk


@dataclass(frozen=True, slots=True)
class EarlyWarningSection:
    """The month's early-warning list, ranked, and how the list did over the past months."""

    children: tuple[AtRiskChild, ...]
    backtest: Backtest


@dataclass(frozen=True, slots=True)
class MonthlyReportData:
    posyandu: PosyanduHeader
    year: int
    month: int
    indicators: MonthlyIndicators
    quality: QualityFigures | None = None  # of the children's measurements taken this month
    early_warning: EarlyWarningSection | None = None
    ilp: IlpMonth | None = None  # the ILP page (life stages and services); None: left out

    @property
    def cadre_performance(self) -> tuple[CadrePerformance, ...]:
        return self.indicators.cadre_performance


@dataclass(frozen=True, slots=True)
class CadreSheet:
    """The monthly cadre sheet for the city (domain/cadre_sheet.py)."""

    posyandu: PosyanduHeader
    year: int
    month: int
    sessions: int
    columns: tuple[SheetColumn, ...]
    rows: tuple[CadreSheetRow, ...]  # by name
    quality: QualityFigures  # the whole Posyandu's
