"""A registry's rows as plain data, and the search-and-filter rule the tables apply.

Kept apart from the queries that fill it (services.listing) so the window can filter rows
without loading the database layer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from guardian_desk.domain.text import fold

PAGE_ROWS = 100  # a registry window's rows read at a time (a screen shows about 30)


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str
    numeric: bool = False  # sorted as a number, aligned right


@dataclass
class Listing:
    kind: str
    columns: list[ListColumn]
    ids: list[int] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    # Per row: status, sex, facility id and the set of language codes (what the filters use).
    facets: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self, row_id: int, values: tuple[Any, ...], search: str, facets: dict[str, Any]
    ) -> None:
        self.ids.append(row_id)
        self.rows.append(values)
        self.search.append(search)
        self.facets.append(facets)


_STAFF_COLUMNS = [
    ListColumn("code", "Code"),
    ListColumn("name", "Name"),
    ListColumn("sex", "Sex"),
    ListColumn("languages", "Languages"),
    ListColumn("municipality", "Municipality"),
    ListColumn("phone", "Phone"),
    ListColumn("caseload", "Caseload", numeric=True),
    ListColumn("vetting", "Vetting expires"),
    ListColumn("state", "State"),
]
COLUMNS: dict[str, list[ListColumn]] = {
    "children": [
        ListColumn("case_number", "Case number"),
        ListColumn("name", "Name"),
        ListColumn("original", "Name in own script"),
        ListColumn("sex", "Sex"),
        ListColumn("age", "Age", numeric=True),
        ListColumn("nationality", "Nationality"),
        ListColumn("languages", "Languages"),
        ListColumn("facility", "Facility"),
        ListColumn("status", "Status"),
        ListColumn("guardian", "Guardian"),
        ListColumn("identified_on", "Identified"),
    ],
    "guardians": _STAFF_COLUMNS,
    "mediators": [
        *_STAFF_COLUMNS[:4],
        ListColumn("organisation", "Organisation"),
        *_STAFF_COLUMNS[4:],
    ],
    "facilities": [
        ListColumn("code", "Code"),
        ListColumn("name", "Name"),
        ListColumn("municipality", "Municipality"),
        ListColumn("address", "Address"),
        ListColumn("hours", "Visiting hours"),
        ListColumn("children", "Children", numeric=True),
        ListColumn("state", "State"),
    ],
    "visits": [
        ListColumn("when", "When"),
        ListColumn("child", "Child"),
        ListColumn("guardian", "Guardian"),
        ListColumn("mediator", "Mediator"),
        ListColumn("place", "Place"),
        ListColumn("status", "Status"),
    ],
}


def list_columns(kind: str) -> list[ListColumn]:
    """A registry's columns, in the order shown (the window knows them before any row)."""
    return list(COLUMNS[kind])


def filter_rows(
    listing: Listing,
    query: str,
    *,
    status: str | Collection[str] | None = None,
    sex: str | None = None,
    facility: int | None = None,
    language: str | None = None,
) -> list[bool]:
    """Which rows a search and the filters keep; the same rule as services.search.
    ``status``: one status or several (a row with any of them is kept).

    Runs on every keystroke over up to 20,000 rows, so each condition is one list pass
    (a few milliseconds) rather than one Python call per row and condition.
    """
    kept = [True] * len(listing.ids)
    for word in fold(query).split():
        kept = [k and word in blob for k, blob in zip(kept, listing.search, strict=True)]
    if status is not None and not isinstance(status, str):
        statuses = frozenset(status)
        kept = [k and f["status"] in statuses for k, f in zip(kept, listing.facets, strict=True)]
        status = None
    for key, wanted in (("status", status), ("sex", sex), ("facility", facility)):
        if wanted is not None:
            kept = [k and f[key] == wanted for k, f in zip(kept, listing.facets, strict=True)]
    if language is not None:
        kept = [k and language in f["languages"] for k, f in zip(kept, listing.facets, strict=True)]
    return kept
