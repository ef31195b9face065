"""Commands of the `contrib` group (filled in by its issue)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this group's commands to the `medvlm` parser."""
