"""Titles and model names as lists write them, corrected: the case a publisher's page name
spells (`case_from_page_name`), shouting titles in title case (`title_case`), model names in
the case the title writes them (`model_case`); and whether a title names medical images."""

from __future__ import annotations

import re
from collections.abc import Iterable

from medvlm.links import on_hosts
from medvlm.models import Taxonomy
from medvlm.taxonomy import suggest_terms

# Words that make a title about medical images (with the modality keywords of the taxonomy).
_MEDICAL_WORDS = re.compile(
    r"\b(?:medical|medicine|biomedical|clinical|healthcare|radiology|radiological|patients?)\b",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or per the to via vs with".split()
)


def _page_name_words(url: str) -> list[str]:
    """The title words a page name spells, with the publisher's case: CVF pages
    (Author_Title_Words_CVPR_2023_paper.html) and ResearchGate publications (123_Title_Words)."""
    if on_hosts(url, ("openaccess.thecvf.com",)):
        match = re.search(r"/[^/_]+_(?P<words>[^/]+?)_[A-Z]+W?_\d{4}_paper\.html$", url)
    elif on_hosts(url, ("researchgate.net",)):
        match = re.search(r"/publication/\d+_(?P<words>[^/?#]+)$", url)
    else:
        match = None
    return match["words"].split("_") if match else []


def _word_core(word: str) -> str:
    return re.sub(r"^[^\w]+|[^\w]+$", "", word)


def case_from_page_name(title: str, urls: Iterable[str]) -> str:
    """`title` with each word in the case a page name of `urls` spells it ("Kiut:" -> "KiUT:")."""
    spelled: dict[str, str] = {}
    for url in urls:
        for word in _page_name_words(url):
            core = _word_core(word)
            if core:
                spelled.setdefault(core.casefold(), core)
    if not spelled:
        return title
    words = []
    for word in title.split(" "):
        core = _word_core(word)
        better = spelled.get(core.casefold())
        words.append(word.replace(core, better, 1) if core and better else word)
    return " ".join(words)


def is_shouting(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def title_case(title: str) -> str:
    """A title written in capitals, in title case; the part before a colon (a model name) and
    words with digits ("3D") keep their capitals."""
    head, colon, rest = title.partition(": ")
    if not colon:
        head, rest = "", title
    words = []
    for index, word in enumerate(rest.split(" ")):
        if any(c.isdigit() for c in word) or not word.isupper():
            words.append(word)
        elif index and word.casefold() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    body = " ".join(words)
    return f"{head}{colon}{body}" if colon else body


def case_score(title: str) -> tuple[bool, int]:
    """Prefer titles not in capitals, then the one with most capitals (acronyms kept)."""
    return (not is_shouting(title), sum(c.isupper() for c in title))


def model_case(model: str, title: str) -> str:
    """The model name as the title writes it when the title has its capitals ("Unichest" ->
    "UniChest" in "UniChest: ..."; "PaliGemma" stays in "Paligemma: ...")."""
    capitals = sum(c.isupper() for c in model)
    for word in re.split(r"[\s:,;()]+", title):
        if word.casefold() == model.casefold() and sum(c.isupper() for c in word) > capitals:
            return word
    return model


def names_medical_images(taxonomy: Taxonomy, title: str) -> bool:
    modalities = set(suggest_terms(taxonomy, "modality", title)) - {"other", "multi-modality"}
    return bool(modalities) or bool(_MEDICAL_WORDS.search(title))
