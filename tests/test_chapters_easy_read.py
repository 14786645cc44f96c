"""sufficiency.chapters.easy_read: the page for children and young people, word for word, for Lewisham
(its pledges and ambitions) and Greenwich (published figures alone)."""
from __future__ import annotations

from sufficiency.chapters import easy_read as E


def test_lewisham_numbers_in_short_sentences():
    assert E.numbers_section("209", 2025).text.split("\n\n") == [
        "On 31 March 2025, Lewisham looked after 439 children and young people.",
        "68 out of every 100 lived with foster carers.",
        "34 out of every 100 lived inside Lewisham.",
        "73 out of every 100 lived 20 miles or less from their family home.",
        "8 out of every 100 had to move home three times or more in a year. We want that number to be as small "
        "as it can be."]


def test_lewisham_promises_are_its_pledges_and_its_changes_its_ambitions():
    promises = E.promises_section("209").text.split("\n")
    assert promises[:3] == ["Lewisham promises:", "", "- We take our role as corporate parents seriously"]
    changes = E.changes_section("209").text.split("\n")
    assert changes[0] == "Lewisham has 8 big aims:"
    assert changes[2].startswith("- **Prevention.** Help more children stay safely with their own families")


def test_greenwich_gets_the_page_from_published_figures_alone():
    assert E.numbers_section("203", 2025).text.split("\n\n")[:2] == [
        "On 31 March 2025, Greenwich looked after 404 children and young people.",
        "72 out of every 100 lived with foster carers."]
    assert E.promises_section("203").text == (
        "Greenwich has not written its promises to you in this book yet. Every council must act like a good "
        "parent for each child it looks after. That means keeping you safe, listening to you, and helping you do "
        "well at school and in life.")
    assert E.changes_section("203").text == (
        "Greenwich has not written its plans in this book yet. The numbers on this page will help it plan how "
        "many homes children need, and where.")


def test_who_to_talk_to():
    text = E.talk_to_section("203").text
    assert text.startswith("If you are worried, or want something to change, you can talk to:\n\n"
                           "- **Your social worker.** They are there to listen and to help you.")
    assert text.endswith("You can also tell Greenwich what you think about this plan. Your social worker can tell "
                         "you how.")
    assert "- **Childline**: 0800 1111, any time, day or night. It is free and private." in text


def test_sentences_stay_short():
    """Easy read: no sentence in the page's generated text runs past 30 words."""
    import re
    for la in ("209", "203"):
        for text in (E.numbers_section(la, 2025).text, E.talk_to_section(la).text, E.promises_section(la).text):
            for sentence in re.split(r"(?<=[.:])\s|\n", text):
                assert len(sentence.split()) <= 30, sentence


def test_a_suppressed_or_missing_count_in_easy_words():
    assert E.numbers_section("201", 2025).text == (
        "City of London looks after only a few children. The number is not shown, so that nobody can tell who "
        "they are.")
    assert E.numbers_section("420", 2025).text == (
        "We could not find how many children Isles of Scilly looks after. The number is not published.")
