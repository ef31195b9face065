"""The catalog's scope: a paper is in when its method, model, dataset, benchmark or evaluation
couples medical images (or video) with natural language (CONTRIBUTING.md).

- decisions.py: `scope.yaml`, the works judged in or out by a person (title, ids, decision,
  reason, evidence), read and checked with located errors; `out_of_scope_records` names the
  records a decision says are out.
- signals.py (+ signals.yaml, the words): whether a title and its list's section headings show
  medical images and language; an import writes a new record only when both show, or a
  decision says `in`.
"""
