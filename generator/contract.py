"""The HTML contract between the pages the generator writes and the compliance check that reads
them: the kinds of page, the ``<meta>`` names and the ``data-ak-*`` attributes.

The check judges the built HTML as a visitor sees it and never imports the renderer; these names
are the only thing the two share, so they are declared once, here. The templates in ``theme/``
write them (``tests/test_contract.py`` holds the templates to this list).
"""

from __future__ import annotations

import enum
from typing import Final


class PageKind(enum.StrEnum):
    """The pages of the section, as ``<meta name="antikor:page">`` names them."""

    HOME = "home"
    SUBSECTION = "subsection"
    PLAN = "plan"
    REPORT = "report"
    SEARCH = "search"
    OPENDATA = "opendata"


META_PAGE: Final = "antikor:page"
META_SUBSECTION: Final = "antikor:subsection"
META_PROFILE: Final = "antikor:profile"

SUBSECTIONS: Final = "data-ak-subsections"
"""The list of subsections on the section home."""
ACT_ROW: Final = "data-ak-act-row"
"""A row of the table of acts."""
ACT: Final = "data-ak-act"
"""An act's requisites (``approved`` or ``amendment``) under a plan's title."""
REQUISITE: Final = "data-ak-requisite"
"""One requisite of an act: ``title``, ``date``, ``number``, ..."""
CONTACT: Final = "data-ak-contact"
"""One contact of the body: ``address``, ``form``, ..."""
ILLEGIBLE: Final = "data-ak-illegible"
"""A value illegible in the source; the attribute lists which requisites."""
NOT_STATED: Final = "data-ak-not-stated"
"""A value not stated in the source; the attribute lists which requisites."""

ATTRIBUTES: Final = (SUBSECTIONS, ACT_ROW, ACT, REQUISITE, CONTACT, ILLEGIBLE, NOT_STATED)
METAS: Final = (META_PAGE, META_SUBSECTION, META_PROFILE)
