"""Venue and year tags as lists write them: in brackets, parentheses, emphasis or code spans,
in badges and in venue and year columns: `[MICCAI 2024]`, `**CVPR'24**`, `(NeurIPS 2023)`,
`[2023]`, `MICCAI24`, "Nature Medicine"."""

from __future__ import annotations

import re

from medvlm.identifiers import normalise_space
from medvlm.importers.entries import VenueTag
from medvlm.importers.inline import QUOTES, strip_emphasis
from medvlm.links import short_venue

_YEAR = re.compile(
    r"(?<![\d.])(?:(?P<y4>(?:19[5-9]|20\d)\d)|['\u2018\u2019](?P<y2>\d{2})(?:0[1-9]|1[0-2])?"
    r"|(?<=[A-Za-z])(?P<yx>\d{2})$)(?!\d)"
)
# A month before the year ("[Mar., 2022]"): the tag gives the year only.
_MONTH = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE
)
# A venue in emphasis with no year ("**Nature Communications**") is a tag only when short: a
# longer phrase naming a venue is more likely a bold title ("... for Medical Image Analysis").
_MAX_YEARLESS_WORDS = 4
# A venue the venue table does not know, only trusted with a year: an acronym ("TMI", "IEEE
# TMI", "ML4H") or a name in title case ("Computerized Medical Imaging and Graphics").
_ACRONYM = re.compile(
    r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&-]{0,11}(?: [A-Z][A-Za-z0-9&-]{0,11}){0,2}$"
)
_VENUE_NAME = re.compile(
    r"^[A-Z][A-Za-z.&-]+(?: (?:[A-Z][A-Za-z.&-]*|of|in|on|and|for|the|&)){0,7}$"
)
_MAX_TAG = 120


def parse_venue_tag(
    text: str, *, need_year: bool = False, emphasis: bool = False
) -> VenueTag | None:
    """The venue and year a short tag names ("MICCAI 2024", "CVPR'24", "2023", "Nature
    Medicine"), or None when `text` is not such a tag (a title, a word).

    `need_year`: accept only tags with a year (badges, headings). `emphasis`: accept tags
    with a year, or short ones naming a known venue ("**Nature Communications**"): a longer
    venue-like phrase in emphasis is more likely part of a title. "arXiv'2401" (year and
    month) is 2024; "Mar., 2022" names the year only.
    """
    tag = normalise_space(strip_emphasis(text)).strip(" .,;:[](){}")
    if not tag or len(tag) > _MAX_TAG or ":" in tag:
        return None
    year_match = _YEAR.search(tag)
    year = None
    rest = tag
    if year_match:
        digits = year_match["y4"] or year_match["y2"] or year_match["yx"]
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        rest = normalise_space(tag[: year_match.start()] + " " + tag[year_match.end() :])
    rest = rest.strip(" .,;:-/()[]" + QUOTES)
    if year is not None and _MONTH.match(rest):
        rest = ""
    if year is None and (need_year or (emphasis and len(rest.split()) > _MAX_YEARLESS_WORDS)):
        return None
    venue = None
    if rest:
        venue = short_venue(rest)
        if (
            venue is None
            and year is not None
            and (_ACRONYM.fullmatch(rest) or _VENUE_NAME.fullmatch(rest))
        ):
            venue = rest
        if venue is None:
            return None
    if year is None and venue is None:
        return None
    return VenueTag(normalise_space(text), venue, year)


def four_digit_year(text: str) -> int | None:
    """The first four-digit year in `text` (a year column: "2023", "Mar 2023")."""
    match = _YEAR.search(text)
    return int(match["y4"]) if match and match["y4"] else None


def venue_cell(text: str) -> VenueTag:
    """A venue column's value: a tag when it reads as one, else the text as the venue name."""
    tag = parse_venue_tag(text)
    if tag is not None:
        return tag
    year = _YEAR.search(text)
    name = normalise_space(_YEAR.sub(" ", text)).strip(" ,.;" + QUOTES)
    digits = year["y4"] if year else None
    return VenueTag(text, short_venue(name) or name or None, int(digits) if digits else None)


# Bracketed, parenthesised, emphasised or code-span text that may be a tag.
_TAG_CANDIDATES = re.compile(
    r"\[(?P<bracket>[^\[\]\x00]{1,120})\](?!\()"
    r"|\((?P<paren>[^()\x00]{1,120})\)"
    r"|(?P<mark>\*\*|__)(?P<strong>[^*_\x00]{1,120}?)(?P=mark)"
    r"|(?<![\w*])\*(?P<em>[^*\x00]{1,120}?)\*(?![\w*])"
    r"|`(?P<code>[^`\x00]{1,120})`"
)


def take_tags(text: str) -> tuple[str, list[VenueTag]]:
    """Venue/year tags in `text`, and the text without them."""
    tags: list[VenueTag] = []

    def take(match: re.Match[str]) -> str:
        emphasis = match["strong"] is not None or match["em"] is not None
        inner = (
            match["bracket"] or match["paren"] or match["strong"] or match["em"] or match["code"]
        )
        tag = parse_venue_tag(inner or "", emphasis=emphasis)
        if tag is None:
            return match[0]
        tags.append(tag)
        return " "

    return _TAG_CANDIDATES.sub(take, text), tags
