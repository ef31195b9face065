"""Turn the rows of a paper list into catalog records: merge, dedupe, links, inference, terms.

`seed_rows(rows, source=..., taxonomy=..., existing=..., added=...)` takes the rows
`medvlm.importers.markdown` read from one list and returns, without writing anything, the
records the list maps to (created, changed or untouched) and a `SeedReport`. The command
writes `SeedResult.to_write`.

One record per work. Rows that share an arXiv id, a DOI or a normalised title (`title_key`)
are one paper, within the list and with the records already in the catalog.

What a row gives:
- links, canonicalised by `medvlm.links.canonicalise` (stable landing pages, never a signed
  download); the arXiv id and DOI they carry; PDFs with no landing page go to `links.pdf`, code
  links that are not on a code host to `links.project`; GitHub account pages are not code;
- venue and year: the venue a publisher link spells out (`infer_venue_year`), else a tag on
  the row (`[MICCAI 2024]`, a venue column), else the venue named in citation text cut from the
  title, else arXiv; the year of that venue, else the first year any of them gives;
- tasks: a table column naming the task wins over the headings, which are tried innermost
  first (`term_for_alias`); rows whose headings map to no task go to `other`. Rows under a
  heading that names a kind of work (the foundation-model table) take that kind, the model
  column and the domain column, and take their tasks from title keywords, else `multi-task`
  (general-purpose models used across tasks: the taxonomy's definition of that term);
- suggestions, all `reviewed: false`: strategies and modalities from title keywords, the kind
  from title keywords when a non-method kind matches (dataset, benchmark, evaluation, survey),
  and a model name from a title opening with one ("MedCLIP-SAM: ...").

List defects corrected (each reported as a fix): titles cleaned (`clean_title`), their case
taken from a CVF or ResearchGate page name that spells the title, shouting titles in title
case; model names in the case the title writes them; a "natural" domain on a model whose
title names medical images; a paper link that rows of several works give kept by the work
most rows (and records) give it to, on a tie by the work whose name the rows' links spell (a
row copied from another row loses the link, and the copied code link with it).

Merging into records that exist, never rewriting what a person wrote:
- every record: empty fields are filled (year, venue, model, domain, ids, links) and the list
  is added to `sources`; the review a list accompanies gets the list as a source too;
- reviewed records (`reviewed: true`, checked by a person) keep their title, kind and terms;
- unreviewed records (made by an import, not yet checked) also take the list's tasks (union;
  tasks guessed because no list named one come after named ones), empty strategies and
  modalities, and the kind of a foundation-model table instead of `method`; and provisional
  values give way: venue "arXiv" to a publisher's venue (with its year), a paper page to a
  more stable one (`page_rank`; the arXiv id stays in `ids`), a title to the same title
  written with its capitals.
The result is idempotent: a second run over its own output finds nothing to change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from medvlm.identifiers import first_title_word, make_record_id, name_key, title_key
from medvlm.importers.markdown import Row, VenueTag, parse_venue_tag
from medvlm.links import LinkResult, canonicalise, clean_title, infer_venue_year, on_hosts
from medvlm.models import Paper, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.taxonomy import suggest_model, suggest_terms, term_for_alias

OTHER_TASK = "other"
DEFAULT_KIND = "method"
FOUNDATION_KIND = "foundation-model"
# Foundation models with no task keyword in their title: general-purpose, used across tasks.
FOUNDATION_TASK = "multi-task"
ARXIV = "arXiv"
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "huggingface.co")
# Repositories of general-purpose libraries that lists give as a paper's code by mistake
# (checked by hand); never a paper's own code, so an import never stores them.
NOT_PAPER_CODE = {
    "https://github.com/fxsjy/jieba": "a Chinese word-segmentation library",
}
# Landing pages of aggregators: kept only when no publisher or arXiv page is known.
AGGREGATOR_HOSTS = ("researchgate.net", "ui.adsabs.harvard.edu", "semanticscholar.org")
REPOSITORY_HOSTS = ("arxiv.org", "ncbi.nlm.nih.gov", "europepmc.org", "biorxiv.org", "medrxiv.org")
# Words that make a title about medical images (with the modality keywords of the taxonomy).
_MEDICAL_WORDS = re.compile(
    r"\b(?:medical|medicine|biomedical|clinical|healthcare|radiology|radiological|patients?)\b",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or per the to via vs with".split()
)
_ODD_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

Coverage = Literal["year", "venue", "arxiv", "doi", "code"]
COVERAGE: tuple[Coverage, ...] = ("year", "venue", "arxiv", "doi", "code")


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something the report says about a row (`line` 0: about no single row)."""

    line: int
    title: str
    message: str


@dataclass
class SeedReport:
    """What an import did, for the summary the command prints."""

    source: str
    rows_read: int = 0
    rows_by_style: Counter[str] = field(default_factory=Counter)
    created: int = 0
    merged_rows: int = 0
    existing_matched: int = 0
    existing_changed: int = 0
    links_read: int = 0
    rule_counts: Counter[str] = field(default_factory=Counter)
    repaired: list[Note] = field(default_factory=list)
    dropped: list[Note] = field(default_factory=list)
    records: int = 0
    coverage: dict[str, int] = field(default_factory=dict)
    other: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    model_titles: list[Note] = field(default_factory=list)
    fixes: list[Note] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def percent(self, name: str) -> float:
        return 100.0 * self.coverage.get(name, 0) / self.records if self.records else 0.0


@dataclass(frozen=True)
class SeedRecord:
    """A record the list maps to: `before` is None for a new record."""

    paper: Paper
    before: Paper | None
    lines: tuple[int, ...]

    @property
    def created(self) -> bool:
        return self.before is None

    @property
    def changed(self) -> bool:
        return self.before is None or self.before != self.paper


@dataclass
class SeedResult:
    records: list[SeedRecord]
    report: SeedReport

    @property
    def to_write(self) -> list[Paper]:
        """The records to write: new ones and those the merge changed, in list order."""
        return [record.paper for record in self.records if record.changed]


class SeedError(ValueError):
    """The inputs cannot be seeded at all (an unknown source)."""


# --- one row ----------------------------------------------------------------------------------


@dataclass
class _Link:
    """A canonicalised link of a row and the role it plays in a record."""

    role: Literal["paper", "pdf", "code", "project"]
    result: LinkResult

    @property
    def url(self) -> str:
        assert self.result.url is not None
        return self.result.url


@dataclass
class _Facts:
    """What one row says, interpreted: cleaned title, terms from the headings, links."""

    row: Row
    title: str | None
    cited_venue: str | None = None
    model: str | None = None
    domain: Literal["natural", "medical"] | None = None
    tasks: list[str] = field(default_factory=list)
    kind: str | None = None
    links: list[_Link] = field(default_factory=list)
    heading_tags: list[VenueTag] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.title or self.row.model or "(no title)"

    def identity_keys(self) -> list[tuple[str, str]]:
        keys = [("arxiv", link.result.arxiv) for link in self.links if link.result.arxiv]
        keys += [("doi", link.result.doi) for link in self.links if link.result.doi]
        if self.title and title_key(self.title):
            keys.append(("title", title_key(self.title)))
        return [(kind, value) for kind, value in keys if value]


def _github_account_page(url: str) -> bool:
    """A GitHub user or organisation page (no repository): not a code link."""
    return bool(re.match(r"^https?://(?:www\.)?github\.com/[^/?#]+/?$", url, re.IGNORECASE))


def _code_url(url: str) -> str:
    """A repository URL without the ".git" suffix or trailing slash that clones add."""
    if on_hosts(url, CODE_HOSTS):
        return url.rstrip("/").removesuffix(".git")
    return url


class _RowReader:
    """Interprets rows against the taxonomy, counting what link canonicalisation did."""

    def __init__(self, taxonomy: Taxonomy, report: SeedReport) -> None:
        self.taxonomy = taxonomy
        self.report = report

    def read(self, row: Row) -> _Facts | None:
        title, cited = (None, None)
        if row.title:
            title, cited = clean_title(row.title.translate(_ODD_HYPHENS))
        facts = _Facts(row=row, title=title or None, cited_venue=cited)
        facts.model = row.model
        facts.domain = _domain(row.domain)
        self._terms(facts)
        facts.links = self._links(row, facts)
        if facts.title is None:
            if not row.model:
                self.report.skipped.append(Note(row.line, "(no title)", "no title or model name"))
                return None
            # Kept even without a link (issue: the model name stands in as title, reported).
            facts.title = row.model
            self.report.model_titles.append(
                Note(row.line, row.model, "no paper title: the model name is kept as title")
            )
        return facts

    def _terms(self, facts: _Facts) -> None:
        row = facts.row
        if row.task:
            facts.tasks = _tasks_in(self.taxonomy, row.task)
            if not facts.tasks:
                message = f"task column {row.task!r} names no task of the taxonomy; headings used"
                self.report.notes.append(Note(row.line, facts.label, message))
        for heading in reversed(row.headings):
            if not facts.tasks:
                task = term_for_alias(self.taxonomy, "task", heading)
                facts.tasks = [task] if task else []
            if facts.kind is None:
                facts.kind = term_for_alias(self.taxonomy, "kind", heading)
            tag = parse_venue_tag(heading, need_year=True)  # "### 2024", "### MICCAI 2024"
            if tag is not None:
                facts.heading_tags.append(tag)

    def _links(self, row: Row, facts: _Facts) -> list[_Link]:
        found: list[_Link] = []
        groups: tuple[tuple[Literal["paper", "code", "project"], tuple[str, ...]], ...] = (
            ("paper", row.paper_links),
            ("code", row.code_links),
            ("project", row.project_links),
        )
        for role, urls in groups:
            for url in urls:
                link = self._link(row, facts, role, url)
                if link is not None:
                    found.append(link)
        return found

    def _link(
        self, row: Row, facts: _Facts, role: Literal["paper", "code", "project"], url: str
    ) -> _Link | None:
        self.report.links_read += 1
        result = canonicalise(url)
        self.report.rule_counts.update(result.rules)
        if "signed-stripped" in result.rules:
            self.report.repaired.append(Note(row.line, facts.label, f"-> {result.url}"))
        if result.url is None:
            reason = result.dropped_reason or "not a link"
            self.report.dropped.append(Note(row.line, facts.label, reason))
            return None
        if role == "paper":
            return _Link("pdf" if result.is_pdf else "paper", result)
        if role == "code" and _github_account_page(result.url):
            message = f"code link {result.url} is a GitHub account, not a repository: not kept"
            self.report.fixes.append(Note(row.line, facts.label, message))
            return None
        if role == "code" and _code_url(result.url) in NOT_PAPER_CODE:
            what = NOT_PAPER_CODE[_code_url(result.url)]
            message = f"code link {result.url} is {what}, not this paper's code: not kept"
            self.report.fixes.append(Note(row.line, facts.label, message))
            return None
        if role == "code" and not on_hosts(result.url, CODE_HOSTS):
            message = f"code link {result.url} is not a code repository: taken as a project page"
            self.report.fixes.append(Note(row.line, facts.label, message))
            role = "project"
        if role == "code":
            result = LinkResult(
                _code_url(result.url), result.arxiv, result.doi, result.rules, None, False
            )
        return _Link(role, result)


def _domain(text: str | None) -> Literal["natural", "medical"] | None:
    words = set(name_key(text or "").split())
    if "medical" in words or "biomedical" in words:
        return "medical"
    if words & {"natural", "general"}:
        return "natural"
    return None


def _tasks_in(taxonomy: Taxonomy, text: str) -> list[str]:
    """The tasks a task column names: the whole text, else each part ("A, B", "A / B")."""
    whole = term_for_alias(taxonomy, "task", text)
    if whole:
        return [whole]
    tasks: list[str] = []
    for part in re.split(r"[,;/&+]|\band\b", text):
        task = term_for_alias(taxonomy, "task", part) if part.strip() else None
        if task and task not in tasks:
            tasks.append(task)
    return tasks


# --- titles and model names -------------------------------------------------------------------


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


def _is_shouting(title: str) -> bool:
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


def _case_score(title: str) -> tuple[bool, int]:
    """Prefer titles not in capitals, then the one with most capitals (acronyms kept)."""
    return (not _is_shouting(title), sum(c.isupper() for c in title))


def _model_case(model: str, title: str) -> str:
    """The model name as the title writes it when the title has its capitals ("Unichest" ->
    "UniChest" in "UniChest: ..."; "PaliGemma" stays in "Paligemma: ...")."""
    capitals = sum(c.isupper() for c in model)
    for word in re.split(r"[\s:,;()]+", title):
        if word.casefold() == model.casefold() and sum(c.isupper() for c in word) > capitals:
            return word
    return model


def _names_medical_images(taxonomy: Taxonomy, title: str) -> bool:
    modalities = set(suggest_terms(taxonomy, "modality", title)) - {"other", "multi-modality"}
    return bool(modalities) or bool(_MEDICAL_WORDS.search(title))


# --- grouping rows into works -----------------------------------------------------------------


class _Groups:
    """Union-find over rows sharing an identity key."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _group(facts: Sequence[_Facts]) -> list[list[_Facts]]:
    """Rows that are one work, in the order of their first row."""
    groups = _Groups(len(facts))
    first_with: dict[tuple[str, str], int] = {}
    for index, fact in enumerate(facts):
        for key in fact.identity_keys():
            if key in first_with:
                groups.join(first_with[key], index)
            else:
                first_with[key] = index
    members: dict[int, list[_Facts]] = {}
    for index, fact in enumerate(facts):
        members.setdefault(groups.find(index), []).append(fact)
    return [members[root] for root in sorted(members)]


def _paper_keys(paper: Paper) -> list[tuple[str, str]]:
    keys = []
    if paper.ids.arxiv:
        keys.append(("arxiv", paper.ids.arxiv))
    if paper.ids.doi:
        keys.append(("doi", paper.ids.doi))
    keys.append(("title", title_key(paper.title)))
    return keys


def _existing_for(
    group: Sequence[_Facts], index: Mapping[tuple[str, str], str], report: SeedReport
) -> str | None:
    """The id of the catalog record a group of rows is, if any; two records is a conflict."""
    found: list[str] = []
    for fact in group:
        for key in fact.identity_keys():
            owner = index.get(key)
            if owner is not None and owner not in found:
                found.append(owner)
    if len(found) > 1:
        message = (
            f"rows match several records ({', '.join(found)}): merged into {found[0]} only; "
            "check whether the records are one paper"
        )
        report.notes.append(Note(group[0].row.line, group[0].label, message))
    return found[0] if found else None


# --- links claimed by several works -----------------------------------------------------------


def _name_word(title: str, model: str | None) -> str:
    """The word a paper is known by: its model name, else the first word of its title."""
    name = model or suggest_model(title) or first_title_word(title)
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _url_words(urls: Iterable[str]) -> set[str]:
    return {word for url in urls for word in re.split(r"[^a-z0-9]+", url.casefold()) if word}


class _LinkClaims:
    """Which works give each paper link. A paper link is one paper's: when rows of several
    works give the same one, the work most rows (and records) give it to keeps it; on a tie,
    the work whose name the rows' links spell (github.com/batmanlab/MedSyn: MedSyn); else
    every work keeps it and the report asks for a check."""

    def __init__(
        self, groups: Sequence[list[_Facts]], owners: Sequence[str], existing: Sequence[Paper]
    ) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.names: dict[str, str] = {}
        self.code: dict[str, set[str]] = {}
        self.urls_with: dict[str, set[str]] = {}
        for group, owner in zip(groups, owners, strict=True):
            first = group[0]
            self.names[owner] = _name_word(first.title or "", first.model)
            self.code[owner] = {link.url for f in group for link in f.links if link.role == "code"}
            for fact in group:
                row_urls = {link.url for link in fact.links}
                for link in fact.links:
                    if link.role in ("paper", "pdf"):
                        self.counts.setdefault(link.url, Counter())[owner] += 1
                        self.urls_with.setdefault(link.url, set()).update(row_urls)
        for paper in existing:
            for url in (paper.links.paper, paper.links.pdf):
                if url and url in self.counts:
                    self.counts[url][paper.id] += 1
                    self.names.setdefault(paper.id, _name_word(paper.title, paper.model))
            if paper.links.code:
                self.code.setdefault(paper.id, set()).add(paper.links.code)

    def owner(self, url: str) -> str | None:
        """The work a contested paper link belongs to; None when it is not contested or
        cannot be told."""
        counts = self.counts.get(url, Counter())
        if len(counts) < 2:
            return None
        best = max(counts.values())
        leaders = [name for name, count in counts.items() if count == best]
        if len(leaders) > 1:
            words = _url_words(self.urls_with.get(url, set()))
            leaders = [name for name in leaders if self.names.get(name, "") in words] or leaders
        return leaders[0] if len(leaders) == 1 else None

    def contested(self, url: str) -> bool:
        return len(self.counts.get(url, Counter())) > 1


def _settle_shared_links(
    groups: Sequence[list[_Facts]],
    owners: Sequence[str],
    existing: Sequence[Paper],
    report: SeedReport,
) -> None:
    """Rows lose the paper links that belong to another work (see `_LinkClaims`); a row that
    loses one was copied from that work's row, and loses the copied code link too."""
    claims = _LinkClaims(groups, owners, existing)
    for group, owner in zip(groups, owners, strict=True):
        for fact in group:
            _drop_claimed(fact, owner, claims, report)


def _drop_claimed(fact: _Facts, owner: str, claims: _LinkClaims, report: SeedReport) -> None:
    kept: list[_Link] = []
    copied: set[str] = set()
    for link in fact.links:
        if link.role not in ("paper", "pdf") or not claims.contested(link.url):
            kept.append(link)
            continue
        winner = claims.owner(link.url)
        if winner is None or winner == owner:
            if winner is None:
                message = f"paper link {link.url} is also given for another paper; check it"
                report.notes.append(Note(fact.row.line, fact.label, message))
            kept.append(link)
            continue
        copied |= claims.code.get(winner, set())
        message = f"paper link {link.url} belongs to another paper in the lists: not kept"
        report.fixes.append(Note(fact.row.line, fact.label, message))
    final = []
    for link in kept:
        if link.role == "code" and link.url in copied:
            message = f"code link {link.url} was copied with that paper's link: not kept"
            report.fixes.append(Note(fact.row.line, fact.label, message))
            continue
        final.append(link)
    fact.links = final


# --- what a group of rows says ----------------------------------------------------------------


def page_rank(url: str) -> int:
    """How stable a paper page is, lower first: a page naming the DOI (the version of record),
    another publisher's or proceedings page, an open repository (arXiv, PMC), an aggregator."""
    if on_hosts(url, AGGREGATOR_HOSTS):
        return 3
    result = canonicalise(url)
    if result.arxiv or on_hosts(url, REPOSITORY_HOSTS):
        return 2
    return 0 if result.doi else 1


@dataclass
class _Work:
    """The values a group of rows gives one record (before merging with a record)."""

    lines: tuple[int, ...]
    title: str
    title_fixes: list[str]
    model: str | None
    model_fix: str | None
    domain: Literal["natural", "medical"] | None
    domain_fix: str | None
    kind_from_list: str | None
    tasks: list[str]
    venue: str | None
    year: int | None
    arxiv: str | None
    doi: str | None
    links: dict[str, str]
    publisher_venue: bool

    def first_line(self) -> int:
        return self.lines[0]


def _choose_title(group: Sequence[_Facts], urls: Sequence[str]) -> tuple[str, list[str]]:
    fixes: list[str] = []
    variants = []
    for fact in group:
        assert fact.title is not None
        cased = case_from_page_name(fact.title, urls)
        variants.append(cased)
    best = max(variants, key=_case_score)
    original = group[variants.index(best)].title or best
    if best != original:
        fixes.append(f"title case from the publisher's page name: {best!r}")
    if _is_shouting(best):
        best = title_case(best)
        fixes.append(f"title in capitals written in title case: {best!r}")
    return best, fixes


def _venue_and_year(
    group: Sequence[_Facts], links: Sequence[_Link]
) -> tuple[str | None, int | None, bool]:
    """(venue, year, whether the venue is a publisher's) from links, tags and citations."""
    publisher: list[tuple[str | None, int | None]] = []
    preprint: list[tuple[str | None, int | None]] = []
    for link in links:
        if link.role not in ("paper", "pdf"):
            continue
        found = infer_venue_year(link.url)
        if found.venue == ARXIV:
            preprint.append((found.venue, found.year))
        elif found.found():
            publisher.append((found.venue, found.year))
    tags = [(tag.venue, tag.year) for fact in group for tag in fact.row.tags]
    cited = [(fact.cited_venue, None) for fact in group if fact.cited_venue]
    headings = [(tag.venue, tag.year) for fact in group for tag in fact.heading_tags]
    ordered = [*publisher, *tags, *cited, *preprint, *headings]
    named = [(venue, year) for venue, year in ordered if venue and venue != ARXIV]
    fallback: tuple[str | None, int | None] = (None, None)
    chosen = named[0] if named else next(((v, y) for v, y in ordered if v), fallback)
    year = chosen[1] or next((y for _, y in ordered if y), None)
    is_publisher = chosen[0] is not None and chosen[0] != ARXIV
    return chosen[0], year, is_publisher


def _work(group: list[_Facts], taxonomy: Taxonomy) -> _Work:
    links = [link for fact in group for link in fact.links]
    urls = [link.url for link in links]
    title, title_fixes = _choose_title(group, urls)
    venue, year, is_publisher = _venue_and_year(group, links)
    listed_model = next((fact.model for fact in group if fact.model), None)
    model_fix = None
    model = listed_model
    if listed_model:
        model = _model_case(listed_model, title)
        if model != listed_model:
            model_fix = f"model name {listed_model!r} written as the title writes it: {model!r}"
    else:
        model = suggest_model(title)
    if model == title:  # a model name kept as title is not repeated as the model
        model = None
    domain = next((fact.domain for fact in group if fact.domain), None)
    domain_fix = None
    if domain == "natural" and _names_medical_images(taxonomy, title):
        domain = "medical"
        domain_fix = "domain: the list says natural, the title names medical images: medical"
    tasks: list[str] = []
    for fact in group:
        for task in fact.tasks:
            if task not in tasks:
                tasks.append(task)
    kind = next((fact.kind for fact in group if fact.kind), None)
    doi = next((link.result.doi for link in links if link.result.doi), None)
    return _Work(
        lines=tuple(fact.row.line for fact in group),
        title=title,
        title_fixes=title_fixes,
        model=model,
        model_fix=model_fix,
        domain=domain,
        domain_fix=domain_fix,
        kind_from_list=kind,
        tasks=tasks,
        venue=venue,
        year=year,
        arxiv=next((link.result.arxiv for link in links if link.result.arxiv), None),
        doi=doi,
        links=_best_links(links, doi),
        publisher_venue=is_publisher,
    )


def _best_links(links: Sequence[_Link], doi: str | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    pages = sorted((link.url for link in links if link.role == "paper"), key=page_rank)
    if pages:
        best = pages[0]
        # An aggregator's copy is the last resort: the DOI it names resolves to the original.
        chosen["paper"] = f"https://doi.org/{doi}" if doi and page_rank(best) == 3 else best
    for role in ("pdf", "code", "project"):
        url = next((link.url for link in links if link.role == role), None)
        if url:
            chosen[role] = url
    return chosen


def _kind_suggestion(taxonomy: Taxonomy, title: str) -> str:
    """A non-method kind whose keywords the title has (dataset, benchmark, ...), else method.
    Foundation models are known from the list's structure, not from title words."""
    kinds = [
        k
        for k in suggest_terms(taxonomy, "kind", title)
        if k not in (DEFAULT_KIND, FOUNDATION_KIND)
    ]
    known = taxonomy.term_ids("kind")
    return kinds[0] if kinds else (DEFAULT_KIND if DEFAULT_KIND in known else known[0])


def guessed_tasks(taxonomy: Taxonomy, title: str, kind_from_list: str | None) -> list[str]:
    """The tasks of a row that no heading or column gives a task: for a row under a kind
    heading (a foundation-model table), the tasks its title's keywords name, else multi-task;
    otherwise `other`."""
    known = taxonomy.term_ids("task")
    if kind_from_list:
        keywords = [t for t in suggest_terms(taxonomy, "task", title) if t != OTHER_TASK]
        if keywords:
            return keywords
        if FOUNDATION_TASK in known:
            return [FOUNDATION_TASK]
    return [OTHER_TASK if OTHER_TASK in known else known[-1]]


# --- records ----------------------------------------------------------------------------------


def _validate(data: dict[str, Any], taxonomy: Taxonomy) -> Paper:
    return Paper.model_validate(data, context={"taxonomy": taxonomy})


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, {}, [])}


def _new_record(
    work: _Work, taxonomy: Taxonomy, source: str, added: dt.date, taken: set[str]
) -> Paper:
    kind = work.kind_from_list or _kind_suggestion(taxonomy, work.title)
    data: dict[str, Any] = {
        "id": make_record_id(work.title, work.year, None, taken),
        "title": work.title,
        "year": work.year,
        "venue": work.venue,
        "kind": kind,
        "model": work.model,
        "domain": work.domain,
        "ids": _without_empty({"arxiv": work.arxiv, "doi": work.doi}),
        "links": dict(work.links),
        "tasks": work.tasks or guessed_tasks(taxonomy, work.title, work.kind_from_list),
        "strategies": suggest_terms(taxonomy, "strategy", work.title),
        "modalities": suggest_terms(taxonomy, "modality", work.title),
        "sources": [source],
        "reviewed": False,
        "added": added,
    }
    return _validate(_without_empty(data), taxonomy)


def _merge(
    paper: Paper,
    work: _Work,
    taxonomy: Taxonomy,
    source: str,
    taken_ids: Mapping[tuple[str, str], str],
    report: SeedReport,
) -> Paper:
    """`paper` with what the rows add; see the module's rules for reviewed records."""
    data = paper.to_data()
    unreviewed = not paper.reviewed
    _merge_ids(data, work, taken_ids, report)
    _merge_links(data, work, upgrade=unreviewed)
    _merge_venue(data, work, upgrade=unreviewed)
    if work.model and not data.get("model"):
        data["model"] = work.model
    if unreviewed:
        _merge_title(data, work, report)
        _merge_terms(data, work, taxonomy)
    if work.domain and not data.get("domain") and data.get("kind") == work.kind_from_list:
        data["domain"] = work.domain
    if source not in data.get("sources", []):
        data["sources"] = [*data.get("sources", []), source]
    return _validate(_without_empty(data), taxonomy)


def _merge_ids(
    data: dict[str, Any],
    work: _Work,
    taken_ids: Mapping[tuple[str, str], str],
    report: SeedReport,
) -> None:
    """Empty ids are filled, unless another record holds the id (the two may be one paper)."""
    ids = dict(data.get("ids", {}))
    for name, value in (("arxiv", work.arxiv), ("doi", work.doi)):
        if not value:
            continue
        if ids.get(name) and ids[name] != value:
            message = f"ids.{name} is {ids[name]} in {data['id']}, {value} in the list (kept)"
            report.notes.append(Note(work.first_line(), data["title"], message))
        elif not ids.get(name) and taken_ids.get((name, value), data["id"]) == data["id"]:
            ids[name] = value
    data["ids"] = ids


def _merge_links(data: dict[str, Any], work: _Work, *, upgrade: bool) -> None:
    """Empty links are filled; with `upgrade`, a paper page gives way to a more stable one
    (an arXiv page to the publisher's, whose arXiv id stays in `ids`)."""
    links = dict(data.get("links", {}))
    for role, url in work.links.items():
        current = links.get(role)
        if not current or (upgrade and role == "paper" and page_rank(url) < page_rank(current)):
            links[role] = url
    data["links"] = links


def _merge_venue(data: dict[str, Any], work: _Work, *, upgrade: bool) -> None:
    """An empty venue or year is filled; with `upgrade`, venue "arXiv" (a preprint's) gives
    way to the venue of the published version, with its year."""
    published = upgrade and data.get("venue") == ARXIV and work.publisher_venue
    if work.venue and (not data.get("venue") or published):
        data["venue"] = work.venue
        if published and work.year:
            data["year"] = work.year
    if work.year and not data.get("year"):
        data["year"] = work.year


def _merge_title(data: dict[str, Any], work: _Work, report: SeedReport) -> None:
    """The same title written with its capitals replaces one written in lower case."""
    title = data["title"]
    if title_key(title) == title_key(work.title) and _case_score(work.title) > _case_score(title):
        data["title"] = work.title
        message = f"title {title!r} written with the capitals another row gives it"
        report.fixes.append(Note(work.first_line(), work.title, message))


def _merge_terms(data: dict[str, Any], work: _Work, taxonomy: Taxonomy) -> None:
    """Terms an unreviewed record takes from the list: tasks (union), empty strategies and
    modalities, and the kind a list's structure gives instead of the default.

    Tasks guessed because no list named one (a lone `other`, or a foundation model's title
    keywords) come after tasks a list names, so that the first task (where the README lists
    the paper) is the same whichever list is imported first.
    """
    if work.kind_from_list and data.get("kind", DEFAULT_KIND) == DEFAULT_KIND:
        data["kind"] = work.kind_from_list
    tasks = list(data.get("tasks", []))
    kind = data.get("kind", DEFAULT_KIND)
    guessed = guessed_tasks(taxonomy, data["title"], kind if kind == FOUNDATION_KIND else None)
    listed = work.tasks
    if not listed and work.kind_from_list:
        listed = guessed_tasks(taxonomy, data["title"], work.kind_from_list)
    if listed and tasks in (guessed, [OTHER_TASK]):
        rest = [task for task in tasks if task != OTHER_TASK and task not in listed]
        tasks = [*listed, *rest]
    else:
        tasks += [task for task in listed if task not in tasks]
    data["tasks"] = tasks
    for axis, name in (("strategy", "strategies"), ("modality", "modalities")):
        if not data.get(name):
            data[name] = suggest_terms(taxonomy, axis, work.title)


# --- the import -------------------------------------------------------------------------------


def seed_rows(
    rows: Sequence[Row],
    *,
    source: str,
    taxonomy: Taxonomy,
    existing: Sequence[Paper],
    added: dt.date,
) -> SeedResult:
    """The records the rows of list `source` give, merged with the `existing` catalog.

    Raises SeedError when `source` is not a source of the taxonomy.
    """
    if source not in taxonomy.source_ids():
        known = ", ".join(taxonomy.source_ids()) or "none"
        raise SeedError(f"unknown source {source!r}; known sources: {known}")
    report = SeedReport(source=source)
    reader = _RowReader(taxonomy, report)
    facts: list[_Facts] = []
    for row in rows:
        report.rows_read += 1
        report.rows_by_style[row.style] += 1
        fact = reader.read(row)
        if fact is not None:
            facts.append(fact)
    index: dict[tuple[str, str], str] = {}
    for paper in existing:
        for key in _paper_keys(paper):
            index.setdefault(key, paper.id)
    groups = _group(facts)
    matched = [_existing_for(group, index, report) for group in groups]
    owners = [
        found or f"#row{group[0].row.line}" for group, found in zip(groups, matched, strict=True)
    ]
    _settle_shared_links(groups, owners, existing, report)
    _note_merged_titles(groups, report)
    builder = _Builder(taxonomy, source, added, existing, index, report)
    for group, found in zip(groups, matched, strict=True):
        builder.add(group, found)
    records = builder.records + _review_source(source, taxonomy, builder.by_id, builder.records)
    _final_counts(records, report)
    _report_other(records, report)
    return SeedResult(records, report)


class _Builder:
    """Makes or merges the record of each group of rows, keeping ids and identity keys unique."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        source: str,
        added: dt.date,
        existing: Sequence[Paper],
        index: dict[tuple[str, str], str],
        report: SeedReport,
    ) -> None:
        self.taxonomy, self.source, self.added = taxonomy, source, added
        self.index, self.report = index, report
        self.by_id = {paper.id: paper for paper in existing}
        self.taken = set(self.by_id)
        self.records: list[SeedRecord] = []
        self.position: dict[str, int] = {}  # record id -> index in `records`

    def add(self, group: list[_Facts], found: str | None) -> None:
        work = _work(group, self.taxonomy)
        if found is None:
            self._create(work, group)
            return
        before = self.by_id[found]
        at = self.position.get(found)
        # Several groups can be one record (matched by different keys): merge into the latest.
        current = self.records[at].paper if at is not None else before
        paper = _merge(current, work, self.taxonomy, self.source, self.index, self.report)
        self.report.merged_rows += len(group)
        if at is None:
            self.position[found] = len(self.records)
            self.records.append(SeedRecord(paper, before, work.lines))
        else:
            self.records[at] = SeedRecord(paper, before, (*self.records[at].lines, *work.lines))

    def _create(self, work: _Work, group: Sequence[_Facts]) -> None:
        _report_work(work, group, self.report)
        try:
            paper = _new_record(work, self.taxonomy, self.source, self.added, self.taken)
        except ValidationError as error:
            first = from_validation_error(error, Paper, work.title, lambda _loc: 0)[0]
            message = f"no valid record: {first.field}: {first.message}"
            self.report.skipped.append(Note(work.first_line(), work.title, message))
            return
        self.taken.add(paper.id)
        for key in _paper_keys(paper):
            self.index.setdefault(key, paper.id)
        self.records.append(SeedRecord(paper, None, work.lines))
        self.report.created += 1
        self.report.merged_rows += len(group) - 1


def _review_source(
    source: str, taxonomy: Taxonomy, by_id: Mapping[str, Paper], records: Sequence[SeedRecord]
) -> list[SeedRecord]:
    """The review a list accompanies records the list as its source (provenance)."""
    review = next((s.review for s in taxonomy.sources if s.id == source), None)
    if review is None or review not in by_id or any(r.paper.id == review for r in records):
        return []
    paper = by_id[review]
    if source in paper.sources:
        return [SeedRecord(paper, paper, ())]
    updated = _validate({**paper.to_data(), "sources": [*paper.sources, source]}, taxonomy)
    return [SeedRecord(updated, paper, ())]


def _note_merged_titles(groups: Sequence[list[_Facts]], report: SeedReport) -> None:
    """Rows joined by an arXiv id or DOI although their titles differ: worth a look."""
    for group in groups:
        keys = {title_key(fact.title) for fact in group if fact.title}
        if len(keys) > 1:
            lines = ", ".join(str(fact.row.line) for fact in group)
            message = f"rows {lines} share an arXiv id or DOI but not their title: one record"
            report.notes.append(Note(group[0].row.line, group[0].label, message))


def _report_work(work: _Work, group: Sequence[_Facts], report: SeedReport) -> None:
    line = work.first_line()
    for fix in work.title_fixes:
        report.fixes.append(Note(line, group[0].label, fix))
    for other in (work.model_fix, work.domain_fix):
        if other:
            report.fixes.append(Note(line, work.title, other))


def _report_other(records: Sequence[SeedRecord], report: SeedReport) -> None:
    for record in records:
        if record.created and record.paper.tasks == [OTHER_TASK]:
            message = "no heading or task column maps to a task: task other"
            report.other.append(Note(record.lines[0], record.paper.title, message))


def _final_counts(records: Sequence[SeedRecord], report: SeedReport) -> None:
    listed = [record.paper for record in records if record.lines]
    report.records = len(listed)
    report.existing_matched = sum(1 for record in records if record.lines and not record.created)
    report.existing_changed = sum(1 for record in records if not record.created and record.changed)
    report.coverage = {
        "year": sum(paper.year is not None for paper in listed),
        "venue": sum(paper.venue is not None for paper in listed),
        "arxiv": sum(paper.ids.arxiv is not None for paper in listed),
        "doi": sum(paper.ids.doi is not None for paper in listed),
        "code": sum(paper.links.code is not None for paper in listed),
    }
