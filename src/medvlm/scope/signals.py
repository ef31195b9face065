"""Whether a candidate's title and list headings show medical images and language (the scope
rule), from the words of signals.yaml and the taxonomy's modality keywords."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from medvlm.datatables import load_table
from medvlm.models import Taxonomy

SIGNALS_FILE = Path(__file__).with_name("signals.yaml")
# Modality terms whose keywords name no images ("biomedical", "pubmed").
_NOT_IMAGING_MODALITIES = frozenset({"multi-modality"})


# A list of words may not be empty: no alternative at all would match between any two
# characters that are not letters or digits (`_pattern`), so every title would show it.
_WordList = Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    medical_imaging: _WordList
    medical: _WordList
    image: _WordList
    language: _WordList
    non_imaging: _WordList


@cache
def _words() -> _Words:
    return load_table(SIGNALS_FILE, _Words)


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of `words` as a whole word (letters and digits around it break the match)."""
    alternatives = "|".join(sorted((re.escape(word.casefold()) for word in words), key=len)[::-1])
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


@dataclass(frozen=True)
class Signal:
    """What a candidate's words show: medical images, language."""

    medical_image: bool
    language: bool

    @property
    def in_scope(self) -> bool:
        return self.medical_image and self.language

    def missing(self) -> str:
        """Why the candidate is not in scope by its words ("" when it is)."""
        lacking = [
            name
            for name, shown in (("medical-image", self.medical_image), ("language", self.language))
            if not shown
        ]
        if not lacking:
            return ""
        return f"no {' and no '.join(lacking)} word in the title or section headings"


class SignalReader:
    """Reads the signals of texts against one taxonomy's modality keywords."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        words = _words()
        modality_words = [
            keyword
            for term in taxonomy.axes["modality"].terms
            if term.id not in _NOT_IMAGING_MODALITIES
            for keyword in term.keywords
        ]
        self._medical_imaging = _pattern([*words.medical_imaging, *modality_words])
        self._medical = _pattern(words.medical)
        self._image = _pattern(words.image)
        self._language = _pattern(words.language)
        self._non_imaging = _pattern(words.non_imaging)

    def read(self, title: str, sections: Iterable[str], headings: Iterable[str]) -> Signal:
        """The signal of a title under its list's headings. Medicine must be named by the
        title or by the entry's own `sections` (its innermost headings that are not venue
        or year tags): a medical list's section of general models ("Methods of Biomedical
        MLLMs > Generalist Models") names no medicine for them. Images and language may be
        named by any heading. When the title or a heading names data that are not images
        (omics, EHR, ECG, time series), only the title's imaging words show medical
        images."""
        own = title.casefold()
        near = "\n".join([own, *(section.casefold() for section in sections)])
        everywhere = "\n".join([near, *(heading.casefold() for heading in headings)])
        if self._non_imaging.search(everywhere):
            # "Multimodal" or "clinical" then name other data: only imaging words count.
            medical_image = bool(self._medical_imaging.search(own))
        else:
            named_medicine = self._medical_imaging.search(near) or self._medical.search(near)
            named_image = self._medical_imaging.search(everywhere) or self._image.search(everywhere)
            medical_image = bool(named_medicine and named_image)
        return Signal(medical_image, bool(self._language.search(everywhere)))
