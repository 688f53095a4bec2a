"""The printed outputs as files: a child's KMS card and the monthly report, written as PDFs with
names a person can read in a folder (the UI opens them in the system viewer, which prints)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.reports.growth_card import write_growth_card
from posyandu_desktop.reports.monthly_report import write_monthly_report
from posyandu_desktop.services.reports import growth_card_data, monthly_report_data
from posyandu_desktop.settings import resource_path
from posyandu_desktop.store import Database
from posyandu_desktop.store.queries import posyandu

__all__ = ["growth_card_file_name", "print_growth_card", "print_monthly_report"]


def _safe(text: str) -> str:
    """A name fit for a file on any system: letters, digits, '-' and '_' only."""
    cleaned = re.sub(r"[^\w-]+", "_", text.strip(), flags=re.UNICODE).strip("_")
    return cleaned or "tanpa_nama"


def growth_card_file_name(name: str, on: date) -> str:
    return f"KMS_{_safe(name)}_{on.isoformat()}.pdf"


def print_growth_card(
    db: Database, *, person_id: PersonId, folder: Path, lang: str | None = None, today: date
) -> Path | None:
    """Write the child's KMS card into `folder`; None when there is no such person."""
    card = growth_card_data(db, person_id)
    if card is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / growth_card_file_name(card.name, today)
    return write_growth_card(card, target, resource_path("fonts"), lang=lang, printed_on=today)


def print_monthly_report(
    db: Database,
    *,
    posyandu_id: int,
    year: int,
    month: int,
    folder: Path,
    lang: str | None = None,
    today: date,
) -> Path:
    """Write the month's F2 report with the cadre sheet into `folder`."""
    data = monthly_report_data(db, posyandu_id, year, month, today=today)
    with db.reading() as tx:
        found = posyandu.get_posyandu(tx, posyandu_id)
    code = _safe(found.code if found is not None and found.code else data.posyandu.name)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"Laporan_{code}_{year:04d}-{month:02d}.pdf"
    return write_monthly_report(data, target, resource_path("fonts"), lang=lang, printed_on=today)
