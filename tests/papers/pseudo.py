"""The pseudo-locale over the strings the sources mark today (not the committed template).

The template (resources/locale/guardian_desk.pot) is refreshed by `python -m guardian_desk.i18n
extract`; the pseudo-locale decorates only what it holds. Tests of the papers' wording use
what Babel extracts from the sources now, so they check that the strings are extractable too.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest

from guardian_desk.i18n.catalogues import translations
from guardian_desk.i18n.languages import PSEUDO
from guardian_desk.i18n.pseudo import decorate


@cache
def _extracted_ids() -> frozenset[str]:
    from guardian_desk.i18n.tool import build_template

    ids: set[str] = set()
    for message in build_template():
        ids.update([message.id] if isinstance(message.id, str) else message.id)
    return frozenset(ids)


@pytest.fixture
def pseudo() -> Iterator[None]:
    pseudo_translations = translations(PSEUDO)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pseudo_translations, "known", _extracted_ids(), raising=False)
        yield


def decorated(text: str) -> str:
    """What the pseudo-locale prints for ``text``, without its padding and brackets."""
    return decorate(text)[1:].rstrip("⟧·")
