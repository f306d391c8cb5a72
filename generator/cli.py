"""The ``antikor`` command: validate, schema, build, serve, check, init."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from generator import argparse_ru
from generator.diagnostics import BUILD_LOG, Diagnostics

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    argparse_ru.install()
    parser = _parser()
    args = parser.parse_args(argv)
    command: Command = args.command
    try:
        return command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of the output went away (``antikor import … | head``): nothing is wrong with
        # the work; keep Python from failing again while it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug, not a content fault: say so without a traceback
        if args.debug:
            raise
        print(
            f"antikor: внутренняя ошибка: {type(exc).__name__}: {exc}\n"
            "    подсказка: запустите с --debug, чтобы увидеть подробности",
            file=sys.stderr,
        )
        return 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antikor",
        description="Раздел «Противодействие коррупции» официального сайта из YAML и Markdown.",
    )
    parser.add_argument(
        "--debug", action="store_true", help="показывать трассировку внутренних ошибок"
    )
    sub = parser.add_subparsers(required=True, metavar="КОМАНДА")

    validate = sub.add_parser("validate", help="проверить содержимое и вывести все ошибки")
    _content_option(validate)
    validate.add_argument("--strict", action="store_true", help="считать предупреждения ошибками")
    _diagnostics_format_option(validate)
    validate.set_defaults(command=_validate)

    schema = sub.add_parser("schema", help="записать JSON Schema файлов содержимого")
    schema.add_argument(
        "--out",
        metavar="ПАПКА",
        type=Path,
        default=Path("schema"),
        help="папка для файлов схем (по умолчанию schema/)",
    )
    schema.set_defaults(command=_schema)

    build = sub.add_parser("build", help="собрать сайт раздела в папку site/")
    _content_option(build)
    _site_options(build)
    build.add_argument(
        "--strict",
        action="store_true",
        help="считать предупреждения ошибками и не заменять сайт, если он не проходит проверку"
        " соответствия (antikor check)",
    )
    build.add_argument(
        "--timings",
        nargs="?",
        const="-",
        metavar="ФАЙЛ",
        help="вывести время каждого этапа сборки; с именем файла — записать его в JSON",
    )
    _diagnostics_format_option(build)
    build.set_defaults(command=_build)

    serve = sub.add_parser(
        "serve", help="собрать сайт и показывать его, пересобирая при каждом изменении файлов"
    )
    _content_option(serve)
    _site_options(serve, site_dir=False)
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="АДРЕС:ПОРТ",
        help="где показывать сайт (по умолчанию 127.0.0.1:8000)",
    )
    serve.set_defaults(command=_serve)
    check = sub.add_parser(
        "check", help="проверить собранный сайт на соответствие требованиям, правило за правилом"
    )
    check.add_argument(
        "--site-dir",
        metavar="ПАПКА",
        type=Path,
        default=Path("site"),
        help="папка собранного сайта (по умолчанию site/)",
    )
    check.add_argument(
        "--profile",
        metavar="ПРОФИЛЬ",
        help="профиль требований (по умолчанию — указанный в site.yaml при сборке)",
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="вид отчета: text (по умолчанию) или json для CI",
    )
    check.set_defaults(command=_check)

    init = sub.add_parser(
        "init", help="создать папку раздела нового органа: содержимое, README, CI"
    )
    init.add_argument("dir", type=Path, metavar="ПАПКА", help="куда записать раздел")
    init.add_argument(
        "--name", metavar="НАИМЕНОВАНИЕ", required=True, help="полное наименование органа"
    )
    init.add_argument(
        "--language", choices=("ru", "uk"), default="ru", help="язык раздела (по умолчанию ru)"
    )
    init.add_argument(
        "--profile",
        metavar="ПРОФИЛЬ",
        default="federal",
        help="профиль требований (по умолчанию federal)",
    )
    init.add_argument(
        "--site-url", metavar="АДРЕС", help="полный адрес раздела на сервере (site_url)"
    )
    init.add_argument(
        "--force",
        action="store_true",
        help="записывать и в непустую папку: существующие файлы содержимого (content/) и"
        " mkdocs.yml сохраняются, недостающие дописываются, файлы CI, редактора, схем и README"
        " заменяются",
    )
    init.set_defaults(command=_init)

    importer = sub.add_parser(
        "import", help="превратить план или отчет (DOCX, ODT, XLSX, CSV, TXT) в файлы содержимого"
    )
    importer.add_argument(
        "files", nargs="+", type=Path, metavar="ФАЙЛ", help="документы с таблицей"
    )
    _content_option(importer)
    importer.add_argument(
        "--plan",
        metavar="ИМЯ",
        help="имя файла плана без .yaml; если такой план уже есть, результаты отчета"
        " привязываются к нему (по умолчанию — годы плана, например 2021-2024)",
    )
    importer.add_argument(
        "--report",
        metavar="ИМЯ",
        help="имя файла отчета без .yaml (по умолчанию — отчетный период, например 2024)",
    )
    importer.add_argument(
        "--force", action="store_true", help="заменять существующие файлы плана и отчета"
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="ничего не записывать, только показать итог"
    )
    importer.set_defaults(command=_import)
    return parser


def _import(args: argparse.Namespace) -> int:
    from generator.importer import ImportFailure, Options, run

    if len(args.files) > 1 and (args.plan or args.report):
        print("antikor: --plan и --report задаются при импорте одного файла", file=sys.stderr)
        return 1
    options = Options(args.content, args.plan, args.report, args.force, args.dry_run)
    try:
        outcomes, written = run(args.files, options)
    except ImportFailure as failure:
        print(f"antikor: ошибка: {failure}", file=sys.stderr)
        if "уже записано" not in str(failure):
            print("antikor: ничего не записано", file=sys.stderr)
        return 1
    for outcome in outcomes:
        for line in outcome.summary():
            print(line)
        if outcome.attached and outcome.draft.report is not None:
            print(f"  результаты привязаны к плану {outcome.draft.report.plan}")
        for target, _ in outcome.files:
            print(f"  {'будет записан' if args.dry_run else 'записан'} {target}")
    for target in written:
        if target.name == "site.yaml":
            print(f"  записан {target}: впишите сведения об органе")
    review = [line for outcome in outcomes for line in outcome.review()]
    if review:
        print(f"Проверьте вручную ({len(review)}):")
        for line in review:
            print(line)
    if args.dry_run:
        print("Пробный запуск (--dry-run): ничего не записано.")
    return 0


def _diagnostics_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        help="вид сообщений об ошибках: text или github (еще и аннотации ::error для GitHub"
        " Actions); по умолчанию github, если задана переменная GITHUB_ACTIONS=true, иначе text",
    )


def _apply_diagnostics_format(args: argparse.Namespace) -> None:
    import os

    from generator.diagnostics import annotate_for_github

    chosen = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    annotate_for_github(chosen == "github")


class _RussianLevels(logging.Formatter):
    """MkDocs' log lines with the level in Russian; informational lines without a level; the
    build's own lines (worded for the clerk already, diagnostics with their level) as they are."""

    LEVELS: ClassVar[dict[int, str]] = {
        logging.WARNING: "предупреждение",
        logging.ERROR: "ошибка",
        logging.CRITICAL: "ошибка",
    }

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name == BUILD_LOG:
            return message
        level = self.LEVELS.get(record.levelno)
        return f"{level}: {message}" if level else message


def _configure_logging(level: int) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_RussianLevels())
    logging.basicConfig(level=level, handlers=[handler])
    # the build's notes (INFO, so that `mkdocs build --strict` does not count them) are for
    # the clerk too
    logging.getLogger(BUILD_LOG).setLevel(logging.INFO)


def _init(args: argparse.Namespace) -> int:
    from generator.starter import StarterError, write_starter

    try:
        written = write_starter(
            args.dir,
            name=args.name,
            language=args.language,
            profile=args.profile,
            site_url=args.site_url,
            force=args.force,
        )
    except StarterError as exc:
        print(f"antikor: {exc}", file=sys.stderr)
        return 1
    for path in written.written:
        print(path)
    if written.kept:
        print(
            "antikor: эти файлы уже были и сохранены как есть (init не заменяет содержимое"
            " и mkdocs.yml):",
            file=sys.stderr,
        )
        for path in written.kept:
            print(f"    {path}", file=sys.stderr)
    print(
        f"Раздел создан в {args.dir}. Дальше: cd {args.dir} && antikor build, затем"
        " antikor check — он перечислит, что осталось заполнить.",
        file=sys.stderr,
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.compliance.profiles import ProfileError
    from generator.compliance.reader import SiteUnreadable
    from generator.compliance.report import format_json, format_text
    from generator.pipeline import check_built

    try:
        results, profile = check_built(args.site_dir, args.profile)
    except ProfileError as exc:  # the profile asked for is wrong: as in `antikor build`
        print(f"antikor: {exc}", file=sys.stderr)
        return 1
    except SiteUnreadable as exc:
        print(f"antikor: {exc}", file=sys.stderr)
        return 2
    formatter = format_json if args.format == "json" else format_text
    print(formatter(results, profile))
    return 0 if all(r.passed for r in results) else 1


def _site_options(parser: argparse.ArgumentParser, *, site_dir: bool = True) -> None:
    if site_dir:
        parser.add_argument(
            "--site-dir",
            metavar="ПАПКА",
            type=Path,
            default=Path("site"),
            help="куда собрать сайт (по умолчанию site/)",
        )
    parser.add_argument(
        "--config",
        metavar="ФАЙЛ",
        type=Path,
        help="файл настроек MkDocs поверх настроек по умолчанию (по умолчанию mkdocs.yml рядом"
        " с папкой содержимого, если он есть)",
    )
    parser.add_argument(
        "--site-url",
        metavar="АДРЕС",
        help="полный адрес раздела на сервере, например https://adm.example.ru/antikor/"
        " (по умолчанию site_url из mkdocs.yml)",
    )


def _build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from generator import timings
    from generator.compliance.profiles import ProfileError
    from generator.compliance.reader import SiteUnreadable
    from generator.config import ConfigError
    from generator.pipeline import ComplianceFailed, build
    from generator.publish import SiteDirRefused, SiteWriteFailed

    _configure_logging(logging.WARNING)
    _apply_diagnostics_format(args)
    timings.reset()
    problem = _timings_file_problem(args.timings)
    if problem:
        print(f"antikor: --timings {args.timings}: {problem}; сайт не собирался", file=sys.stderr)
        return 1
    try:
        report = build(
            args.content,
            args.site_dir,
            config_file=args.config,
            strict=args.strict,
            site_url=args.site_url,
        )
    except SiteDirRefused as exc:
        print(f"antikor: {exc}", file=sys.stderr)
        return 1
    except SiteWriteFailed as exc:
        print(f"antikor: сайт не записан: {exc}; {args.site_dir} не изменен", file=sys.stderr)
        return 2
    except ComplianceFailed as failure:
        print(failure.report, file=sys.stderr)
        print(
            "antikor: сайт не соответствует требованиям и не заменен (--strict);"
            f" прежний сайт в {args.site_dir} сохранен",
            file=sys.stderr,
        )
        return 1
    except (ProfileError, SiteUnreadable, ConfigError, MkDocsException) as exc:
        print(f"antikor: {_failure(exc)}", file=sys.stderr)
        return 1
    if report:
        print(report, file=sys.stderr)
    print(f"Сайт собран: {args.site_dir}", file=sys.stderr)
    _write_timings(args.timings)
    return 0


def _timings_file_problem(name: str | None) -> str | None:
    """Why the ``--timings`` file cannot be written, found before the build: once the new site
    is in place, nothing may fail the build."""
    import os

    if not name or name == "-":
        return None
    path = Path(name)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        return "это папка, а нужен файл"
    if path.exists() and not path.is_file():
        return "это не обычный файл"
    if not folder.is_dir():
        return f"папки {folder} нет"
    if not os.access(path if path.exists() else folder, os.W_OK):
        return "нет прав на запись"
    return None


def _write_timings(name: str | None) -> None:
    """Print or write the stage times; a failure to write them is reported, not fatal."""
    from generator import timings
    from generator.publish import describe_os_error

    if name == "-":
        print(timings.report(timings.snapshot()), file=sys.stderr)
    elif name:
        try:
            Path(name).write_text(json.dumps(timings.snapshot(), indent=2), encoding="utf-8")
        except OSError as exc:
            print(
                f"antikor: предупреждение: время этапов не записано: {describe_os_error(exc)}",
                file=sys.stderr,
            )


def _serve(args: argparse.Namespace) -> int:
    """A development server over the content folder (:mod:`generator.preview`): it watches the
    content and the theme, rebuilds on every change and reloads the open page. A content error
    is printed and the server keeps the last good build until the file is fixed."""
    import tempfile

    from mkdocs.exceptions import MkDocsException

    from generator.config import (
        ConfigError,
        find_override,
        load_site_config,
        merged_settings,
        write_settings,
    )
    from generator.preview import serve

    _configure_logging(logging.INFO)
    with tempfile.TemporaryDirectory(prefix="antikor-serve-") as work:
        try:
            # The development server reads its settings from a file before every rebuild: the
            # defaults and the body's mkdocs.yml, merged and checked once at start (a change to
            # mkdocs.yml takes effect on the next start).
            load_site_config(args.content, config_file=args.config, site_dir=Path(work) / "site")
            settings_file = Path(work) / "mkdocs.yml"
            write_settings(merged_settings(find_override(args.content, args.config)), settings_file)
            serve(
                settings_file,
                args.content.resolve(),
                dev_addr=args.dev_addr,
                site_url=args.site_url,
            )
        except (ConfigError, MkDocsException) as exc:
            print(f"antikor: {_failure(exc)}", file=sys.stderr)
            return 1
    return 0


def _failure(exc: Exception) -> str:
    """What stopped a build or the preview, in the words a clerk reads: MkDocs' own reasons
    in Russian, and antikor's, which are Russian already, as they are."""
    from mkdocs.exceptions import Abort, MkDocsException

    if isinstance(exc, Abort):
        return _aborted(exc)
    if isinstance(exc, MkDocsException):
        return f"сборка не удалась: {exc}"
    return str(exc)


def _aborted(exc: Exception) -> str:
    """MkDocs' English reason for stopping a build, in Russian."""
    import re

    text = str(exc)
    if "BuildError" in text:
        return "сборка остановлена из-за ошибок, перечисленных выше; сайт не изменен"
    if warnings := re.search(r"(\d+) warnings? in strict mode", text):
        return (
            f"сборка остановлена: предупреждений — {warnings.group(1)}, а с --strict"
            " предупреждения считаются ошибками; сайт не изменен"
        )
    return "сборка остановлена; сайт не изменен (подробности — с --debug)"


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        metavar="ПАПКА",
        type=Path,
        default=Path("content"),
        help="папка содержимого (по умолчанию content/)",
    )


def print_diagnostics(diagnostics: Diagnostics) -> None:
    print(diagnostics.report(), file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from generator.pipeline import load_content

    _apply_diagnostics_format(args)
    content, diagnostics = load_content(args.content)
    print_diagnostics(diagnostics)
    if content is not None and not diagnostics.failed(args.strict):
        measures = sum(len(p.measures) for p in content.plans)
        results = sum(len(r.results) for r in content.reports)
        print(
            f"Содержимое в порядке: планов {len(content.plans)}, мероприятий {measures},"
            f" отчетов {len(content.reports)}, результатов {results},"
            f" актов {len(content.acts)}, страниц {len(content.pages)}.",
            file=sys.stderr,
        )
    return 1 if diagnostics.failed(args.strict) else 0


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
