"""The coordinator's figures as they leave the app: small counts suppressed, tables, CSV.

Suppression (docs/protection.md, "Figures for the national coordinator"): a count from 1 to 4
is shown as "<5", everywhere a figure is shown or written (the dashboard, the CSV, the PDF):
``shown`` is the one function that decides it, and ``cells`` (which uses it) is what every
output draws from. 0 stays 0.

Differencing: most tables split a total that is shown too (children by sex add up to the
children identified). With exactly one part suppressed, the total minus the other parts would
give it back; so ``cells`` then also hides the smallest other non-zero part (secondary
suppression), shown as "*". With two or more suppressed parts only their sum can be worked out.
Nothing is done across tables (no table crosses two breakdowns, e.g. sex by nationality).

Charts draw ``Cell.bar``: None for a hidden count (no bar, the label "<5" or "*"); their value
axes step by 5 or more so that no tick reads 1 to 4.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from guardian_desk.domain.enums import Sex
from guardian_desk.domain.languages import country_name, language_name
from guardian_desk.i18n import N_, _, current_language, pgettext
from guardian_desk.i18n.formats import number_text
from guardian_desk.protection import words
from guardian_desk.protection.figures import AGE_BAND_KEYS, UNKNOWN_AGE, Figures

THRESHOLD = 5  # counts from 1 to THRESHOLD - 1 are suppressed
SMALL = "<5"
HIDDEN = "*"  # a larger count hidden so that a suppressed one cannot be worked out
CHART_ROWS = 12  # the longest breakdowns (nationality, languages) chart their first rows

SEX_NAMES = {
    Sex.FEMALE.value: N_("Female"),
    Sex.MALE.value: N_("Male"),
    Sex.OTHER.value: N_("Other"),
    Sex.UNKNOWN.value: N_("Unknown"),
}
GUARDIAN_NAMES = {
    # TRANSLATORS: children whose guardian was appointed within the legal deadline.
    "within": N_("Appointed within the deadline"),
    "late": N_("Appointed after the deadline"),
    "waiting": N_("Still waiting for a guardian"),
    "closed_without": N_("Case closed before a guardian"),
}


def shown(count: int, *, plain: bool = False) -> str:
    """A count as it may leave the app: 1 to 4 become "<5"; ``plain``: digits only (CSV)."""
    if 0 < count < THRESHOLD:
        return SMALL
    return str(count) if plain else number_text(count)


@dataclass(frozen=True)
class Cell:
    """One count as shown: its text, and the bar a chart may draw (None: hidden)."""

    text: str
    bar: int | None


def cells(parts: Sequence[int], *, total: int | None = None, plain: bool = False) -> list[Cell]:
    """The parts of a total, suppressed; with ``total`` (shown beside them) a single
    suppressed part also hides the smallest other non-zero part (secondary suppression)."""
    small = [0 < count < THRESHOLD for count in parts]
    hidden = [False] * len(parts)
    if total is not None and total >= THRESHOLD and sum(small) == 1:
        others = [(count, i) for i, count in enumerate(parts) if count >= THRESHOLD]
        if others:
            hidden[min(others)[1]] = True
    found = []
    for count, is_small, is_hidden in zip(parts, small, hidden, strict=True):
        if is_small:
            found.append(Cell(SMALL, None))
        elif is_hidden:
            found.append(Cell(HIDDEN, None))
        else:
            found.append(Cell(shown(count, plain=plain), count))
    return found


def total_cell(count: int, *, plain: bool = False) -> Cell:
    text = shown(count, plain=plain)
    return Cell(text, count if text != SMALL else None)


@dataclass(frozen=True)
class Row:
    key: str  # a code (CSV): a country, a sex, a band, an element, "total"
    label: str  # in the interface (or paper's) language
    cells: tuple[Cell, ...]  # one per measure of the table


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    measures: tuple[str, ...]  # CSV keys
    columns: tuple[str, ...]  # the measures as a person reads them
    rows: tuple[Row, ...]
    total: Row | None = None
    note: str = ""

    def chart_rows(self) -> tuple[Row, ...]:
        return self.rows[:CHART_ROWS]


@dataclass(frozen=True)
class FigureTables:
    """Everything any output shows, already suppressed: the one source of all outputs."""

    tables: tuple[Table, ...]
    tiles: tuple[tuple[str, Cell], ...]  # (label, cell) for the dashboard's tiles
    median_days: str  # working days to a guardian, or "–" when fewer than 5 were appointed
    deadline_days: int

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _order(rows: list[Row]) -> list[Row]:
    """Shown counts largest first, then the hidden ones by name: the order tells nothing."""
    return sorted(
        rows,
        key=lambda row: (
            row.cells[0].bar is None,
            -(row.cells[0].bar or 0),
            row.label.casefold(),
        ),
    )


def _breakdown(
    key: str,
    title: str,
    pairs: Sequence[tuple[str, int]],
    label: Callable[[str], str],
    total: int,
    *,
    plain: bool,
    column: str,
    ordered: bool = False,
    skip_zero: bool = False,
) -> Table:
    pairs = [(k, n) for k, n in pairs if n or not skip_zero]
    found = cells([n for _k, n in pairs], total=total, plain=plain)
    rows = [Row(k, label(k), (cell,)) for (k, _n), cell in zip(pairs, found, strict=True)]
    return Table(
        key,
        title,
        ("count",),
        (column,),
        tuple(_order(rows) if ordered else rows),
        Row("total", _("Total"), (total_cell(total, plain=plain),)),
    )


def element_name(element: str) -> str:
    from guardian_desk.i18n.transliteration import serbian_latin
    from guardian_desk.protection.indicators import load_catalogue

    names = load_catalogue().element_names.get(element, {})
    language = current_language()
    if language == "sr-Latn" and names.get("sr"):
        return serbian_latin(names["sr"])
    return names.get(language) or names.get("en") or element


def _band_name(band: str) -> str:
    if band == UNKNOWN_AGE:
        # TRANSLATORS: an age band of the figures: children whose date of birth is not known.
        return _("Age not known")
    # TRANSLATORS: an age band of the figures, e.g. "14-15 years" or "18+ years".
    return _("{band} years").format(band=band.replace("-", "–"))


def figure_tables(figures: Figures, *, plain: bool = False) -> FigureTables:
    """The figures as tables of suppressed cells, in the active language."""
    children = figures.children_identified
    children_column = _("Children")
    nationality = _breakdown(
        "nationality",
        _("Children identified, by nationality"),
        figures.by_nationality,
        country_name,
        children,
        plain=plain,
        column=children_column,
        ordered=True,
    )
    sex = _breakdown(
        "sex",
        _("Children identified, by sex"),
        figures.by_sex,
        lambda key: words.word(SEX_NAMES, key),
        children,
        plain=plain,
        column=children_column,
    )
    bands = dict(figures.by_age_band)
    age = _breakdown(
        "age_band",
        _("Children identified, by age at identification"),
        [(band, bands.get(band, 0)) for band in AGE_BAND_KEYS],
        _band_name,
        children,
        plain=plain,
        column=children_column,
    )
    screenings_column = _("Screenings")
    flagged = _breakdown(
        "screenings",
        _("Screenings made"),
        [
            ("flagged", figures.screenings_flagged),
            ("not_flagged", figures.screenings_not_flagged),
        ],
        lambda key: _("Flagged by the rule") if key == "flagged" else _("Not flagged"),
        figures.screenings,
        plain=plain,
        column=screenings_column,
    )
    elements = Table(
        "positive_elements",
        _("Screenings with each element positive"),
        ("count",),
        (screenings_column,),
        tuple(
            Row(element, element_name(element), (total_cell(count, plain=plain),))
            for element, count in figures.positive_elements
        ),
        note=_("A screening may have several elements positive."),
    )
    decisions = _breakdown(
        "decisions",
        _("Officers' decisions after the screenings"),
        figures.decisions,
        lambda key: words.word(words.DECISION_NAMES, key),
        figures.screenings,
        plain=plain,
        column=screenings_column,
    )
    referrals_column = _("Referrals")
    recipients = _breakdown(
        "referral_recipients",
        _("Referrals sent, by recipient"),
        figures.referrals_by_recipient,
        lambda key: words.word(words.RECIPIENT_NAMES, key),
        figures.referrals,
        plain=plain,
        column=referrals_column,
    )
    statuses = _breakdown(
        "referral_statuses",
        _("Referrals sent, by their status now"),
        figures.referrals_by_status,
        lambda key: words.word(words.REFERRAL_STATUS_NAMES, key),
        figures.referrals,
        plain=plain,
        column=referrals_column,
    )
    missing = _breakdown(
        "missing",
        _("Missing episodes begun in the period"),
        [("returned", figures.missing_returned), ("still_missing", figures.missing_still)],
        lambda key: _("Child returned") if key == "returned" else _("Still missing"),
        figures.missing_begun,
        plain=plain,
        column=_("Episodes"),
    )
    timing = figures.guardian
    guardian = _breakdown(
        "days_to_guardian",
        _("Working days from identification to a guardian"),
        list(timing.parts().items()),
        lambda key: _(GUARDIAN_NAMES[key]),
        children,
        plain=plain,
        column=children_column,
    )
    languages = Table(
        "languages",
        _("Language demand and mediator supply"),
        ("identified", "in_care", "mediators"),
        (
            _("Children identified"),
            # TRANSLATORS: children in the office's care at the end of the period.
            _("Children in care"),
            _("Active mediators"),
        ),
        tuple(
            Row(
                row.code,
                language_name(row.code),
                tuple(
                    total_cell(n, plain=plain) for n in (row.identified, row.in_care, row.mediators)
                ),
            )
            for row in figures.languages
        ),
    )
    appointed = timing.within + timing.late
    if timing.median_days is None or appointed < THRESHOLD:
        median = "–"
    else:
        median = (
            str(timing.median_days)
            if plain
            else number_text(timing.median_days, digits=0 if timing.median_days % 1 == 0 else 1)
        )
    tables = (
        nationality,
        sex,
        age,
        flagged,
        elements,
        decisions,
        recipients,
        statuses,
        missing,
        guardian,
        languages,
    )
    tiles = (
        (_("Children identified"), nationality.total.cells[0]),  # type: ignore[union-attr]
        (_("Screenings"), flagged.total.cells[0]),  # type: ignore[union-attr]
        (_("Flagged by the rule"), flagged.rows[0].cells[0]),
        (_("Referrals sent"), recipients.total.cells[0]),  # type: ignore[union-attr]
        (_("Missing episodes"), missing.total.cells[0]),  # type: ignore[union-attr]
        (_("Guardian within the deadline"), guardian.rows[0].cells[0]),
    )
    return FigureTables(tables, tiles, median, timing.deadline_days)


CSV_COLUMNS = ("period_from", "period_to", "figure", "item", "measure", "value")


def figures_csv(figures: Figures) -> bytes:
    """The figures as CSV (UTF-8, stable English column names and codes; "<5" and "*" as
    in every other output). One row per count: figure, item (a code or "total"), measure."""
    tables = figure_tables(figures, plain=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    head = (figures.start.isoformat(), figures.end.isoformat())
    writer.writerow((*head, "report", "as_of", "date", figures.as_of.isoformat()))
    for table in tables.tables:
        rows = (*table.rows, table.total) if table.total is not None else table.rows
        for row in rows:
            for measure, cell in zip(table.measures, row.cells, strict=True):
                writer.writerow((*head, table.key, row.key, measure, cell.text))
    writer.writerow((*head, "days_to_guardian", "deadline", "working_days", tables.deadline_days))
    writer.writerow((*head, "days_to_guardian", "median", "working_days", tables.median_days))
    return out.getvalue().encode("utf-8")


def period_label(figures: Figures) -> str:
    from guardian_desk.i18n.formats import date_text

    # TRANSLATORS: the figures' period, e.g. "1 July 2026 – 30 September 2026".
    return pgettext("period", "{start} – {end}").format(
        start=date_text(figures.start, long=True), end=date_text(figures.end, long=True)
    )
