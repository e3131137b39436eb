"""Detail forms: create, view, edit and deactivate a child, a guardian, a mediator, a facility."""

from ui.forms.record_dialog import RecordDialog

__all__ = ["RecordDialog"]
