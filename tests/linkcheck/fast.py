"""Check settings for tests: no spacing or waiting between requests."""

from __future__ import annotations

from medvlm.linkcheck.model import CheckSettings

FAST = CheckSettings(host_interval=0.0, timeout=5.0, backoff=0.0, max_retry_wait=0.0)
