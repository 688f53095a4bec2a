"""Every enum a person sees has its words in one registry, in English and in Indonesian, and every
enum of `domain` is either registered or listed here as never shown."""

import ast
import enum
import importlib
import pathlib
import pkgutil

import pytest

import posyandu_desktop
import posyandu_desktop.devices
import posyandu_desktop.domain
import posyandu_desktop.exchange.words
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.i18n import install
from posyandu_desktop.i18n.build_catalogs import catalog_paths, read_catalog
from posyandu_desktop.i18n.words import UNNAMED, registered, words

# Enums of `domain` that no person reads as words, and why.
NEVER_SHOWN = {
    "demo.Relation",  # builds the demo households; the registry stores no relation
    "export_contract.Privacy",  # how the export contract treats a column
    "export_contract.Kind",  # a column's data type in the export contract
    "growth.classify.Severity",  # a colour (ui/theme.py); the category carries the words
    "growth.curves._Key",  # how a growth table is indexed
    "growth.standards.Table",  # which WHO table file to read
    "growth.weight_gain.WeighingProblem",  # the weighings were skipped; no status is given
    "growth.zscore.Reference",  # WHO 2006 or 2007: picks the tables
    "importing.MatchKind",  # how an imported row was matched; the import counts them
    "indicators.AgeGroup",  # shown as its month range ("0-5 mo"), numbers not words
    "recap.MatchedBy",  # the recap says it with the shared person's words
    "vocabulary.MeasurementOrigin",  # where a measurement came from, kept for the export
    "counselling.Situation",  # said by its message (resources/counselling/messages.json)
}

REGISTRY = registered()


def _domain_enums() -> dict[str, type[enum.Enum]]:
    found = {}
    package = posyandu_desktop.domain
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        where = info.name.removeprefix(package.__name__ + ".")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__ == module.__name__
            ):
                found[f"{where}.{value.__qualname__}"] = value
    return found


def test_every_domain_enum_is_registered_or_never_shown():
    shown = {enum_type for enum_type, _variant in REGISTRY}
    enums = _domain_enums()
    assert set(enums) >= NEVER_SHOWN, "a listed enum no longer exists"
    missing = [name for name, e in enums.items() if e not in shown and name not in NEVER_SHOWN]
    assert not missing, f"enums without words: {missing}"
    assert not [name for name in NEVER_SHOWN if enums[name] in shown], "registered: unlist it"


@pytest.fixture(scope="module")
def indonesian() -> dict[tuple[str | None, str], str]:
    """Indonesian of every entry of the catalog, by (context, English)."""
    catalog = read_catalog(catalog_paths("id")[0].read_bytes(), "id")
    return {
        (m.context, m.id): m.string
        for m in catalog
        if isinstance(m.id, str) and isinstance(m.string, str)
    }


@pytest.mark.parametrize(
    ("enum_type", "variant"), list(REGISTRY), ids=lambda x: getattr(x, "__name__", x)
)
def test_every_member_has_english_and_indonesian_words(enum_type, variant, indonesian):
    entries = REGISTRY[enum_type, variant]
    assert set(entries) == set(enum_type)
    for member, entry in entries.items():
        if entry == UNNAMED:  # never named on its own: no words to check
            assert words(member, variant, "en") == words(member, variant, "id") == ""
            continue
        context, english = (None, entry) if isinstance(entry, str) else entry
        assert english.strip() and words(member, variant, "en") == english
        assert indonesian.get((context, english), "").strip(), member
        assert words(member, variant, "id") == indonesian[context, english]


def test_words_follow_the_ui_language():
    assert words(Sex.FEMALE) == "Perempuan"
    assert words(Sex.FEMALE, "initial") == "P"
    install("en")
    assert words(Sex.FEMALE) == "Female"
    assert words(GrowthStatus.T, "short") == "T (did not go up)"
    assert words(Sex.MALE, "initial", "id") == "L"


# Modules whose words are a form's own, in Indonesian whatever the app's language (the
# e-PPGBM forms and the SIP register: docs/DECISIONS.md), not the registry's translated words.
FORM_WORDS = {"reports/eppgbm_pack.py", "reports/sip_register.py"}
_WORD_CALLS = {"_", "N_", "NP_", "gettext", "pgettext", "ngettext"}


def _is_words(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) and "#" not in value.value  # "#1565c0" is a colour
    if isinstance(value, ast.Call):
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in _WORD_CALLS
    return False


def test_no_enum_words_are_written_in_ui_or_reports():
    """Words for a member of an enum defined elsewhere belong in the registry, not in a dict of a
    screen or a PDF (a file's own enums, such as its table columns, may have their headers)."""
    package = pathlib.Path(posyandu_desktop.__file__).parent
    found = []
    for folder in ("ui", "reports"):
        for path in sorted((package / folder).rglob("*.py")):
            where = path.relative_to(package).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            own = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
            for node in ast.walk(tree):
                if not isinstance(node, ast.Dict) or where in FORM_WORDS:
                    continue
                keyed_by_enum = node.keys and all(
                    isinstance(k, ast.Attribute)
                    and isinstance(k.value, ast.Name)
                    and k.value.id[:1].isupper()
                    and k.value.id not in own
                    for k in node.keys
                )
                if keyed_by_enum and any(_is_words(v) for v in node.values):
                    found.append(f"{where}:{node.lineno}")
    assert not found, f"enum words outside the registry: {found}"
