"""What the Puskesmas screens say about a checked file: verdict, key, Posyandu, month, and every
finding in plain words (the findings' own words come from exchange.words)."""

from __future__ import annotations

from html import escape

from posyandu_desktop.domain.growth.classify import Severity
from posyandu_desktop.exchange.words import finding_text
from posyandu_desktop.i18n import _, format_date, format_month
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.puskesmas import FileReport, Finding

NO_VALUE = "\u2014"  # an em dash: nothing to show (an unreadable file has no Posyandu)


def verdict_text(report: FileReport) -> str:
    """ "Sah" or "Ditolak" (and whether there is a note to read)."""
    if not report.ok:
        return _("Rejected")
    return _("Valid, see the note") if report.findings else _("Valid")


def verdict_severity(report: FileReport) -> Severity:
    """Green for a file that may be merged, red for one that may not."""
    return Severity.NORMAL if report.ok else Severity.SEVERE


def key_text(report: FileReport) -> str:
    """The signing key in one or two words ("terdaftar", "tidak dikenal")."""
    return words(report.key_status, "short")


def posyandu_text(report: FileReport) -> str:
    """Posyandu Melati (6474-MEL-01)."""
    m = report.manifest
    if m is None:
        return NO_VALUE
    return _("{name} ({code})").format(name=m.posyandu.name, code=m.posyandu.code)


def month_text(report: FileReport) -> str:
    """Oktober 2026."""
    m = report.manifest
    return NO_VALUE if m is None else format_month(m.period.year, m.period.month)


def revision_text(report: FileReport) -> str:
    m = report.manifest
    return NO_VALUE if m is None else str(m.revision)


def findings(report: FileReport) -> list[tuple[bool, str]]:
    """(fatal, words) for every finding, the reasons for a rejection first."""
    found = [(finding.fatal, finding_text(finding, detail)) for finding, detail in report.findings]
    return sorted(found, key=lambda item: not item[0])


def rejection_reason(report: FileReport) -> str:
    """Why a rejected file was left out, in one line."""
    return "; ".join(text for fatal, text in findings(report) if fatal)


def advice(report: FileReport) -> str:
    """What to do about a rejected file ("" for a valid one)."""
    if report.ok:
        return ""
    fatal = {finding for finding, _detail in report.findings if finding.fatal}
    if fatal == {Finding.KEY_UNKNOWN}:
        return _(
            "If this file comes from the Posyandu's own laptop, register its key: press the"
            " button below and compare the fingerprint with the one in the Posyandu's Settings"
            " screen."
        )
    if Finding.KEY_OTHER_POSYANDU in fatal:
        return _(
            "The key belongs to another Posyandu. Ask the Posyandu which laptop made this file."
        )
    if fatal == {Finding.SUPERSEDED}:
        return _("A newer revision of this month was received: this file is not needed.")
    return _(
        "Ask the Posyandu to copy this month's file from its laptop onto the USB stick again"
        " (Monthly export screen)."
    )


def details_html(report: FileReport) -> str:
    """Everything about one file for the detail panel: who sent it, the verdict, every finding."""
    m = report.manifest
    parts = [f"<h3>{escape(report.path.name)}</h3>"]
    if m is not None:
        place = ", ".join(p for p in (m.posyandu.kelurahan, m.posyandu.kecamatan) if p)
        parts.append(f"<p><b>{escape(posyandu_text(report))}</b>")
        if place:
            parts.append(f"<br>{escape(place)}")
        parts.append("</p>")
        made = _("{month}, revision {revision}, made on {date}").format(
            month=month_text(report),
            revision=m.revision,
            date=format_date(m.created_at.astimezone().date()),
        )
        parts.append(f"<p>{escape(made)}</p>")
    colour = "#2e7d32" if report.ok else "#c62828"
    if report.ok:
        verdict = _(
            "Valid: signed by the Posyandu's registered key and complete. It can be merged."
        )
    else:
        verdict = _("Rejected: this file will not be merged.")
    parts.append(f'<p style="color:{colour}"><b>{escape(verdict)}</b></p>')
    listed = findings(report)
    if listed:
        parts.append(f"<p>{escape(_('What the check found:'))}</p><ul>")
        for fatal, text in listed:
            mark = "\u2716 " if fatal else ""  # a cross on the reasons for a rejection
            parts.append(f"<li>{mark}{escape(text)}</li>")
        parts.append("</ul>")
    if not report.ok:
        parts.append(f"<p><b>{escape(_('What to do:'))}</b> {escape(advice(report))}</p>")
    if m is not None:
        # On a line of its own, so the eight groups are never split when compared.
        label = escape(_("Key fingerprint:"))
        parts.append(f"<p>{label}<br><tt>{escape(m.fingerprint)}</tt></p>")
    parts.append(f'<p style="color:#546e7a">{escape(str(report.path))}</p>')
    return "".join(parts)
