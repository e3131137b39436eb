"""Age in the child's record: "about N years" sets an estimated date of birth, a date shows its
age, and the Age tab records and lists assessments (setting the date when asked)."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Child
from guardian_desk.services import age, children
from tests.core import factories
from tests.ui.forms.conftest import OpenDialog
from ui.forms.age_widgets import AgeAssessmentsTab
from ui.forms.child_form import ChildForm


def test_an_age_sets_an_estimated_birth_date(open_dialog: OpenDialog) -> None:
    dialog = open_dialog("children")
    form = dialog.form
    assert isinstance(form, ChildForm)
    form.estimated_age.setValue(15)
    expected = age.estimated_birth_date(15, date.today())
    assert form.date_of_birth.text() == expected.isoformat()
    assert form.dob_estimated.isChecked()
    form.date_of_birth.set_text(age.years_before(date.today(), 12).isoformat())
    assert form.estimated_age.value() == 12
    form.date_of_birth.set_text("")
    assert form.estimated_age.text() == "—"


def test_the_age_tab_records_an_assessment(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    with session_scope(factory) as s:
        child_id = children.create_child(s, factories.child(date_of_birth=None)).id
    dialog = open_dialog("children", child_id)
    tab = dialog.findChild(AgeAssessmentsTab, "age_tab")
    assert isinstance(tab, AgeAssessmentsTab)
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=10_000)
    tab.add()
    assessment = tab.dialog
    assert assessment is not None
    assessment.assessed_on.set_text("2026-11-20")
    assessment.method.setCurrentIndex(assessment.method.findData("medical"))
    assessment.age_min.setValue(16)
    assessment.age_max.setValue(17)
    assessment.assessed_by.setText("Dr. Basha")
    assessment.set_birth_date.setChecked(True)
    assessment.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.index(0, 2).data() == "16 to 17 years"
    assert tab.model.index(0, 1).data() == "medical examination"
    with session_scope(factory) as s:
        child = s.get(Child, child_id)
        assert child is not None and child.date_of_birth == date(2010, 11, 20)
    # The record follows the change made from its Age tab.
    form = dialog.form
    assert isinstance(form, ChildForm)
    qtbot.waitUntil(lambda: form.date_of_birth.text() == "2010-11-20", timeout=10_000)
    assert form.dob_estimated.isChecked()


def test_a_bad_assessment_is_refused_in_the_dialog(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    with session_scope(factory) as s:
        child_id = children.create_child(s, factories.child()).id
    dialog = open_dialog("children", child_id)
    tab = dialog.findChild(AgeAssessmentsTab, "age_tab")
    assert isinstance(tab, AgeAssessmentsTab)
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=10_000)
    tab.add()
    assessment = tab.dialog
    assert assessment is not None
    assessment.assessed_on.set_text("2199-01-01")
    assessment.save()
    qtbot.waitUntil(lambda: bool(assessment.message.text()), timeout=10_000)
    assert "Date “2199-01-01” is in the future" in assessment.message.text()
    assert assessment.isVisible()
    assessment.reject()
