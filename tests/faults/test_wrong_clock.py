"""The clock check compares the laptop's time with the newest record, export and backup."""

from __future__ import annotations

from datetime import datetime, timedelta

from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services.housekeeping import FAR_AHEAD, ClockDoubt, check_clock
from tests.faults.helpers import posyandu_folder


def test_behind_and_far_ahead_are_doubted_and_a_plausible_clock_is_not(tmp_path):
    data = tmp_path / "data"
    real = datetime.now().astimezone()  # the records' audit times come from the real clock
    posyandu_folder(data, now=real)
    ahead = real + FAR_AHEAD + timedelta(days=30)
    opened = open_data_folder(data, now=real)
    assert isinstance(opened, Opened)
    assert check_clock(opened.database, data, now=real + timedelta(days=1)) is None
    opened.database.close()
    # The day's backup taken at this start carries the wrong time itself: it must not hide it.
    opened = open_data_folder(data, now=ahead)
    assert isinstance(opened, Opened)
    db = opened.database
    try:
        behind = check_clock(db, data, now=datetime(2000, 1, 1).astimezone())
        assert behind is not None and behind.doubt is ClockDoubt.BEHIND
        far = check_clock(db, data, now=ahead)
        assert far is not None and far.doubt is ClockDoubt.AHEAD
        # The backup named in the future now makes the real date doubtful too: asked, not hidden.
        back = check_clock(db, data, now=real + timedelta(days=1))
        assert back is not None and back.doubt is ClockDoubt.BEHIND
    finally:
        db.close()
