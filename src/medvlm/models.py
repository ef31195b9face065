"""Pydantic models of the catalog: taxonomy terms and paper records. No I/O.

Records are validated with a taxonomy in the validation context
(`Paper.model_validate(data, context={"taxonomy": taxonomy})`) so that terms are checked against
`taxonomy.yaml`; without a context only the record's own shape is checked.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from medvlm.identifiers import (
    RECORD_ID,
    is_clean_space,
    name_key,
    normalise_arxiv_id,
    normalise_doi,
    normalise_space,
)
from medvlm.text import did_you_mean

AXES: tuple[str, ...] = ("task", "strategy", "modality", "dataset", "kind")
MIN_YEAR = 1950
# The venue of a preprint: a record says it only when no source shows a peer-reviewed version.
ARXIV_VENUE = "arXiv"
TERM_ID = r"^[a-z0-9][a-z0-9-]*$"


def _clean_text(value: Any) -> Any:
    return normalise_space(value) if isinstance(value, str) else value


def _clean_texts(values: Any) -> Any:
    # One call for the whole list: a validator per item costs a Python call each.
    if isinstance(values, list | tuple):
        try:
            joined = " ".join(values)  # by one space: any item's stray space shows as two
        except TypeError:  # not all text: the item validators say what is wrong
            joined = ""
        if joined and is_clean_space(joined):
            return list(values)
        return [normalise_space(value) if isinstance(value, str) else value for value in values]
    return values


_HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _clean_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # the str validator says what is wrong
    value = normalise_space(value)
    if not _HTTP_URL.match(value):
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value


# An empty text is reported as "must not be empty" (problems.py words the length errors).
NonEmptyText = Annotated[str, StringConstraints(min_length=1)]
CleanText = Annotated[NonEmptyText, BeforeValidator(_clean_text)]
CleanTexts = Annotated[list[NonEmptyText], BeforeValidator(_clean_texts)]

# Bounds of a record's free-text fields: generous for real data, so that a pasted abstract or a
# runaway value is a located error rather than a page that breaks.
MAX_TITLE = 300
MAX_SUMMARY = 300
MAX_NAME = 100  # an author, a model or a venue name
MAX_AUTHORS = 500
MAX_URL = 2000


Title = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TITLE), BeforeValidator(_clean_text)
]
Summary = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_SUMMARY), BeforeValidator(_clean_text)
]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_NAME), BeforeValidator(_clean_text)
]
Names = Annotated[
    list[Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]],
    BeforeValidator(_clean_texts),
    Field(max_length=MAX_AUTHORS),
]

# Strict: what _clean_url let through unchecked (not text) must not become text afterwards.
HttpUrl = Annotated[StrictStr, StringConstraints(max_length=MAX_URL), BeforeValidator(_clean_url)]


def empty_list() -> Any:
    """A list field's empty default, made by a factory: pydantic deep-copies a `[]` default
    for every record that leaves the field out (measured: a tenth of validating a record).
    The JSON schema still shows the default."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class RecordError(ValueError):
    """Data (fetched or imported) that cannot become a valid record; the message says why."""


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- taxonomy -------------------------------------------------------------------------------


class Term(Strict):
    id: Annotated[str, Field(pattern=TERM_ID)]
    label: CleanText
    description: CleanText
    # The term's own page, where it has one: a dataset's homepage.
    url: HttpUrl | None = None
    aliases: CleanTexts = empty_list()
    keywords: CleanTexts = empty_list()


class Axis(Strict):
    label: CleanText
    description: CleanText
    terms: Annotated[list[Term], Field(min_length=1)]

    @field_validator("terms")
    @classmethod
    def _unique_terms(cls, terms: list[Term]) -> list[Term]:
        seen: set[str] = set()
        names: dict[str, str] = {}
        for term in terms:
            if term.id in seen:
                raise ValueError(f"term id {term.id!r} is defined twice")
            seen.add(term.id)
            # Compared as importers compare them: case and punctuation ignored.
            for name in (term.id, term.label, *term.aliases):
                key = name_key(name)
                if key in names and names[key] != term.id:
                    raise ValueError(
                        f"alias {name!r} belongs to both {names[key]!r} and {term.id!r}"
                    )
                names[key] = term.id
        return terms


class Source(Strict):
    """A list the catalog was seeded from (provenance of records): where, and which version."""

    id: Annotated[str, Field(pattern=TERM_ID)]
    label: CleanText
    url: HttpUrl
    # The commit of the list's repository that was read, and the file in it.
    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] | None = None
    file: CleanText | None = None
    review: Annotated[str, Field(pattern=RECORD_ID.pattern)] | None = None


class Taxonomy(Strict):
    axes: dict[Literal["task", "strategy", "modality", "dataset", "kind"], Axis]
    sources: list[Source] = empty_list()

    @model_validator(mode="after")
    def _all_axes(self) -> Taxonomy:
        missing = [axis for axis in AXES if axis not in self.axes]
        if missing:
            raise ValueError(f"missing axes: {', '.join(missing)}")
        ids = [source.id for source in self.sources]
        if len(ids) != len(set(ids)):
            raise ValueError("source ids must be unique")
        return self

    def term_ids(self, axis: str) -> list[str]:
        return [term.id for term in self.axes[axis].terms]  # type: ignore[index]

    @cached_property
    def term_sets(self) -> dict[str, frozenset[str]]:
        """The term ids of each axis, for membership tests (computed once per taxonomy)."""
        return {axis: frozenset(self.term_ids(axis)) for axis in self.axes}

    def term(self, axis: str, term_id: str) -> Term:
        for term in self.axes[axis].terms:  # type: ignore[index]
            if term.id == term_id:
                return term
        raise KeyError(f"{axis}: unknown term {term_id!r}")

    def source_ids(self) -> list[str]:
        return [source.id for source in self.sources]


# --- records --------------------------------------------------------------------------------


def _arxiv(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # YAML reads 2403.04290 as the number 2403.0429: the trailing zero is already lost.
        raise ValueError(f'must be a quoted string such as "2403.04290", got the number {value}')
    return normalise_arxiv_id(value) if isinstance(value, str) else value


def _doi(value: Any) -> Any:
    return normalise_doi(value) if isinstance(value, str) else value


class Ids(Strict):
    arxiv: Annotated[str, BeforeValidator(_arxiv)] | None = None
    doi: Annotated[str, BeforeValidator(_doi)] | None = None


class Links(Strict):
    paper: HttpUrl | None = None
    pdf: HttpUrl | None = None
    code: HttpUrl | None = None
    project: HttpUrl | None = None


def _check_terms(axis: str, values: list[str], info: ValidationInfo) -> list[str]:
    """Terms must exist in the taxonomy given in the validation context, and not repeat."""
    if len(set(values)) != len(values):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        raise ValueError(f"repeated term {duplicates[0]!r}")
    taxonomy = (info.context or {}).get("taxonomy")
    if taxonomy is None:
        return values
    known = taxonomy.term_sets[axis]
    if known.issuperset(values):
        return values
    unknown = next(value for value in values if value not in known)
    raise ValueError(f"unknown {axis} {unknown!r}{did_you_mean(unknown, taxonomy.term_ids(axis))}")


def max_year() -> int:
    """The latest year a record may have: papers appear ahead of their volume's year."""
    return dt.date.today().year + 1


_LOADED_YEAR = max_year()


class Paper(Strict):
    """One paper of the catalog: the content of `papers/<id>.yaml`."""

    id: Annotated[str, Field(pattern=RECORD_ID.pattern, description="file stem; [a-z0-9-]")]
    title: Title
    authors: Names = empty_list()
    # Strict: `year: "2024"`, `year: 2024.0` or `year: true` are typos, not years.
    year: Annotated[int, Field(strict=True)] | None = None
    venue: Name | None = None
    kind: str = "method"
    model: Name | None = None
    domain: Literal["natural", "medical"] | None = None
    ids: Ids = Ids()
    links: Links = Links()
    tasks: Annotated[list[str], Field(min_length=1)]
    strategies: list[str] = empty_list()
    modalities: list[str] = empty_list()
    datasets: list[str] = empty_list()
    summary: Summary | None = None
    # The pages where the record's facts were checked, primary source first.
    evidence: Annotated[list[HttpUrl], Field(max_length=50)] = empty_list()
    sources: list[str] = empty_list()
    reviewed: Annotated[bool, Field(strict=True)] = False
    added: dt.date | None = None

    @field_validator("year")
    @classmethod
    def _year_range(cls, year: int | None) -> int | None:
        # The clock is read only for years beyond the one this module was loaded in.
        if year is not None and (year < MIN_YEAR or (year > _LOADED_YEAR and year > max_year())):
            raise ValueError(f"must be between {MIN_YEAR} and {max_year()}, got {year}")
        return year

    @field_validator("tasks")
    @classmethod
    def _tasks(cls, values: list[str], info: ValidationInfo) -> list[str]:
        return _check_terms("task", values, info)

    @field_validator("strategies")
    @classmethod
    def _strategies(cls, values: list[str], info: ValidationInfo) -> list[str]:
        return _check_terms("strategy", values, info)

    @field_validator("modalities")
    @classmethod
    def _modalities(cls, values: list[str], info: ValidationInfo) -> list[str]:
        return _check_terms("modality", values, info)

    @field_validator("datasets")
    @classmethod
    def _datasets(cls, values: list[str], info: ValidationInfo) -> list[str]:
        return _check_terms("dataset", values, info)

    @field_validator("evidence")
    @classmethod
    def _evidence(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            repeated = next(value for value in values if values.count(value) > 1)
            raise ValueError(f"repeated URL {repeated!r}")
        return values

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str, info: ValidationInfo) -> str:
        return _check_terms("kind", [value], info)[0]

    @field_validator("sources")
    @classmethod
    def _sources(cls, values: list[str], info: ValidationInfo) -> list[str]:
        taxonomy = (info.context or {}).get("taxonomy")
        if taxonomy is not None:
            known = taxonomy.source_ids()
            for value in values:
                if value not in known:
                    raise ValueError(f"unknown source {value!r}{did_you_mean(value, known)}")
        return values

    @property
    def primary_task(self) -> str:
        return self.tasks[0]

    @property
    def has_code(self) -> bool:
        return self.links.code is not None

    @property
    def url(self) -> str | None:
        """The best link to the paper itself."""
        if self.links.paper:
            return self.links.paper
        if self.ids.arxiv:
            return f"https://arxiv.org/abs/{self.ids.arxiv}"
        if self.ids.doi:
            return f"https://doi.org/{self.ids.doi}"
        return self.links.pdf

    def to_data(self) -> dict[str, Any]:
        """The record as plain data in field order, empty values left out (what a file holds)."""
        data = self.model_dump(mode="python", exclude_none=True)
        return {key: value for key, value in data.items() if value != [] and value != {}}
