"""Every status colour of the app is readable: at least 4.5:1 against its text (WCAG 1.4.3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from posyandu_desktop.ui import theme

UI = Path(theme.__file__).parent
# "background: #rrggbb; color: #rrggbb" (or white/black) in any screen's style sheet.
_STYLE = re.compile(r"background:\s*(#[0-9a-fA-F]{6});\s*color:\s*(#[0-9a-fA-F]{6}|white|black)")


def _style_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for source in sorted(UI.rglob("*.py")):
        for background, text in _STYLE.findall(source.read_text(encoding="utf-8")):
            pairs.append((source.relative_to(UI).as_posix(), background, text))
    return pairs


def test_the_ratio_matches_known_values() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#ef6c00", "#ffffff") == pytest.approx(3.08, abs=0.01)


@pytest.mark.parametrize(
    ("background", "text"), [*theme.SEVERITY_COLOURS.values(), theme.WARNING_COLOURS]
)
def test_every_severity_colour_is_readable(background: str, text: str) -> None:
    assert theme.contrast_ratio(background, text) >= 4.5


def test_every_coloured_label_in_the_screens_is_readable() -> None:
    pairs = _style_pairs()
    assert len(pairs) > 10  # the pattern still finds the screens' badges
    unreadable = [p for p in pairs if theme.contrast_ratio(p[1], p[2]) < 4.5]
    assert unreadable == []
