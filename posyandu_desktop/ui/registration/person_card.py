"""The person's card beside the search results: who they are and what they need today."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from posyandu_desktop.domain.life_stage import VitaminACapsule
from posyandu_desktop.i18n import (
    _,
    age_text,
    capsule_label,
    format_date,
    format_date_short,
    format_rt_rw,
    format_weight,
    life_stage_label,
)
from posyandu_desktop.i18n.words import words
from posyandu_desktop.services.people import PersonNeeds

# The capsule's own colour, with its name written on it (colour is not the only signal).
_CAPSULE_STYLE = {
    VitaminACapsule.BLUE: "background: #1565c0; color: white;",
    VitaminACapsule.RED: "background: #c62828; color: white;",
}
_NEED_STYLE = "background: #fff3cd; color: #5c4400;"
_DONE_STYLE = "background: #e8f5e9; color: #1b5e20;"
_ITEM = "QLabel {{ {colours} padding: 4px 8px; border-radius: 4px; }}"


def _item(text: str, colours: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(_ITEM.format(colours=colours))
    return label


class PersonCard(QGroupBox):
    """Name, age, mother, address, last weighing, and today's needs as coloured lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Person"), parent)
        self.name = QLabel()
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.needs_title = QLabel(_("Today:"))
        self.needs_title.setStyleSheet("font-weight: bold;")
        self.needs_box = QVBoxLayout()
        self.needs_box.setSpacing(4)
        self.empty = QLabel(_("Type a name, NIK, mother's name or RT/RW to find someone."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #455a64;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.name)
        layout.addWidget(self.details)
        layout.addWidget(self.needs_title)
        layout.addLayout(self.needs_box)
        layout.addStretch(1)
        self.needs_lines: list[QLabel] = []
        self.show_needs(None)

    def show_needs(self, needs: PersonNeeds | None) -> None:
        """Show one person's card (None: the hint to search)."""
        for label in self.needs_lines:
            self.needs_box.removeWidget(label)
            label.hide()  # deleteLater waits for the event loop: hide it now
            label.deleteLater()
        self.needs_lines = []
        self.empty.setVisible(needs is None)
        for widget in (self.name, self.details, self.needs_title):
            widget.setVisible(needs is not None)
        if needs is None:
            return
        person = needs.person
        self.name.setText(person.name)
        sex = words(person.sex)
        lines = [
            _("{sex} · {age} · {stage}").format(
                sex=sex, age=age_text(needs.age_days), stage=life_stage_label(needs.life_stage)
            ),
            _("Born {date}").format(date=format_date_short(person.birth_date)),
        ]
        if person.mother_name:
            lines.append(_("Mother: {name}").format(name=person.mother_name))
        if person.address or person.rt or person.rw:
            lines.append(
                _("Address: {address} RT/RW {rt_rw}").format(
                    address=person.address or "", rt_rw=format_rt_rw(person.rt, person.rw) or "-"
                )
            )
        if person.nik:
            lines.append(_("NIK: {nik}").format(nik=person.nik))
        last = needs.last_weighing
        if last is None:
            lines.append(_("Never weighed here"))
        else:
            status = f" ({last.growth_status})" if last.growth_status else ""
            lines.append(
                _("Last weighed {date}: {weight} kg{status}").format(
                    date=format_date(last.on), weight=format_weight(last.weight_kg), status=status
                )
            )
        self.details.setText("\n".join(lines))
        for label in self._need_lines(needs):
            self.needs_box.addWidget(label)
            label.show()  # a widget added to a shown parent stays hidden until shown
            self.needs_lines.append(label)

    def _need_lines(self, needs: PersonNeeds) -> list[QLabel]:
        lines = []
        if needs.arrival is not None:
            lines.append(
                _item(
                    _("Already registered today: queue number {number}").format(
                        number=needs.arrival.queue_number
                    ),
                    _DONE_STYLE,
                )
            )
        if needs.weighed_this_month and needs.last_weighing is not None:
            lines.append(
                _item(
                    _("✓ Weighed this month ({date})").format(
                        date=format_date(needs.last_weighing.on)
                    ),
                    _DONE_STYLE,
                )
            )
        else:
            lines.append(_item(_("Weigh: not yet weighed this month"), _NEED_STYLE))
        if needs.vitamin_a_due is not None:
            lines.append(
                _item(
                    _("Vitamin A: {capsule}").format(capsule=capsule_label(needs.vitamin_a_due)),
                    _CAPSULE_STYLE[needs.vitamin_a_due],
                )
            )
        elif needs.vitamin_a_given_this_month:
            lines.append(_item(_("✓ Vitamin A given this month"), _DONE_STYLE))
        if needs.check_immunisation:
            if needs.immunisations:
                latest = needs.immunisations[0]
                text = _("Immunisation: check the Buku KIA (last noted: {what}, {date})").format(
                    what=latest.detail or "-", date=format_date(latest.given_on)
                )
            else:
                text = _("Immunisation: check the schedule in the Buku KIA")
            lines.append(_item(text, _NEED_STYLE))
        return lines

    def need_texts(self) -> list[str]:
        """The lines under "Today:" (what tests read)."""
        return [label.text() for label in self.needs_lines]
