"""The Jinja environment shared by every renderer, and the text filters templates use."""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from medvlm.identifiers import normalise_space
from medvlm.problems import Problem, ProblemsError

# Backslash-escapable ASCII punctuation that can start markup in CommonMark/GFM text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_URL_SAFE = ":/?#@!$&'*+,;=%~-._[]"
# URLs made only of characters quote() keeps as they are (nearly all): no need to call it.
_UNCHANGED_URL = re.compile(f"[A-Za-z0-9{re.escape(_URL_SAFE)}]*")


def md_escape(value: object) -> str:
    """Text shown literally in markdown: emphasis, links, HTML, tables and code never form."""
    text = normalise_space(str(value))
    # Searching first: most text has nothing to escape, and a search is cheaper than a sub.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text) if _MARKDOWN_SPECIAL.search(text) else text


def md_url(value: object) -> str:
    """A URL safe inside `[text](url)`: spaces, parentheses and angle brackets percent-encoded."""
    text = str(value)
    return text if _UNCHANGED_URL.fullmatch(text) else quote(text, safe=_URL_SAFE)


def github_slug(value: object) -> str:
    """The anchor GitHub (and awesome-lint) gives a heading: lower case, punctuation dropped."""
    text = str(value).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def md_table(text: str) -> str:
    """Re-align a rendered GFM table so every column's pipes line up (awesome-lint wants it)."""
    rows = [
        [cell.strip() for cell in _UNESCAPED_PIPE.split(line.strip())[1:-1]]
        for line in text.strip().splitlines()
    ]
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    right = [cell.endswith(":") for cell in rows[1]]
    lines = []
    for number, row in enumerate(rows):
        if number == 1:  # the delimiter row: widen with dashes, keep the alignment colons
            cells = [
                cell[:-1].ljust(width - 1, "-") + ":" if is_right else cell.ljust(width, "-")
                for cell, width, is_right in zip(row, widths, right, strict=True)
            ]
        else:
            cells = [
                cell.rjust(width) if is_right else cell.ljust(width)
                for cell, width, is_right in zip(row, widths, right, strict=True)
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def make_environment(templates_dir: Path) -> Environment:
    """Autoescape on for HTML/XML templates; markdown templates escape through `md`."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(["html", "xml", "html.j2", "xml.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    environment.filters["md"] = md_escape
    environment.filters["md_url"] = md_url
    environment.filters["slug"] = github_slug
    environment.filters["md_table"] = md_table
    return environment


def _template_location(error: TemplateError, templates_dir: Path) -> tuple[str, int]:
    """The template file and line where rendering failed, as users see them."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return error.filename, error.lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno or 0
    return str(templates_dir), 0


def render_template(environment: Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; a broken template is a located problem, not a traceback."""
    try:
        return environment.get_template(name).render(context)
    except TemplateError as error:
        loader = environment.loader
        root = Path(loader.searchpath[0]) if isinstance(loader, FileSystemLoader) else Path()
        filename, line = _template_location(error, root)
        try:
            shown = Path(filename).resolve().relative_to(root.resolve().parent).as_posix()
        except ValueError:
            shown = filename
        problem = Problem(shown, line, "", f"template error: {error.message}")
        raise ProblemsError([problem]) from None
