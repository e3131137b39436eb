"""Field texts for the conflict dialog and field names for the history, in the form's words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from guardian_desk.domain.parsing import format_date, format_windows
from guardian_desk.domain.records import AbsencePeriod, ChildData, FacilityData, StaffData
from guardian_desk.exchange.exporting import child_row, facility_row, staff_row
from guardian_desk.services.details import RecordDetail
from ui.forms.base import RecordForm

# Audit rows name the dataclasses' fields; where these differ from the form's field names:
_AUDIT_NAMES = {
    "facility_code": "facility",
    "sibling_case_numbers": "siblings",
    "hours": "visiting_hours",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordDialog", text)


def history_labels(form_labels: dict[str, str]) -> dict[str, str]:
    labels = dict(form_labels)
    labels |= {audit: form_labels[form] for audit, form in _AUDIT_NAMES.items() if form in labels}
    labels |= {
        "slots": tr("Weekly availability"),
        "absences": tr("Absences"),
        "reason": tr("Reason"),
        "sibling": tr("Sibling"),
        "active": tr("Active"),
        "status": labels.get("status", tr("Status")),
    }
    return labels


def absences_text(absences: list[AbsencePeriod]) -> str:
    return "; ".join(
        f"{format_date(a.starts_on)}..{format_date(a.ends_on)} {a.reason}".strip() for a in absences
    )


def detail_texts(detail: RecordDetail) -> dict[str, str]:
    """A stored record as field texts, the way the form would show it."""
    data = detail.data
    if isinstance(data, ChildData):
        return child_row(data)
    if isinstance(data, FacilityData):
        return facility_row(data)
    assert isinstance(data, StaffData)
    return staff_row(data) | {
        "slots": format_windows(detail.slots),
        "absences": absences_text(detail.absences),
    }


def conflict_texts(
    form: RecordForm, theirs: RecordDetail
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(labels, my field texts, the stored record's) over the fields the form shows."""
    mine = form.raw()
    slots, absences = form.availability()
    if slots is not None:
        mine["slots"] = format_windows(slots)
    if absences is not None:
        mine["absences"] = absences_text(absences)
    stored = detail_texts(theirs)
    labels = {
        name: label
        for name, label in history_labels(form.labels).items()
        if name in mine and name not in ("absent_from", "absent_to")
    }
    return (
        labels,
        {name: mine[name] for name in labels},
        {name: stored.get(name, "") for name in labels},
    )
