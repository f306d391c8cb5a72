"""Interface text in Russian and Ukrainian, and the subsections' titles and addresses."""

from __future__ import annotations

from typing import Final

from generator.models import Subsection

SECTION_TITLE: Final = {"ru": "Противодействие коррупции", "uk": "Протидія корупції"}

# The one table of the subsections: key -> (ru title, uk title, address under the section root),
# in the order of :class:`~generator.models.Subsection`.
SUBSECTIONS: Final[dict[str, tuple[str, str, str]]] = {
    Subsection.ACTS: (
        "Нормативные правовые и иные акты в сфере противодействия коррупции",
        "Нормативно-правові та інші акти у сфері протидії корупції",
        "normativnye-akty/",
    ),
    Subsection.EXPERTISE: (
        "Антикоррупционная экспертиза",
        "Антикорупційна експертиза",
        "antikorrupcionnaya-ekspertiza/",
    ),
    Subsection.METHODS: (
        "Методические материалы",
        "Методичні матеріали",
        "metodicheskie-materialy/",
    ),
    Subsection.FORMS: (
        "Формы документов, связанных с противодействием коррупции, для заполнения",
        "Форми документів, пов'язаних із протидією корупції, для заповнення",
        "formy-dokumentov/",
    ),
    Subsection.INCOME: (
        "Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера",
        "Відомості про доходи, видатки, майно та зобов'язання майнового характеру",
        "svedeniya-o-dohodah/",
    ),
    Subsection.COMMISSION: (
        "Комиссия по соблюдению требований к служебному поведению и урегулированию конфликта"
        " интересов",
        "Комісія з дотримання вимог до службової поведінки та врегулювання конфлікту інтересів",
        "komissiya/",
    ),
    Subsection.FEEDBACK: (
        "Обратная связь для сообщений о фактах коррупции",
        "Зворотний зв'язок для повідомлень про факти корупції",
        "obratnaya-svyaz/",
    ),
    Subsection.PLANS: (
        "Планы противодействия коррупции и отчеты об их выполнении",
        "Плани протидії корупції та звіти про їх виконання",
        "plany-i-otchety/",
    ),
    Subsection.REPORTS: (
        "Доклады, отчеты, обзоры, статистическая информация",
        "Доповіді, звіти, огляди, статистична інформація",
        "doklady-otchety/",
    ),
}

REPORTS_ADDRESS: Final = "plany-i-otchety/otchety/"
SEARCH_ADDRESS: Final = "poisk/"
OPENDATA_ADDRESS: Final = "opendata/"

UI: Final[dict[str, dict[str, str]]] = {
    "ru": {
        "number": "№ п/п",
        "measure": "Мероприятие",
        "executors": "Исполнители",
        "deadline": "Срок исполнения",
        "expected_result": "Ожидаемый результат",
        "execution": "Информация о выполнении",
        "status": "Статус",
        "latest_status": "Статус по последнему отчету",
        "approved": "Утвержден",
        "amendments": "Изменения",
        "illegible": "неразборчиво в источнике",
        "illegible_date": "дата в источнике неразборчива",
        "illegible_number": "номер в источнике неразборчив",
        "illegible_date_number": "дата и номер в источнике неразборчивы",
        "not_stated": "не указано в источнике",
        "not_stated_date": "дата в источнике не указана",
        "not_stated_number": "номер в источнике не указан",
        "not_stated_date_number": "дата и номер в источнике не указаны",
        "share": "Выполнено {done} из {counted} мероприятий ({share}\u00a0%)",
        "share_excludes": "не учитываются мероприятия со статусами {statuses}",
        "report_deadline": "Срок на отчетный период",
        "section_result": "Результат по разделу",
        "updated": "Дата последнего изменения",
        "copy_link": "Скопировать ссылку на пункт",
        "link_copied": "Ссылка скопирована",
        "link_not_copied": "Не удалось скопировать: ссылка на пункт — в адресной строке",
        "subsections": "Подразделы",
        "current_plan": "Действующий план",
        "latest_report": "Последний отчет",
        "plans": "Планы",
        "reports": "Отчеты о выполнении",
        "summary": "Итоги выполнения",
        "overall": "Всего",
        "section": "Раздел",
        "total": "Всего мероприятий",
        "not_covered": "Мероприятия плана, по которым в отчете нет сведений",
        "all_covered": "Отчет содержит сведения по всем мероприятиям плана.",
        "report_on": "Отчет о выполнении плана",
        "period": "Отчетный период",
        "report_date": "Дата отчета",
        "years": "Годы",
        "title": "Наименование",
        "act_kind": "Вид акта",
        "date": "Дата",
        "act_number": "Номер",
        "repealed": "утратил силу",
        "evidence": "Подтверждающие документы",
        "completed": "Выполнено",
        "no_reports": "Отчетов о выполнении пока нет.",
        "hotline": "Телефон доверия",
        "email": "Электронная почта",
        "address": "Почтовый адрес",
        "reception": "Личный прием",
        "feedback_form": "Электронная форма обращения",
        "main_site": "Официальный сайт",
        "income_notice": (
            "В соответствии с подпунктом «ж» пункта 1 Указа Президента Российской Федерации"
            " от 29.12.2022 № 968 «Об особенностях исполнения обязанностей, соблюдения"
            " ограничений и запретов в области противодействия коррупции некоторыми категориями"
            " граждан в период проведения специальной военной операции» сведения о доходах,"
            " расходах, об имуществе и обязательствах имущественного характера на официальных"
            " сайтах не размещаются до издания соответствующего указа."
        ),
        "levels.federal": "Федеральные акты",
        "levels.regional": "Региональные акты",
        "levels.municipal": "Муниципальные акты",
        "levels.internal": "Локальные акты",
        "plan_of": "План",
        "from": "от",
        "demonstration": "Демонстрационный пример",
        "document": "Документ",
        "of": "из",
        "bars": "Диаграмма: доля мероприятий по статусам",
        "summary_table": "Число мероприятий по разделам плана и статусам выполнения",
        "overdue": "Просрочено",
        "overdue_due": "срок истек {date}",
        "overdue_count": "Просрочено мероприятий: {count}",
        "overdue_none": "Просроченных мероприятий нет.",
        "overdue_title": "Просроченные мероприятия",
        "overdue_intro": (
            "Срок исполнения прошел к дате отчета ({date}), а мероприятие не выполнено."
            " Сроки без даты («постоянно», «по мере необходимости») не учитываются."
        ),
        "what_is_late": "Что просрочено",
        "history": "Статус по отчетам",
        "history_caption": "Статус мероприятия {number} в каждом отчете, от раннего к позднему",
        "results_by_report": "Результаты по отчетам",
        "share_col": "Выполнено, %",
        "by_section": "Выполнение по разделам плана",
        "by_executor": "Выполнение по исполнителям",
        "by_executor_caption": (
            "Число мероприятий по исполнителям и статусам; мероприятие с несколькими"
            " исполнителями учтено у каждого"
        ),
        "executor": "Исполнитель",
        "no_status": "Нет сведений",
        "legend": "Условные обозначения",
        "progress": "Ход выполнения",
        "progress_caption": "Доля выполненных мероприятий плана по отчетам",
        "progress_chart": "Доля выполненных мероприятий по отчетам: {points}",
        "plan_expired": "План последнего периода (срок действия истек)",
        "share_short": "Выполнено {share} %",
        "show_more": "Показать полностью",
        "show_less": "Свернуть",
        "footer": "Раздел «Противодействие коррупции»",
        "not_found": "Страница не найдена",
        "build_errors": (
            "В содержимом ошибки: показана последняя удачная сборка. Исправьте файлы, и страница"
            " обновится сама."
        ),
        "not_found_text": (
            "Такой страницы в разделе нет: возможно, адрес набран с ошибкой или страница"
            " перенесена. Выберите нужный подраздел:"
        ),
        "skip_to_content": "Перейти к содержанию",
        "menu": "Меню навигации",
        "menu_back": "Назад к меню раздела",
        "menu_close": "Закрыть меню",
        "search": "Поиск",
        "table_region": "Таблица",
        "lowvision": "Версия для слабовидящих",
        "lowvision_settings": "Настройки версии для слабовидящих",
        "lowvision.font": "Размер шрифта",
        "lowvision.font.normal": "обычный",
        "lowvision.font.large": "крупный",
        "lowvision.font.larger": "очень крупный",
        "lowvision.scheme": "Цвета",
        "lowvision.scheme.normal": "обычные",
        "lowvision.scheme.bw": "черным по белому",
        "lowvision.scheme.wb": "белым по черному",
        "lowvision.scheme.blue": "темно-синим по голубому",
        "lowvision.spacing": "Межбуквенный интервал",
        "lowvision.spacing.normal": "обычный",
        "lowvision.spacing.wide": "увеличенный",
        "lowvision.spacing.wider": "большой",
        "lowvision.images": "Изображения",
        "lowvision.images.on": "показывать",
        "lowvision.images.off": "не показывать",
        "lowvision.reset": "Обычная версия сайта",
        "lowvision.reset_done": "Включена обычная версия сайта",
        "lowvision.close": "Закрыть настройки",
        "image": "Изображение",
        "data.download": "Скачать данные",
        "data.all": "все открытые данные раздела",
        "data.calendar": "Сроки в календаре",
        "opendata.calendar": "Сроки всех планов в календаре (iCalendar)",
        "opendata.title": "Открытые данные",
        "opendata.intro": (
            "Планы противодействия коррупции, отчеты об их выполнении и реестр актов в виде"
            " файлов для таблиц и программ: CSV (UTF-8, разделитель — запятая), XLSX и JSON."
            " Текст мероприятий и сведений о выполнении приведен в разметке Markdown."
        ),
        "opendata.files": "Файлы",
        "opendata.plans": "Планы",
        "opendata.reports": "Отчеты",
        "opendata.acts": "Реестр актов",
        "opendata.schemas": "Схемы JSON",
        "opendata.registry": "Реестр наборов открытых данных (list.csv)",
        "opendata.passports": "Паспорта наборов открытых данных",
        "opendata.property": "Характеристика",
        "opendata.value": "Значение",
        "search.title": "Поиск по разделу",
        "search.label": "Поиск по разделу «Противодействие коррупции»",
        "search.query": "Что найти",
        "search.placeholder": "Например: подарки",
        "search.submit": "Найти",
        "search.hint": (
            "Ищет по мероприятиям планов, сведениям отчетов, актам и страницам раздела."
            " Слова можно писать в любой форме."
        ),
        "search.filters": "Уточнить поиск",
        "search.filter.kind": "Вид документа",
        "search.filter.year": "Год",
        "search.filter.section": "Раздел плана",
        "search.filter.executor": "Исполнитель",
        "search.filter.status": "Статус выполнения",
        "search.any": "Все",
        "search.reset": "Сбросить фильтры",
        "search.kind.plan": "План",
        "search.kind.report": "Отчет",
        "search.kind.page": "Страница",
        "search.kind.act": "Акт",
        "search.plan_short": "План на {years}",
        "search.report_short": "Отчет за {years}",
        "search.year": "год",
        "search.years": "годы",
        "search.loading": "Идет поиск…",
        "search.prompt": "Введите слово или выберите фильтр.",
        "search.found": "Найдено результатов: {count}.",
        "search.shown": "Показаны первые {shown}.",
        "search.none": (
            "По запросу «{query}» ничего не найдено. Проверьте написание или попробуйте"
            " другое слово."
        ),
        "search.none_filtered": (
            "По запросу «{query}» с выбранными фильтрами ничего не найдено. Снимите один из"
            " фильтров или попробуйте другое слово."
        ),
        "search.none_filters": "По выбранным фильтрам ничего не найдено. Снимите один из фильтров.",
        "search.more": "Показать еще",
        "search.failed": ("Поиск сейчас недоступен. Откройте нужный подраздел через меню раздела."),
        "search.noscript": (
            "Для поиска нужен JavaScript. Без него откройте нужный подраздел через меню раздела."
        ),
        "search.results": "Результаты поиска",
    },
    "uk": {
        "number": "№ з/п",
        "measure": "Захід",
        "executors": "Виконавці",
        "deadline": "Строк виконання",
        "expected_result": "Очікуваний результат",
        "execution": "Інформація про виконання",
        "status": "Статус",
        "latest_status": "Статус за останнім звітом",
        "approved": "Затверджено",
        "amendments": "Зміни",
        "illegible": "нерозбірливо в джерелі",
        "illegible_date": "дата в джерелі нерозбірлива",
        "illegible_number": "номер у джерелі нерозбірливий",
        "illegible_date_number": "дата і номер у джерелі нерозбірливі",
        "not_stated": "не вказано в джерелі",
        "not_stated_date": "дата в джерелі не вказана",
        "not_stated_number": "номер у джерелі не вказаний",
        "not_stated_date_number": "дата і номер у джерелі не вказані",
        "share": "Виконано {done} з {counted} заходів ({share}\u00a0%)",
        "share_excludes": "не враховуються заходи зі статусами {statuses}",
        "report_deadline": "Термін на звітний період",
        "section_result": "Результат за розділом",
        "updated": "Дата останньої зміни",
        "copy_link": "Скопіювати посилання на пункт",
        "link_copied": "Посилання скопійовано",
        "link_not_copied": "Не вдалося скопіювати: посилання на пункт — в адресному рядку",
        "subsections": "Підрозділи",
        "current_plan": "Чинний план",
        "latest_report": "Останній звіт",
        "plans": "Плани",
        "reports": "Звіти про виконання",
        "summary": "Підсумки виконання",
        "overall": "Усього",
        "section": "Розділ",
        "total": "Усього заходів",
        "not_covered": "Заходи плану, щодо яких у звіті немає відомостей",
        "all_covered": "Звіт містить відомості щодо всіх заходів плану.",
        "report_on": "Звіт про виконання плану",
        "period": "Звітний період",
        "report_date": "Дата звіту",
        "years": "Роки",
        "title": "Назва",
        "act_kind": "Вид акта",
        "date": "Дата",
        "act_number": "Номер",
        "repealed": "втратив чинність",
        "evidence": "Підтвердні документи",
        "completed": "Виконано",
        "no_reports": "Звітів про виконання поки немає.",
        "hotline": "Телефон довіри",
        "email": "Електронна пошта",
        "address": "Поштова адреса",
        "reception": "Особистий прийом",
        "feedback_form": "Електронна форма звернення",
        "main_site": "Офіційний сайт",
        "income_notice": (
            "Декларації осіб, уповноважених на виконання функцій держави або місцевого"
            " самоврядування, з відомостями про доходи, майно та зобов'язання фінансового"
            " характеру оприлюднюються в Єдиному державному реєстрі декларацій осіб,"
            " уповноважених на виконання функцій держави або місцевого самоврядування, який веде"
            " Національне агентство з питань запобігання корупції."
        ),
        "levels.federal": "Акти загальнодержавного рівня",
        "levels.regional": "Регіональні акти",
        "levels.municipal": "Акти органів місцевого самоврядування",
        "levels.internal": "Внутрішні акти",
        "plan_of": "План",
        "from": "від",
        "demonstration": "Демонстраційний приклад",
        "document": "Документ",
        "of": "з",
        "bars": "Діаграма: частка заходів за статусами",
        "summary_table": "Кількість заходів за розділами плану та статусами виконання",
        "overdue": "Прострочено",
        "overdue_due": "термін минув {date}",
        "overdue_count": "Прострочено заходів: {count}",
        "overdue_none": "Прострочених заходів немає.",
        "overdue_title": "Прострочені заходи",
        "overdue_intro": (
            "Термін виконання минув до дати звіту ({date}), а захід не виконано."
            " Терміни без дати («постійно», «за потреби») не враховуються."
        ),
        "what_is_late": "Що прострочено",
        "history": "Стан за звітами",
        "history_caption": "Стан заходу {number} у кожному звіті, від раннього до пізнього",
        "results_by_report": "Результати за звітами",
        "share_col": "Виконано, %",
        "by_section": "Виконання за розділами плану",
        "by_executor": "Виконання за виконавцями",
        "by_executor_caption": (
            "Кількість заходів за виконавцями та станом; захід з кількома виконавцями"
            " враховано в кожного"
        ),
        "executor": "Виконавець",
        "no_status": "Немає відомостей",
        "legend": "Умовні позначення",
        "progress": "Хід виконання",
        "progress_caption": "Частка виконаних заходів плану за звітами",
        "progress_chart": "Частка виконаних заходів за звітами: {points}",
        "plan_expired": "План останнього періоду (строк дії минув)",
        "share_short": "Виконано {share} %",
        "show_more": "Показати повністю",
        "show_less": "Згорнути",
        "footer": "Розділ «Протидія корупції»",
        "not_found": "Сторінку не знайдено",
        "build_errors": (
            "У вмісті помилки: показано останню вдалу збірку. Виправте файли, і сторінка"
            " оновиться сама."
        ),
        "not_found_text": (
            "Такої сторінки в розділі немає: можливо, адресу набрано з помилкою або сторінку"
            " перенесено. Оберіть потрібний підрозділ:"
        ),
        "skip_to_content": "Перейти до змісту",
        "menu": "Меню навігації",
        "menu_back": "Назад до меню розділу",
        "menu_close": "Закрити меню",
        "search": "Пошук",
        "table_region": "Таблиця",
        "lowvision": "Версія для людей з порушеннями зору",
        "lowvision_settings": "Налаштування версії для людей з порушеннями зору",
        "lowvision.font": "Розмір шрифту",
        "lowvision.font.normal": "звичайний",
        "lowvision.font.large": "великий",
        "lowvision.font.larger": "дуже великий",
        "lowvision.scheme": "Кольори",
        "lowvision.scheme.normal": "звичайні",
        "lowvision.scheme.bw": "чорним по білому",
        "lowvision.scheme.wb": "білим по чорному",
        "lowvision.scheme.blue": "темно-синім по блакитному",
        "lowvision.spacing": "Міжлітерний інтервал",
        "lowvision.spacing.normal": "звичайний",
        "lowvision.spacing.wide": "збільшений",
        "lowvision.spacing.wider": "великий",
        "lowvision.images": "Зображення",
        "lowvision.images.on": "показувати",
        "lowvision.images.off": "не показувати",
        "lowvision.reset": "Звичайна версія сайту",
        "lowvision.reset_done": "Увімкнено звичайну версію сайту",
        "lowvision.close": "Закрити налаштування",
        "image": "Зображення",
        "data.download": "Завантажити дані",
        "data.all": "усі відкриті дані розділу",
        "data.calendar": "Строки в календарі",
        "opendata.calendar": "Строки всіх планів у календарі (iCalendar)",
        "opendata.title": "Відкриті дані",
        "opendata.intro": (
            "Плани протидії корупції, звіти про їх виконання та реєстр актів у вигляді файлів"
            " для таблиць і програм: CSV (UTF-8, роздільник — кома), XLSX і JSON. Текст заходів"
            " і відомостей про виконання наведено в розмітці Markdown."
        ),
        "opendata.files": "Файли",
        "opendata.plans": "Плани",
        "opendata.reports": "Звіти",
        "opendata.acts": "Реєстр актів",
        "opendata.schemas": "Схеми JSON",
        "opendata.registry": "Реєстр наборів відкритих даних (list.csv)",
        "opendata.passports": "Паспорти наборів відкритих даних",
        "opendata.property": "Характеристика",
        "opendata.value": "Значення",
        "search.title": "Пошук у розділі",
        "search.label": "Пошук у розділі «Протидія корупції»",
        "search.query": "Що знайти",
        "search.placeholder": "Наприклад: подарунки",
        "search.submit": "Знайти",
        "search.hint": (
            "Шукає в заходах планів, відомостях звітів, актах і сторінках розділу."
            " Слова шукаються за початком: «подарун» знайде «подарунків»."
        ),
        "search.filters": "Уточнити пошук",
        "search.filter.kind": "Вид документа",
        "search.filter.year": "Рік",
        "search.filter.section": "Розділ плану",
        "search.filter.executor": "Виконавець",
        "search.filter.status": "Стан виконання",
        "search.any": "Усі",
        "search.reset": "Скинути фільтри",
        "search.kind.plan": "План",
        "search.kind.report": "Звіт",
        "search.kind.page": "Сторінка",
        "search.kind.act": "Акт",
        "search.plan_short": "План на {years}",
        "search.report_short": "Звіт за {years}",
        "search.year": "рік",
        "search.years": "роки",
        "search.loading": "Триває пошук…",
        "search.prompt": "Введіть слово або виберіть фільтр.",
        "search.found": "Знайдено результатів: {count}.",
        "search.shown": "Показано перші {shown}.",
        "search.none": (
            "За запитом «{query}» нічого не знайдено. Перевірте написання або спробуйте інше слово."
        ),
        "search.none_filtered": (
            "За запитом «{query}» з вибраними фільтрами нічого не знайдено. Зніміть один із"
            " фільтрів або спробуйте інше слово."
        ),
        "search.none_filters": "За вибраними фільтрами нічого не знайдено. Зніміть один із фільтрів.",
        "search.more": "Показати ще",
        "search.failed": "Пошук зараз недоступний. Відкрийте потрібний підрозділ через меню розділу.",
        "search.noscript": (
            "Для пошуку потрібен JavaScript. Без нього відкрийте потрібний підрозділ через меню розділу."
        ),
        "search.results": "Результати пошуку",
    },
}


def subsection_title(key: str, language: str) -> str:
    ru, uk, _ = SUBSECTIONS[key]
    return uk if language == "uk" else ru


def subsection_address(key: str) -> str:
    return SUBSECTIONS[key][2]
