"""The composition root: options, data folders, the log file, the error guard, lazy start-up
imports, and `--smoke` end to end in a separate process."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from posyandu_desktop import app
from posyandu_desktop.settings import DATA_DIR_ENV
from posyandu_desktop.ui.widgets import messages

ROOT = Path(__file__).resolve().parents[3]


def test_options_parse(tmp_path):
    args = app.parse_args(["--data-dir", str(tmp_path), "--demo", "--lang", "en", "--smoke"])
    assert (args.data_dir, args.demo, args.lang, args.smoke) == (str(tmp_path), True, "en", True)
    assert app.parse_args([]).lang is None


def test_demo_data_gets_its_own_folder_unless_one_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "real"))
    assert app.resolve_data_dir(None, demo=False) == tmp_path / "real"
    assert app.resolve_data_dir(None, demo=True) == tmp_path / "real" / "demo"
    assert app.resolve_data_dir(str(tmp_path / "x"), demo=True) == tmp_path / "x"


def test_the_log_goes_to_a_rotating_file_in_the_data_folder(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = app.set_up_logging(tmp_path)
        logging.getLogger("posyandu_desktop.test").warning("hello log")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
    assert path is not None and path == tmp_path / "logs" / app.LOG_FILE
    assert "hello log" in path.read_text(encoding="utf-8")


def test_an_unexpected_error_is_logged_and_shown_as_one_short_sentence(monkeypatch, caplog):
    shown: list[str] = []

    def present(kind, parent, title, text, yes_text="", no_text=""):
        shown.append(text)
        return True

    monkeypatch.setattr(messages, "present", present)
    guard = app.ErrorGuard()
    try:
        raise ZeroDivisionError("deep inside")
    except ZeroDivisionError as error:
        with caplog.at_level(logging.CRITICAL):
            guard(type(error), error, error.__traceback__)
    assert guard.count == 1
    assert len(shown) == 1 and "deep inside" not in shown[0] and "Traceback" not in shown[0]
    assert "ZeroDivisionError: deep inside" in caplog.text


def test_starting_imports_no_database_code_before_the_first_window():
    script = (
        "import sys\n"
        "import posyandu_desktop.app, posyandu_desktop.ui.start.start_flow\n"
        "import posyandu_desktop.ui.start.start_screen, posyandu_desktop.ui.preferences\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX runner")
def test_smoke_starts_opens_every_screen_and_quits_cleanly(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "posyandu_desktop", "--demo", "--data-dir", str(data), "--smoke"],
        capture_output=True,
        check=False,
        text=True,
        timeout=180,
        env=env,
        cwd=ROOT,
    )
    log = (data / "logs" / app.LOG_FILE).read_text(encoding="utf-8")
    assert result.returncode == 0, log
    assert "exit code 0" in log
    assert "Traceback" not in log
