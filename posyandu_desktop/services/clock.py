"""Is the laptop's clock plausible? A dead CMOS battery sets it years back, a wrong setting
may put it ahead: both would date records, ages and backups wrongly without a word.

At start (after login, before any screen can save) the clock is compared with the newest
record change, export and backup in the data folder. Earlier than those, or more than
FAR_AHEAD after them, the cadre confirms the date shown in words; her answer is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from posyandu_desktop.services.data_folder import usable_backups_dir
from posyandu_desktop.store import Database
from posyandu_desktop.store import backup as backups
from posyandu_desktop.store.queries import audit

# Clocks of laptops without internet drift by minutes; a save 10 minutes "before" the newest
# one is drift, not a dead battery.
ALLOWANCE = timedelta(minutes=10)
# A Posyandu meets monthly and the laptop is used in between (home visits, reports); three
# months without a single record means the clock jumped ahead more likely than not
# (docs/DECISIONS.md, "Wrong clocks").
FAR_AHEAD = timedelta(days=92)


class ClockDoubt(StrEnum):
    BEHIND = "behind"  # earlier than the newest record, export or backup
    AHEAD = "ahead"  # far later than all of them


@dataclass(frozen=True, slots=True)
class ClockCheck:
    doubt: ClockDoubt
    laptop_time: datetime  # aware, local
    newest: datetime  # aware: the newest record, export or backup


def check_clock(db: Database, data: Path, *, now: datetime) -> ClockCheck | None:
    """A doubt about `now` (aware) against the data folder, or None when it is plausible.
    Backups count only for "behind": the day's backup, just taken, carries `now` itself."""
    with db.reading() as tx:
        record = audit.newest_time(tx)
    listed = backups.list_backups(usable_backups_dir(data)[0])
    # Backup names are the laptop's local wall-clock time.
    backup = max(b.taken_at for b in listed).astimezone() if listed else None
    newest = max((t for t in (record, backup) if t is not None), default=None)
    if newest is not None and now < newest - ALLOWANCE:
        return ClockCheck(ClockDoubt.BEHIND, now, newest)
    if record is not None and now > record + FAR_AHEAD:
        return ClockCheck(ClockDoubt.AHEAD, now, record)
    return None


def record_clock_answer(db: Database, check: ClockCheck, *, cadre_id: int, right: bool) -> None:
    """Audit the cadre's answer to "is the laptop's date right?"."""
    with db.transaction(cadre_id=cadre_id, reason="clock check") as tx:
        audit.record_clock_answer(
            tx, laptop_time=check.laptop_time, newest=check.newest, right=right
        )
