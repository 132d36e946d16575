"""What is said, kept apart from how: a screen, an error, a review row or a reference as utterances.

Form text (questions, hints, choices) is cacheable; anything carrying a person's answer is not.
Choice numbers are digits ("1: yes; 2: no"): every voice reads digits in its own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inclusion_app.engine.choice_lists import searchable
from inclusion_app.engine.prompt import QuestionPrompt, ReviewRow, Screen, ScreenKind
from inclusion_app.i18n import N_, translate_to

# Appearances whose answers are identity, bank or phone numbers (others may be listening).
SENSITIVE_APPEARANCES = ("cn-id", "cn-mobile", "numbers", "cn-bank")
_DIGITS = re.compile(r"\d")
_NUMBERISH = re.compile(r"^[\d\s\-+()xX.]+$")
_END_PUNCT = ("。", "？", "！", ".", "?", "!", "：", ":")


@dataclass(frozen=True)
class Utterance:
    """One piece of speech; `audio_file` is a volunteer's recording to play instead, if present."""

    text: str
    cacheable: bool = True  # False when it contains a person's answers: never on disk
    audio_file: str | None = None


def _is_zh(lang: str) -> bool:
    return lang.lower().startswith("zh")


def _sentence(text: str, lang: str) -> str:
    """End a piece with a full stop in the language's own punctuation, so the voice pauses."""
    text = text.strip()
    if not text or text.endswith(_END_PUNCT):
        return text
    return text + ("。" if _is_zh(lang) else ".")


def _join(parts: list[str], lang: str) -> str:
    sep = "" if _is_zh(lang) else " "
    return sep.join(_sentence(p, lang) for p in parts if p and p.strip())


def choices_text(question: QuestionPrompt, lang: str) -> str:
    """'1: yes; 2: no' (or '1：是；2：否') so a person can answer by number."""
    if _is_zh(lang):
        return "；".join(f"{i}：{c.label}" for i, c in enumerate(question.choices, 1))
    return "; ".join(f"{i}: {c.label}" for i, c in enumerate(question.choices, 1))


def question_utterance(question: QuestionPrompt, lang: str) -> Utterance:
    """The question, then its hint, then its choices: form text, cacheable unless it quotes
    the person's answers."""
    parts = [question.label, question.hint]
    if not question.supported:
        parts.append(translate_to(lang, N_("This question cannot be answered on this computer.")))
    if question.choices and question.qtype.startswith("select"):
        if searchable(question.appearance, question.choices):  # thousands of streets: never all read out
            parts.append(translate_to(lang, N_("Type a few letters or characters of your answer to find it.")))
        else:
            parts.append(choices_text(question, lang))
    # text quoting the form's data (an <output>) may hold answers: never on disk
    return Utterance(_join(parts, lang), cacheable=not question.quotes_answers,
                     audio_file=question.audio)


def screen_utterances(screen: Screen, lang: str) -> list[Utterance]:
    """Everything read on arrival at a screen, in order."""
    if screen.kind is ScreenKind.REPEAT_PROMPT:
        if screen.repeat_label:
            text = translate_to(lang, N_("Add another: {label}?")).format(label=screen.repeat_label)
        else:
            text = translate_to(lang, N_("Add another one?"))
        return [Utterance(_sentence(text, lang), cacheable=not screen.quotes_answers)]
    if screen.kind is ScreenKind.END:
        text = translate_to(lang, N_("That was the last question. Now check your answers."))
        return [Utterance(_sentence(text, lang))]
    out: list[Utterance] = []
    if screen.group_label and len(screen.questions) > 1:
        out.append(Utterance(_sentence(screen.group_label, lang),
                             cacheable=not screen.quotes_answers))
    out.extend(question_utterance(q, lang) for q in screen.questions)
    return [u for u in out if u.text or u.audio_file]


def error_utterance(message: str, lang: str) -> Utterance:
    """A validation message; not cached, since a message may quote what was typed."""
    return Utterance(_sentence(message, lang), cacheable=False)


def is_sensitive(row: ReviewRow) -> bool:
    """ID, bank and phone numbers: by the question's appearance, or an answer of 7+ digits."""
    appearance = row.appearance.lower().split()
    if any(a in appearance for a in SENSITIVE_APPEARANCES):
        return True
    answer = row.answer.strip()
    return bool(_NUMBERISH.match(answer)) and len(_DIGITS.findall(answer)) >= 7


def review_row_utterance(row: ReviewRow, lang: str, read_sensitive: bool = False) -> Utterance:
    """'Question: answer', or a privacy notice instead of a sensitive number unless allowed."""
    if not row.answered or not row.answer.strip():
        answer = translate_to(lang, N_("Not provided"))
    elif is_sensitive(row) and not read_sensitive:
        answer = translate_to(lang, N_("not read aloud, to keep it private"))
    else:
        answer = row.answer
    colon = "：" if _is_zh(lang) else ": "
    label = row.label.strip().rstrip(":：")
    return Utterance(_sentence(f"{label}{colon}{answer}", lang), cacheable=False)


def spell(code: str, lang: str) -> str:
    """'AB-37' -> 'A, B, 3, 7': one character at a time, so it can be written down."""
    chars = [c for c in code if c.isalnum()]
    return ("，" if _is_zh(lang) else ", ").join(chars)


def reference_utterance(code: str, lang: str) -> Utterance:
    """The confirmation's reference, spelled out; not cached (it identifies one person's form)."""
    intro = translate_to(lang, N_("Your reference is"))
    colon = "：" if _is_zh(lang) else ": "
    return Utterance(_sentence(f"{intro}{colon}{spell(code, lang)}", lang), cacheable=False)
