"""Venue names and titles as lists write them: `short_venue(name)` gives the short name of a
venue written in full or as an acronym (the patterns of venues.yaml); `clean_title(raw)`
removes stray whitespace and trailing citation text from a title, and names the venue that
text cited."""

from __future__ import annotations

import re

from medvlm.identifiers import normalise_space
from medvlm.links.venuetables import venue_tables


def short_venue(name: str) -> str | None:
    """The short name of a venue written in full or as an acronym, if known.

    "International Conference on Medical Image Computing and Computer-Assisted Intervention"
    -> "MICCAI"; "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern
    Recognition" -> "CVPR"; an unknown name -> None.
    """
    text = normalise_space(name)
    for entry in venue_tables().venue_names:
        if entry.pattern.search(text):
            return entry.short
    return None


# Trailing citation text: ", in: <venue ...>" always; other forms only when what follows
# names a venue, so that a title containing ", in " keeps its words.
_CITATION_ALWAYS = re.compile(r"[,.]\s*in:\s*(?P<venue>.*)$", re.IGNORECASE)
_CITATION_IF_VENUE = re.compile(
    r"[,.]\s*(?:in\s+)?(?P<venue>(?:the\s+)?(?:proceedings\b|\d+(?:st|nd|rd|th)\s+|"
    r"international\b|annual\b|european\b|asian\b|ieee\b|acm\b|advances\s+in\b|"
    r"arxiv\s+preprint\b).*)$",
    re.IGNORECASE,
)
_VENUE_WORDS = re.compile(
    r"\b(?:conference|symposium|workshops?|proceedings|transactions|journal|preprint)\b",
    re.IGNORECASE,
)


def clean_title(raw: str) -> tuple[str, str | None]:
    """A title with whitespace normalised and trailing citation text removed, and the venue
    that text named (short form) when it is recognised.

    "Clip-lung: ... prediction, in: International Conference on Medical Image Computing and
    Computer-Assisted Intervention" -> ("Clip-lung: ... prediction", "MICCAI").
    """
    title = normalise_space(raw)
    cut = _citation_start(title)
    venue = None
    if cut is not None:
        start, tail = cut
        title = title[:start]
        venue = short_venue(tail)
    return title.rstrip(" ,;:"), venue


def _citation_start(title: str) -> tuple[int, str] | None:
    """Where trailing citation text starts in `title`, and that text."""
    always = _CITATION_ALWAYS.search(title)
    if always and always.start() > 0:
        return always.start(), always["venue"]
    for separator in re.finditer(r"[,.]", title):
        match = _CITATION_IF_VENUE.match(title, separator.start())
        if match and match.start() > 0:
            tail = match["venue"]
            if _VENUE_WORDS.search(tail) or short_venue(tail):
                return match.start(), tail
    return None
