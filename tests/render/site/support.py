"""What the site tests share: the test catalog and reading the built HTML.

The catalog is tests/data/mini plus the records in tests/data/site (markup in titles,
backticks, an undated record, a record with every field).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from medvlm.catalog import Catalog
from tests.helpers import REPO, copy_site_catalog

REPO_URL = "https://github.com/awesome-medvlm/awesome-medvlm"
SITE_URL = "https://awesome-medvlm.github.io/awesome-medvlm/"  # mkdocs.yml
PWNED_TITLE = (
    'Pwned <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> & Friends'
)


def make_site_catalog(root: Path) -> Path:
    """A catalog folder with everything `medvlm site` reads, from the test data."""
    copy_site_catalog(root)
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    # A relative link, as the repository's own guide may have: the site must point it at GitHub.
    contributing += "\nRead the [taxonomy](taxonomy.yaml) and the [records](papers/).\n"
    (root / "CONTRIBUTING.md").write_text(contributing, encoding="utf-8")
    return root


@dataclass
class Built:
    root: Path
    site: Path
    catalog: Catalog
    output: str

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")


class Tags(HTMLParser):
    """Every start tag of a document with its attributes (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags_of(text: str) -> list[tuple[str, dict[str, str]]]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


def element_text(text: str, tag: str) -> str:
    """The text of the first <tag> element (tags inside it dropped, entities decoded)."""
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, flags=re.S)
    assert match, f"no <{tag}>"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def hrefs(text: str) -> list[str]:
    return [attrs["href"] for tag, attrs in tags_of(text) if tag == "a" and "href" in attrs]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")


def external_references(site: Path) -> list[str]:
    """Assets a page would load from another host: <script src>, <link href>, <img src>, url().

    <link rel="canonical"> only names the page's published address (site_url); browsers do not
    load it, so it is not an asset.
    """
    found = []
    for path in html_files(site):
        for tag, attrs in tags_of(path.read_text(encoding="utf-8")):
            if tag == "link" and attrs.get("rel") == "canonical":
                continue
            attribute = {"script": "src", "link": "href", "img": "src"}.get(tag)
            value = attrs.get(attribute or "", "")
            if attribute and re.match(r"^(https?:)?//", value):
                found.append(f"{path.relative_to(site)}: <{tag} {attribute}={value}>")
        for match in re.finditer(
            r"<style[^>]*>(.*?)</style>", path.read_text(encoding="utf-8"), re.S
        ):
            found += [
                f"{path.relative_to(site)}: url({url})"
                for url in _CSS_URL.findall(match.group(1))
                if re.match(r"^(https?:)?//", url)
            ]
    for path in sorted(site.rglob("*.css")):
        found += [
            f"{path.relative_to(site)}: url({url})"
            for url in _CSS_URL.findall(path.read_text(encoding="utf-8"))
            if re.match(r"^(https?:)?//", url)
        ]
    return found


def broken_links(site: Path) -> list[str]:
    """Relative links and asset references in built pages that lead to no file.

    404.html is left out: it is served at any missing address, so its links are absolute
    (from site_url) and resolve only on the published site.
    """
    broken = []
    for path in html_files(site):
        if path.name == "404.html":
            continue
        for tag, attrs in tags_of(path.read_text(encoding="utf-8")):
            for name in ("href", "src"):
                value = attrs.get(name)
                if not value or re.match(r"^([a-z]+:|//|#)", value) or tag == "form":
                    continue
                target = (path.parent / unquote(urlsplit(value).path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{path.relative_to(site)}: <{tag} {name}={value}>")
    return broken
