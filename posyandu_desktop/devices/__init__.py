"""Measuring devices: serial and Bluetooth scales, their protocols, limits and a simulator.

No Qt, no SQL: readers run in a worker thread and hand readings to a callback; the UI's
`ScaleBridge` brings them to the GUI thread. Problems are codes; `devices.words` names them.
"""

# Registers the devices' codes with i18n.words, so `words()` names them.
from posyandu_desktop.devices import words as _words  # noqa: F401
from posyandu_desktop.devices.ble import (
    ScaleFeature,
    WeightMeasurement,
    decode_weight_measurement,
    decode_weight_scale_feature,
)
from posyandu_desktop.devices.ble_scale import BleScale, discover_scales
from posyandu_desktop.devices.learn import LearnProblem, learn_protocol
from posyandu_desktop.devices.limits import LIMITS, DeviceKind, Limits, check_value
from posyandu_desktop.devices.parse_line import parse_line
from posyandu_desktop.devices.protocols import BUILT_IN, LineProtocol, built_in
from posyandu_desktop.devices.readers import reader_for
from posyandu_desktop.devices.readings import (
    DeviceStatus,
    Offer,
    ReadingProblem,
    ReadingSource,
    Report,
    ScaleReading,
)
from posyandu_desktop.devices.registry import (
    DeviceConfig,
    Transport,
    load_devices,
    save_device,
    save_devices,
)
from posyandu_desktop.devices.serial_scale import PortInfo, SerialScale, available_ports
from posyandu_desktop.devices.stability import StableOffer
from posyandu_desktop.devices.units import Unit, round_to_step, to_kg

__all__ = [
    "BUILT_IN",
    "LIMITS",
    "BleScale",
    "DeviceConfig",
    "DeviceKind",
    "DeviceStatus",
    "LearnProblem",
    "Limits",
    "LineProtocol",
    "Offer",
    "PortInfo",
    "ReadingProblem",
    "ReadingSource",
    "Report",
    "ScaleFeature",
    "ScaleReading",
    "SerialScale",
    "StableOffer",
    "Transport",
    "Unit",
    "WeightMeasurement",
    "available_ports",
    "built_in",
    "check_value",
    "decode_weight_measurement",
    "decode_weight_scale_feature",
    "discover_scales",
    "learn_protocol",
    "load_devices",
    "parse_line",
    "reader_for",
    "round_to_step",
    "save_device",
    "save_devices",
    "to_kg",
]
