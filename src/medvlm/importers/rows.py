"""One row of a paper list as record fields: what `RowReader.read(row)` makes of a `Row`.

- the title cleaned (`clean_title`: whitespace, trailing citation text, whose venue is kept);
  no title: the model name stands in (reported), no model either: the row is skipped;
- links canonicalised (`medvlm.links.canonicalise`: stable landing pages, never a signed
  download) with the arXiv id and DOI they carry; PDFs with no landing page go to `links.pdf`,
  code links that are not on a code host to `links.project`; GitHub account pages and the
  repositories of general-purpose libraries are not a paper's code;
- terms from the headings, innermost first: the task of the innermost heading that is a
  task's name or alias (`term_for_alias`; a table column naming the task wins); the kind of
  the innermost heading naming one by alias or keyword ("Datasets", "Radiology Datasets");
  every strategy and modality a heading names by alias or keyword ("Knowledge-enhanced",
  "Pathology LLMs"), and the modality the list's title names ("Awesome Pathology VLMs"),
  and its task, for rows whose headings and title keywords name none;
  headings naming a venue or year ("### MICCAI 2024", "**CVPR'24**") give a tag instead;
- the domain column ("Natural", "Medical") as a domain.

What the rows of one work say together, and how it merges into records, is `medvlm.seeding`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from medvlm.identifiers import name_key
from medvlm.importers.entries import Row, VenueTag
from medvlm.importers.report import Note, SeedReport
from medvlm.importers.venuetags import parse_venue_tag
from medvlm.links import LinkResult, canonicalise, clean_title, on_hosts
from medvlm.models import Taxonomy
from medvlm.taxonomy import suggest_terms, term_for_alias
from medvlm.workkeys import Key, work_keys

# Hosts a code link may point to; one elsewhere is taken as a project page. Hugging Face
# counts here (released models), not in linkroles.CODE_HOSTS, which decides from the host
# alone that an unlabelled link is code rather than the paper.
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "huggingface.co")
# Repositories of general-purpose libraries that lists give as a paper's code by mistake
# (checked by hand); never a paper's own code, so an import never stores them.
NOT_PAPER_CODE = {
    "https://github.com/fxsjy/jieba": "a Chinese word-segmentation library",
}
# The kind of work nothing says otherwise; a heading names it only by alias.
DEFAULT_KIND = "method"
# Terms a heading names only by alias: their keywords ("biomedical") name a domain in a
# heading ("Methods of Biomedical MLLMs"), not many modalities.
_NOT_BY_HEADING_KEYWORDS = {"modality": frozenset({"multi-modality"})}
# "Awesome" opening a list's title: the genre, not the topic.
_AWESOME = re.compile(r"^awesome[\s_-]*", re.IGNORECASE)
# Hyphens some lists write that look like "-" but are not.
_ODD_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


@dataclass
class RowLink:
    """A canonicalised link of a row and the role it plays in a record."""

    role: Literal["paper", "pdf", "code", "project"]
    result: LinkResult

    @property
    def url(self) -> str:
        assert self.result.url is not None
        return self.result.url


@dataclass
class RowFacts:
    """What one row says, interpreted: cleaned title, terms from the headings, links."""

    row: Row
    title: str | None
    cited_venue: str | None = None
    model: str | None = None
    domain: Literal["natural", "medical"] | None = None
    tasks: list[str] = field(default_factory=list)
    kind: str | None = None
    strategies: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    list_task: str | None = None  # the task the list's title names, when the rows name none
    links: list[RowLink] = field(default_factory=list)
    heading_tags: list[VenueTag] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.title or self.row.model or "(no title)"

    def identity_keys(self) -> list[Key]:
        keys = [("arxiv", link.result.arxiv) for link in self.links if link.result.arxiv]
        keys += [("doi", link.result.doi) for link in self.links if link.result.doi]
        keys += work_keys(self.title, None, None)
        return [(kind, value) for kind, value in keys if value]


def _github_account_page(url: str) -> bool:
    """A GitHub user or organisation page (no repository): not a code link."""
    return bool(re.match(r"^https?://(?:www\.)?github\.com/[^/?#]+/?$", url, re.IGNORECASE))


def _code_url(url: str) -> str:
    """A repository URL without the ".git" suffix or trailing slash that clones add."""
    if on_hosts(url, CODE_HOSTS):
        return url.rstrip("/").removesuffix(".git")
    return url


class RowReader:
    """Interprets rows against the taxonomy, counting what link canonicalisation did."""

    def __init__(
        self, taxonomy: Taxonomy, report: SeedReport, list_title: str | None = None
    ) -> None:
        self.taxonomy = taxonomy
        self.report = report
        self.list_title = list_title

    def read(self, row: Row) -> RowFacts | None:
        title, cited = (None, None)
        if row.title:
            title, cited = clean_title(row.title.translate(_ODD_HYPHENS))
        facts = RowFacts(row=row, title=title or None, cited_venue=cited)
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

    def _terms(self, facts: RowFacts) -> None:
        row = facts.row
        if row.task:
            facts.tasks = _tasks_in(self.taxonomy, row.task)
            if not facts.tasks:
                message = f"task column {row.task!r} names no task of the taxonomy; headings used"
                self.report.notes.append(Note(row.line, facts.label, message))
        sections = []
        for heading in reversed(row.headings):
            tag = parse_venue_tag(heading, need_year=True)  # "### 2024", "**CVPR'24**"
            if tag is not None:
                facts.heading_tags.append(tag)
            else:
                sections.append(heading)
        for heading in sections:
            if not facts.tasks:
                task = term_for_alias(self.taxonomy, "task", heading)
                facts.tasks = [task] if task else []
            if facts.kind is None:
                facts.kind = self._kind_named(heading)
            _add_new(facts.strategies, self._terms_named("strategy", heading))
        # The list's title names the field of every entry ("Awesome Pathology VLMs") and
        # maybe their task ("Awesome Radiology Report Generation"), never their kind.
        topic = _AWESOME.sub("", self.list_title or "")
        for heading in [*sections, *([topic] if topic else [])]:
            _add_new(facts.modalities, self._terms_named("modality", heading))
        facts.list_task = term_for_alias(self.taxonomy, "task", topic) if topic else None

    def _kind_named(self, heading: str) -> str | None:
        """The kind a heading names: by alias, else by a keyword of a kind other than the
        default (a "Methods" heading must say so)."""
        kind = term_for_alias(self.taxonomy, "kind", heading)
        if kind is None:
            named = suggest_terms(self.taxonomy, "kind", heading)
            kind = next((term for term in named if term != DEFAULT_KIND), None)
        return kind

    def _terms_named(self, axis: str, heading: str) -> list[str]:
        """The terms of `axis` a heading names: by alias, else by keywords (but those that
        name a domain in a heading: "Biomedical" is not many modalities)."""
        by_alias = term_for_alias(self.taxonomy, axis, heading)
        if by_alias:
            return [by_alias]
        skipped = _NOT_BY_HEADING_KEYWORDS.get(axis, frozenset())
        return [term for term in suggest_terms(self.taxonomy, axis, heading) if term not in skipped]

    def _links(self, row: Row, facts: RowFacts) -> list[RowLink]:
        found: list[RowLink] = []
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
        self, row: Row, facts: RowFacts, role: Literal["paper", "code", "project"], url: str
    ) -> RowLink | None:
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
            return RowLink("pdf" if result.is_pdf else "paper", result)
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
        return RowLink(role, result)


def _add_new(terms: list[str], found: list[str]) -> None:
    terms.extend(term for term in found if term not in terms)


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
