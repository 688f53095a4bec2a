"""A cadre's basic skills and the stratum they give (docs/sources/cadre-competence.md): every
skill with its latest assessment; the coordinator records a new assessment (passed or not, date,
assessor) for the chosen skill."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posyandu_desktop.i18n import _, vocabulary_label
from posyandu_desktop.services import CadreRecord, cadre_competence, record_skill_assessment
from posyandu_desktop.services.cadres import CadreCompetence, competence_framework
from posyandu_desktop.ui.cadres.skills_table_model import (
    SkillColumn,
    SkillRow,
    SkillsTableModel,
    localised,
)
from posyandu_desktop.ui.context import UiSession
from posyandu_desktop.ui.people.words import issue_text
from posyandu_desktop.ui.widgets.date_field import DateField


def skill_rows(found: CadreCompetence) -> tuple[SkillRow, ...]:
    """One row per skill of the framework with the cadre's latest assessment of it."""
    latest = {a.skill: a for a in found.assessments}  # oldest first: the last one stays
    rows = []
    for group in competence_framework().groups:
        group_title = localised(group.title_id, group.title_en)
        for skill in group.skills:
            a = latest.get(skill.code)
            rows.append(
                SkillRow(
                    skill.code,
                    group_title,
                    localised(skill.title_id, skill.title_en),
                    None if a is None else a.passed,
                    None if a is None else a.assessed_on,
                    "" if a is None else a.assessor,
                )
            )
    return tuple(rows)


class SkillsDialog(QDialog):
    """Opened from a cadre's profile; changes are saved one assessment at a time."""

    def __init__(self, session: UiSession, cadre: CadreRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.cadre = session, cadre
        self.setWindowTitle(_("Skills of {name}").format(name=cadre.name))
        self.resize(980, 620)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("QLabel { font-weight: bold; }")
        self.model = SkillsTableModel(parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SkillColumn.SKILL, QHeaderView.ResizeMode.Stretch)

        today = session.today()
        self.assessor = QLineEdit()
        self.assessor.setPlaceholderText(_("Assessor, e.g. Bidan Sari (Puskesmas)"))
        self.assessed_on = DateField(today, latest=today)
        self.passed_button = QPushButton(_("Passed"))
        self.passed_button.setProperty("primary", True)
        self.failed_button = QPushButton(_("Not yet passed"))
        self.passed_button.clicked.connect(lambda: self.assess(True))
        self.failed_button.clicked.connect(lambda: self.assess(False))
        self.problems = QLabel()
        self.problems.setStyleSheet("QLabel { color: #8b0000; font-weight: bold; }")
        self.assessing = QWidget()
        row = QHBoxLayout(self.assessing)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Chosen skill:")))
        row.addWidget(self.assessor, 2)
        row.addWidget(self.assessed_on)
        row.addWidget(self.passed_button)
        row.addWidget(self.failed_button)
        self.assessing.setVisible(session.is_coordinator)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.assessing)
        layout.addWidget(self.problems)
        layout.addWidget(close)
        self.show_competence(cadre_competence(session.db, cadre_id=cadre.id))
        self.view.selectRow(0)

    def show_competence(self, found: CadreCompetence) -> None:
        chosen = self.view.currentIndex().row()
        self.model.set_rows(skill_rows(found))
        total = len(self.model.records())
        stratum = _("below Purwa") if found.stratum is None else vocabulary_label(found.stratum)
        self.summary.setText(
            _(
                "Stratum from the assessed skills: {stratum}. Skills passed: {done} of {total}."
            ).format(stratum=stratum, done=len(found.mastered), total=total)
        )
        if chosen >= 0:
            self.view.selectRow(chosen)

    def assess(self, passed: bool) -> None:
        """Save an assessment of the chosen skill (coordinator only)."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.session.is_coordinator:
            return
        outcome = record_skill_assessment(
            self.session.db,
            cadre_id=self.cadre.id,
            skill=self.model.record(index.row()).code,
            passed=passed,
            assessed_on=self.assessed_on.value(),
            assessor=self.assessor.text(),
            by_cadre_id=self.session.cadre_id,
            today=self.session.today(),
        )
        if not outcome.ok or outcome.value is None:
            self.problems.setText("\n".join(issue_text(i) for i in outcome.problems))
            return
        self.problems.setText("")
        self.show_competence(outcome.value)
        self.view.selectRow(min(index.row() + 1, self.model.rowCount() - 1))
