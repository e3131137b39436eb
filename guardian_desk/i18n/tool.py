"""The translation workflow: one command extracts, updates, compiles and checks catalogues.

    python -m guardian_desk.i18n extract   # sources -> resources/locale/guardian_desk.pot + .po
    python -m guardian_desk.i18n compile   # .po -> .mo (shipped beside them)
    python -m guardian_desk.i18n check     # CI: complete, no fuzzy, same placeholders, fresh
    python -m guardian_desk.i18n status    # per language: strings, awaiting a native's review

Strings are found by Babel in guardian_desk/ and ui/: _(), N_(), ngettext(), pgettext() in
the core, self.tr(), QCoreApplication.translate() and QT_TRANSLATE_NOOP() in Qt code. A Qt
string with %n (self.tr("%n day(s)", "", n)) becomes a plural entry, as gettext counts it;
a Qt disambiguation (self.tr("To:", "recipient")) becomes the entry's context (msgctxt).
"""

from __future__ import annotations

import io
import re
import string
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from guardian_desk.i18n.catalogues import DOMAIN, locale_dir, po_path
from guardian_desk.i18n.languages import CATALOGUED
from guardian_desk.paths import SOURCE_ROOT

SOURCES = ("guardian_desk", "ui")
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    # Qt: tr(source, disambiguation, n); a disambiguation becomes the entry's context.
    # A trailing comma after the count (ruff's magic comma) makes Babel count one more.
    "tr": {1: (1,), 2: (1, (2, "c")), 3: (1, (2, "c")), 4: (1, (2, "c"))},
    "translate": (2,),
    "_tr": (1,),  # a module's shorthand for QCoreApplication.translate(context, text)
    "QT_TRANSLATE_NOOP": (2,),
    "QT_TR_NOOP": (1,),
}
# A drafted translation keeps this flag until a native speaker has read it (resources/locale).
UNREVIEWED = "unreviewed"
COPYRIGHT = "the Guardian Desk authors"


def template_path() -> Path:
    return locale_dir() / f"{DOMAIN}.pot"


def _extracted() -> Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            SOURCE_ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        ):
            yield f"{folder}/{filename}", lineno, message, comments, context


def build_template() -> Catalog:
    catalog = Catalog(project="Guardian Desk", copyright_holder=COPYRIGHT, fuzzy=False)
    for filename, lineno, message, comments, context in _extracted():
        if isinstance(message, tuple) and len(message) == 1:
            message = message[0]
        if isinstance(message, str) and "%n" in message:
            message = (message, message)  # a Qt count: gettext's plural forms
        if not message or (isinstance(message, tuple) and not message[0]):
            continue
        context = context or None  # tr("%n day(s)", "", n): no disambiguation
        catalog.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
            flags=_format_flags(message),
        )
    return catalog


def _format_flags(message: str | tuple[str, ...]) -> tuple[str, ...]:
    text = message if isinstance(message, str) else message[0]
    return ("python-brace-format",) if _fields(text) else ()


# Qt's %n and %1, and the printf fields of argparse's own messages (guardian_desk/cli_words.py).
_QT_ARGS = re.compile(r"%(?:n|[1-9]|\([a-z_]+\)[sdr]|[sdr])")


def _fields(text: str) -> set[str]:
    """The placeholders a translation must keep: {name} fields, Qt's %n, %1, printf's %s."""
    found = set(_QT_ARGS.findall(text))
    try:
        found |= {f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        found.add("<unbalanced braces>")
    return found


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=False, include_previous=True)
    path.write_bytes(buffer.getvalue())


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def extract() -> None:
    template = build_template()
    _write(template, template_path())
    for language in CATALOGUED:
        path = po_path(language)
        if path.exists():
            catalog = _read(path, language)
            catalog.update(template, update_header_comment=False)
            catalog.obsolete.clear()  # a string gone from the code leaves the catalogue
        else:
            catalog = Catalog(locale=language, project="Guardian Desk", copyright_holder=COPYRIGHT)
            catalog.update(template)
        _write(catalog, path)
    print(f"{len(template)} strings in {template_path()}")


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in CATALOGUED:
        catalog = _read(po_path(language), language)
        po_path(language).with_suffix(".mo").write_bytes(_mo_bytes(catalog))
    print(f"compiled {', '.join(CATALOGUED)}")


def _translations(message: Message) -> Sequence[str]:
    if isinstance(message.string, (list, tuple)):
        return [text or "" for text in message.string]
    return [message.string or ""]


def problems(language: str, template: Catalog) -> Iterator[str]:
    """Every reason the shipped catalogue of `language` is not ready, as one line each."""
    path = po_path(language)
    catalog = _read(path, language)
    expected = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    present = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}
    for key, _context in sorted(expected - present, key=str):
        yield f"{language}: not in the catalogue (run extract): {key!r}"
    for key, _context in sorted(present - expected, key=str):
        yield f"{language}: no longer in the code (run extract): {key!r}"
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        texts = _translations(message)
        if message.fuzzy:
            yield f"{language}: fuzzy: {source!r}"
        if any(not text for text in texts):
            yield f"{language}: untranslated: {source!r}"
            continue
        wanted = _fields(source)
        for text in texts:
            if _fields(text) != wanted:
                yield (
                    f"{language}: placeholders differ: {source!r} has {sorted(wanted)}, "
                    f"the translation {sorted(_fields(text))}"
                )
        if isinstance(message.id, tuple) and len(texts) != catalog.num_plurals:
            yield f"{language}: {len(texts)} plural forms, {catalog.num_plurals} needed: {source!r}"
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
        yield f"{language}: {mo.name} is older than the .po (run compile)"


def check(languages: Iterable[str] = CATALOGUED) -> int:
    template = build_template()
    found = [line for language in languages for line in problems(language, template)]
    for line in found[:200]:
        print(line)
    if len(found) > 200:
        print(f"... and {len(found) - 200} more")
    print(f"{len(found)} problems in {len(template)} strings x {len(CATALOGUED)} catalogues")
    return 1 if found else 0


def status() -> None:
    for language in CATALOGUED:
        catalog = _read(po_path(language), language)
        entries = [m for m in catalog if m.id]
        waiting = sum(UNREVIEWED in m.flags for m in entries)
        print(f"{language}: {len(entries)} strings, {waiting} await a native speaker's review")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    elif command == "status":
        status()
    else:
        print("usage: python -m guardian_desk.i18n extract|compile|check|status", file=sys.stderr)
        return 2
    return 0
