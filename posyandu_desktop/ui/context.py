"""What every screen gets in its constructor: the open registry, who is working, and today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from posyandu_desktop.domain.ids import CadreId, PosyanduId
from posyandu_desktop.services import Database


@dataclass(frozen=True, slots=True)
class UiSession:
    """The logged-in cadre's working context. Screens never reach for it through `window()`."""

    db: Database
    data_dir: Path
    posyandu_id: PosyanduId
    cadre_id: CadreId
    cadre_name: str
    is_coordinator: bool = False
    # The clock is injected so tests (and screenshots) can run "on a Posyandu day". Aware local
    # time: the store refuses naive datetimes.
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())

    def today(self) -> date:
        return self.now().date()
