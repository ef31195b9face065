"""The catalog's website: generated pages and data files, and the MkDocs (or Zensical) build.

Rendering is pure, catalog in and page text out, one module per page kind:
`home`, `explorer`, `terms` (an overview per axis and a page per term), `papers` (a page per
paper, with `related` choosing its related papers), `downloads` (data files, feed and their
page), `about` (About and Contributing), `helpwanted` (what records still miss). They share
`pages` (the Jinja environment, links, the list-entry cache) and `settings` (what pages need
from mkdocs.yml); `generate` assembles every file and `config` writes the MkDocs config.

Pages are markdown whose data-bearing parts are HTML produced by Jinja with autoescape on, so
a title holding `<script>`, `|` or `*` is shown as text and never becomes markup. Paper pages
are left out of `nav`, so every page does not carry a navigation tree of the whole catalog and
the site grows linearly with it.

What search must index (a paper's title, authors, model and summary) is the pages' markdown
content; the bulk of a paper page and the paper lists of the term pages are HTML carried in
the front matter (`medvlm_html`), which the theme override places after the content. Raw HTML
in the content is parsed three times per page (MkDocs' anchor scan, python-markdown, the
search indexer); in the front matter it is read once by a C YAML parser, which halves the build
of a large catalog. Paper pages also use a page template with a lighter sidebar
(templates/site/overrides/paper.html).

Every generated page is a folder's `index.md` (`papers/<id>/index.md`, served at
`papers/<id>/`): MkDocs leaves links in raw HTML as written (relative to the page's address)
while Zensical resolves them against the source file; for an `index.md` the two are the same
folder, so one link works with both tools.

`build` fills the build folder, runs one `mkdocs build --strict` (or `zensical build`) and
swaps the result into the output folder, so that a failed build leaves the previous site
untouched; `serve` previews a built site.
"""
