"""The wheel's contents: the ``generator`` packages, the requirement profiles, and the theme.

The theme stays at the top of the repository (``theme/``, where ``mkdocs.yml`` names it) and is
shipped inside the package as ``generator/_theme``, so that an installed ``antikor`` builds a
section from any folder. Everything else about the package is in ``pyproject.toml``.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator._theme"],
    package_dir={"generator._theme": "theme"},
    package_data={
        "generator": ["profiles/*.yaml", "starter_files/**/*", "mkdocs_plugin/no_docs/*"],
        "generator._theme": ["**/*"],
    },
)
