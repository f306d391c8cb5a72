"""The import graph of the package: the one direction of flow, kept by a test.

Content flows load → validate → site model → rendering → MkDocs; an import against that flow
(or a cycle) is how a module starts to depend on a stage that runs after it. The graph counts
every import, those inside functions and under ``TYPE_CHECKING`` included.
"""

from __future__ import annotations

import grimp
import pytest

# Read, check and model the content; nothing here may know how it is rendered or published.
CORE = (
    "generator.codes",
    "generator.diagnostics",
    "generator.yamlsource",
    "generator.schema_errors",
    "generator.models",
    "generator.content",
    "generator.checks",
    "generator.deadlines",
    "generator.executors",
    "generator.monitoring",
    "generator.contract",
    "generator.reuse",
    "generator.site.i18n",
    "generator.site.urls",
    "generator.site.model",
)
RENDERING_LIBRARIES = ("mkdocs", "jinja2", "material")
RENDERING = (
    "generator.site",
    "generator.search",
    "generator.mkdocs_plugin",
    "generator.pipeline",
    "generator.cli",
)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("generator", include_external_packages=True)


def _ours(graph: grimp.ImportGraph) -> list[str]:
    return sorted(module for module in graph.modules if module.startswith("generator"))


def _chain(graph: grimp.ImportGraph, importer: str, imported: str) -> tuple[str, ...] | None:
    if imported not in graph.modules:
        return None
    return graph.find_shortest_chain(importer=importer, imported=imported)


def test_no_cycles(graph: grimp.ImportGraph) -> None:
    cycles = []
    for module in _ours(graph):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if not imported.startswith("generator"):
                continue
            back = _chain(graph, imported, module)
            if back is not None:
                cycles.append(" → ".join((module, *back)))
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("module", CORE)
def test_core_knows_no_rendering(graph: grimp.ImportGraph, module: str) -> None:
    for library in RENDERING_LIBRARIES:
        assert _chain(graph, module, library) is None, f"{module} reaches {library}"


def test_compliance_knows_no_rendering(graph: grimp.ImportGraph) -> None:
    """The compliance check judges the built HTML as a visitor sees it against the profile, so
    it must not lean on the code (or the titles) that produced that HTML."""
    compliance = [m for m in _ours(graph) if m.startswith("generator.compliance")]
    rendering = [m for m in _ours(graph) if m.startswith(RENDERING)]
    assert compliance and rendering
    reached = [
        " → ".join(chain)
        for module in compliance
        for target in (*rendering, *RENDERING_LIBRARIES)
        if (chain := _chain(graph, module, target)) is not None
    ]
    assert not reached, "\n".join(reached)


def test_the_contract_sees_imports(graph: grimp.ImportGraph) -> None:
    """The graph is the real one: the renderer does use Jinja, and the CLI reaches MkDocs."""
    assert _chain(graph, "generator.site.pages", "jinja2") is not None
    assert _chain(graph, "generator.cli", "mkdocs") is not None


def test_search_records_read_the_model_not_the_pages(graph: grimp.ImportGraph) -> None:
    """Records are made from the site model, after the pages and independent of them: the
    search page takes its filter values from the model too."""
    assert _chain(graph, "generator.search.records", "generator.site.pages") is None
    assert _chain(graph, "generator.search.records", "generator.site.model") is not None
