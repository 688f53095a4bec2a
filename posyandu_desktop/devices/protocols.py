"""Serial line protocols as data: framing, and a pattern that finds value, unit and stable marker.

Generic weighing indicators stream one ASCII line per reading, typically at 9600 8N1
(docs/sources/scales.md [S]); no protocol is documented for the scales Posyandu receive (GEA,
OneMed, Seca, Camry [U]), so a few common formats are built in and `learn_protocol` proposes one
from pasted lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from posyandu_desktop.devices.units import Unit

VALUE_PATTERN = r"(?P<value>[+-]?\s*\d+(?:[.,]\d+)?)"
_OVERLOAD_WORDS = r"(?i)(?:^|[^A-Za-z])(?:OL|O-L|OVER|OVERLOAD)(?:$|[^A-Za-z])"


@dataclass(frozen=True, slots=True)
class LineProtocol:
    """How a serial scale frames and writes a reading; stored as JSON in the device registry."""

    key: str
    example: str  # one whole stable line: shown to the cadre, and the length of a whole line
    pattern: str  # named groups: value (required), unit and stable (optional)
    stable_markers: tuple[str, ...] = ()  # texts of group `stable` meaning stable ("": absent)
    stable_after: int = 3  # equal readings in a row that count as stable without a marker
    default_unit: Unit = Unit.KG  # for lines without a unit
    overload: str = _OVERLOAD_WORDS
    underload: str = ""
    baud: int = 9600
    bytesize: int = 8
    parity: str = "N"  # pyserial's N, E, O
    stopbits: int = 1

    @property
    def has_marker(self) -> bool:
        return "(?P<stable>" in self.pattern

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["stable_markers"] = list(self.stable_markers)
        data["default_unit"] = self.default_unit.value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LineProtocol | None:
        """The protocol a dict describes, or None if it is not one (a damaged file)."""
        try:
            fields = dict(data)
            fields["stable_markers"] = tuple(str(m) for m in fields["stable_markers"])  # type: ignore[attr-defined]
            fields["default_unit"] = Unit(fields["default_unit"])
            protocol = cls(**fields)  # type: ignore[arg-type]
            re.compile(protocol.pattern)
        except (KeyError, TypeError, ValueError, re.error):
            return None
        return protocol


AD = LineProtocol(
    # A&D-style indicators: header ST stable / US unstable / OL overload, GS gross / NT net.
    key="ad",
    example="ST,GS,+  4.876kg",
    pattern=rf"(?P<stable>ST|US),(?:GS|NT|TR),{VALUE_PATTERN}\s*(?P<unit>[A-Za-z]+)",
    stable_markers=("ST",),
    overload=r"^OL,",
)
SICS = LineProtocol(
    # Mettler Toledo MT-SICS: "S S" stable, "S D" dynamic, "S +" overload, "S -" underload.
    key="sics",
    example="S S      4.876 kg",
    pattern=rf"S\s+(?P<stable>S|D)\s+{VALUE_PATTERN}\s*(?P<unit>[A-Za-z]+)",
    stable_markers=("S",),
    overload=r"^S\s+\+$",
    underload=r"^S\s+-$",
)
PLAIN = LineProtocol(
    # A bare "4.876 kg" stream: stable once the same value comes three times in a row.
    key="plain",
    example="4.876 kg",
    pattern=rf"{VALUE_PATTERN}\s*(?P<unit>[A-Za-z]+)",
)
OHAUS = LineProtocol(
    # Ohaus-style print: a trailing "?" marks an unstable value.
    key="ohaus",
    example="     4.876 kg",
    pattern=rf"{VALUE_PATTERN}\s*(?P<unit>[A-Za-z]+)\s*(?P<stable>\?)?",
    stable_markers=("",),
)
# Learning tries them in this order: plain before Ohaus, because without a "?" in the samples
# waiting for equal readings is the safer reading of "4.876 kg".
BUILT_IN: tuple[LineProtocol, ...] = (AD, SICS, PLAIN, OHAUS)


def built_in(key: str) -> LineProtocol | None:
    """A built-in protocol by key."""
    return next((p for p in BUILT_IN if p.key == key), None)
