"""The devices' codes in words: reading problems, connection states, what learning a protocol
found, the kinds of instrument and the line protocols. English source strings here, registered
with `i18n.words`; the Indonesian in the catalog."""

from __future__ import annotations

from posyandu_desktop.devices.learn import LearnProblem
from posyandu_desktop.devices.limits import DeviceKind
from posyandu_desktop.devices.readings import DeviceStatus, ReadingProblem
from posyandu_desktop.i18n.catalog import N_, translator
from posyandu_desktop.i18n.words import register

register(
    {
        ReadingProblem.GARBAGE: N_(
            "Unreadable data from the scale: check the protocol and the speed (baud)"
        ),
        ReadingProblem.PARTIAL: N_("An incomplete reading from the scale"),
        ReadingProblem.WRONG_UNIT: N_("The scale sends a unit other than kg, g or lb"),
        ReadingProblem.NEGATIVE: N_("Negative weight: set the scale to zero"),
        ReadingProblem.OVERFLOW: N_("The scale shows overload"),
        ReadingProblem.ABOVE_CAPACITY: N_("Heavier than this scale can weigh"),
        ReadingProblem.UNSUCCESSFUL: N_("The scale could not measure: weigh again"),
        DeviceStatus.CONNECTED: N_("Scale connected"),
        DeviceStatus.DISCONNECTED: N_("Scale disconnected: check the cable or switch"),
        DeviceStatus.PORT_NOT_FOUND: N_("Port not found: plug in the scale's cable"),
        DeviceStatus.PORT_UNAVAILABLE: N_("The port is in use by another program or not allowed"),
        DeviceStatus.BLUETOOTH_UNAVAILABLE: N_("Bluetooth not available"),
        DeviceStatus.SCALE_NOT_FOUND: N_(
            "Bluetooth scale not found: switch it on and bring it closer"
        ),
        LearnProblem.TOO_FEW_LINES: N_("Paste at least two lines from the scale"),
        LearnProblem.NO_WEIGHT: N_("No weight found in these lines"),
        LearnProblem.MIXED_FORMATS: N_("These lines do not share one format"),
    }
)

register(
    {
        DeviceKind.BABY_SCALE: N_("Baby scale"),
        DeviceKind.STANDING_SCALE: N_("Standing scale"),
        DeviceKind.LENGTH_BOARD: N_("Length board"),
        DeviceKind.HEIGHT_BOARD: N_("Height board (microtoise)"),
        DeviceKind.LILA_TAPE: N_("LILA tape"),
        DeviceKind.HEAD_TAPE: N_("Head circumference tape"),
    }
)

_PROTOCOLS: dict[str, str] = {
    "ad": N_("A&D-style indicator"),
    "sics": N_("Mettler Toledo (SICS)"),
    "plain": N_("Plain number and unit"),
    "ohaus": N_("Ohaus-style print"),
    "learned": N_("Learned from sample lines"),
}


def protocol_label(key: str, lang: str | None = None) -> str:
    """The name of a serial line protocol, by its key."""
    known = key if key in _PROTOCOLS else "learned"
    return translator(lang).gettext(_PROTOCOLS[known])
