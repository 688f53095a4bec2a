"""Text that came from a file stays text wherever it lands: spreadsheets, CSV, PDF, a terminal.

- A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (also after a tab or a carriage
  return) as a formula: a name such as `=HYPERLINK("http://…","Budi")` would become a live link
  beside a NIK ("CSV/formula injection", docs/sources/safe-text.md). Such text is prefixed with an
  apostrophe, which Excel and LibreOffice show as a text marker and never evaluate.
- Bidirectional control characters (U+202E RIGHT-TO-LEFT OVERRIDE and friends) make a name read
  backwards or hide part of it; they have no place in a name, an address or a note.
"""

from __future__ import annotations

# Unicode bidi embedding, override and isolate controls, and the implicit marks (LRM, RLM, ALM).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_bidi_controls(text: str) -> str:
    """`text` without bidi control characters (they reorder what a reader sees)."""
    return text.translate(_BIDI_TABLE)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def spreadsheet_safe(text: str) -> str:
    """`text` as a spreadsheet cell that can never be a formula, without bidi controls.

    A plain signed number ("-1.25", "-1,25") is data, not a formula, and is left alone.
    """
    cleaned = strip_bidi_controls(text)
    if cleaned.startswith(FORMULA_STARTS) and not _is_number(cleaned.strip()):
        return "'" + cleaned
    return cleaned
