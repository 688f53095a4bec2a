"""Bring the window of the process that holds a data folder to the front (Windows only).

A cadre who starts the app a second time usually lost the first window behind another one.
Windows lets the process the user just started give the foreground to another window; other
systems have no such call that works everywhere, so there the message alone says it.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)


def raise_windows_of(pid: int) -> bool:
    """Bring the visible top-level windows of process `pid` to the front; True if any."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.windll.user32
    found: list[int] = []

    @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)
    def each(hwnd: int, _lparam: int) -> bool:
        owner = wintypes.DWORD()
        user32.GetWindowThreadProcessId(hwnd, ctypes.byref(owner))
        if owner.value == pid and user32.IsWindowVisible(hwnd):
            found.append(hwnd)
        return True

    try:
        user32.EnumWindows(each, 0)
        for hwnd in found:
            user32.ShowWindow(hwnd, 9)  # SW_RESTORE: un-minimise
            user32.SetForegroundWindow(hwnd)
    except OSError:  # never let this stop the explanation that follows
        log.warning("could not raise the windows of process %s", pid, exc_info=True)
        return False
    return bool(found)
