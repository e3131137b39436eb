"""Calendar export (.ics, RFC 5545) of visits and bookings: docs/calendars.md.

Services (take a Session, only read):
    export_calendar(session, "guardian" | "mediator" | "facility", code_or_id, ...)
    export_all_calendars(session, folder, ..., progress=, cancel=)
    calendar_visits(session, owner=, starting_from=, reveal_identity=)
The pure part (no database): calendar_ics(visits, options, name=) -> bytes.
"""

from guardian_desk.calendars.events import EventWriter, calendar_ics, description, summary
from guardian_desk.calendars.export import (
    CalendarExportCancelled,
    CalendarFile,
    FolderExport,
    export_all_calendars,
    export_calendar,
    export_options,
    write_calendar_file,
)
from guardian_desk.calendars.reading import calendar_visits, find_owner, list_owners
from guardian_desk.calendars.records import (
    CalendarOptions,
    CalendarOwner,
    CalendarOwnerRef,
    CalendarPerson,
    CalendarPlace,
    CalendarVisit,
    initials,
)
from guardian_desk.calendars.timezones import build_timezone

__all__ = [
    "CalendarExportCancelled",
    "CalendarFile",
    "CalendarOptions",
    "CalendarOwner",
    "CalendarOwnerRef",
    "CalendarPerson",
    "CalendarPlace",
    "CalendarVisit",
    "EventWriter",
    "FolderExport",
    "build_timezone",
    "calendar_ics",
    "calendar_visits",
    "description",
    "export_all_calendars",
    "export_calendar",
    "export_options",
    "find_owner",
    "initials",
    "list_owners",
    "summary",
    "write_calendar_file",
]
