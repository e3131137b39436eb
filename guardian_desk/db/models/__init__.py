"""Every mapped table, importable from one place (Alembic's autogenerate reads Base.metadata)."""

from guardian_desk.db.base import Base
from guardian_desk.db.models.accounts import Account
from guardian_desk.db.models.audit import AuditEvent
from guardian_desk.db.models.casework import Assignment, Visit
from guardian_desk.db.models.children import AccompanyingAdult, Child, ChildLanguage, ChildSibling
from guardian_desk.db.models.documents import IssuedDocument
from guardian_desk.db.models.facilities import Facility, FacilityHours
from guardian_desk.db.models.settings import OfficeSettings, OfficeText
from guardian_desk.db.models.staff import (
    Absence,
    AvailabilitySlot,
    Guardian,
    GuardianLanguage,
    Mediator,
    MediatorLanguage,
)

__all__ = [
    "Absence",
    "AccompanyingAdult",
    "Account",
    "Assignment",
    "AuditEvent",
    "AvailabilitySlot",
    "Base",
    "Child",
    "ChildLanguage",
    "ChildSibling",
    "Facility",
    "FacilityHours",
    "Guardian",
    "GuardianLanguage",
    "IssuedDocument",
    "Mediator",
    "MediatorLanguage",
    "OfficeSettings",
    "OfficeText",
    "Visit",
]
