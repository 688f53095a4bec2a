"""Printing: the KMS card and the monthly report land as readable PDFs in a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from posyandu_desktop import services
from posyandu_desktop.domain.ids import PersonId
from posyandu_desktop.services.reports import print_growth_card, print_monthly_report
from posyandu_desktop.store import Database
from tests.store.helpers import TODAY, Post


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def _weigh_twice(db: Database, post: Post, months: int = 2) -> None:
    weighings = ((date(2025, 12, 12), 7.8), (date(2026, 1, 12), 8.1))
    for on, kg in weighings[-months:]:
        services.record_measurement(
            db,
            cadre_id=post.cadre.id,
            person_id=post.child.id,
            measured_on=on,
            values=services.MeasuredValues(weight_kg=services.Reading(kg)),
            today=TODAY,
        ).unwrap()


def test_the_kms_card_has_the_childs_name(db: Database, post: Post, tmp_path: Path) -> None:
    _weigh_twice(db, post)
    pdf = print_growth_card(
        db, person_id=post.child.id, folder=tmp_path / "out", lang="id", today=TODAY
    )
    assert pdf is not None and pdf.exists()
    assert pdf.parent == tmp_path / "out"
    assert pdf.name == f"KMS_{post.child.name.replace(' ', '_')}_2026-02-10.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert post.child.name in _text(pdf)


def test_no_card_for_nobody(db: Database, post: Post, tmp_path: Path) -> None:
    assert print_growth_card(db, person_id=PersonId(9999), folder=tmp_path, today=TODAY) is None


def test_the_report_is_of_that_month(db: Database, post: Post, tmp_path: Path) -> None:
    _weigh_twice(db, post)
    pdf = print_monthly_report(
        db,
        posyandu_id=post.posyandu_id,
        year=2026,
        month=1,
        folder=tmp_path,
        lang="id",
        today=TODAY,
    )
    assert pdf.name == "Laporan_6474-MEL_2026-01.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = _text(pdf)
    assert "Januari 2026" in text
    assert "Posyandu Melati" in text


def test_a_first_month_report_has_a_trend_of_one_point(
    db: Database, post: Post, tmp_path: Path
) -> None:
    """A Posyandu's first month: the 12-month trend has one point (markers, no line)."""
    _weigh_twice(db, post, months=1)
    pdf = print_monthly_report(
        db, posyandu_id=post.posyandu_id, year=2026, month=1, folder=tmp_path, today=TODAY
    )
    assert "Januari 2026" in _text(pdf)
