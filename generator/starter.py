"""``antikor init``: the repository of a new body's section, ready to build at once.

Nothing here is a fact about the body except its name: every other required fact is written
as «не указано», so that ``antikor validate --strict`` and ``antikor check`` list what the clerk
still has to fill in. Starter pages say what belongs in each subsection and which act requires
it. The federal acts are those every body's section cites, with their official requisites.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

NOT_STATED = "не указано"

# The CI templates, the section's README, and what the template text needs to be filled in.
_TEMPLATES = Path(__file__).resolve().parent / "starter_files"


class StarterError(Exception):
    """``init`` cannot write the section; the message says why, in Russian."""


@dataclass(frozen=True)
class StarterAct:
    act: str
    date: str
    number: str
    title: str
    url: str | None = None


# Requisites as officially published; the link only where the official publication's address is
# established (the other acts' texts are found on pravo.gov.ru by their requisites).
FEDERAL_ACTS: tuple[StarterAct, ...] = (
    StarterAct(
        "Федеральный закон",
        "2008-12-25",
        "273-ФЗ",
        "О противодействии коррупции",
        "http://pravo.gov.ru/proxy/ips/?docbody=&nd=102126657",
    ),
    StarterAct(
        "Федеральный закон",
        "2007-03-02",
        "25-ФЗ",
        "О муниципальной службе в Российской Федерации",
    ),
    StarterAct(
        "Федеральный закон",
        "2009-07-17",
        "172-ФЗ",
        "Об антикоррупционной экспертизе нормативных правовых актов и проектов нормативных"
        " правовых актов",
    ),
    StarterAct(
        "Федеральный закон",
        "2012-12-03",
        "230-ФЗ",
        "О контроле за соответствием расходов лиц, замещающих государственные должности, и иных"
        " лиц их доходам",
    ),
    StarterAct(
        "Федеральный закон",
        "2006-05-02",
        "59-ФЗ",
        "О порядке рассмотрения обращений граждан Российской Федерации",
    ),
    StarterAct(
        "Указ Президента Российской Федерации",
        "2010-07-01",
        "821",
        "О комиссиях по соблюдению требований к служебному поведению федеральных"
        " государственных служащих и урегулированию конфликта интересов",
    ),
    StarterAct(
        "Указ Президента Российской Федерации",
        "2013-04-02",
        "309",
        "О мерах по реализации отдельных положений Федерального закона «О противодействии"
        " коррупции»",
    ),
    StarterAct(
        "Указ Президента Российской Федерации",
        "2014-06-23",
        "460",
        "Об утверждении формы справки о доходах, расходах, об имуществе и обязательствах"
        " имущественного характера и внесении изменений в некоторые акты Президента Российской"
        " Федерации",
    ),
    StarterAct(
        "Указ Президента Российской Федерации",
        "2021-08-16",
        "478",
        "О Национальном плане противодействия коррупции на 2021 - 2024 годы",
    ),
    StarterAct(
        "Указ Президента Российской Федерации",
        "2022-12-29",
        "968",
        "Об особенностях исполнения обязанностей, соблюдения ограничений и запретов в области"
        " противодействия коррупции некоторыми категориями граждан в период проведения"
        " специальной военной операции",
    ),
)

# A section in Ukrainian is a Ukrainian body's (the profiles check its feedback page against the
# law on citizens' appeals of Ukraine): its register starts with the laws of Ukraine.
UKRAINIAN_ACTS: tuple[StarterAct, ...] = (
    StarterAct(
        "Закон України",
        "2014-10-14",
        "1700-VII",
        "Про запобігання корупції",
        "https://zakon.rada.gov.ua/laws/show/1700-18",
    ),
    StarterAct(
        "Закон України",
        "1996-10-02",
        "393/96-ВР",
        "Про звернення громадян",
        "https://zakon.rada.gov.ua/laws/show/393/96-%D0%B2%D1%80",
    ),
    StarterAct(
        "Закон України",
        "2011-01-13",
        "2939-VI",
        "Про доступ до публічної інформації",
        "https://zakon.rada.gov.ua/laws/show/2939-17",
    ),
)

ACTS: dict[str, tuple[StarterAct, ...]] = {"ru": FEDERAL_ACTS, "uk": UKRAINIAN_ACTS}

# Subsections whose page is generated from data: the acts from acts.yaml, income data from
# site.yaml, plans from plans/. Every other required subsection gets a starter page.
_FROM_DATA = {"acts", "income", "plans"}

_LIST_OF_SUBSECTIONS = (
    "перечень подразделов раздела «Противодействие коррупции» — приказ Минтруда России"
    " от 07.10.2013 № 530н"
)

# key -> (what belongs in the subsection, the acts that require or govern it), in Russian.
_PAGE_TEXT_RU: dict[str, tuple[str, str]] = {
    "expertise": (
        "порядок проведения антикоррупционной экспертизы нормативных правовых актов органа и их"
        " проектов; проекты нормативных правовых актов, размещаемые для независимой"
        " антикоррупционной экспертизы, с датами начала и окончания приема заключений; сведения"
        " о результатах экспертизы",
        "Федеральный закон от 17.07.2009 № 172-ФЗ «Об антикоррупционной экспертизе нормативных"
        " правовых актов и проектов нормативных правовых актов»; методика проведения"
        " экспертизы — постановление Правительства Российской Федерации от 26.02.2010 № 96",
    ),
    "methods": (
        "методические материалы по вопросам противодействия коррупции: рекомендации и"
        " разъяснения Министерства труда и социальной защиты Российской Федерации и органов"
        " власти субъекта Российской Федерации, материалы для служащих органа",
        _LIST_OF_SUBSECTIONS,
    ),
    "forms": (
        "формы документов для заполнения: уведомление о фактах обращения в целях склонения к"
        " совершению коррупционных правонарушений (статья 9 Федерального закона от 25.12.2008"
        " № 273-ФЗ), уведомление о возникновении личной заинтересованности, которая приводит или"
        " может привести к конфликту интересов (статья 11 того же закона), уведомление о"
        " намерении выполнять иную оплачиваемую работу, другие формы, утвержденные актами"
        " органа; справка о доходах, расходах, об имуществе и обязательствах имущественного"
        " характера заполняется по форме, утвержденной Указом Президента Российской Федерации"
        " от 23.06.2014 № 460. Формы прикладываются файлами в открытых форматах (docx, odt,"
        " rtf) из папки files/",
        _LIST_OF_SUBSECTIONS,
    ),
    "commission": (
        "положение о комиссии по соблюдению требований к служебному поведению и урегулированию"
        " конфликта интересов, акт о ее образовании и состав, порядок направления в комиссию"
        " обращений, заявлений и уведомлений, сведения о заседаниях и принятых решениях"
        " (в обезличенном виде)",
        "Указ Президента Российской Федерации от 01.07.2010 № 821 «О комиссиях по соблюдению"
        " требований к служебному поведению федеральных государственных служащих и"
        " урегулированию конфликта интересов»; " + _LIST_OF_SUBSECTIONS,
    ),
    "feedback": (
        "как сообщить о фактах коррупции: телефон доверия, адрес электронной почты или"
        " электронная форма обращения, почтовый адрес (они берутся из site.yaml и показываются"
        " на этой странице), а также порядок регистрации и рассмотрения обращений и его сроки",
        "Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан"
        " Российской Федерации»; " + _LIST_OF_SUBSECTIONS,
    ),
    "reports": (
        "доклады, отчеты, обзоры и статистическая информация о работе органа по"
        " противодействию коррупции",
        _LIST_OF_SUBSECTIONS,
    ),
}


_PREVENTION_UK = "Закон України від 14.10.2014 № 1700-VII «Про запобігання корупції»"
_LIST_UK = "перелік підрозділів розділу — профіль вимог, за яким розділ перевіряє antikor check"

# The same in Ukrainian, citing the law of Ukraine.
_PAGE_TEXT_UK: dict[str, tuple[str, str]] = {
    "expertise": (
        "порядок проведення антикорупційної експертизи нормативно-правових актів органу та їх"
        " проєктів, проєкти актів для громадської антикорупційної експертизи з датами приймання"
        " висновків, відомості про результати експертизи",
        _PREVENTION_UK,
    ),
    "methods": (
        "методичні матеріали з питань запобігання корупції: роз'яснення та рекомендації"
        " Національного агентства з питань запобігання корупції, матеріали для працівників"
        " органу",
        _LIST_UK,
    ),
    "forms": (
        "форми документів для заповнення: повідомлення про конфлікт інтересів, про факти"
        " корупційних правопорушень, інші форми, затверджені актами органу; форми додаються"
        " файлами у відкритих форматах (docx, odt, rtf) з папки files/",
        _PREVENTION_UK,
    ),
    "commission": (
        "положення про комісію (уповноважений підрозділ) з питань запобігання та врегулювання"
        " конфлікту інтересів, її склад, порядок звернення, відомості про засідання та рішення"
        " (знеособлено)",
        _PREVENTION_UK,
    ),
    "feedback": (
        "як повідомити про факти корупції: телефон довіри, адреса електронної пошти або"
        " електронна форма звернення, поштова адреса (вони беруться з site.yaml і показуються на"
        " цій сторінці), а також порядок реєстрації та розгляду звернень і його строки",
        "Закон України від 02.10.1996 № 393/96-ВР «Про звернення громадян»",
    ),
    "reports": (
        "доповіді, звіти, огляди та статистична інформація про роботу органу із запобігання"
        " корупції",
        _LIST_UK,
    ),
}

_PAGE_TEXT = {"ru": _PAGE_TEXT_RU, "uk": _PAGE_TEXT_UK}
_PAGE_WORDS = {
    "ru": ("Подраздел еще не заполнен.", "Что здесь размещается", "Основание"),
    "uk": ("Підрозділ ще не заповнено.", "Що тут розміщується", "Підстава"),
}


@dataclass(frozen=True)
class Written:
    """What ``init`` wrote, and the body's own files it found in place and kept."""

    written: list[Path]
    kept: list[Path]


# The body's own files: with --force they are kept when present, written only when missing.
_THE_BODYS = ("content/", "mkdocs.yml")


def write_starter(
    target: Path,
    *,
    name: str,
    language: str = "ru",
    profile: str = "federal",
    site_url: str | None = None,
    force: bool = False,
) -> Written:
    """Write a new section repository into ``target``. Refuses a folder that already has files
    unless ``force``; then the body's content and ``mkdocs.yml`` are kept where they exist (a
    stub never replaces a filled-in page), and the tooling files (CI, editor settings, schemas,
    README) are replaced. Nothing is written through a symbolic link: a link in a file's place is
    replaced by the file, a link in a folder's place is refused, so nothing outside ``target``
    is touched."""
    from generator.compliance.profiles import ProfileError, load_profile

    name = " ".join(name.split())
    if not name:
        raise StarterError("--name: наименование органа не может быть пустым")
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise StarterError(f"--site-url: «{site_url}» не адрес вида https://...")
    try:
        required = [spec.key for spec in load_profile(profile).subsections if spec.required]
    except ProfileError as exc:
        raise StarterError(str(exc)) from None
    if target.exists() and not target.is_dir():
        raise StarterError(f"{target}: это файл, а не папка")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise StarterError(
            f"{target}: папка не пуста; чтобы записать раздел в нее, добавьте --force"
            " (содержимое и mkdocs.yml сохранятся, файлы CI, редактора, схем и README"
            " будут заменены)"
        )
    files = _files(name, language, profile, site_url, required)
    try:
        return _write_files(target, files)
    except OSError as exc:
        from generator.publish import describe_os_error

        raise StarterError(describe_os_error(exc)) from None


def _write_files(target: Path, files: dict[str, str]) -> Written:
    target.mkdir(parents=True, exist_ok=True)
    outcome = Written([], [])
    for relative, text in files.items():
        path = target / relative
        _check_folders(target, Path(relative).parent)
        if relative.startswith(_THE_BODYS) and (path.exists() or path.is_symlink()):
            outcome.kept.append(path)
            continue
        _write_file(path, text)
        outcome.written.append(path)
    return outcome


def _check_folders(target: Path, relative: Path) -> None:
    """Create the folders on the way to a file, refusing a symbolic link among them: a file
    written through it would land outside ``target``."""
    folder = target
    for part in relative.parts:
        folder = folder / part
        if folder.is_symlink():
            raise StarterError(
                f"{folder}: символическая ссылка на месте папки; antikor init не пишет через"
                " ссылки: удалите ее или выберите другую папку"
            )
        if folder.exists() and not folder.is_dir():
            raise StarterError(f"{folder}: это файл, а не папка")
        folder.mkdir(exist_ok=True)


def _write_file(path: Path, text: str) -> None:
    """Replace whatever is at ``path`` (a symbolic link too, never its target) with ``text``."""
    if path.is_symlink():
        path.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    with os.fdopen(os.open(path, flags, 0o666), "w", encoding="utf-8") as stream:
        stream.write(text)


def antikor_version() -> str:
    """The version CI installs: the one that wrote the section."""
    try:
        return metadata.version("antikor")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def _files(
    name: str, language: str, profile: str, site_url: str | None, required: list[str]
) -> dict[str, str]:
    version = antikor_version()
    files = {
        "content/site.yaml": _site_yaml(name, language, profile),
        "content/acts.yaml": _acts_yaml(ACTS[language]),
        "content/plans/.gitkeep": _folder_note("plans"),
        "content/reports/.gitkeep": _folder_note("reports"),
        "content/files/.gitkeep": "# Вложения: подписанные оригиналы, формы (docx, odt, pdf).\n",
    }
    for key in required:
        if key not in _FROM_DATA:
            files[f"content/pages/{key}.md"] = _page(key, language)
    files["mkdocs.yml"] = _mkdocs_yml(site_url)
    for template in sorted(_TEMPLATES.rglob("*")):
        if template.is_file():
            relative = template.relative_to(_TEMPLATES).as_posix().replace("dot-", ".", 1)
            files[relative] = _fill(template.read_text(encoding="utf-8"), version=version)
    from generator.schema import SCHEMAS, schema_text

    for schema in SCHEMAS:
        files[f"schema/{schema}.schema.json"] = schema_text(schema)
    return files


def _fill(text: str, **values: str) -> str:
    for key, value in values.items():
        text = text.replace("{{ " + key + " }}", value)
    return text


def _quoted(value: str) -> str:
    """A YAML scalar for any text: JSON's double-quoted strings are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def _site_yaml(name: str, language: str, profile: str) -> str:
    return (
        "# Сведения об органе. «не указано» — сведение еще не внесено: antikor validate --strict\n"
        "# и antikor check перечисляют такие места. Замените их настоящими значениями.\n"
        "organization:\n"
        f"  name: {_quoted(name)}\n"
        "  # short_name: краткое наименование\n"
        f"  address: {NOT_STATED}\n"
        "  # website: https://адрес-официального-сайта\n"
        f"language: {language}\n"
        "contacts:\n"
        f"  hotline_phone: {NOT_STATED}\n"
        "  # email: адрес электронной почты для обращений\n"
        "  # reception: место и часы приема граждан\n"
        "  # feedback_url: https://адрес-электронной-формы-обращения\n"
        "income_disclosure: suspended\n"
        f"requirements: {profile}\n"
    )


def _acts_yaml(acts: tuple[StarterAct, ...]) -> str:
    lines = [
        "# Реестр актов раздела. Общие акты, на которые ссылается раздел любого органа;",
        "# добавьте региональные и муниципальные акты и акты органа (level: regional, municipal,",
        "# internal) с датой, номером и наименованием, как они опубликованы.",
    ]
    for act in acts:
        lines += [
            "- level: federal",
            f"  act: {act.act}",
            f"  date: {act.date}",
            f"  number: {_quoted(act.number)}",
            f"  title: {_quoted(act.title)}",
        ]
        if act.url:
            lines.append(f"  url: {act.url}")
    return "\n".join(lines) + "\n"


def _folder_note(folder: str) -> str:
    kind = "планы противодействия коррупции" if folder == "plans" else "отчеты о выполнении планов"
    return (
        f"# Здесь хранятся {kind}: один файл YAML на документ (docs/content.md).\n"
        "# Из документа DOCX, ODT, XLSX, CSV или TXT файл можно получить командой\n"
        "#   antikor import ФАЙЛ --content content\n"
        "# и затем сверить результат с документом.\n"
    )


def _page(key: str, language: str) -> str:
    from generator.site.i18n import subsection_title

    title = subsection_title(key, language)
    belongs, basis = _PAGE_TEXT[language][key]
    empty, what, why = _PAGE_WORDS[language]
    body = f"{empty}\n\n{what}: {belongs}.\n\n{why}: {basis}.\n"
    return f"---\ntitle: {_quoted(title)}\nsubsection: {key}\n---\n{body}"


def _mkdocs_yml(site_url: str | None) -> str:
    url_line = (
        f"site_url: {_quoted(site_url)}"
        if site_url
        else "# site_url: https://adm.example.ru/protivodeystvie-korrupcii/"
    )
    return (
        "# Настройки сборки поверх настроек antikor по умолчанию; все строки необязательны.\n"
        "# Полный адрес раздела на сервере: нужен карте сайта, странице «Страница не найдена»\n"
        "# и вставке для главной страницы официального сайта.\n"
        f"{url_line}\n"
        "# Ссылки, добавляемые в меню раздела после его подразделов:\n"
        "# nav:\n"
        "#   - Официальный сайт: https://adm.example.ru/\n"
    )
