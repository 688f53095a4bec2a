import pytest

from posyandu_desktop.domain.safe_text import spreadsheet_safe, strip_bidi_controls


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","Budi")', "@SUM(A1)", "-2+3", "\t=1", "\r=1", "=1"],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Budi", "-1.25", "-1,25", "+3", "", "Siti = Ani", "3201"])
def test_ordinary_text_and_signed_numbers_are_unchanged(text: str) -> None:
    assert spreadsheet_safe(text) == text


def test_bidi_controls_are_removed_everywhere() -> None:
    name = "Ani\u202egpj.exe\u202c \u2066x\u2069\u200f"
    assert strip_bidi_controls(name) == "Anigpj.exe x"
    assert spreadsheet_safe("\u202e=1") == "'=1"
