"""Related papers: what counts as related, bounded work, deterministic choice."""

from __future__ import annotations

from medvlm.models import Paper
from medvlm.render.site.related import related_papers


def test_related_papers_share_terms_or_title_words() -> None:
    def paper(record_id: str, title: str, tasks: list[str], strategies: list[str]) -> Paper:
        data = {"id": record_id, "title": title, "year": 2024, "tasks": tasks}
        return Paper.model_validate({**data, "strategies": strategies})

    papers = [
        paper("a", "Alpha segmentation network", ["segmentation"], ["pretraining"]),
        paper("b", "Beta", ["segmentation"], ["pretraining"]),  # same task and strategy
        paper("c", "Gamma segmentation", ["vqa"], ["fine-tuning"]),  # a title word
        paper("d", "Delta", ["segmentation"], ["fine-tuning"]),  # task only: not related
        paper("e", "Epsilon", ["vqa"], ["pretraining"]),  # strategy only: not related
    ]
    related = related_papers(papers)
    assert [p.id for p in related["a"]] == ["b", "c"]
    assert [p.id for p in related["d"]] == []
    assert all(p.id != key for key, found in related.items() for p in found)


def test_related_papers_are_bounded_and_deterministic() -> None:
    papers = [
        Paper.model_validate(
            {
                "id": f"p{index}",
                "title": f"Shared words model number {index % 7}",
                "year": 2020 + index % 5,
                "tasks": ["segmentation"],
                "strategies": ["pretraining"],
            }
        )
        for index in range(400)
    ]
    first = related_papers(papers)
    again = related_papers(list(reversed(papers)))
    assert first == again
    assert all(len(found) == 5 for found in first.values())
