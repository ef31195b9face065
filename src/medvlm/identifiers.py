"""Pure normalisers for the identifiers a record carries: arXiv ids, DOIs, record ids, titles.

No I/O. The record model, the link canonicaliser and the importers all use these, so that an
identifier written in any of its common forms compares equal to every other form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# New-style arXiv ids (2007 on): YYMM.NNNN (to 2014) or YYMM.NNNNN, optional version.
_ARXIV_NEW = re.compile(r"(?P<id>\d{4}\.\d{4,5})(?:v\d+)?")
_ARXIV_NEW_BARE = re.compile(r"\d{4}\.\d{4,5}")
# Old-style ids: archive(.subject)/YYMMNNN, e.g. cs/0112017, math.GT/0309136.
_ARXIV_OLD = re.compile(r"(?P<id>[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
_ARXIV_URL = re.compile(
    r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/(?P<rest>.+?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_ARXIV_PREFIX = re.compile(r"^arxiv:\s*", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*|https?://doi\.acm\.org/)", re.IGNORECASE
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
RECORD_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")

# Words skipped when choosing the title word of a record id.
_ID_STOPWORDS = frozenset(
    "a an the on of for in to and with via towards toward from by is are do does can how what "
    "when why at as its".split()
)


def normalise_arxiv_id(value: str) -> str:
    """Return the bare arXiv id of `value` (URL, `arXiv:` prefix and version stripped).

    Raises ValueError when `value` holds no arXiv id.
    """
    if _ARXIV_NEW_BARE.fullmatch(value):
        return value  # already bare (most records)
    text = value.strip()
    url = _ARXIV_URL.match(text)
    if url:
        text = url.group("rest").split("?")[0].split("#")[0]
    text = _ARXIV_PREFIX.sub("", text)
    text = text.removesuffix(".pdf")
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.fullmatch(text)
        if match:
            return match.group("id")
    raise ValueError(f"not an arXiv id: {value!r} (expected e.g. 2403.04290 or cs/0112017)")


def _normalised_or_none(normalise: Callable[[str], str], value: object) -> str | None:
    """`normalise(value)`, or None when `value` is not text or `normalise` refuses it."""
    if not isinstance(value, str):
        return None
    try:
        return normalise(value)
    except ValueError:
        return None


def arxiv_id_or_none(value: object) -> str | None:
    """The bare arXiv id in `value`, or None when it is not text holding one."""
    return _normalised_or_none(normalise_arxiv_id, value)


def arxiv_year(arxiv_id: str) -> int:
    """The year an arXiv id was issued (from its YYMM part)."""
    digits = arxiv_id.split("/")[-1]
    yy = int(digits[:2])
    return 1900 + yy if yy >= 91 else 2000 + yy


def normalise_doi(value: str) -> str:
    """Return the DOI in `value` without resolver prefix, lower-cased.

    Raises ValueError when `value` is not a DOI.
    """
    if _DOI.fullmatch(value) and value[-1] != ".":
        return value.lower()  # no prefix, no stray space or point (most records)
    text = _DOI_PREFIXES.sub("", value.strip()).strip().rstrip(".")
    if not _DOI.match(text):
        raise ValueError(f"not a DOI: {value!r} (expected e.g. 10.1038/s41591-023-02504-3)")
    return text.lower()


def doi_or_none(value: object) -> str | None:
    """The normalised DOI in `value`, or None when it is not text holding one."""
    return _normalised_or_none(normalise_doi, value)


def is_clean_space(value: str) -> bool:
    """Whether normalise_space would leave `value` as it is (most values)."""
    # Printable text has no whitespace but the ASCII space.
    return value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " "


def normalise_space(value: str) -> str:
    """Collapse runs of whitespace (including newlines and no-break spaces) to one space."""
    return value if is_clean_space(value) else " ".join(value.split())


def name_key(text: str) -> str:
    """A heading or term name reduced for matching: lower case, punctuation as single spaces."""
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def title_key(title: str) -> str:
    """A title reduced for duplicate detection: accents folded, lower-case, only letters/digits."""
    if not title.isascii():  # most titles are: folding would change nothing
        title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", title.lower())


def _ascii_word(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def surname(author: str) -> str:
    """The family name of an author written as "Given Family" or "Family, Given"."""
    name = normalise_space(author)
    if "," in name:
        return name.split(",", 1)[0]
    return name.split(" ")[-1] if name else ""


def first_title_word(title: str) -> str:
    """The first word of a title that is not a stop word, as lower-case ASCII."""
    words = [_ascii_word(w) for w in re.split(r"[\s\-\u2010-\u2015:/]+", title)]
    words = [w for w in words if w]
    for word in words:
        if word not in _ID_STOPWORDS:
            return word
    return words[0] if words else "paper"


def make_record_id(
    title: str, year: int | None, authors: list[str] | None = None, taken: set[str] | None = None
) -> str:
    """The record id rule: first author's surname + year + first title word, `[a-z0-9-]`.

    Without authors the id is title word + year. A clash with `taken` gets a suffix -b, -c, ...
    """
    author_part = _ascii_word(surname(authors[0])) if authors else ""
    word = first_title_word(title)[:30]
    year_part = str(year) if year else ""
    base = f"{author_part}{year_part}{word}" if author_part else f"{word}{year_part}"
    base = base[:72] or "paper"
    if not taken or base not in taken:
        return base
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        candidate = f"{base}-{suffix}"
        if candidate not in taken:
            return candidate
    index = 2
    while f"{base}-{index}" in taken:
        index += 1
    return f"{base}-{index}"
