"""Errors that carry a message an officer can act on."""

from __future__ import annotations


class GuardianDeskError(Exception):
    """Base of every error the core raises on purpose."""


class ValidationError(GuardianDeskError):
    """A value given for a field is not acceptable; names the field and the value."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {value!r} {reason}")


class ValidationErrors(GuardianDeskError):
    """Several fields of one record are wrong at once."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


class NotFoundError(GuardianDeskError):
    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        super().__init__(f"{entity} {key!r} does not exist")


class ConflictError(GuardianDeskError):
    """Someone else saved the record since this copy was read; nothing was written."""

    def __init__(
        self, entity: str, key: object, expected: int, current_version: int | None
    ) -> None:
        self.entity = entity
        self.key = key
        self.expected_version = expected
        self.current_version = current_version  # None: it changed while being saved
        stored = f"version {current_version}" if current_version is not None else "newer"
        super().__init__(
            f"{entity} {key} was changed by someone else since you opened it "
            f"(your copy is version {expected}, the stored one is {stored}); "
            "reload it and apply your changes again"
        )


class RuleViolation(GuardianDeskError):
    """A business rule (caseload cap, one active guardian, ...) forbids the action."""


class DatabaseRefused(GuardianDeskError):
    """The database cannot be opened safely; it has been left untouched."""


class DatabaseBusy(GuardianDeskError):
    """Another officer's (or program's) change held the database longer than we wait."""

    def __init__(self, where: str, waited: float, holders: list[str]) -> None:
        self.where = where
        self.waited = waited
        self.holders = holders
        held_by = "; ".join(holders) if holders else "another program or officer"
        super().__init__(
            f"The database {where} is busy: a change by {held_by} has held it for more than "
            f"{waited:g} s. Nothing was saved. Try again in a moment; if it stays busy, close "
            "the program named, or wait longer with GUARDIAN_DESK_LOCK_TIMEOUT (seconds)."
        )


class PermissionDenied(GuardianDeskError):
    """The signed-in account's role does not allow this; the message names the role needed."""
