"""Measuring devices in the UI: the bridge from a reader thread to the GUI, and their settings."""

from posyandu_desktop.ui.devices.scale_bridge import ScaleBridge
from posyandu_desktop.ui.devices.scale_settings_dialog import ScaleSettingsDialog

__all__ = ["ScaleBridge", "ScaleSettingsDialog"]
