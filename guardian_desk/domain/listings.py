"""A registry's rows as plain data, and the search-and-filter rule the tables apply.

Kept apart from the queries that fill it (services.listing) so the window can filter rows
without loading the database layer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from guardian_desk.domain.text import fold


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
    # Set when these rows are only the first ones (``listing(first=…)``): how many there are.
    total: int | None = None

    def add(
        self, row_id: int, values: tuple[Any, ...], search: str, facets: dict[str, Any]
    ) -> None:
        self.ids.append(row_id)
        self.rows.append(values)
        self.search.append(search)
        self.facets.append(facets)


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
