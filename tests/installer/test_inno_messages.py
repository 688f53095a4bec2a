"""The Indonesian installer messages kept in the repository fit the pinned Inno Setup compiler.

`installer/windows/Indonesian.isl` is Inno Setup's user-contributed translation as it stood at
the compiler's release tag (origin and licence: installer/windows/README.md). For a missing
message the compiler only warns and shows the English one; a name it does not know is only a
warning and is dropped. So both are checked here against the names of that version's Default.isl
(`inno_setup_6.4.1_message_names.txt`; the Wine test re-reads them from the compiler itself).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "installer" / "windows"
INDONESIAN = WINDOWS / "Indonesian.isl"
NAMES_FILE = Path(__file__).with_name("inno_setup_6.4.1_message_names.txt")
# Empty in Default.isl and taken from it without a warning when a language leaves them out
# (Compiler.SetupCompiler.pas, ReadMessagesFromScript): notes for /HELP and for translators.
OPTIONAL = {"Messages HelpTextNote", "Messages TranslatorNote"}
SECTIONS = ("LangOptions", "Messages", "CustomMessages")


def message_names(isl: Path) -> set[str]:
    """ "Section Name" for every entry of the three sections a messages file fills."""
    names, section = set(), ""
    for line in isl.read_text(encoding="utf-8-sig").splitlines():
        header = re.fullmatch(r"\[(\w+)\]\s*", line)
        if header:
            section = header[1]
        elif section in SECTIONS and "=" in line and not line.startswith(";"):
            names.add(f"{section} {line.split('=', 1)[0].strip()}")
    return names


def recorded_names() -> set[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_the_names_are_those_of_the_pinned_compiler() -> None:
    pinned = re.search(r"^INNO_VERSION=(\S+)$", (WINDOWS / "wine-setup.sh").read_text(), re.M)
    assert pinned is not None
    assert NAMES_FILE.name == f"inno_setup_{pinned[1]}_message_names.txt"
    assert len(recorded_names()) == 281


def test_indonesian_has_every_message_the_compiler_expects_and_no_other() -> None:
    indonesian = message_names(INDONESIAN)

    assert recorded_names() - OPTIONAL - indonesian == set()
    assert indonesian - recorded_names() == set()


def test_the_file_is_the_indonesian_translation_for_this_version() -> None:
    text = INDONESIAN.read_text(encoding="utf-8-sig")

    assert text.startswith("; *** Inno Setup version 6.4.0+ Indonesian messages ***")
    assert "LanguageID=$0421" in text  # Indonesian (Indonesia)
    assert "LanguageName=Bahasa Indonesia" in text


def test_the_installer_uses_the_kept_file_and_downloads_nothing() -> None:
    script = (WINDOWS / "posyandu.iss").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "windows-installer.yml").read_text()

    assert 'Name: "id"; MessagesFile: "Indonesian.isl"' in script
    assert "Invoke-WebRequest" not in workflow and "issrc" not in workflow
    assert "Indonesian.isl" not in (ROOT / ".gitignore").read_text()
