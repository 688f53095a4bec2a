"""The puskesmas recap of one month across its Posyandu, from each Posyandu's report lines.

Each Posyandu's row is the sum of its own roster, so it equals the report that Posyandu printed
(`PosyanduRow.matches_report` checks the totals it carried). The puskesmas total counts a person
registered in two Posyandu once: in S once, weighed (D) if weighed in any, with the KMS letter
and categories of the latest weighing, referred or newly stunted if either Posyandu said so.
Women measured for LILA but without KEK are not in the export, so "pregnant women measured" is
a plain sum.

Who is the same person across Posyandu:
- the NIK, when the record has one;
- else, for a child, the mother's NIK with the birth date and sex, as SATUSEHAT registers a
  newborn under its mother's NIK (nik-ibu). These match only across Posyandu: two records of one
  Posyandu with the same mother, birth date and sex are twins (or triplets), never one child.
  When a Posyandu holds such twins, their records match another Posyandu's only by name as well
  (case and spacing aside), and twins of one name stay unmatched: which is which cannot be told;
- else nobody: the record counts once in its own Posyandu (so does a pregnant woman without a
  NIK, as the nik-ibu rule is for babies).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from types import MappingProxyType

from posyandu_desktop.domain.early_warning import Backtest, RiskReason
from posyandu_desktop.domain.growth.classify import Category
from posyandu_desktop.domain.ilp_report import IlpMonth, add_months
from posyandu_desktop.domain.indicators import (
    MonthlyIndicators,
    RosterChild,
    Skdn,
    SkdnCounts,
    StatusIndex,
    skdn_of,
    status_of,
)
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.domain.quality import QualityFigures
from posyandu_desktop.domain.referral import ReferralReason


@dataclass(frozen=True, slots=True)
class PersonKey:
    """Who a report line is about, across laptops: the record's uid, its NIK if known, its name;
    for a baby without a NIK, the mother's NIK (her record's, else the one written on the
    child's) and the birth date identify it (see the module docstring)."""

    uid: str
    nik: str | None
    name: str
    mother_nik: str | None = None
    birth_date: date | None = None


@dataclass(frozen=True, slots=True)
class RecapChild:
    person: PersonKey
    line: RosterChild


@dataclass(frozen=True, slots=True)
class KekWoman:
    """A pregnant woman with LILA < 23.5 cm this month (indicators.kek_pregnant)."""

    person: PersonKey
    age_years: int
    lila_cm: float


@dataclass(frozen=True, slots=True)
class ReportTotals:
    """The figures the Posyandu's own report printed, carried to cross-check its roster."""

    skdn: SkdnCounts
    status: Mapping[StatusIndex, Mapping[Category, int]]
    new_stunting: int
    referrals: int
    kek: int


@dataclass(frozen=True, slots=True)
class EarlyWarningFigures:
    """A Posyandu's early-warning list at the month's end and how it did over the past months
    (domain/early_warning.py): the cases confirmed, those warned one to three months before,
    the children who left the list without becoming a case, and the list's mean size."""

    at_risk: tuple[tuple[PersonKey, tuple[RiskReason, ...]], ...]
    months: int
    cases: int
    warned: int
    recovered: int
    mean_list_size: float

    @property
    def sensitivity(self) -> float | None:
        return self.warned / self.cases if self.cases else None

    @classmethod
    def of(
        cls, at_risk: Sequence[tuple[PersonKey, tuple[RiskReason, ...]]], backtest: Backtest
    ) -> EarlyWarningFigures:
        """The figures of a month's list and its backtest."""
        return cls(
            at_risk=tuple(at_risk),
            months=len(backtest.months),
            cases=len(backtest.cases),
            warned=len(backtest.warned),
            recovered=len(backtest.recovered),
            mean_list_size=round(backtest.mean_list_size, 2),
        )


@dataclass(frozen=True, slots=True)
class PosyanduMonth:
    """What the recap needs of one Posyandu's month (the export's report/summary.json)."""

    code: str
    name: str
    year: int
    month: int
    children: tuple[RecapChild, ...]
    kek: tuple[KekWoman, ...]
    pregnant_lila_measured: int
    cadres_registered: int
    cadres_active: int
    sessions: int
    attendance: tuple[tuple[date, int], ...]  # (session day, cadres present)
    home_visits: int
    reported: ReportTotals
    kelurahan: str = ""
    puskesmas: str = ""
    quality: QualityFigures | None = None  # of the month's children's measurements, if sent
    early_warning: EarlyWarningFigures | None = None  # None in files made before it existed
    ilp: IlpMonth | None = None  # the ILP page; None from a laptop that had none


def posyandu_month(
    *,
    code: str,
    name: str,
    indicators: MonthlyIndicators,
    roster: Sequence[RosterChild],
    people: Mapping[int, PersonKey],
    kelurahan: str = "",
    puskesmas: str = "",
    quality: QualityFigures | None = None,
    ilp: IlpMonth | None = None,
) -> PosyanduMonth:
    """One Posyandu's month from its report and roster; `people` names every person id in the
    roster and the KEK list (raises ValueError for one it lacks)."""

    def key(person_id: int) -> PersonKey:
        found = people.get(person_id)
        if found is None:
            raise ValueError(f"person {person_id} of the roster is missing from `people`")
        return found

    ind = indicators
    return PosyanduMonth(
        code=code,
        name=name,
        year=ind.skdn.year,
        month=ind.skdn.month,
        children=tuple(RecapChild(key(c.person_id), c) for c in roster),
        kek=tuple(
            KekWoman(key(w.person_id), w.age_years, float(w.value)) for w in ind.kek_pregnant
        ),
        pregnant_lila_measured=ind.pregnant_lila_measured,
        cadres_registered=ind.cadres_registered,
        cadres_active=ind.cadres_active,
        sessions=ind.sessions,
        attendance=ind.attendance_by_session,
        home_visits=ind.home_visits,
        reported=ReportTotals(
            skdn=ind.skdn.total(),
            status=ind.status_counts,
            new_stunting=len(ind.new_stunting),
            referrals=len(ind.referrals),
            kek=len(ind.kek_pregnant),
        ),
        kelurahan=kelurahan,
        puskesmas=puskesmas,
        quality=quality,
        ilp=ilp,
    )


# Results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecapCounts:
    """The recap's numbers for one Posyandu or for the whole puskesmas."""

    skdn: SkdnCounts
    status: Mapping[StatusIndex, Mapping[Category, int]]
    new_stunting: int
    referrals: int  # children with at least one reason
    referral_reasons: Mapping[ReferralReason, int]  # children per reason
    kek: int
    pregnant_lila_measured: int
    cadres_registered: int
    cadres_active: int
    sessions: int
    cadre_attendances: int  # cadres present, summed over the sessions
    home_visits: int

    def status_measured(self, index: StatusIndex) -> int:
        """Children with a category on this index."""
        return sum(self.status[index].values())


@dataclass(frozen=True, slots=True)
class PosyanduRow:
    code: str
    name: str
    kelurahan: str
    counts: RecapCounts
    attendance: tuple[tuple[date, int], ...]
    matches_report: bool  # the roster adds up to the totals the Posyandu's report printed
    quality: QualityFigures | None = None  # as the Posyandu sent it (domain/quality.py)
    early_warning: EarlyWarningFigures | None = None
    ilp: IlpMonth | None = None


class SharedKind(Enum):
    CHILD = "child"
    KEK = "kek"  # a pregnant woman with KEK


class MatchedBy(Enum):
    NIK = "nik"  # the person's own NIK
    MOTHER_NIK = "mother_nik"  # a baby without one: the mother's NIK, birth date and sex


@dataclass(frozen=True, slots=True)
class SharedPerson:
    """One person found in two or more Posyandu this month."""

    nik: str  # the person's NIK, or the mother's where `matched_by` says so
    names: tuple[str, ...]  # as each Posyandu wrote it, without repeats
    posyandu: tuple[str, ...]  # codes
    kind: SharedKind
    matched_by: MatchedBy = MatchedBy.NIK


@dataclass(frozen=True, slots=True)
class ListedChild:
    """A child on the recap's new-stunting or referral list."""

    person: PersonKey
    posyandu: tuple[str, ...]  # codes of the Posyandu where the child was counted
    sex: Sex
    age_months: int
    length_for_age: Category | None  # the PB/U or TB/U category this month
    reasons: tuple[ReferralReason, ...]


@dataclass(frozen=True, slots=True)
class ListedWoman:
    person: PersonKey
    posyandu: tuple[str, ...]
    age_years: int
    lila_cm: float  # the lowest this month where two Posyandu measured her


@dataclass(frozen=True, slots=True)
class Recap:
    year: int
    month: int
    puskesmas: str  # as most Posyandu name it ("" if none does)
    rows: tuple[PosyanduRow, ...]  # by Posyandu code
    total: RecapCounts  # a person in two Posyandu counted once
    skdn: Skdn  # the deduplicated total by sex and age group
    new_stunting: tuple[ListedChild, ...]  # by Posyandu, then name
    referrals: tuple[ListedChild, ...]  # by Posyandu, then name
    kek: tuple[ListedWoman, ...]  # by Posyandu, then name
    shared: tuple[SharedPerson, ...]  # by name
    # The ILP pages added up (a person served in two Posyandu counts in both); None when no
    # Posyandu sent one.
    ilp_total: IlpMonth | None = None

    @property
    def rows_sum(self) -> RecapCounts:
        """The plain sum of the Posyandu rows (people in two Posyandu counted twice)."""
        return _plain_sum([r.counts for r in self.rows])


# Computation --------------------------------------------------------------------------------


def _reasons(lines: Iterable[RosterChild]) -> dict[ReferralReason, int]:
    found = Counter(reason for line in lines for reason in line.referral)
    return {reason: found[reason] for reason in ReferralReason}


def _counts(lines: Sequence[RosterChild], kek: int, months: Sequence[PosyanduMonth]) -> RecapCounts:
    return RecapCounts(
        skdn=sum((line.skdn for line in lines), SkdnCounts()),
        status=status_of(lines),
        new_stunting=sum(1 for line in lines if line.new_stunting),
        referrals=sum(1 for line in lines if line.referral),
        referral_reasons=_reasons(lines),
        kek=kek,
        pregnant_lila_measured=sum(m.pregnant_lila_measured for m in months),
        cadres_registered=sum(m.cadres_registered for m in months),
        cadres_active=sum(m.cadres_active for m in months),
        sessions=sum(m.sessions for m in months),
        cadre_attendances=sum(n for m in months for _, n in m.attendance),
        home_visits=sum(m.home_visits for m in months),
    )


def _plain_sum(rows: Sequence[RecapCounts]) -> RecapCounts:
    def total(field: str) -> int:
        return sum(getattr(r, field) for r in rows)

    return RecapCounts(
        skdn=sum((r.skdn for r in rows), SkdnCounts()),
        status={
            index: {c: sum(r.status[index][c] for r in rows) for c in index.categories}
            for index in StatusIndex
        },
        new_stunting=total("new_stunting"),
        referrals=total("referrals"),
        referral_reasons={
            reason: sum(r.referral_reasons[reason] for r in rows) for reason in ReferralReason
        },
        kek=total("kek"),
        pregnant_lila_measured=total("pregnant_lila_measured"),
        cadres_registered=total("cadres_registered"),
        cadres_active=total("cadres_active"),
        sessions=total("sessions"),
        cadre_attendances=total("cadre_attendances"),
        home_visits=total("home_visits"),
    )


def _matches(counts: RecapCounts, reported: ReportTotals) -> bool:
    status = {index: dict(c) for index, c in counts.status.items()}
    return (
        counts.skdn == reported.skdn
        and status == {index: dict(c) for index, c in reported.status.items()}
        and (counts.new_stunting, counts.referrals, counts.kek)
        == (reported.new_stunting, reported.referrals, reported.kek)
    )


def _row(month: PosyanduMonth) -> PosyanduRow:
    counts = _counts([c.line for c in month.children], len(month.kek), [month])
    return PosyanduRow(
        month.code,
        month.name,
        month.kelurahan,
        counts,
        month.attendance,
        _matches(counts, month.reported),
        month.quality,
        month.early_warning,
        month.ilp,
    )


def _nik(text: str | None) -> str | None:
    nik = (text or "").strip()
    return nik or None


# A person's key across Posyandu: ("nik", NIK), ("mother", NIK, birth date, sex[, name]) for a
# baby, else ("uid", Posyandu code, uid): the record within its own Posyandu.
_Key = tuple[str, ...]


def _key(code: str, person: PersonKey) -> _Key:
    nik = _nik(person.nik)
    return ("nik", nik) if nik is not None else ("uid", code, person.uid)


def _child_key(code: str, child: RecapChild) -> _Key:
    person = child.person
    mother = _nik(person.mother_nik)
    if _nik(person.nik) is None and mother is not None and person.birth_date is not None:
        return ("mother", mother, person.birth_date.isoformat(), child.line.sex.name)
    return _key(code, person)


def _one_per_posyandu(entries: Sequence[tuple[str, object]]) -> bool:
    return len({code for code, _ in entries}) == len(entries)


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _child_groups(months: Sequence[PosyanduMonth]) -> dict[_Key, list[tuple[str, RecapChild]]]:
    """The children of all months, grouped by who they are (see the module docstring)."""
    groups: defaultdict[_Key, list[tuple[str, RecapChild]]] = defaultdict(list)
    for m in months:
        for child in m.children:
            groups[_child_key(m.code, child)].append((m.code, child))
    twins = [
        k for k, entries in groups.items() if k[0] == "mother" and not _one_per_posyandu(entries)
    ]
    for key in twins:
        by_name: defaultdict[str, list[tuple[str, RecapChild]]] = defaultdict(list)
        for code, child in groups.pop(key):
            by_name[_name_key(child.person.name)].append((code, child))
        for name, named in by_name.items():
            if _one_per_posyandu(named):
                groups[(*key, name)] = named
            else:
                for code, child in named:
                    groups[("uid", code, child.person.uid)] = [(code, child)]
    return groups


def _latest_first(lines: Sequence[RosterChild]) -> list[RosterChild]:
    # Stable: lines weighed on the same day (or never) keep the Posyandu order.
    return sorted(lines, key=lambda line: line.weighed_on or date.min, reverse=True)


def _merge(lines: Sequence[RosterChild]) -> tuple[int, RosterChild]:
    """One line for a child counted by several Posyandu (see the module docstring), and which
    of `lines` it mostly comes from (the one with the latest weighing)."""
    if len(lines) == 1:
        return 0, lines[0]
    in_s = [line for line in lines if line.in_s]
    primary = _latest_first(in_s or lines)[0]
    order = [primary, *(line for line in _latest_first(lines) if line is not primary)]
    categories: dict[StatusIndex, Category] = {}
    for line in order:
        for index, category in line.categories.items():
            categories.setdefault(index, category)
    # Every reason any Posyandu found: a referral list must not lose a child.
    reasons = {reason for line in lines for reason in line.referral}
    merged = replace(
        primary,
        k=any(line.k for line in in_s),
        categories=MappingProxyType(categories),
        new_stunting=any(line.new_stunting for line in lines),
        referral=tuple(reason for reason in ReferralReason if reason in reasons),
    )
    return next(i for i, line in enumerate(lines) if line is primary), merged


def _sort_name(person: PersonKey) -> tuple[str, str, str]:
    return person.name.casefold(), person.nik or "", person.uid


def _shared(
    groups: Mapping[_Key, Sequence[tuple[str, PersonKey]]], kind: SharedKind
) -> list[SharedPerson]:
    matched = {"nik": MatchedBy.NIK, "mother": MatchedBy.MOTHER_NIK}
    found = []
    for key, entries in groups.items():
        codes = tuple(dict.fromkeys(code for code, _ in entries))
        if key[0] in matched and len(codes) > 1:
            names = tuple(dict.fromkeys(person.name for _, person in entries))
            found.append(SharedPerson(key[1], names, codes, kind, matched[key[0]]))
    return found


def _period(months: Sequence[PosyanduMonth]) -> tuple[int, int]:
    if not months:
        raise ValueError("no Posyandu month to recap")
    periods = sorted({(m.year, m.month) for m in months})
    if len(periods) > 1:
        named = ", ".join(f"{y:04d}-{m:02d}" for y, m in periods)
        raise ValueError(f"the months differ in period: {named}")
    twice = sorted(code for code, n in Counter(m.code for m in months).items() if n > 1)
    if twice:
        raise ValueError(f"Posyandu given more than once: {', '.join(twice)}")
    return periods[0]


def _codes(entries: Iterable[tuple[str, object]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code, _ in entries))


@dataclass(frozen=True, slots=True)
class _Merged:
    line: RosterChild
    person: PersonKey
    posyandu: tuple[str, ...]


def _merged_children(months: Sequence[PosyanduMonth]) -> tuple[list[_Merged], list[SharedPerson]]:
    groups = _child_groups(months)
    merged = []
    for entries in groups.values():
        primary, line = _merge([c.line for _, c in entries])
        merged.append(_Merged(line, entries[primary][1].person, _codes(entries)))
    people = {k: [(code, c.person) for code, c in v] for k, v in groups.items()}
    return merged, _shared(people, SharedKind.CHILD)


def _merged_women(months: Sequence[PosyanduMonth]) -> tuple[list[ListedWoman], list[SharedPerson]]:
    groups: defaultdict[_Key, list[tuple[str, KekWoman]]] = defaultdict(list)
    for m in months:
        for woman in m.kek:
            groups[_key(m.code, woman.person)].append((m.code, woman))
    found = []
    for entries in groups.values():
        # The summary carries no measurement dates: the lowest LILA is the one to act on.
        lowest = min((w for _, w in entries), key=lambda w: w.lila_cm)
        found.append(ListedWoman(lowest.person, _codes(entries), lowest.age_years, lowest.lila_cm))
    people = {k: [(code, w.person) for code, w in v] for k, v in groups.items()}
    women = sorted(found, key=lambda w: (w.posyandu, *_sort_name(w.person)))
    return women, _shared(people, SharedKind.KEK)


def _listed(children: Iterable[_Merged]) -> tuple[ListedChild, ...]:
    found = [
        ListedChild(
            c.person,
            c.posyandu,
            c.line.sex,
            c.line.age_months,
            c.line.categories.get(StatusIndex.LENGTH_HEIGHT_FOR_AGE),
            c.line.referral,
        )
        for c in children
    ]
    # By Posyandu, so the puskesmas can hand each Posyandu its part of the list.
    return tuple(sorted(found, key=lambda c: (c.posyandu, *_sort_name(c.person))))


def recap(months: Sequence[PosyanduMonth]) -> Recap:
    """The recap of one month: one `PosyanduMonth` per Posyandu (the caller picks the latest
    revision). Raises ValueError for no months, mixed periods or a Posyandu code twice."""
    year, month = _period(months)
    ordered = sorted(months, key=lambda m: m.code)
    children, shared_children = _merged_children(ordered)
    women, shared_women = _merged_women(ordered)
    lines = [c.line for c in children]
    shared = sorted(
        shared_children + shared_women,
        key=lambda s: (s.names[0].casefold(), s.nik, s.kind.value, s.matched_by.value),
    )
    puskesmas = Counter(m.puskesmas for m in ordered if m.puskesmas).most_common(1)
    return Recap(
        year=year,
        month=month,
        puskesmas=puskesmas[0][0] if puskesmas else "",
        rows=tuple(_row(m) for m in ordered),
        total=_counts(lines, len(women), ordered),
        skdn=skdn_of(year, month, lines),
        new_stunting=_listed(c for c in children if c.line.new_stunting),
        referrals=_listed(c for c in children if c.line.referral),
        kek=tuple(women),
        shared=tuple(shared),
        ilp_total=add_months(pages) if (pages := [m.ilp for m in ordered if m.ilp]) else None,
    )
