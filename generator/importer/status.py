"""Which status a result's text states, only where the text leaves no doubt."""

from __future__ import annotations

from typing import Final

from generator.importer.columns import normalise

NOT_APPLICABLE: Final = (
    "не относится к компетенции",
    "не относится к полномочиям",
    "не відноситься до компетенції",
    "не належить до компетенції",
    "не відноситься до повноважень",
)
NO_OCCASION: Final = (
    "случаев не выявлено",
    "случаи не выявлены",
    "события не происходили",
    "оснований не возникало",
    "основания не возникали",
    "не возникало",
    "випадків не виявлено",
    "підстави не виникали",
    "підстав не виникало",
)
SHORT: Final = 160
STATUS_WORDS: Final = {
    "выполнено": "done",
    "виконано": "done",
    "выполняется": "in_progress",
    "виконується": "in_progress",
    "выполнено частично": "partially_done",
    "виконано частково": "partially_done",
    "не выполнено": "not_done",
    "не виконано": "not_done",
    "срок не наступил": "not_due",
    "термін не настав": "not_due",
    "не относится к компетенции": "not_applicable",
    "не відноситься до компетенції": "not_applicable",
}


def infer_status(text: str | None, stated: str | None) -> tuple[str, str | None]:
    """The status key and the review line that explains it (None when the table states it)."""
    if stated and (key := STATUS_WORDS.get(normalise(stated))):
        return key, None
    if text is None:
        return (
            "no_information",
            "в источнике нет сведений о выполнении: статус «Сведения не представлены»",
        )
    folded = normalise(text)
    if len(folded) <= SHORT:
        for phrase in NOT_APPLICABLE:
            if phrase in folded:
                return "not_applicable", (
                    f"статус «Не относится к компетенции» выведен из текста («{phrase}»)"
                )
        for phrase in NO_OCCASION:
            if phrase in folded:
                return (
                    "no_occasion",
                    f"статус «Основания не возникали» выведен из текста («{phrase}»)",
                )
    return "done", "статус «Выполнено» поставлен по умолчанию: сверьте с текстом"
