"""The matching tables read as the officer expects and are sound Qt models."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.matching.samples import suggestion
from ui.matching.models import (
    BreakdownModel,
    ExclusionsModel,
    ProposalsModel,
    RecordRole,
    SortRole,
)

DISPLAY = Qt.ItemDataRole.DisplayRole


def row_texts(model: Any, row: int) -> list[str]:
    return [model.data(model.index(row, c), DISPLAY) for c in range(model.columnCount())]


def test_proposals_model(qtmodeltester: Any) -> None:
    model = ProposalsModel()
    qtmodeltester.check(model)
    found = suggestion()
    model.set_rows(found.proposals)
    qtmodeltester.check(model)
    assert row_texts(model, 0) == [
        "1",
        "G-0001  \u2068Elira Hoxha\u2069",
        "female",
        "87.2",
        "via mediator \u2068Farid Karimi\u2069 (Dari → Albanian)",
        "3 / 20",
        "12 km",
    ]
    assert row_texts(model, 1)[4] == "Dari"
    assert row_texts(model, 1)[6] == "—"
    assert model.data(model.index(1, ProposalsModel.SCORE), SortRole) == 64.0
    assert model.data(model.index(0, 0), RecordRole) is found.proposals[0]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Score"


def test_breakdown_model(qtmodeltester: Any) -> None:
    model = BreakdownModel()
    model.set_rows(suggestion().proposals[0].parts)
    qtmodeltester.check(model)
    assert row_texts(model, 0) == ["Language", "60%", "40", "24.0"]
    assert model.rowCount() == 4


def test_exclusions_model(qtmodeltester: Any) -> None:
    model = ExclusionsModel()
    model.set_rows(suggestion().excluded)
    qtmodeltester.check(model)
    assert row_texts(model, 1) == [
        "G-0004  \u2068Besa Gashi\u2069",
        "speaks no Dari, and no Dari-Albanian mediator is free on Tuesdays; suspended",
    ]


def test_sorting_the_children_left_out_by_case_number_makes_no_rows_cells(
    qapp: Any, monkeypatch: Any
) -> None:
    # The national office's plan has 12,652 proposals: making every row's cells to sort
    # them by case number held the window for a second when the plan arrived.
    from guardian_desk.matching.results import Unmatched
    from ui.matching.bulk_model import ReasonsModel

    made: list[int] = []
    cells = ReasonsModel.make_cells

    def counted(model: ReasonsModel, record: Unmatched) -> Any:
        made.append(record.child_id)
        return cells(model, record)

    monkeypatch.setattr(ReasonsModel, "make_cells", counted)
    model = ReasonsModel()
    model.sort(ReasonsModel.CASE, Qt.SortOrder.DescendingOrder)
    rows = [Unmatched(n, f"AL-2026-{n:05d}", f"Child {n}", ("why",)) for n in (3, 1, 2)]
    model.set_children(rows, {})
    assert made == []
    assert [model.row_at(r).case_number for r in range(3)] == [
        "AL-2026-00003",
        "AL-2026-00002",
        "AL-2026-00001",
    ]
    model.sort(ReasonsModel.CHILD, Qt.SortOrder.AscendingOrder)  # other columns: by their text
    assert sorted(made) == [1, 2, 3]
    assert model.row_at(0).child_name == "Child 1"
