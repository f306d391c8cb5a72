"""Built sites to break: a copy of a site built once per session, edited one rule at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.compliance import RuleResult, check_site
from generator.compliance.profiles import load_profile
from generator.compliance.reader import read_site
from tests.conftest import CONTENT_BY_NAME, build_site


def run_check(site: Path, profile: str = "federal") -> list[RuleResult]:
    return check_site(read_site(site), load_profile(profile))


def failed(site: Path, profile: str = "federal") -> set[str]:
    return {r.rule.id for r in run_check(site, profile) if not r.passed}


def edit_html(site: Path, page: str, change: Callable[[BeautifulSoup], object]) -> None:
    """Parse a page of the site, let ``change`` modify it, write it back."""
    path = site / page
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    change(soup)
    path.write_text(str(soup), encoding="utf-8")


@pytest.fixture
def site_copy(tmp_path: Path, example_site: Callable[[str], Path]) -> Callable[[str], Path]:
    """A private copy of a built example site, free to be broken by the test."""

    def copy(name: str = "content") -> Path:
        target = tmp_path / f"site-{name}"
        shutil.copytree(example_site(name), target)
        return target

    return copy


@pytest.fixture(scope="session")
def altai_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ built with ``requirements: altai``."""
    work = tmp_path_factory.mktemp("altai")
    content = work / "content"
    shutil.copytree(CONTENT_BY_NAME["content"], content)
    site_yaml = content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(
        text.replace("requirements: federal", "requirements: altai"), encoding="utf-8"
    )
    result = build_site(content, work / "site")
    assert result.exit_code == 0, result.stderr
    return work / "site"


def pdf_with_text(text: str) -> bytes:
    """A minimal valid one-page PDF whose page carries ``text`` (ASCII) as real text."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_without_text() -> bytes:
    """A valid PDF with an empty page: what a scan without OCR looks like to a text search."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
