"""Debian's Chromium, driven by Playwright. Never a browser that Playwright downloads."""

from __future__ import annotations

import os
import shutil
from typing import Any

CHROMIUM = os.environ.get("ANTIKOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

# This machine has no network but loopback: keep Chromium from calling home at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def launch(playwright: Any) -> Any:
    """A headless Chromium from the system."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
