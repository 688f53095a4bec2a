"""Where the data lives: --data-dir, then POSYANDU_DATA_DIR, then the per-user folder."""

from pathlib import Path

from posyandu_desktop import settings


def test_the_option_wins_over_the_environment(tmp_path):
    environ = {settings.DATA_DIR_ENV: str(tmp_path / "from-env")}
    assert settings.data_dir(str(tmp_path / "option"), environ) == tmp_path / "option"
    assert settings.data_dir(None, environ) == tmp_path / "from-env"


def test_without_either_the_per_user_data_folder_is_used():
    folder = settings.data_dir(None, {})
    assert folder.is_absolute()
    assert settings.APP_NAME in folder.parts
    assert Path(settings.__file__).resolve().parent not in folder.parents  # never the install


def test_the_registry_and_backups_live_in_the_data_folder(tmp_path):
    assert settings.database_path(tmp_path) == tmp_path / "posyandu.sqlite"
    assert settings.backups_dir(tmp_path) == tmp_path / "backups"


def test_a_chosen_backup_folder_is_remembered_and_can_be_reset(tmp_path):
    usb = tmp_path / "usb" / "POSYANDU"
    settings.choose_backups_dir(tmp_path, usb)
    assert settings.backups_dir(tmp_path) == usb
    settings.choose_backups_dir(tmp_path, None)
    assert settings.backups_dir(tmp_path) == tmp_path / "backups"
    assert not list(tmp_path.glob("*.tmp"))


def test_an_unreadable_preferences_file_falls_back_to_the_default(tmp_path):
    (tmp_path / "preferences.json").write_text("{not json", encoding="utf-8")
    assert settings.backups_dir(tmp_path) == tmp_path / "backups"
