"""Words for the UI and the PDFs, from gettext catalogs under `resources/locale` (stdlib only at
run time; no Qt, no SQL).

Write English source strings with named placeholders, `_("Saved {count} children").format(
count=n)`, never an f-string inside `_()`; mark strings of import-time tables with `N_()` (or
`NP_()` with a context) and translate them where they are shown. `install(lang, localedir)` sets
the UI language (default Indonesian); `translator(lang)` gives words in any language, e.g. for a
PDF. `words.words(member)` names any enum member (one registry, `words.register`; the
`*_words` modules register the domain's codes, one module per concept); `formats` writes dates,
numbers and ages and reads typed ones.
After changing strings run `python -m posyandu_desktop.i18n.build_catalogs`.
"""

# These modules register their enums' words on import, so `words.words` knows every enum.
from posyandu_desktop.i18n import (  # noqa: F401
    early_warning_words,
    ilp_words,
    importing_words,
    life_words,
    measurement_words,
    quality_words,
    recap_words,
)
from posyandu_desktop.i18n.catalog import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    NP_,
    PSEUDO_LOCALE_ENV,
    Translator,
    _,
    current_language,
    default_localedir,
    install,
    language_code,
    ngettext,
    pgettext,
    translator,
)
from posyandu_desktop.i18n.formats import (
    age_text,
    age_text_months,
    age_text_on,
    decimal_mark,
    format_date,
    format_date_short,
    format_decimal,
    format_month,
    format_quantity,
    format_rt_rw,
    format_time,
    format_weight,
    month_name,
    parse_date,
    parse_decimal,
    weekday_name,
)
from posyandu_desktop.i18n.growth_words import (
    category_label,
    indicator_label,
    lila_group_label,
    lila_label,
    row_problem_label,
    zproblem_label,
)
from posyandu_desktop.i18n.vocabulary_words import (
    capsule_label,
    life_stage_label,
    problem_label,
    startup_problem_label,
    vocabulary_label,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "NP_",
    "N_",
    "PSEUDO_LOCALE_ENV",
    "Translator",
    "_",
    "age_text",
    "age_text_months",
    "age_text_on",
    "capsule_label",
    "category_label",
    "current_language",
    "decimal_mark",
    "default_localedir",
    "format_date",
    "format_date_short",
    "format_decimal",
    "format_month",
    "format_quantity",
    "format_rt_rw",
    "format_time",
    "format_weight",
    "indicator_label",
    "install",
    "language_code",
    "life_stage_label",
    "lila_group_label",
    "lila_label",
    "month_name",
    "ngettext",
    "parse_date",
    "parse_decimal",
    "pgettext",
    "problem_label",
    "row_problem_label",
    "startup_problem_label",
    "translator",
    "vocabulary_label",
    "weekday_name",
    "zproblem_label",
]
