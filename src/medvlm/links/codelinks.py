"""`find_code_link(*texts)`: the first GitHub repository named in free text (an abstract, a
comment, a title), as https://github.com/owner/repo."""

from __future__ import annotations

import re

_GITHUB = re.compile(
    r"(?:https?://)?(?:www\.)?github\.com/(?P<owner>[A-Za-z0-9][A-Za-z0-9-]*)/"
    r"(?P<repo>[A-Za-z0-9_.-]+)",
    re.IGNORECASE,
)


def find_code_link(*texts: str | None) -> str | None:
    """The first GitHub repository URL in `texts`, as https://github.com/owner/repo."""
    for text in texts:
        for match in _GITHUB.finditer(text or ""):
            # Sentences end right after the URL ("... at github.com/a/b."); ".git" is a suffix.
            repo = match.group("repo").rstrip(".").removesuffix(".git")
            if repo:
                return f"https://github.com/{match.group('owner')}/{repo}"
    return None
