"""Likely duplicate children: the check before a child is registered, and the office's list.

A child is a likely duplicate of another when they share a nationality, their birth years
are at most one apart (or either birth date is unknown), and a name of one is similar to a
name of the other: the name as written in Latin letters, in the original script, or an alias.

Similar means either
- close as text once folded (domain/text.py `fold`: case, accents, Serbian Cyrillic/Latin and
  Arabic/Persian letter variants are one), with the name's words in any order, or
- the same consonant skeleton (`skeleton`): Arabic-script and Latin spellings of one name
  (أحمد رسولي, Ahmad Rasuli, Ahmed Rasouli) reduce to the same letters, "hmd rsl".

The check reads its candidates from the index on (nationality, date_of_birth) and scores
them in Python with rapidfuzz; at 20,000 children it takes a few milliseconds
(bench/duplicates.py, docs/performance.md).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from sqlalchemy import ColumnElement, CompoundSelect, Select, delete, or_, select, true, union_all
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, DuplicateDismissal, Facility
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import NotFoundError, ValidationError
from guardian_desk.domain.records import ChildData
from guardian_desk.domain.text import fold
from guardian_desk.i18n import _
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit

ENTITY = "child"
# A candidate is listed from this score (0-100) on.
THRESHOLD = 85
# What a same-skeleton match is worth below the same score as text: a skeleton of 95 or
# more (the same consonants, or one off in a long name) reaches the threshold.
SKELETON_DISCOUNT = 10
# Skeletons shorter than this say too little ("Ali" is "l").
SKELETON_MIN = 4
# A name's likeness is at most its least alike word's likeness plus this: every word must
# find its like. Ahmad Hakimi and Ahmad Karimi (احمد حكيمي, احمد كريمي) share a word and
# most letters of the other, and are two children; Ahmad Rasuli and Ahmed Rasouli are
# found by their skeletons.
WORD_SLACK = 4
# Particles that are not names: "Al-Saleh" must not make "Ali" alike.
PARTICLES = frozenset({"al", "el"})
# The pairs list shows at most this many pairs, the most similar first.
PAIRS_LIMIT = 500

# --- name keys ----------------------------------------------------------------------------------

# Latin spellings first: digraphs that write one Arabic or Persian letter.
_LATIN_DIGRAPHS = (
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("zh", "z"),
    ("ch", "c"),
    ("th", "t"),
    ("dh", "z"),
    ("ph", "f"),
    ("ck", "k"),
)
_LATIN = {
    "q": "k",
    "x": "ks",
    "v": "",  # و is written v, w, o or u
    "w": "",
    "y": "",  # ي is written y, i or ee
    "a": "",
    "e": "",
    "i": "",
    "o": "",
    "u": "",
}
# Arabic, Persian, Pashto and Urdu letters (after `fold`, which has already made the variant
# letters one and dropped the hamza seats and harakat) to the same consonant classes.
_ARABIC_SCRIPT = {
    "ا": "", "و": "", "ي": "", "ع": "", "ء": "", "ئ": "", "ؤ": "",
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ټ": "t", "ٹ": "t", "ث": "s",
    "ج": "j", "چ": "c", "ح": "h", "خ": "h", "ه": "h", "ة": "h",
    "د": "d", "ض": "d", "ډ": "d", "ڈ": "d", "ذ": "z", "ز": "z", "ظ": "z", "ژ": "z", "ږ": "z",
    "ر": "r", "ړ": "r", "ڑ": "r", "س": "s", "ص": "s", "ش": "s", "ښ": "s",
    "غ": "g", "گ": "g", "ګ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ڼ": "n", "ں": "n",
}  # fmt: skip
_SKELETON_TABLE = str.maketrans({**_LATIN, **_ARABIC_SCRIPT})
_WORDS = re.compile(r"[^\W\d_]+")
_DOUBLED = re.compile(r"(.)\1+")


def name_key(text: str) -> str:
    """The folded name with its words sorted: word order does not matter."""
    return " ".join(sorted(_WORDS.findall(fold(text))))


# How a word begins says more than its vowels: Ahmad (أحمد) is not Hamid (حامد), Omid (امید)
# is not Mahdi. An opening vowel, alef or ayn is kept as "a"; an opening y or w (ي, و) as such.
_OPENING = {
    **dict.fromkeys("aeiouاعءآأإ", "a"),
    **dict.fromkeys("yي", "y"),
    **dict.fromkeys("wvو", "w"),
}


def _skeleton_word(word: str) -> str:
    opening = _OPENING.get(word[:1], "")
    for pair, one in _LATIN_DIGRAPHS:
        if pair in word:
            word = word.replace(pair, one)
    return _DOUBLED.sub(r"\1", opening + word.translate(_SKELETON_TABLE)).removesuffix("h")


def skeleton(text: str) -> str:
    """A name's consonants in broad classes, the same in Latin and Arabic script.

    ``skeleton("Mohammad Rasuli") == skeleton("محمد رسولی") == "mhmd rsl"``. Vowels and the
    letters that also write vowels go (except at the start of a word, kept as "a", "y" or
    "w"), doubled letters become one, a final h goes (Fatimah, فاطمة); the words are sorted.
    """
    words = [_skeleton_word(word) for word in _WORDS.findall(fold(text))]
    return " ".join(sorted(word for word in words if word))


@dataclass(frozen=True)
class NameKeys:
    """Every way a child's name may be compared: the folded texts and their skeletons."""

    texts: tuple[str, ...]
    skeletons: tuple[str, ...]


def name_keys(
    given: str, family: str, given_original: str, family_original: str, aliases: Iterable[str]
) -> NameKeys:
    names = [f"{given} {family}", f"{given_original} {family_original}", *aliases]
    texts = {name_key(n) for n in names} - {""}
    skeletons = {s for s in (skeleton(n) for n in names) if len(s.replace(" ", "")) >= SKELETON_MIN}
    return NameKeys(tuple(sorted(texts)), tuple(sorted(skeletons)))


def similarity(a: NameKeys, b: NameKeys) -> int:
    """0-100: the best of the text and skeleton likenesses of any two of their names."""
    best = 0.0
    for x in a.texts:
        for y in b.texts:
            best = max(best, fuzz.ratio(x, y))
    for x in a.skeletons:
        for y in b.skeletons:
            best = max(best, fuzz.ratio(x, y) - SKELETON_DISCOUNT)
    return round(best)


# --- the check before saving --------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An existing child who may be the one being registered (plain data for the UI)."""

    child_id: int
    case_number: str
    name: str
    name_original: str
    birth_year: int | None
    nationality: str
    facility: str
    status: ChildStatus
    score: int


@dataclass(frozen=True)
class _Record:
    """A child as the check reads it."""

    id: int
    case_number: str
    given_name: str
    family_name: str
    given_name_original: str
    family_name_original: str
    aliases: list[str]
    date_of_birth: date | None
    nationality: str
    status: ChildStatus
    facility_id: int | None

    def keys(self) -> NameKeys:
        return name_keys(
            self.given_name,
            self.family_name,
            self.given_name_original,
            self.family_name_original,
            self.aliases,
        )


_COLUMNS = (
    Child.id,
    Child.case_number,
    Child.given_name,
    Child.family_name,
    Child.given_name_original,
    Child.family_name_original,
    Child.aliases,
    Child.date_of_birth,
    Child.nationality,
    Child.status,
    Child.facility_id,
)


def _records(session: Session, *conditions: ColumnElement[bool]) -> list[_Record]:
    rows = session.execute(select(*_COLUMNS).where(*conditions))
    return [_Record(*row[:6], list(row[6] or ()), *row[7:]) for row in rows]


def _candidates(session: Session, scored: list[tuple[int, _Record]]) -> list[Candidate]:
    facility_ids = {record.facility_id for _score, record in scored if record.facility_id}
    names: dict[int, str] = {}
    if facility_ids:
        rows = session.execute(
            select(Facility.id, Facility.name).where(Facility.id.in_(facility_ids))
        )
        names = {facility_id: name for facility_id, name in rows}
    return [
        Candidate(
            child_id=record.id,
            case_number=record.case_number,
            name=f"{record.given_name} {record.family_name}".strip(),
            name_original=f"{record.given_name_original} {record.family_name_original}".strip(),
            birth_year=record.date_of_birth.year if record.date_of_birth else None,
            nationality=record.nationality,
            facility=names.get(record.facility_id, "") if record.facility_id else "",
            status=record.status,
            score=score,
        )
        for score, record in scored
    ]


def _window(born: date | None) -> ColumnElement[bool]:
    """Birth dates within a year either way of ``born``'s year; unknown dates always."""
    if born is None:
        return true()
    first, last = date(born.year - 1, 1, 1), date(born.year + 1, 12, 31)
    return or_(Child.date_of_birth.between(first, last), Child.date_of_birth.is_(None))


@dataclass(frozen=True)
class WordKeys:
    """A child's name words (every name, original-script name and alias), folded, and their
    skeletons: what the check compares a new child's words with."""

    words: tuple[str, ...]
    skeletons: tuple[str, ...]


def word_keys(folded_names: Iterable[str], *, each: bool = False) -> WordKeys:
    """From folded names (a child's ``search_text`` parts are folded already).

    ``each``: one skeleton per word, as a name to compare is read (Ali Al-Saleh has two
    words whose skeleton is "al", and each must find its like); else each skeleton once,
    as the names compared with are kept.
    """
    found = [w for name in folded_names for w in _WORDS.findall(name) if w not in PARTICLES]
    words = found if each else sorted(set(found))
    bones = [b for b in (_skeleton_word(w) for w in words) if b]
    return WordKeys(tuple(words), tuple(bones if each else sorted(set(bones))))


SKELETON_MARK = "#"  # a skeleton among a child's words: never alike a word


def _strings(keys: WordKeys) -> tuple[str, ...]:
    return keys.words + tuple(SKELETON_MARK + bones for bones in keys.skeletons)


class _KeyCache:
    """Each database's children's words and skeletons, by child id, with the record's version
    they were made from: a saved record (its version rises) is made again.

    Making them is most of the work (~25 µs a child) and reading the folded names the rest;
    kept, a check at 20,000 children reads only ids and versions from the database, and the
    names of those it has not seen. ``forget`` drops a child that was removed (merged).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_database: dict[str, dict[int, tuple[int, tuple[str, ...]]]] = {}

    def strings(self, session: Session, rows: Sequence[Any]) -> list[tuple[int, tuple[str, ...]]]:
        """(id, version) rows to each child's words and marked skeletons (children without
        any are left out)."""
        database = str(session.get_bind().engine.url)
        with self._lock:
            known = self._by_database.setdefault(database, {})
            stale = [row[0] for row in rows if known.get(row[0], (None,))[0] != row[1]]
            for start in range(0, len(stale), 2_000):
                found = session.execute(
                    select(Child.id, Child.version, Child.search_text).where(
                        Child.id.in_(stale[start : start + 2_000])
                    )
                ).all()
                for child_id, version, search_text in found:
                    # The first part is the case number, not a name.
                    made = _strings(word_keys(search_text.split("\x1f")[1:]))
                    known[child_id] = (version, made)
            out = []
            for row in rows:
                cached = known.get(row[0])
                if cached is not None and cached[1]:
                    out.append((row[0], cached[1]))
            return out

    def forget(self, session: Session, child_id: int) -> None:
        with self._lock:
            self._by_database.get(str(session.get_bind().engine.url), {}).pop(child_id, None)

    def clear(self) -> None:
        with self._lock:
            self._by_database.clear()


KEY_CACHE = _KeyCache()


def _word_scores(
    probes: list[WordKeys], keyed: list[tuple[int, tuple[str, ...]]]
) -> dict[int, int]:
    """Each candidate's score (0-100).

    For one way of writing the new child's name (the Latin name, the original-script one, an
    alias), each of its words is matched with the candidate's most alike word, and each of its
    skeletons with the most alike skeleton; the means over its words and over its skeletons
    (less SKELETON_DISCOUNT) are its likeness. The score is the best likeness of any way.
    One rapidfuzz matrix for all: the new child's few strings against every candidate string.
    """
    if not keyed or not probes:
        return {}
    queries: list[str] = []
    groups: list[tuple[list[int], int]] = []  # rows of the matrix, discount
    for probe in probes:
        # A skeleton of a few letters ("Ali" is "al") says too little to count on its own.
        telling = sum(map(len, probe.skeletons)) >= SKELETON_MIN
        for strings, discount in (
            (probe.words, 0),
            (
                tuple(SKELETON_MARK + b for b in probe.skeletons) if telling else (),
                SKELETON_DISCOUNT,
            ),
        ):
            if strings:
                groups.append((list(range(len(queries), len(queries) + len(strings))), discount))
                queries.extend(strings)
    ids = [child_id for child_id, _strings_ in keyed]
    lengths = np.fromiter(
        (len(strings) for _id, strings in keyed), dtype=np.int64, count=len(keyed)
    )
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    choices = list(chain.from_iterable(strings for _id, strings in keyed))
    matrix = cdist(queries, choices, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
    best = np.maximum.reduceat(matrix, starts, axis=1).astype(np.float32)  # queries x children
    score = np.zeros(len(ids), dtype=np.float32)
    for rows, discount in groups:
        words = best[rows]
        # A word with no like at all (another given name: a sibling) caps the likeness.
        alike = np.minimum(words.mean(axis=0), words.min(axis=0) + WORD_SLACK)
        score = np.maximum(score, alike - discount)
    return {child_id: round(value) for child_id, value in zip(ids, score.tolist(), strict=True)}


@requires(Permission.READ_RECORDS)
def likely_duplicates(
    session: Session,
    *,
    given_name: str,
    family_name: str = "",
    given_name_original: str = "",
    family_name_original: str = "",
    aliases: Sequence[str] = (),
    date_of_birth: date | None = None,
    nationality: str,
    exclude_id: int | None = None,
    limit: int = 20,
) -> list[Candidate]:
    """Registered children who are likely the same child, the most similar first.

    Each word of the new child's names is matched with the most alike word of a candidate's
    names (in any script, original-script names and aliases included), as folded text and as
    a skeleton; the candidate's score is the mean over the new child's words.
    """
    variants = [f"{given_name} {family_name}", f"{given_name_original} {family_name_original}"]
    probes = [word_keys([fold(name)], each=True) for name in [*variants, *aliases]]
    probes = [probe for probe in probes if probe.words]
    if not probes:
        return []
    same = [Child.nationality == nationality.strip().upper()]
    if exclude_id is not None:
        same.append(Child.id != exclude_id)
    if date_of_birth is None:
        statement: Select[int, int] | CompoundSelect[int, int] = select(
            Child.id, Child.version
        ).where(*same)
    else:  # two index ranges, not one range filtered: ~2x faster on SQLite
        first, last = date(date_of_birth.year - 1, 1, 1), date(date_of_birth.year + 1, 12, 31)
        statement = union_all(
            select(Child.id, Child.version).where(*same, Child.date_of_birth.between(first, last)),
            select(Child.id, Child.version).where(*same, Child.date_of_birth.is_(None)),
        )
    rows = session.execute(statement).all()
    scores = _word_scores(probes, KEY_CACHE.strings(session, rows))
    best = sorted(
        ((score, child_id) for child_id, score in scores.items() if score >= THRESHOLD),
        key=lambda item: (-item[0], item[1]),
    )[:limit]
    if not best:
        return []
    records = {r.id: r for r in _records(session, Child.id.in_([i for _s, i in best]))}
    ranked = sorted(
        ((score, records[i]) for score, i in best), key=lambda p: (-p[0], p[1].case_number)
    )
    return _candidates(session, ranked)


@requires(Permission.READ_RECORDS)
def duplicates_of_data(
    session: Session, data: ChildData, *, exclude_id: int | None = None
) -> list[Candidate]:
    """The check a form runs before it registers ``data``."""
    return likely_duplicates(
        session,
        given_name=data.given_name,
        family_name=data.family_name,
        given_name_original=data.given_name_original,
        family_name_original=data.family_name_original,
        aliases=data.aliases,
        date_of_birth=data.date_of_birth,
        nationality=data.nationality,
        exclude_id=exclude_id,
    )


# --- the office's list of possible duplicates ---------------------------------------------------


@dataclass(frozen=True)
class DuplicatePair:
    first: Candidate
    second: Candidate
    score: int


def _flatten(
    records: list[_Record], keys: dict[int, NameKeys]
) -> tuple[list[str], list[int], list[str], list[int]]:
    texts: list[str] = []
    text_owner: list[int] = []
    skeletons: list[str] = []
    skeleton_owner: list[int] = []
    for record in records:
        for text in keys[record.id].texts:
            texts.append(text)
            text_owner.append(record.id)
        for bones in keys[record.id].skeletons:
            skeletons.append(bones)
            skeleton_owner.append(record.id)
    return texts, text_owner, skeletons, skeleton_owner


def _score_block(
    left: list[_Record],
    right: list[_Record],
    keys: dict[int, NameKeys],
    accept: Callable[[int, int], bool],
    scores: dict[tuple[int, int], int],
) -> None:
    """Every pair (left, right) that ``accept`` lets through and whose names are similar."""
    lt, lto, ls, lso = _flatten(left, keys)
    rt, rto, rs, rso = _flatten(right, keys)
    for queries, q_owner, choices, c_owner, discount in (
        (lt, lto, rt, rto, 0),
        (ls, lso, rs, rso, SKELETON_DISCOUNT),
    ):
        if not queries or not choices:
            continue
        matrix = cdist(
            queries,
            choices,
            scorer=fuzz.ratio,
            score_cutoff=THRESHOLD + discount,
            dtype=np.uint8,
            workers=1,
        )
        for i, j in zip(*np.nonzero(matrix), strict=True):
            a, b = q_owner[i], c_owner[j]
            if a == b or not accept(a, b):
                continue
            pair = (a, b) if a < b else (b, a)
            score = int(matrix[i, j]) - discount
            if score > scores.get(pair, 0):
                scores[pair] = score


def _probes(record: _Record) -> list[WordKeys]:
    """The ways a child's name is written, each as words and skeletons (as the check's)."""
    names = [
        f"{record.given_name} {record.family_name}",
        f"{record.given_name_original} {record.family_name_original}",
        *record.aliases,
    ]
    probes = [word_keys([fold(name)], each=True) for name in names]
    return [probe for probe in probes if probe.words]


def _rescore(
    records: dict[int, _Record], pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], int]:
    """The check's word-by-word score of each pair, the better of either child against the
    other: one rapidfuzz matrix per child against all its partners."""
    partners: dict[int, list[int]] = defaultdict(list)
    for low, high in pairs:
        partners[low].append(high)
        partners[high].append(low)
    strings: dict[int, tuple[str, ...]] = {}

    def strings_of(child_id: int) -> tuple[str, ...]:
        if child_id not in strings:
            keys = word_keys(fold(n) for n in _names(records[child_id]))
            strings[child_id] = _strings(keys)
        return strings[child_id]

    scores: dict[tuple[int, int], int] = {}
    for child_id, others in partners.items():
        found = _word_scores(
            _probes(records[child_id]), [(other, strings_of(other)) for other in others]
        )
        for other, score in found.items():
            pair = (child_id, other) if child_id < other else (other, child_id)
            if score > scores.get(pair, -1):
                scores[pair] = score
    return scores


def _names(record: _Record) -> list[str]:
    return [
        record.given_name,
        record.family_name,
        record.given_name_original,
        record.family_name_original,
        *record.aliases,
    ]


@requires(Permission.READ_RECORDS)
def possible_duplicates(session: Session, limit: int = PAIRS_LIMIT) -> list[DuplicatePair]:
    """Pairs of registered children who are likely one child, the most similar first.

    Pairs an officer marked "not a duplicate" are left out. Children are compared within
    their nationality, with those born a year apart at most (and those of unknown birth
    date with all of their nationality).
    """
    records = _records(session)
    keys = {record.id: record.keys() for record in records}
    by_id = {record.id: record for record in records}
    groups: dict[str, dict[int | None, list[_Record]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        year = record.date_of_birth.year if record.date_of_birth else None
        groups[record.nationality][year].append(record)
    scores: dict[tuple[int, int], int] = {}
    for years in groups.values():
        unknown = years.get(None, [])
        unknown_ids = {record.id for record in unknown}
        for year, born in years.items():
            if year is None:
                continue
            same = {record.id for record in born}
            _score_block(
                born,
                born + years.get(year + 1, []),
                keys,
                lambda a, b, same=same: b not in same or a < b,  # type: ignore[misc]
                scores,
            )
        if unknown:
            everyone = [record for group in years.values() for record in group]
            _score_block(
                unknown,
                everyone,
                keys,
                lambda a, b, u=unknown_ids: b not in u or a < b,  # type: ignore[misc]
                scores,
            )
    scores = {pair: score for pair, score in _rescore(by_id, scores).items() if score >= THRESHOLD}
    dismissed = {
        (low, high)
        for low, high in session.execute(
            select(DuplicateDismissal.child_id, DuplicateDismissal.other_id)
        )
    }
    ranked = sorted(
        ((score, pair) for pair, score in scores.items() if pair not in dismissed),
        key=lambda item: (-item[0], by_id[item[1][0]].case_number, by_id[item[1][1]].case_number),
    )[:limit]
    involved = [(score, by_id[child_id]) for score, pair in ranked for child_id in pair]
    candidates = {c.child_id: c for c in _candidates(session, involved)}
    return [
        DuplicatePair(candidates[first], candidates[second], score)
        for score, (first, second) in ranked
    ]


@requires(Permission.EDIT_CASEWORK)
def dismiss_pair(session: Session, child_id: int, other_id: int) -> bool:
    """Mark two children "not a duplicate": the pair leaves the list for good.

    Returns False when the pair was dismissed already. Both children's trails say so.
    """
    if child_id == other_id:
        raise ValidationError("other_id", other_id, _("is the same child"))
    low, high = sorted((child_id, other_id))
    numbers = {
        key: number
        for key, number in session.execute(
            select(Child.id, Child.case_number).where(Child.id.in_((low, high)))
        )
    }
    for wanted in (low, high):
        if wanted not in numbers:
            raise NotFoundError(ENTITY, wanted)
    if session.get(DuplicateDismissal, (low, high)) is not None:
        return False
    session.add(
        DuplicateDismissal(child_id=low, other_id=high, dismissed_by=audit.actor_of(session))
    )
    session.flush()
    for this, that in ((low, high), (high, low)):
        audit.record(session, ENTITY, this, "not_duplicate", after={"other": numbers[that]})
    return True


@requires(Permission.EDIT_CASEWORK)
def restore_pair(session: Session, child_id: int, other_id: int) -> bool:
    """Undo "not a duplicate": the pair may be listed again."""
    low, high = sorted((child_id, other_id))
    result = session.execute(
        delete(DuplicateDismissal).where(
            DuplicateDismissal.child_id == low, DuplicateDismissal.other_id == high
        )
    )
    removed = getattr(result, "rowcount", 0)
    if removed:
        for this, that in ((low, high), (high, low)):
            audit.record(session, ENTITY, this, "maybe_duplicate", after={"other_id": that})
    return bool(removed)
