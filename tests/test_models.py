"""Values the format accepts beyond the plain forms: markers, years written with a word,
several terms, statuses in other wordings."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.models import ILLEGIBLE, NOT_STATED, Measure, Report, Status


def _report(**changes: object) -> Report:
    data: dict[str, object] = {
        "plan": "2021-2024",
        "title": "Отчет",
        "period": "2022",
        "date": "20.01.2023",
        "results": [{"measure": "1.1", "status": "done", "text": "Сделано."}],
    }
    data.update(changes)
    return Report.model_validate(data)


@pytest.mark.parametrize("period", ["2022 год", "2022 г.", " 2022 ", "2022г"])
def test_a_year_with_its_word_is_that_year(period: str) -> None:
    report = _report(period=period)
    assert (report.period.start, report.period.end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


@pytest.mark.parametrize(
    ("written", "marker"),
    [("не указано", NOT_STATED), ("Не  вказано", NOT_STATED), ("неразборчиво", ILLEGIBLE)],
)
def test_a_report_date_may_be_unknown(written: str, marker: object) -> None:
    assert _report(date=written).date == marker


@pytest.mark.parametrize(
    "wording", ["Случаев не выявлено", "события не происходили", "Підстави не виникали"]
)
def test_no_occasion_has_its_wordings(wording: str) -> None:
    result = _report(results=[{"measure": "1.1", "status": wording}]).results[0]
    assert result.status is Status.NO_OCCASION and result.text is None


def test_several_terms_become_lines() -> None:
    base = {"number": "1", "text": "Т", "executors": "Отдел"}
    as_list = Measure.model_validate({**base, "deadline": ["до 31.12.2021", " до 31.12.2022 "]})
    as_block = Measure.model_validate({**base, "deadline": "до 31.12.2021\n\nдо 31.12.2022\n"})
    assert as_list.deadline == as_block.deadline == "до 31.12.2021\nдо 31.12.2022"


def test_a_date_after_2100_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        _report(date="01.01.2106")
    assert [e["type"] for e in caught.value.errors()] == ["E130"]
