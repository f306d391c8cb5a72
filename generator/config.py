"""The MkDocs configuration of a build: antikor's defaults, and over them the body's own
``mkdocs.yml`` when there is one.

A body keeps its section in its own repository, which needs no MkDocs settings at all: the
defaults (Material with antikor's theme, the antikor plugin, the section's title) are enough to
build. A ``mkdocs.yml`` beside the content folder (in the folder that holds ``content/``), or the
file named by ``--config``, is merged over the defaults: it sets ``site_url``, adds
``extra_css`` or ``nav`` links, changes the palette, and keeps everything it does not mention.
"""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

OVERRIDE_NAME = "mkdocs.yml"


class ConfigError(Exception):
    """The settings cannot be used; the message says why, in Russian, naming the file."""


def theme_dir() -> Path:
    """The theme's templates and assets.

    The wheel carries ``theme/`` inside the package as ``generator/_theme``; an editable install
    (this repository) has no copy there and uses ``theme/`` at the top of the repository.
    """
    packaged = Path(str(resources.files("generator").joinpath("_theme")))
    in_repository = Path(__file__).resolve().parent.parent / "theme"
    for candidate in (packaged, in_repository):
        if (candidate / "main.html").is_file() and (candidate / "antikor").is_dir():
            return candidate
    raise ConfigError(
        f"тема antikor не найдена (нет папки {packaged}): пакет antikor установлен не полностью;"
        " переустановите его командой pip install --force-reinstall antikor"
    )


def default_settings() -> dict[str, Any]:
    """The settings a section builds with when it has no ``mkdocs.yml`` of its own. The
    repository's ``mkdocs.yml`` repeats them for plain ``mkdocs build`` (a test keeps the two
    equal)."""
    return {
        "site_name": "Противодействие коррупции",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir()),
            "language": "ru",
            "font": False,
            "features": ["navigation.indexes", "navigation.top"],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
        },
        "plugins": ["antikor"],
        "extra": {"generator": False},
    }


def find_override(content: Path, config_file: Path | None) -> Path | None:
    """The body's ``mkdocs.yml``: the one named on the command line (which must exist), else the
    one in the folder that holds the content folder, else none."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(
                f"нет файла настроек MkDocs «{config_file}»\n    подсказка: mkdocs.yml"
                " необязателен: без --config antikor берет свои настройки и mkdocs.yml из папки,"
                " где лежит папка содержимого, если он там есть"
            )
        return config_file.resolve()
    beside = content.resolve().parent / OVERRIDE_NAME
    return beside if beside.is_file() else None


def merged_settings(override: Path | None) -> dict[str, Any]:
    """The defaults with the override merged over them: nested settings (``theme``, ``extra``)
    key by key, anything else replaced; the antikor plugin is always on."""
    settings = default_settings()
    if override is not None:
        over = _read_override(override)
        _refuse_unsafe(over, override)
        settings = _merge(settings, over)
        _resolve_custom_dir(settings, override.parent)
    settings["plugins"] = _with_antikor(settings.get("plugins"))
    return settings


def load_site_config(
    content: Path,
    *,
    config_file: Path | None,
    site_dir: Path,
    site_url: str | None = None,
) -> MkDocsConfig:
    """The validated MkDocs configuration for building ``content`` into ``site_dir``."""
    from mkdocs.config.defaults import MkDocsConfig

    _check_content_folder(content)
    override = find_override(content, config_file)
    _check_outside_content(override, content)
    settings = merged_settings(override)
    settings["docs_dir"] = str(content.resolve())
    settings["site_dir"] = str(site_dir)
    if site_url:
        settings["site_url"] = site_url
    _check_site_url(settings.get("site_url"), "--site-url" if site_url else str(override))
    config = MkDocsConfig(config_file_path=str(override) if override else None)
    config.load_dict(settings)
    errors, warnings = config.validate()
    origin = str(override) if override else "настройки по умолчанию"
    for name, warning in warnings:
        print(f"{origin}: замечание: настройка «{name}»: {_russian(warning)}", file=sys.stderr)
    if errors:
        raise ConfigError(
            "\n".join(f"{origin}: ошибка в настройке «{name}»: {error}" for name, error in errors)
        )
    _keep_antikor_theme(config)
    return config


def _check_content_folder(content: Path) -> None:
    """MkDocs would say it in English (``The path … isn't an existing directory``)."""
    if not content.exists():
        raise ConfigError(f"{content}: папки содержимого нет; укажите ее в --content")
    if not content.is_dir():
        raise ConfigError(f"{content}: это файл, а не папка содержимого; укажите папку в --content")


def _check_outside_content(override: Path | None, content: Path) -> None:
    """A settings file inside the content folder is most likely one of its data files
    (``--config content/site.yaml``); MkDocs refuses it with a long English text."""
    if override is not None and content.resolve() in override.resolve().parents:
        raise ConfigError(
            f"{override}: файл настроек MkDocs не может лежать в папке содержимого {content};"
            " в --config указывают mkdocs.yml (он лежит рядом с папкой содержимого), а не файл"
            " содержимого"
        )


_UNKNOWN_NAME = "Unrecognised configuration name: "


def _russian(warning: str) -> str:
    """MkDocs' commonest warning in Russian; the rest as MkDocs words them."""
    if warning.startswith(_UNKNOWN_NAME):
        return "такой настройки MkDocs нет, она не действует"
    return warning


def _check_site_url(url: object, origin: str) -> None:
    """The address is checked before MkDocs sees it: MkDocs' own check stops with English text,
    and an unclosed ``[`` in the host makes it fail outright."""
    from generator.plaintext import visible
    from generator.siteurl import site_url_problem

    if url is None:
        return
    if not isinstance(url, str):
        raise ConfigError(f"{origin}: адрес раздела (site_url) должен быть строкой")
    if problem := site_url_problem(url):
        raise ConfigError(f"{origin}: адрес раздела (site_url) «{visible(url)}»: {problem}")


def write_settings(settings: dict[str, Any], path: Path) -> None:
    """Write merged settings as a file MkDocs' development server can read again on every
    rebuild."""
    try:
        text = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError as exc:
        raise ConfigError(f"настройки mkdocs.yml не удалось передать серверу: {exc}") from None
    path.write_text(text, encoding="utf-8")


def _read_override(path: Path) -> dict[str, Any]:
    """The override as MkDocs reads it (``!ENV`` and ``INHERIT`` included), with Russian errors."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open("rb") as file:
            data = yaml_load(file)
    except OSError as exc:
        from generator.publish import os_reason

        raise ConfigError(f"{path}: файл настроек не читается: {os_reason(exc)}") from None
    except ConfigurationError as exc:
        cause = exc.__context__
        if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark is not None:
            mark = cause.problem_mark
            raise ConfigError(
                f"{path}:{mark.line + 1}:{mark.column + 1}: ошибка: файл настроек не читается"
                f" как YAML ({cause.problem})"
            ) from None
        raise ConfigError(f"{path}: ошибка: файл настроек не читается: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: ошибка: ожидались настройки вида «имя: значение»")
    return data


# Settings Material prints into every page as they are (unescaped), or that make the pages
# load something from another host; the section does not use them, so a body's mkdocs.yml may
# not set them. The value: why, in Russian.
_PRINTED_RAW = "Material выводит ее в каждую страницу без экранирования"
_FOREIGN_HOST = "с ней страницы загружают данные с других серверов"
_REFUSED: dict[tuple[str, ...], str] = {
    ("site_description",): _PRINTED_RAW,
    ("site_author",): _PRINTED_RAW,
    ("copyright",): _PRINTED_RAW,
    ("repo_name",): _PRINTED_RAW,
    ("repo_url",): f"{_PRINTED_RAW}, и {_FOREIGN_HOST} (api.github.com)",
    ("edit_uri",): _PRINTED_RAW,
    ("google_analytics",): _FOREIGN_HOST,
    ("extra", "analytics"): f"{_FOREIGN_HOST} (googletagmanager.com)",
    ("extra", "consent"): _PRINTED_RAW,
    ("extra", "social"): _PRINTED_RAW,
    ("extra", "alternate"): _PRINTED_RAW,
    ("extra", "homepage"): _PRINTED_RAW,
}
# Paths Material puts into ``href``/``src`` as they are: only files of the section itself.
_LOCAL_PATHS = (("extra_css",), ("extra_javascript",), ("theme", "logo"), ("theme", "favicon"))
_NOT_LOCAL = re.compile(r"""://|^//|^\s*(?:javascript|data|vbscript):|["'<>\\`\s]""", re.I)


def _refuse_unsafe(over: dict[str, Any], path: Path) -> None:
    """A body's ``mkdocs.yml`` is trusted configuration, yet the section's own rules hold: no
    value printed unescaped and nothing loaded from other hosts. Settings that would break them
    are refused here, naming the setting, rather than silently dropped."""
    for keys, why in _REFUSED.items():
        if _lookup(over, keys) is not None:
            raise ConfigError(
                f"{path}: ошибка: настройка «{'.'.join(keys)}» не поддерживается: {why};"
                " удалите ее из файла настроек"
            )
    font = _lookup(over, ("theme", "font"))
    if font not in (None, False):
        raise ConfigError(
            f"{path}: ошибка: настройка «theme.font» может быть только false: иначе {_FOREIGN_HOST}"
            " (fonts.googleapis.com)"
        )
    for keys in _LOCAL_PATHS:
        value = _lookup(over, keys)
        entries = value if isinstance(value, list) else [] if value is None else [value]
        for entry in entries:
            target = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(target, str) or _NOT_LOCAL.search(target):
                raise ConfigError(
                    f"{path}: ошибка: в настройке «{'.'.join(keys)}» значение {target!r}: здесь"
                    " допустим только путь к файлу раздела без кавычек, пробелов и угловых"
                    " скобок (например extra.css); адреса других серверов не допускаются"
                )


def _lookup(settings: dict[str, Any], keys: tuple[str, ...]) -> Any:
    value: Any = settings
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _resolve_custom_dir(settings: dict[str, Any], folder: Path) -> None:
    """A ``custom_dir`` in the override is relative to the override's folder, as in MkDocs."""
    theme = settings.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str((folder / theme["custom_dir"]).resolve())


def _with_antikor(plugins: object) -> object:
    if isinstance(plugins, dict):
        return plugins if "antikor" in plugins else {**plugins, "antikor": {}}
    entries = list(plugins) if isinstance(plugins, list) else []
    names = [next(iter(e)) if isinstance(e, dict) and e else e for e in entries]
    return entries if "antikor" in names else [*entries, "antikor"]


def _keep_antikor_theme(config: MkDocsConfig) -> None:
    """A body's own ``custom_dir`` overrides templates; antikor's theme stays right under it, so
    the section's pages are still found."""
    ours = theme_dir().resolve()
    dirs = [Path(d).resolve() for d in config.theme.dirs]
    if ours not in dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(ours))
