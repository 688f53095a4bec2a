"""The committed catalogs match the source strings and keep every placeholder; the source follows
the i18n rules; the app reads the catalogs with gettext alone and can change language while it
runs; the pseudo-locale stretches every string."""

import gettext
import io
import subprocess
import sys
import textwrap

import pytest
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st

from posyandu_desktop.domain.growth import ZProblem
from posyandu_desktop.domain.growth.anthro_input import RowProblem
from posyandu_desktop.domain.growth.classify import WeightForLengthHeightCategory
from posyandu_desktop.i18n import (
    LANGUAGES,
    PSEUDO_LOCALE_ENV,
    _,
    age_text,
    category_label,
    current_language,
    default_localedir,
    install,
    ngettext,
    pgettext,
    row_problem_label,
    translator,
    zproblem_label,
)
from posyandu_desktop.i18n.build_catalogs import (
    Message,
    catalog_paths,
    compile_mo,
    extract,
    extract_source,
    forms,
    main,
    merge,
    placeholders,
    read_catalog,
    untranslated,
)
from posyandu_desktop.i18n.catalog import stretch
from posyandu_desktop.settings import resource_path

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
REBUILD = "run: python -m posyandu_desktop.i18n.build_catalogs"
SEX_NOT_ENTERED = ("Sex not entered", "Jenis kelamin belum diisi")


@pytest.fixture(scope="module")
def extraction():
    return extract()


def _po(lang: str) -> bytes:
    return catalog_paths(lang)[0].read_bytes()


# --- the committed catalogs -----------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_committed_mo_is_a_fresh_compile_of_the_po(lang):
    assert catalog_paths(lang)[1].read_bytes() == compile_mo(_po(lang), lang), REBUILD


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_source_string_is_translated(extraction, lang):
    catalog = read_catalog(_po(lang), lang)
    missing = []
    for m in extraction.messages:
        entry = catalog.get(m.msgid, context=m.context)
        strings = () if entry is None or entry.fuzzy else forms(entry.string)
        same_plural = entry is not None and forms(entry.id)[1:2] == forms(m.plural)
        if not (same_plural and strings and all(strings)):
            missing.append(m.key)
    assert missing == [], REBUILD + ", then translate"
    assert untranslated(_po(lang), lang) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_po_has_exactly_the_source_strings(extraction, lang):
    assert merge(extraction.messages, _po(lang), lang) == _po(lang), REBUILD


def test_build_check_passes_on_the_committed_tree():
    assert main(["--check"]) == 0


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    checked = 0
    for message in read_catalog(_po(lang), lang):
        if not message.id:
            continue  # the header
        for text in forms(message.string):
            assert sorted(placeholders(text)) in map(sorted, map(placeholders, forms(message.id)))
            checked += 1
    assert checked > 50


def test_indonesian_catalog_is_utf8_with_one_plural_form():
    with catalog_paths("id")[1].open("rb") as f:
        info = gettext.GNUTranslations(f).info()
    assert info["plural-forms"] == "nplurals=1; plural=0;"
    assert info["content-type"] == "text/plain; charset=utf-8"
    tr = translator("id")
    assert [tr.ngettext("{n} day", "{n} days", n) for n in (1, 2)] == ["{n} hari"] * 2


def test_default_localedir_is_the_settings_resource_folder(monkeypatch, tmp_path):
    assert default_localedir() == resource_path("locale")
    assert (default_localedir() / "id" / "LC_MESSAGES" / "posyandu.mo").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert default_localedir() == tmp_path / "resources" / "locale" == resource_path("locale")


def test_the_app_needs_no_babel_to_translate():
    code = textwrap.dedent(
        """
        import sys
        from posyandu_desktop.i18n import _, install
        install("id")
        assert _("Sex not entered") == "Jenis kelamin belum diisi"
        assert not [m for m in sys.modules if m.split(".")[0] == "babel"]
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --- extraction: the rules of style rule 11 -------------------------------------------------


def test_the_package_follows_the_rules(extraction):
    assert extraction.problems == []
    assert len(extraction.messages) > 50


def _messages(source: str) -> list[tuple[str | None, str, str | None]]:
    found = extract_source(textwrap.dedent(source), "m.py")
    assert found.problems == []
    return [(m.context, m.msgid, m.plural) for m in found.messages]


def test_extracts_every_kind_of_call_in_source_order():
    source = """
        TITLES = [N_("Name"), NP_("BB/PB category", "Normal")]
        print(_("Saved {count} children").format(count=3))
        tr.ngettext("{n} child", "{n} children", n)
        ngettext("{n} visit", "{n} visits", n)
        pgettext("month", "May")
        i18n._("Implicit " "concatenation")
        _(TITLES[0])                # marked with N_ where it is defined
        tr.pgettext(*TITLES[1])     # a marked pair
        tr.gettext(label)
    """
    assert _messages(source) == [
        (None, "Name", None),
        ("BB/PB category", "Normal", None),
        (None, "Saved {count} children", None),
        (None, "{n} child", "{n} children"),
        (None, "{n} visit", "{n} visits"),
        ("month", "May", None),
        (None, "Implicit concatenation", None),
    ]


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ('_(f"Hello {name}")', "f-string"),
        ('tr.gettext(f"Hello {name}")', "f-string"),
        ('ngettext(f"{n} child", "{n} children", n)', "f-string"),
        ('_("Hello " + name)', "BinOp"),
        ('_("Hello %s" % name)', "BinOp"),
        ('_("Hello {name}".format(name=name))', "Call"),
        ("N_(name)", "Name"),
        ('NP_(context, "Normal")', "Name"),
        ("N_(*pair)", "literals"),
        ('_("Saved {} children")', "positional placeholder"),
        ('_("Saved {0} children")', "positional placeholder"),
        ('_("Saved {count children")', "broken braces"),
        ('_(message="Hello")', "positional arguments only"),
        ('pgettext("month")', "more arguments"),
    ],
)
def test_refuses_strings_it_cannot_translate(call, why):
    found = extract_source(call, "m.py")
    assert found.messages == []
    assert len(found.problems) == 1
    assert found.problems[0].startswith("m.py:1: ")
    assert why in found.problems[0]


# --- merging and compiling ------------------------------------------------------------------


def _translated(po: bytes, words: dict[str, str]) -> bytes:
    catalog = read_catalog(po, "id")
    for msgid, text in words.items():
        catalog[msgid].string = text
    out = io.BytesIO()
    write_po(out, catalog, include_lineno=False)
    return out.getvalue()


def test_merge_keeps_translations_adds_new_strings_untranslated_and_drops_gone_ones():
    old = _translated(
        merge([Message("Hello"), Message("Gone")], None, "id"),
        {"Hello": "Halo", "Gone": "Hilang"},
    )
    new = merge(
        [
            Message("Hello", locations=[("m.py", 3)]),
            Message("{n} child", "{n} children"),
            Message("Normal", context="BB/PB category"),
        ],
        old,
        "id",
    )
    assert b"nplurals=1; plural=0;" in new
    assert b"Hilang" not in new
    assert untranslated(new, "id") == ["{n} child", "Normal"]
    assert merge([Message("Hello")], new, "id") == merge([Message("Hello")], old, "id")

    tr = gettext.GNUTranslations(io.BytesIO(compile_mo(new, "id")))
    assert tr.gettext("Hello") == "Halo"
    assert tr.gettext("Gone") == "Gone"
    assert tr.ngettext("{n} child", "{n} children", 2) == "{n} children"  # untranslated: English
    assert tr.pgettext("BB/PB category", "Normal") == "Normal"


def test_fuzzy_translations_are_not_compiled():
    po = _translated(merge([Message("Hello")], None, "id"), {"Hello": "Halo"})
    catalog = read_catalog(po, "id")
    catalog["Hello"].flags.add("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog)
    assert untranslated(out.getvalue(), "id") == ["Hello"]
    tr = gettext.GNUTranslations(io.BytesIO(compile_mo(out.getvalue(), "id")))
    assert tr.gettext("Hello") == "Hello"


# --- the UI language at run time ------------------------------------------------------------


def test_indonesian_until_told_otherwise():
    assert current_language() == "id"
    assert _(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[1]


def test_language_switches_while_the_app_runs():
    normal = WeightForLengthHeightCategory.NORMAL
    install("en")
    assert current_language() == "en"
    assert _(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[0]
    assert zproblem_label(ZProblem.SEX_UNKNOWN) == SEX_NOT_ENTERED[0]
    assert category_label(normal) == "Normal"
    assert pgettext("month", "May") == "May"
    assert ngettext("{n} day", "{n} days", 2) == "{n} days"
    install("id_ID")
    assert current_language() == "id"
    assert _(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[1]
    assert category_label(normal) == "Gizi baik"
    assert pgettext("month", "May") == "Mei"
    assert ngettext("{n} day", "{n} days", 2) == "{n} hari"


def test_a_translator_for_another_language_leaves_the_ui_alone():
    install("en")
    assert translator("id").gettext(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[1]
    assert zproblem_label(ZProblem.SEX_UNKNOWN, "id") == SEX_NOT_ENTERED[1]
    assert _(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[0]
    assert translator().gettext(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[0]


@pytest.mark.parametrize("lang", ["fr", "", "xx_YY"])
def test_unknown_languages_speak_english(lang):
    install(lang)
    assert current_language() == "en"
    assert _(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[0]
    assert translator(lang).gettext(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[0]


def test_untranslated_strings_stay_in_english():
    assert _("A string no catalog has") == "A string no catalog has"
    assert ngettext("{n} thing", "{n} things", 1) == "{n} thing"
    assert pgettext("BB/PB category", "Unheard of") == "Unheard of"


def test_a_missing_catalog_means_english_and_a_warning(tmp_path, caplog):
    assert translator("id", tmp_path).gettext(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[0]
    assert "no id catalog" in caplog.text


def test_install_keeps_the_locale_folder_it_is_given(tmp_path):
    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = _translated(merge([Message(SEX_NOT_ENTERED[0])], None, "id"), {SEX_NOT_ENTERED[0]: "X"})
    (folder / "posyandu.mo").write_bytes(compile_mo(po, "id"))
    install("id", tmp_path)
    assert _(SEX_NOT_ENTERED[0]) == "X"
    assert translator("id").gettext(SEX_NOT_ENTERED[0]) == "X"
    install("en")  # the folder is kept
    assert translator("id").gettext(SEX_NOT_ENTERED[0]) == "X"


# --- pseudo-locale for layout tests ---------------------------------------------------------


def test_pseudo_locale_stretches_every_string(monkeypatch):
    monkeypatch.setenv(PSEUDO_LOCALE_ENV, "1")
    install("id")
    indonesian = SEX_NOT_ENTERED[1]
    text = _(SEX_NOT_ENTERED[0])
    assert text.startswith("[" + indonesian) and text.endswith("]")
    assert len(text) >= 1.4 * len(indonesian)
    assert translator("en").gettext("Sex not entered").startswith("[Sex not entered")
    assert pgettext("month", "May").startswith("[Mei")
    assert ngettext("{n} day", "{n} days", 3).format(n=3).startswith("[3 hari")
    assert age_text(400).startswith("[1 tahun")
    # Placeholders survive: a stretched template still formats.
    template = row_problem_label(RowProblem.AGE_NEGATIVE)
    assert "age_days '-3' tidak boleh negatif" in template.format(column="age_days", value="-3")


@pytest.mark.parametrize("value", ["", "0"])
def test_pseudo_locale_off(monkeypatch, value):
    monkeypatch.setenv(PSEUDO_LOCALE_ENV, value)
    install("id")
    assert _(SEX_NOT_ENTERED[0]) == SEX_NOT_ENTERED[1]


@given(st.text())
def test_stretch_lengthens_and_keeps_placeholders(text):
    stretched = stretch(text)
    assert text in stretched
    assert len(stretched) >= 1.4 * len(text)
    if text:
        assert stretched[0] + stretched[-1] == "[]"
    try:
        names = placeholders(text)
    except ValueError:
        return
    assert placeholders(stretched) == names
