"""The Qt binding keeps Python's reference counts: a Qt call that returns nothing must not take a
reference from None. PySide6 6.12.0 on Python 3.11 took one per such call (setText, setEnabled,
...), and the process aborted ("none_dealloc") after a few thousand of them, a morning's work at
the desk; the project pins a release without that fault (docs/DECISIONS.md#the-qt-binding)."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 1_000  # well below None's count at start-up (about 5,000), so a faulty binding fails
# this test instead of aborting the run


def test_calls_that_return_nothing_leave_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i))
        label.setEnabled(i % 2 == 0)
    assert sys.getrefcount(None) - before > -CALLS // 10
