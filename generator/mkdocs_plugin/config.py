"""Options of the ``antikor`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class AntikorConfig(Config):
    content = c.Optional(c.Dir(exists=True))
    """The content folder; by default MkDocs' ``docs_dir``."""

    strict = c.Type(bool, default=False)
    """Treat content warnings as errors."""
