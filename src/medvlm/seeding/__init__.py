"""Turn the rows of a paper list into catalog records: one record per work, merged into the
catalog without rewriting what a person wrote.

`seed_rows(rows, source=..., taxonomy=..., existing=..., added=...)` takes the rows
`medvlm.importers.markdown` read from one list and returns, without writing anything, the
records the list maps to (created, changed or untouched) and a `SeedReport`. The command
writes `SeedResult.to_write`. The result is idempotent: a second run over its own output finds
nothing to change.

- seed.py: `seed_rows`, the import from rows to records;
- grouping.py: rows that are one work, and the catalog record a work is;
- claims.py: paper links that the rows of several works give;
- works.py: what the rows of one work say (title, venue and year, model, links, tasks);
- titles.py: titles and model names in the case they should be written;
- records.py: a new record, or a work merged into an existing record;
- results.py: the records and the report's import-wide figures.

How one row is read is `medvlm.importers.rows`; the report's fields are
`medvlm.importers.report`.
"""

from medvlm.importers.report import COVERAGE, Note, SeedReport
from medvlm.seeding.results import SeedError, SeedRecord, SeedResult
from medvlm.seeding.seed import seed_rows
from medvlm.seeding.titles import case_from_page_name, title_case
from medvlm.seeding.works import guessed_tasks, page_rank

__all__ = [
    "COVERAGE",
    "Note",
    "SeedError",
    "SeedRecord",
    "SeedReport",
    "SeedResult",
    "case_from_page_name",
    "guessed_tasks",
    "page_rank",
    "seed_rows",
    "title_case",
]
