"""A CSV import on PostgreSQL leaves the planner its statistics (issue 16)."""

from __future__ import annotations

from pathlib import Path

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.demo import DemoSizes, generate
from guardian_desk.exchange import import_csv, write_records_csv


def test_an_import_on_postgresql_leaves_the_planner_statistics(pg_db: str, tmp_path: Path) -> None:
    # Without them the planner guesses: the home page took 16 s on a freshly loaded office.
    data = generate(DemoSizes(children=30, guardians=6, mediators=3, facilities=2), seed=5)
    engine = make_engine(pg_db)
    try:
        factory = make_session_factory(engine)
        for kind, records in (("facilities", data.facilities), ("children", data.children)):
            write_records_csv(kind, records, tmp_path / f"{kind}.csv")
            with session_scope(factory, actor="test") as session:
                import_csv(session, kind, tmp_path / f"{kind}.csv")
        with engine.connect() as connection:
            analysed = connection.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE relname = 'children'"
            ).scalar()
    finally:
        engine.dispose()
    assert analysed == 30
