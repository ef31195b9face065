"""The keys a work is known by (medvlm.workkeys)."""

from __future__ import annotations

from medvlm.workkeys import identity_keys, title_words_key, work_keys


def test_titles_differing_by_small_words_are_one_work() -> None:
    listed = "A Novel Framework for Diagnosing Cerebral Microbleeds Using Transformer and Language"
    published = (
        "A novel framework for diagnosing of cerebral microbleeds using transformer & language"
    )
    assert title_words_key(listed) == title_words_key(published)
    assert title_words_key("Segment Anything") != title_words_key("Segment Anything in CT")


def test_work_keys() -> None:
    assert work_keys("Grounded Reports", "2401.00001", None) == [
        ("arxiv", "2401.00001"),
        ("title", "groundedreports"),
        ("title-words", "groundedreports"),
    ]
    assert work_keys(None, None, "10.1/x") == [("doi", "10.1/x")]


def test_identity_keys_are_the_ones_no_two_records_share() -> None:
    # The looser title-words key finds a row's work, but two records may differ by a small word.
    assert identity_keys("The Grounded Reports", "2401.00001", "10.1/x") == [
        ("arxiv", "2401.00001"),
        ("doi", "10.1/x"),
        ("title", "thegroundedreports"),
    ]
    assert identity_keys("", None, None) == []
