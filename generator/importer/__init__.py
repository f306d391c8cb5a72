"""``antikor import``: a body's plan or report as a table (DOCX, ODT, XLSX, CSV, extracted
text) becomes plan and report YAML, with a review list of what a clerk should check.

The stages: a reader per format → one table grid (:mod:`grid`) → header, columns and rows
(:mod:`layout`) → a draft (:mod:`draft`) → YAML (:mod:`writer`). Only :func:`run` touches
the disk for writing, and it writes nothing until everything has been read.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content import derive_key
from generator.importer.columns import Role
from generator.importer.draft import (
    NOT_STATED,
    Draft,
    DraftAct,
    DraftMeasure,
    DraftPlan,
    DraftReport,
    DraftResult,
    DraftSection,
)
from generator.importer.heading import Heading, read_heading
from generator.importer.layout import Builder, Layout, lay_out, positional_note
from generator.importer.own import OwnFile, own_columns, read_own
from generator.importer.readers import ImportFailure, read_source
from generator.importer.writer import Written, write_plan, write_report
from generator.paths import Kind, classify

__all__ = ["ImportFailure", "Options", "Outcome", "plan_import", "run"]


@dataclass(frozen=True)
class Options:
    content: Path
    plan: str | None = None
    report: str | None = None
    force: bool = False
    dry_run: bool = False


@dataclass
class Outcome:
    source: Path
    draft: Draft
    files: list[tuple[Path, Written]] = field(default_factory=list)
    attached: bool = False

    def review(self) -> list[str]:
        """Review lines in the diagnostics' form, pointing into the written files."""
        found: list[tuple[int, int, int, str]] = []
        for order, (path, written) in enumerate(self.files):
            for note in self.draft.notes:
                position = written.positions.get((id(note.node), note.field))
                if position is not None:
                    line, column = position
                    message = f"{path}:{line}:{column}: проверьте: {note.message}"
                    found.append((order, line, column, message))
        lines = [message for *_, message in sorted(found)]
        return lines + [f"{self.source}: проверьте: {line}" for line in self.draft.general]

    def summary(self) -> list[str]:
        sections = self.draft.walk()
        measures = self.draft.measures()
        lines = [f"{self.source}: разделов {len(sections)}, мероприятий {len(measures)}"]
        if self.draft.report is not None:
            by_section = sum(1 for n, _ in self.draft.report.results if isinstance(n, DraftSection))
            lines[0] += f", результатов {len(self.draft.report.results)}"
            if by_section:
                lines[0] += f" (из них по разделам {by_section})"
        return lines


STEM = re.compile(r"^[\w][\w.\-]*$")


def check_stem(option: str, stem: str | None) -> None:
    """A file name, not a path: an import never writes outside the content folder."""
    if stem is not None and (not STEM.match(stem) or ".." in stem):
        raise ImportFailure(
            f"{option} «{stem}»: нужно имя файла без .yaml (буквы, цифры, «-», «_», «.»),"
            " например 2021-2024"
        )


def plan_import(path: Path, options: Options) -> Outcome:
    """Everything an import would write, computed without writing."""
    check_stem("--plan", options.plan)
    check_stem("--report", options.report)
    source = read_source(path)
    columns = own_columns(path, source)
    if columns is not None:
        return _own_import(path, read_own(path, columns), options)
    layout = lay_out(source, str(path))
    heading = read_heading(layout.above)
    is_report = Role.RESULT in layout.mapping.values()
    if not is_report and heading.is_report and Role.EXPECTED in layout.mapping.values():
        _swap(layout, Role.EXPECTED, Role.RESULT)
        layout.remapped = True
        is_report = True
    elif is_report and layout.positional and heading.title and not heading.is_report:
        # A table without a header under a title that names a plan: its last column is the
        # expected result, not a report on the plan.
        _swap(layout, Role.RESULT, Role.EXPECTED)
        is_report = False
    draft = Draft(
        plan=DraftPlan(title="", years="", approved=DraftAct("", "", ""), sections=[]),
        report=None,
    )
    if layout.guessed:
        draft.general.append(
            "в тексте нет разделителей ячеек (скан после распознавания?): ячейки собраны из"
            " абзацев; сверьте каждый пункт с документом"
        )
    elif layout.positional:
        draft.general.append(positional_note(layout))
    for number in layout.skipped:
        draft.general.append(
            f"таблица № {number} в документе устроена иначе, чем таблица плана, и не прочитана:"
            " перенесите ее вручную"
        )
    for header in layout.unmapped:
        draft.general.append(
            f"столбец «{header}» не распознан и не перенесен: перенесите его вручную"
        )
    if heading.is_report and layout.remapped:
        draft.general.append(
            "документ назван отчетом, а столбца о выполнении нет: столбец «Ожидаемый результат»"
            " прочитан как информация о выполнении"
        )
    Builder(draft, layout, is_report).build()
    if not draft.measures():
        raise ImportFailure(
            f"{path}: в таблице не найдено ни одного мероприятия: проверьте, что это план или"
            " отчет о его выполнении"
        )
    _fill_plan(draft, heading, is_report)
    outcome = Outcome(path, draft)
    plan_stem = options.plan or draft.plan.years
    plan_file = options.content / "plans" / f"{plan_stem}.yaml"
    check_inside(plan_file, options.content)
    attached = options.plan is not None and plan_file.is_file() and is_report
    if is_report:
        draft.report = _report(draft, heading, plan_stem)
        if attached:
            _attach(draft, plan_file)
            outcome.attached = True
    if not attached:
        outcome.files.append((plan_file, write_plan(draft.plan, path.name)))
    if draft.report is not None:
        stem = options.report or _period_stem(draft.report.period)
        report_file = options.content / "reports" / f"{stem}.yaml"
        outcome.files.append((report_file, write_report(draft.report, path.name)))
    return outcome


def _own_import(path: Path, own: OwnFile, options: Options) -> Outcome:
    """An import of antikor's own data file: the draft is exact, only the plan's act and
    what the file does not carry are «не указано»."""
    draft = own.draft
    is_report = draft.report is not None
    _fill_plan(draft, own.heading, is_report)
    outcome = Outcome(path, draft)
    plan_stem = options.plan or own.plan_stem or draft.plan.years
    check_stem("--plan", plan_stem)
    plan_file = options.content / "plans" / f"{plan_stem}.yaml"
    check_inside(plan_file, options.content)
    attached = is_report and plan_file.is_file()
    if draft.report is not None:
        draft.report.plan = plan_stem
        if attached:
            _attach(draft, plan_file)
            outcome.attached = True
    if not attached:
        outcome.files.append((plan_file, write_plan(draft.plan, path.name)))
    if draft.report is not None:
        stem = options.report or own.report_stem or _period_stem(draft.report.period)
        check_stem("--report", stem)
        report_file = options.content / "reports" / f"{stem}.yaml"
        outcome.files.append((report_file, write_report(draft.report, path.name)))
    return outcome


def _swap(layout: Layout, old: Role, new: Role) -> None:
    """Read one column as another, in the mapping and in every row already laid out."""
    layout.mapping = {c: new if r is old else r for c, r in layout.mapping.items()}
    for row in layout.rows:
        for cells in (row.own, row.inherited):
            if old in cells:
                cells[new] = cells.pop(old)


def _fill_plan(draft: Draft, heading: Heading, is_report: bool) -> None:
    plan = draft.plan
    for repair in heading.repairs:
        draft.note(plan, "title", f"исправлено при извлечении текста: {repair}")
    title = heading.title
    if is_report and title:
        title = _plan_title(title)
    if title:
        plan.title = title
    else:
        plan.title = NOT_STATED
        draft.note(plan, "title", "название плана в документе не найдено: впишите его")
    if heading.years:
        plan.years = heading.years
    else:
        plan.years = _years_from_deadlines(draft) or _period_year(heading)
        draft.note(plan, "years", "годы плана не напечатаны над таблицей: взяты из сроков; сверьте")
    act = plan.approved
    act.act = heading.act or "постановление"
    act.authority = heading.authority
    if heading.authority:
        draft.note(act, "authority", "кем принят акт — как напечатано в документе; проверьте падеж")
    act.date = heading.act_date or NOT_STATED
    act.number = heading.act_number or NOT_STATED
    if heading.act is None:
        act.note = "Акт об утверждении плана в импортированном документе не указан."
        draft.note(act, "act", "вид акта об утверждении в документе не указан: впишите его")
    for name in ("date", "number"):
        if getattr(act, name) == NOT_STATED:
            draft.note(act, name, f"в документе не указано: «{NOT_STATED}»; впишите реквизит акта")


def _plan_title(report_title: str) -> str | None:
    """«Отчет … о выполнении Плана противодействия коррупции …» → «План противодействия …»."""
    match = re.search(r"\b(план[а-яіїєґ]*)\b(.*)$", report_title, re.IGNORECASE)
    if not match:
        return None
    rest = re.sub(REPORT_PERIOD, "", match.group(2)).rstrip(" ,.")
    return "План" + rest


REPORT_PERIOD = re.compile(
    r",?\s*за\s+[^,]*?\d{4}\s*(?:год|года|рік|року|г\.?)?(?=\s*$|\s*,)", re.IGNORECASE
)


def _years_from_deadlines(draft: Draft) -> str:
    years = sorted(
        {int(y) for m in draft.measures() for y in re.findall(r"\b(20\d\d)\b", m.deadline)}
    )
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


def _period_year(heading: Heading) -> str:
    period = heading.period
    if isinstance(period, dict):
        return period["from"][:4]
    if period:
        return period
    raise ImportFailure(
        "в документе не найдены годы плана (например, «на 2021-2024 годы» в названии) и нет"
        " дат в сроках: допишите годы в название над таблицей и повторите импорт"
    )


def _report(draft: Draft, heading: Heading, plan_stem: str) -> DraftReport:
    period: str | dict[str, str] | None = heading.period
    report = DraftReport(
        plan=plan_stem, title=heading.title or NOT_STATED, period="", date=NOT_STATED
    )
    if period is None:
        period = draft.plan.years.split("-")[-1]
        draft.note(
            report, "period", "отчетный период в документе не найден: взят последний год плана"
        )
    report.period = period
    if report.title == NOT_STATED:
        draft.note(report, "title", "название отчета в документе не найдено: впишите его")
    draft.note(report, "date", f"дата отчета в документе не указана: «{NOT_STATED}»; впишите ее")
    for section in draft.walk():
        if section.result is not None:
            if section.result.status == "done":
                section.result.status = ""
                draft.notes[:] = [n for n in draft.notes if n.node is not section.result]
            report.results.append((section, section.result))
        for measure in section.measures:
            if measure.result is not None:
                report.results.append((measure, measure.result))
    return report


def _attach(draft: Draft, plan_file: Path) -> None:
    """Results tied to an existing plan: every key the plan lacks, and every measure the
    report does not cover, is listed; results for unknown keys are left out."""
    assert draft.report is not None
    try:
        data = yaml.safe_load(plan_file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise ImportFailure(
            f"{plan_file}: план не читается: проверьте его командой antikor validate"
        ) from None
    measures: dict[str, str] = {}
    deadlines: dict[str, str] = {}
    sections: set[str] = set()

    def visit(items: object, parent: str | None) -> None:
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or "number" not in item:
                continue
            key = derive_key(str(item["number"]), parent, _text(item.get("id")))
            sections.add(key)
            for measure in item.get("measures") or []:
                if isinstance(measure, dict) and "number" in measure:
                    mkey = derive_key(str(measure["number"]), key, _text(measure.get("id")))
                    measures[mkey] = str(measure.get("text", ""))
                    deadlines[mkey] = _deadline_text(measure.get("deadline"))
            visit(item.get("sections"), key)

    visit(data.get("sections") if isinstance(data, dict) else None, None)
    kept: list[tuple[DraftMeasure | DraftSection, DraftResult]] = []
    for node, result in draft.report.results:
        key = node.id or node.key
        known = measures if isinstance(node, DraftMeasure) else sections
        if key not in known:
            draft.general.append(
                f"в плане {plan_file} нет пункта {key}: результат «{_short(result.text)}» не записан"
            )
            continue
        if isinstance(node, DraftMeasure) and " ".join(node.text.split()) != " ".join(
            measures[key].split()
        ):
            draft.note(
                result,
                "measure" if isinstance(node, DraftMeasure) else "section",
                f"текст пункта {key} в отчете отличается от плана {plan_file}",
            )
        if (
            isinstance(node, DraftMeasure)
            and node.deadline != NOT_STATED
            and _squash(node.deadline) != _squash(deadlines.get(key, ""))
        ):
            result.deadline = node.deadline
            draft.note(result, "deadline", f"срок пункта {key} в отчете иной, чем в плане")
        kept.append((node, result))
    draft.report.results = kept
    covered = {n.id or n.key for n, _ in kept}
    missing = [key for key in measures if key not in covered]
    if missing:
        draft.general.append(f"в отчете нет результатов по пунктам плана: {', '.join(missing)}")


def _deadline_text(value: object) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= 60 else text[:57] + "…"


def _period_stem(period: str | dict[str, str]) -> str:
    if isinstance(period, dict):
        return f"{period['from']}--{period['to']}"
    return period


SITE_TEMPLATE = """# Создано antikor import: впишите сведения об органе
organization:
  name: не указано
  address: не указано
language: {language}
"""


def run(paths: list[Path], options: Options) -> tuple[list[Outcome], list[Path]]:
    """Plan every import first; then write every file, or none if any would be overwritten."""
    outcomes = [plan_import(path, options) for path in paths]
    targets = [target for outcome in outcomes for target, _ in outcome.files]
    duplicates = sorted({str(t) for t in targets if targets.count(t) > 1})
    if duplicates:
        raise ImportFailure(
            "несколько файлов дают один и тот же файл содержимого ("
            + ", ".join(duplicates)
            + "): импортируйте их по одному с --plan и --report"
        )
    if options.content.exists() and not options.content.is_dir():
        raise ImportFailure(f"{options.content}: это файл, а не папка содержимого")
    for target in targets:
        check_inside(target, options.content)
        for parent in target.parents:
            if parent.exists() and not parent.is_dir():
                raise ImportFailure(f"{parent}: это файл, а не папка: файл {target} не записать")
    site = options.content / "site.yaml"
    extra: list[tuple[Path, str]] = []
    check_inside(site, options.content)
    if not site.exists():
        language = "uk" if any(_ukrainian(o) for o in outcomes) else "ru"
        extra.append((site, SITE_TEMPLATE.format(language=language)))
    existing = [t for t in targets if t.exists()]
    if existing and not options.force:
        raise ImportFailure(
            "файлы уже существуют: "
            + ", ".join(str(p) for p in existing)
            + "; ничего не записано. Чтобы заменить их, добавьте --force"
        )
    written: list[Path] = []
    if options.dry_run:
        return outcomes, written
    files = [(t, c.text) for outcome in outcomes for t, c in outcome.files] + extra
    for target, text in files:
        try:
            _write_atomic(target, text)
        except OSError as exc:
            done = ", ".join(str(p) for p in written) or "ничего"
            raise ImportFailure(
                f"{target}: не удалось записать ({exc.strerror or exc}); уже записано: {done}"
            ) from None
        written.append(target)
    return outcomes, written


def check_inside(target: Path, content: Path) -> None:
    """The file an import writes or reads, and its folder, judged as the build judges them
    (:func:`generator.paths.classify`): a link out of the content folder, a link to a folder
    (the build would not read what is written through it) or a special file is refused, so
    an import never writes where the build will not look."""
    if not content.is_dir():
        return  # nothing there to lead anywhere; a file in its place is refused by run
    root = Path(os.path.realpath(content))
    inner = [target, *target.parents[: len(target.parents) - len(content.parents) - 1]]
    for path in reversed(inner):
        kind = classify(path, root).kind
        if kind is Kind.OUTSIDE:
            raise ImportFailure(
                f"{path}: ссылка (symlink) ведет за пределы папки содержимого: импорт не"
                " записывает через нее; замените ссылку папкой или файлом"
            )
        if kind is Kind.LINK_LOOP:
            raise ImportFailure(
                f"{path}: ссылка (symlink) ведет на папку или по кругу: сборка такие ссылки не"
                " читает, и импорт не записывает через них; замените ссылку самой папкой"
            )
        if kind is Kind.SPECIAL:
            raise ImportFailure(f"{path}: это не обычный файл и не папка: файл не записать")
        if kind is not Kind.DIR and path != target:
            return  # missing (it will be made) or a file (run refuses it)


def _ukrainian(outcome: Outcome) -> bool:
    sample = outcome.draft.plan.title + " ".join(m.text for m in outcome.draft.measures()[:5])
    return len(re.findall(r"[іїєґ]", sample.lower())) > 3


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
