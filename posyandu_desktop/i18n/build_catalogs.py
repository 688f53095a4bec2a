"""Refresh the catalogs: `python -m posyandu_desktop.i18n.build_catalogs [--check]`.

Extracts every `_()`, `N_()`, `NP_()`, `ngettext()`, `pgettext()` string (and the same methods of
a translator) from the package with `ast`, merges them into each language's .po (translations
kept, new strings left untranslated, gone ones dropped: git keeps them) and compiles the .mo that
the app reads. Babel is a development tool (the test extra): the app itself needs only gettext.
"""

from __future__ import annotations

import argparse
import ast
import io
import string
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from posyandu_desktop.i18n.catalog import DOMAIN, LANGUAGES, SOURCE_LANGUAGE, default_localedir

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# Name -> positions of (context, msgid, plural) among the arguments.
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "N_": (None, 0, None),
    "ngettext": (None, 0, 1),
    "pgettext": (0, 1, None),
    "NP_": (0, 1, None),
    "npgettext": (0, 1, 2),
}
# Markers exist only to be extracted: anything but a literal would be lost.
_MARKERS = {"N_", "NP_"}
# Arguments that are strings marked elsewhere (`_(TITLES[column])`), translated at run time.
_MARKED_ELSEWHERE = (ast.Name, ast.Attribute, ast.Subscript, ast.Starred)

_ROOT = Path(__file__).resolve().parents[2]
_PACKAGE = _ROOT / "posyandu_desktop"
# Indonesian has one form: "1 anak", "3 anak". Babel's own table does not know Indonesian.
_PLURAL_FORMS = {"id": "nplurals=1; plural=0;"}
_LAST_TRANSLATOR = "Posyandu Desktop developers"


@dataclass
class Message:
    """One source string and where it is used."""

    msgid: str
    plural: str | None = None
    context: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.context, self.msgid


@dataclass
class Extraction:
    """The strings of a source tree, in order of first use, and the calls that break the rules."""

    messages: list[Message] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def placeholders(text: str) -> list[str]:
    """The `{names}` of a format string, in order (ValueError if its braces are broken)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _why_not_literal(node: ast.expr) -> str:
    if isinstance(node, ast.JoinedStr):
        return "an f-string cannot be translated: use named {placeholders} and .format() after"
    return f"{type(node).__name__} argument: translate a literal, then .format() it"


def _check_placeholders(text: str) -> str | None:
    try:
        names = placeholders(text)
    except ValueError as exc:
        return f"broken braces in {text!r}: {exc}"
    if any(not name.split(".")[0].split("[")[0].isidentifier() for name in names):
        return f"positional placeholder in {text!r}: name it, e.g. {{count}}"
    return None


def _extract_call(call: ast.Call, name: str, where: str, problems: list[str]) -> Message | None:
    positions = KEYWORDS[name]
    if call.keywords:
        problems.append(f"{where}: {name}() takes positional arguments only")
        return None
    if any(isinstance(arg, ast.Starred) for arg in call.args):
        if name in _MARKERS:
            problems.append(f"{where}: {name}() takes string literals")
        return None  # a marked pair unpacked: translate(*pair)
    texts: list[str | None] = []
    for position in positions:
        if position is None:
            texts.append(None)
            continue
        if position >= len(call.args):
            problems.append(f"{where}: {name}() needs more arguments")
            return None
        node = call.args[position]
        text = _literal(node)
        if text is None:
            if name in _MARKERS or not isinstance(node, _MARKED_ELSEWHERE):
                problems.append(f"{where}: {_why_not_literal(node)}")
            return None
        texts.append(text)
    context, msgid, plural = texts
    assert msgid is not None
    broken = [p for t in (msgid, plural) if t is not None and (p := _check_placeholders(t))]
    problems += (f"{where}: {problem}" for problem in broken)
    return None if broken else Message(msgid, plural, context)


def extract_source(source: str, path: str) -> Extraction:
    """The strings of one module's source; `path` names it in locations and problems."""
    found = Extraction()
    calls = [node for node in ast.walk(ast.parse(source, path)) if isinstance(node, ast.Call)]
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        name = _called_name(call)
        if name not in KEYWORDS:
            continue
        message = _extract_call(call, name, f"{path}:{call.lineno}", found.problems)
        if message is not None:
            message.locations.append((path, call.lineno))
            found.messages.append(message)
    return found


def extract(package: Path = _PACKAGE, root: Path = _ROOT) -> Extraction:
    """Every translatable string of the `.py` files under `package`, merged by (context, id)."""
    merged: dict[tuple[str | None, str], Message] = {}
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        found = extract_source(path.read_text(encoding="utf-8"), relative)
        problems += found.problems
        for message in found.messages:
            known = merged.setdefault(
                message.key, Message(message.msgid, message.plural, message.context)
            )
            if known.plural != message.plural:
                problems.append(
                    f"{relative}:{message.locations[0][1]}: {message.msgid!r} has plural "
                    f"{message.plural!r} here and {known.plural!r} elsewhere"
                )
            known.locations += message.locations
    return Extraction(list(merged.values()), problems)


def _template(messages: Iterable[Message]) -> Catalog:
    from babel.messages.catalog import Catalog

    template = Catalog(domain=DOMAIN, fuzzy=False)
    for m in messages:
        template.add(
            m.msgid if m.plural is None else (m.msgid, m.plural),
            locations=m.locations,
            context=m.context,
        )
    return template


def _new_catalog(lang: str) -> Catalog:
    from babel.messages.catalog import Catalog

    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Posyandu Desktop",
        header_comment=f"# {lang} translations of Posyandu Desktop.\n#",
        last_translator=_LAST_TRANSLATOR,
        language_team=_LAST_TRANSLATOR,
        charset="utf-8",
        fuzzy=False,
    )
    if lang in _PLURAL_FORMS:
        headers = [(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"]
        catalog.mime_headers = [*headers, ("Plural-Forms", _PLURAL_FORMS[lang])]
    return catalog


def read_catalog(po: bytes, lang: str) -> Catalog:
    """A .po file's catalog."""
    from babel.messages.pofile import read_po

    return read_po(io.BytesIO(po), locale=lang, domain=DOMAIN, abort_invalid=True)


def merge(messages: Sequence[Message], po: bytes | None, lang: str) -> bytes:
    """The .po text for `messages`, keeping the translations of `po` (None: a new catalog)."""
    from babel.messages.pofile import write_po

    catalog = _new_catalog(lang) if po is None else read_catalog(po, lang)
    # No fuzzy matching: a guessed translation of a changed string is worse than none.
    catalog.update(_template(messages), no_fuzzy_matching=True, update_creation_date=False)
    out = io.BytesIO()
    write_po(out, catalog, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def forms(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """A Babel message's id or string as a tuple: one item, or one per plural form."""
    if text is None:
        return ()
    return (text,) if isinstance(text, str) else tuple(text)


def compile_mo(po: bytes, lang: str) -> bytes:
    """The .mo bytes of a .po file, as the app reads them (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo

    catalog = read_catalog(po, lang)
    for message in list(catalog):
        # Babel would compile an untranslated plural as the English singular for every n when
        # the language has one form ("{n} child" for 2); left out, gettext falls back correctly.
        if message.pluralizable and not all(forms(message.string)):
            catalog.delete(message.id, context=message.context)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def untranslated(po: bytes, lang: str) -> list[str]:
    """The msgids of a .po that have no (or a fuzzy) translation."""
    missing = []
    for message in read_catalog(po, lang):
        if not message.id:
            continue  # the header
        strings = forms(message.string)
        if message.fuzzy or not strings or not all(strings):
            missing.append(forms(message.id)[0])
    return missing


def catalog_paths(lang: str, localedir: Path | None = None) -> tuple[Path, Path]:
    """Where `lang`'s .po and .mo live."""
    folder = (localedir or default_localedir()) / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def main(argv: Sequence[str] | None = None) -> int:
    """Refresh every catalog; with --check only say whether one is out of date (exit 1)."""
    parser = argparse.ArgumentParser(prog="python -m posyandu_desktop.i18n.build_catalogs")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    extraction = extract()
    for problem in extraction.problems:
        print(problem, file=sys.stderr)
    if extraction.problems:
        return 1
    stale = False
    for lang in (code for code in LANGUAGES if code != SOURCE_LANGUAGE):
        po_path, mo_path = catalog_paths(lang)
        old_po = po_path.read_bytes() if po_path.exists() else None
        new_po = merge(extraction.messages, old_po, lang)
        new_mo = compile_mo(new_po, lang)
        old_mo = mo_path.read_bytes() if mo_path.exists() else None
        missing = untranslated(new_po, lang)
        print(
            f"{lang}: {len(extraction.messages)} strings, {len(missing)} untranslated",
            file=sys.stderr,
        )
        for msgid in missing:
            print(f"  untranslated: {msgid!r}", file=sys.stderr)
        if (new_po, new_mo) == (old_po, old_mo):
            continue
        stale = True
        if not args.check:
            po_path.parent.mkdir(parents=True, exist_ok=True)
            po_path.write_bytes(new_po)
            mo_path.write_bytes(new_mo)
            print(f"  wrote {po_path.name} and {mo_path.name}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
