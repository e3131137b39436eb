"""Search across scripts: recompute every stored ``search_text`` with the new folding.

Search now folds Serbian and Macedonian Cyrillic to Latin (Јовановић and Jovanović are one),
treats Arabic and Persian letter variants as one (ي/ی/ى, ك/ک, ة/ه ...), reads Arabic-Indic
and Persian digits as ASCII and ignores a zero-width non-joiner inside a name. The folded
copies written by the old folding no longer match the new queries, so this recomputes them
from the columns they are made of, for children, guardians, mediators and facilities.

The folding is copied here, not imported: the app's `fold` may change again later, and this
migration must always write what the app of this revision writes. Plain UPDATEs in batches
(no batch_alter_table: on SQLite it recreates the table and drops its triggers).

Revision ID: 6a4b5c7d8e93
Revises: 5f3a4b6c7d82
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "6a4b5c7d8e93"
down_revision: str | None = "5f3a4b6c7d82"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500
# What services/retention.py writes as the given name of an anonymised child.
ANONYMISED = "Anonymised"

# --- the folding of this revision (a copy of guardian_desk/domain/text.py) ---------------------

SERBIAN_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
MACEDONIAN_LATIN = {"ѓ": "gj", "ќ": "kj", "ѕ": "dz"}
EXTRA = {
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ħ": "h",
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
}
ARABIC = {
    "ی": "ي",
    "ى": "ي",
    "ې": "ي",
    "ک": "ك",
    "ڪ": "ك",
    "ٱ": "ا",
    "ة": "ه",
    "ە": "ه",
    "ھ": "ه",
    "ہ": "ه",
}
DROPPED = "\u0640\u200c\u200d\u200e\u200f\u061c\u00ad"
DIGITS = {zero + n: str(n) for zero in (0x0660, 0x06F0, 0x0966, 0x09E6) for n in range(10)}


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


BEFORE_MARKS = {ord(ch): latin for ch, latin in MACEDONIAN_LATIN.items()}
EXTRA_TABLE = {ord(ch): plain for ch, plain in EXTRA.items()}
CYRILLIC_FOLDED = {
    cyrillic: _strip_marks(latin).translate(EXTRA_TABLE)
    for cyrillic, latin in SERBIAN_LATIN.items()
}
AFTER_MARKS: dict[int, str] = (
    {ord(ch): out for ch, out in (CYRILLIC_FOLDED | EXTRA | ARABIC).items()}
    | {ord(ch): "" for ch in DROPPED}
    | DIGITS
)


def fold(text: str) -> str:
    composed = unicodedata.normalize("NFC", text.casefold()).translate(BEFORE_MARKS)
    return unicodedata.normalize("NFC", _strip_marks(composed).translate(AFTER_MARKS))


# The folding before this revision, for the downgrade.
OLD_EXTRA = EXTRA_TABLE | {ord("ـ"): ""}


def old_fold(text: str) -> str:
    stripped = _strip_marks(text.casefold())
    return unicodedata.normalize("NFC", stripped.translate(OLD_EXTRA))


def blob(folding: Callable[[str], str], parts: Iterable[str | None]) -> str:
    return "\x1f".join(folding(p) for p in parts if p)


# --- which columns each table's search_text is made of (as the services write it) ------------


def child_parts(row: Any) -> list[str | None]:
    aliases = list(row.aliases or [])
    if (
        row.given_name == ANONYMISED
        and row.family_name == row.case_number
        and not (row.given_name_original or row.family_name_original or aliases)
    ):
        return [row.case_number, ANONYMISED]
    return [
        row.case_number,
        row.given_name,
        row.family_name,
        row.given_name_original,
        row.family_name_original,
        *aliases,
    ]


def staff_parts(row: Any) -> list[str | None]:
    return [row.code, row.given_name, row.family_name, row.email, row.phone, row.municipality]


def facility_parts(row: Any) -> list[str | None]:
    return [row.code, row.name, row.municipality, row.address]


CHILD_COLUMNS = (
    "case_number",
    "given_name",
    "family_name",
    "given_name_original",
    "family_name_original",
)
STAFF_COLUMNS = ("code", "given_name", "family_name", "email", "phone", "municipality")
TABLES: dict[str, tuple[tuple[str, ...], Callable[[Any], list[str | None]]]] = {
    "children": ((*CHILD_COLUMNS, "aliases"), child_parts),
    "guardians": (STAFF_COLUMNS, staff_parts),
    "mediators": (STAFF_COLUMNS, staff_parts),
    "facilities": (("code", "name", "municipality", "address"), facility_parts),
}


def recompute(folding: Callable[[str], str]) -> None:
    """Rewrite search_text of every row, BATCH rows at a time, where the value changes."""
    connection = op.get_bind()
    for name, (names, parts) in TABLES.items():
        columns = [sa.column(c, sa.JSON() if c == "aliases" else sa.Text()) for c in names]
        table = sa.table(name, sa.column("id", sa.Integer()), sa.column("search_text"), *columns)
        update = (
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values(search_text=sa.bindparam("folded"))
        )
        last = 0
        while True:
            rows = connection.execute(
                sa.select(table).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
            ).all()
            if not rows:
                break
            last = rows[-1].id
            changed = []
            for row in rows:
                folded = blob(folding, parts(row))
                if folded != row.search_text:
                    changed.append({"row_id": row.id, "folded": folded})
            if changed:
                connection.execute(update, changed)


def upgrade() -> None:
    recompute(fold)


def downgrade() -> None:
    recompute(old_fold)
