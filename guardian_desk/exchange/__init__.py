"""CSV import and export of facilities, guardians, mediators, children and availability.

Import is all or nothing (see importing.py); export writes UTF-8 with a BOM, sorted by key.
The file formats are described in docs/formats.md.
"""

from guardian_desk.exchange.columns import KINDS, columns
from guardian_desk.exchange.exporting import ExportCancelled, export_csv, write_records_csv
from guardian_desk.exchange.importing import import_csv
from guardian_desk.exchange.report import ImportCancelled, ImportFailed, ImportReport, RowError

__all__ = [
    "KINDS",
    "ExportCancelled",
    "ImportCancelled",
    "ImportFailed",
    "ImportReport",
    "RowError",
    "columns",
    "export_csv",
    "import_csv",
    "write_records_csv",
]
