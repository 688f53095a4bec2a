"""Demo data lands in an empty registry exactly as generated, audited, with a morning going on."""

from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop.domain.demo import generate
from posyandu_desktop.services import Opened, due_today, find_people, measurements_of
from posyandu_desktop.services import open_data_folder as open_folder
from posyandu_desktop.services.setup import RegistryNotEmptyError, demo_login, load_demo
from posyandu_desktop.settings import who_standards

TODAY = date(2026, 11, 13)  # a demo Posyandu day (Friday)


def test_demo_registry_matches_the_generator(tmp_path: Path) -> None:
    opened = open_folder(tmp_path / "data")
    assert isinstance(opened, Opened)
    db = opened.database
    steps: list[tuple[int, int]] = []
    summary = load_demo(
        db,
        today=TODAY,
        children=12,
        months=4,
        seed=3,
        on_progress=lambda d, t: steps.append((d, t)),
    )
    demo = generate(who_standards(), seed=3, children=12, months=4, today=TODAY)
    assert (summary.people, summary.days) == (len(demo.people), len(demo.days))
    assert steps[-1][0] == steps[-1][1]
    login = demo_login(db)
    assert login.cadre_name == demo.cadres[0].name
    # Everyone is findable, and measured children carry stored z-scores and KMS statuses.
    child = next(p for p in demo.people if p.birth_weight_kg is not None)
    (match,) = [m for m in find_people(db, child.name, today=TODAY) if m.person.name == child.name]
    history = measurements_of(db, match.person.id)
    assert history and all(m.measured_on <= TODAY for m in history)
    # Today's morning is still going on: a third of today's visitors wait to be measured.
    today_measured = sum(1 for m in demo.measurements if m.on == TODAY)
    assert summary.measurements - today_measured // 3 <= len(demo.measurements)
    assert due_today(db, today=TODAY)  # someone is still due
    with pytest.raises(RegistryNotEmptyError):
        load_demo(db, today=TODAY, children=5, months=2)
    db.close()
