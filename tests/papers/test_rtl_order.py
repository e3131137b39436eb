"""Right-to-left names keep their words in order on the page: the first word at the right."""

from __future__ import annotations

from guardian_desk import papers
from tests.papers import samples
from tests.papers.pdf import find_word, words_of

FIRST, SECOND = samples.ARABIC.split()  # محمد, علي


def _appointment_words(name: str) -> list:
    content = samples.appointment(child=samples.child(name))
    return words_of(papers.render_appointment(content, samples.LETTERHEAD))


def test_a_name_alone_in_its_field_reads_right_to_left() -> None:
    words = _appointment_words(samples.ARABIC)
    label = find_word(words, "Name")  # the child's table: the first "Name" label
    first = find_word(words, FIRST, after=label)
    second = find_word(words, SECOND, after=label)
    assert abs(first.y_mid - second.y_mid) < 2  # one line
    assert first.x_min > second.x_max  # the first word is to the right of the second


def test_a_name_inside_an_english_sentence_reads_right_to_left() -> None:
    words = _appointment_words(samples.ARABIC)
    sentence = find_word(words, "appoints")  # "... as the guardian of محمد علي (case number ...)"
    before = find_word(words, "of", after=sentence)
    first = find_word(words, FIRST)
    second = find_word(words, SECOND)
    after = find_word(words, "(case")
    assert abs(first.y_mid - before.y_mid) < 2 and abs(second.y_mid - before.y_mid) < 2
    # The sentence runs left to right around the name; the name itself right to left.
    assert before.x_max < second.x_min < second.x_max < first.x_min < first.x_max < after.x_min


def test_a_name_that_wraps_keeps_its_first_words_on_the_first_line() -> None:
    parts = ["محمد", "علي", "حسين", "عبد", "الرحمن", "يوسف", "إبراهيم", "خليل"] * 3
    words = _appointment_words(" ".join(parts))
    sentence = find_word(words, "appoints")  # "... as the guardian of <name> (case number ...)"
    start = find_word(words, "of", after=sentence)
    end = find_word(words, "(case", after=start)
    name = words[words.index(start) + 1 : words.index(end)]
    assert sorted(w.text for w in name) == sorted(parts)
    lines: dict[int, list] = {}
    for word in name:
        lines.setdefault(round(word.y_mid), []).append(word)
    assert len(lines) >= 2, "the name should wrap onto a second line"
    # Read line by line from the top, each line right to left: the name in its own order.
    read = [w.text for y in sorted(lines) for w in sorted(lines[y], key=lambda w: -w.x_mid)]
    assert read == parts
    # The first line holds the name's beginning, right after "of".
    top = min(lines)
    assert abs(top - start.y_mid) < 2
    assert all(w.x_min > start.x_max for w in lines[top])
