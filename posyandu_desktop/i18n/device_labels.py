"""Words for the measuring devices: their problem and status codes, kinds and line protocols.

i18n sits below `devices` in the layers, so the words are keyed by the codes' values (unique
across the devices' enums; tests/devices/test_device_labels.py checks every member has words).
"""

from __future__ import annotations

from enum import Enum

from posyandu_desktop.i18n.catalog import N_, translator

_PROBLEMS: dict[str, str] = {
    # devices.ReadingProblem
    "garbage": N_("Unreadable data from the scale: check the protocol and the speed (baud)"),
    "partial": N_("An incomplete reading from the scale"),
    "wrong_unit": N_("The scale sends a unit other than kg, g or lb"),
    "negative": N_("Negative weight: set the scale to zero"),
    "overflow": N_("The scale shows overload"),
    "above_capacity": N_("Heavier than this scale can weigh"),
    "unsuccessful": N_("The scale could not measure: weigh again"),
    # devices.DeviceStatus
    "connected": N_("Scale connected"),
    "disconnected": N_("Scale disconnected: check the cable or switch"),
    "port_not_found": N_("Port not found: plug in the scale's cable"),
    "port_unavailable": N_("The port is in use by another program or not allowed"),
    "bluetooth_unavailable": N_("Bluetooth not available"),
    "scale_not_found": N_("Bluetooth scale not found: switch it on and bring it closer"),
    # devices.LearnProblem
    "too_few_lines": N_("Paste at least two lines from the scale"),
    "no_weight": N_("No weight found in these lines"),
    "mixed_formats": N_("These lines do not share one format"),
}

_KINDS: dict[str, str] = {
    "baby_scale": N_("Baby scale"),
    "standing_scale": N_("Standing scale"),
    "length_board": N_("Length board"),
    "height_board": N_("Height board (microtoise)"),
    "lila_tape": N_("LILA tape"),
    "head_tape": N_("Head circumference tape"),
}

_PROTOCOLS: dict[str, str] = {
    "ad": N_("A&D-style indicator"),
    "sics": N_("Mettler Toledo (SICS)"),
    "plain": N_("Plain number and unit"),
    "ohaus": N_("Ohaus-style print"),
    "learned": N_("Learned from sample lines"),
}


def device_problem_label(code: Enum, lang: str | None = None) -> str:
    """Words for a devices problem or status code (ReadingProblem, DeviceStatus, LearnProblem)."""
    return translator(lang).gettext(_PROBLEMS[code.value])


def device_kind_label(kind: Enum, lang: str | None = None) -> str:
    """The name of a kind of measuring instrument (devices.DeviceKind)."""
    return translator(lang).gettext(_KINDS[kind.value])


def protocol_label(key: str, lang: str | None = None) -> str:
    """The name of a serial line protocol, by its key."""
    known = key if key in _PROTOCOLS else "learned"
    return translator(lang).gettext(_PROTOCOLS[known])
