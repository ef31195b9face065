"""The keys a work is known by (medvlm.workkeys)."""

from __future__ import annotations

from medvlm.workkeys import title_words_key, work_keys


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
