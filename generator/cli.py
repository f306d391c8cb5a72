"""The ``antikor`` command: validate, schema, build, serve, check."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.content import load_content
from generator.diagnostics import Diagnostics

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Command = args.command
    try:
        return command(args)
    except KeyboardInterrupt:
        return 130
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
    validate.set_defaults(command=_validate)

    schema = sub.add_parser("schema", help="записать JSON Schema файлов содержимого")
    schema.add_argument(
        "--out",
        type=Path,
        default=Path("schema"),
        help="папка для файлов схем (по умолчанию schema/)",
    )
    schema.set_defaults(command=_schema)

    build = sub.add_parser("build", help="собрать сайт раздела в папку site/")
    _content_option(build)
    _site_options(build)
    build.add_argument("--strict", action="store_true", help="считать предупреждения ошибками")
    build.add_argument(
        "--timings",
        nargs="?",
        const="-",
        metavar="ФАЙЛ",
        help="вывести время каждого этапа сборки; с именем файла — записать его в JSON",
    )
    build.set_defaults(command=_build)
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="куда собрать сайт (по умолчанию site/)"
    )
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="файл настроек MkDocs"
    )


def _build(args: argparse.Namespace) -> int:
    import logging

    from mkdocs.exceptions import Abort, MkDocsException

    from generator import timings
    from generator.pipeline import build_site

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    timings.reset()
    try:
        build_site(args.content, args.site_dir, config_file=args.config, strict=args.strict)
    except Abort as exc:
        print(f"antikor: {exc}", file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(f"antikor: сборка не удалась: {exc}", file=sys.stderr)
        return 1
    print(f"Сайт собран: {args.site_dir}", file=sys.stderr)
    if args.timings == "-":
        print(timings.report(timings.snapshot()), file=sys.stderr)
    elif args.timings:
        Path(args.timings).write_text(json.dumps(timings.snapshot(), indent=2), encoding="utf-8")
    return 0


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="папка содержимого (по умолчанию content/)",
    )


def print_diagnostics(diagnostics: Diagnostics) -> None:
    print(diagnostics.report(), file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
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
