"""The child's card: English, the office's and the child's language, labels from the data file."""

from __future__ import annotations

import json

import pytest

from guardian_desk import papers
from guardian_desk.papers.card import card_language_codes, card_languages, card_texts_path
from tests.papers import samples
from tests.papers.pdf import find_word, flat_text_of, words_of

REQUIRED = ("eng", "sqi", "srp", "mkd", "ara", "prs", "fas", "pus", "urd", "tir", "som", "fra")
LABELS = ("your_guardian", "phone", "your_mediator", "next_visit", "help_call")


def test_the_data_file_has_every_required_language_with_every_label() -> None:
    with open(card_texts_path(), encoding="utf-8") as handle:
        data = json.load(handle)["languages"]
    for code in REQUIRED:
        entry = data[code]
        assert entry["direction"] in ("ltr", "rtl")
        for key in ("name", *LABELS):
            assert entry[key].strip(), (code, key)
    rtl = {code for code in REQUIRED if data[code]["direction"] == "rtl"}
    assert rtl == {"ara", "prs", "fas", "pus", "urd"}


@pytest.mark.parametrize(
    ("office", "child", "expected"),
    [
        ("mkd", "prs", ["eng", "mkd", "prs"]),
        ("sqi", "tir", ["eng", "sqi", "tir"]),
        ("eng", "eng", ["eng"]),
        ("srp", "kur", ["eng", "srp"]),  # no Kurdish labels yet: left out
        ("als", "pbu", ["eng", "sqi", "pus"]),  # Tosk Albanian and Northern Pashto by alias
        ("SRP", None, ["eng", "srp"]),
    ],
)
def test_languages_on_the_card(office: str, child: str | None, expected: list[str]) -> None:
    content = samples.card(office_language=office, child_language=child)
    assert card_language_codes(content) == expected


def test_the_card_prints_the_labels_of_each_language() -> None:
    text = flat_text_of(papers.render_card(samples.card(), samples.LETTERHEAD))
    for code in ("eng", "mkd", "prs"):
        language = card_languages()[code]
        assert language.name in text
        for key in LABELS:
            # Word by word: pdftotext moves the brackets and commas of right-to-left labels.
            for word in language.labels[key].split():
                assert word.strip("()،,") in text, (code, key, word)
    assert "Ahmad" not in text  # nothing but the content's own names
    assert "18.03.2025, 10:30" in text
    assert "+389 2 3100 100" in text


def test_every_required_language_renders() -> None:
    for code in REQUIRED:
        content = samples.card(office_language="eng", child_language=code)
        text = flat_text_of(papers.render_card(content, samples.LETTERHEAD))
        assert card_languages()[code].labels["your_guardian"] in text, code


def test_right_to_left_labels_sit_right_of_their_values() -> None:
    content = samples.card(office_language="eng", child_language="ara", guardian_name="Ana Kovač")
    words = words_of(papers.render_card(content, samples.LETTERHEAD))
    english_label = find_word(words, "guardian")  # "Your guardian" at the left of its value
    english_value = find_word(words, "Kovač")
    assert english_label.x_max < english_value.x_min
    label = find_word(words, "الوصي")  # الوصي عليك: "your guardian"
    second = find_word(words, "عليك")
    value = min((w for w in words if w.text == "Kovač"), key=lambda w: abs(w.y_mid - label.y_mid))
    assert abs(label.y_mid - value.y_mid) < 4  # on the label's row
    assert value.x_max < second.x_min < second.x_max < label.x_min  # all read right to left
