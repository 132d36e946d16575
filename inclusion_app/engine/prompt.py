"""Read-only views of the form for the screens: what to show, never how.

The controller hands the UI a `Screen` (one question, or several for a `field-list` group,
or a repeat's "add another?" question, or the end). Everything here is frozen: the UI
changes the form only through the controller, which answers with an `AnswerResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Question types a desktop can answer. Anything else (geopoint, barcode, ...) has
# `supported=False`: shown as "cannot be answered on this computer", skipped when optional.
SUPPORTED_TYPES = frozenset(
    {
        "text", "integer", "decimal", "date", "time", "dateTime",
        "select_one", "select_multiple", "note", "acknowledge", "image", "file", "trigger",
    }
)


class Status(Enum):
    OK = "ok"
    REQUIRED_BUT_EMPTY = "required"
    CONSTRAINT_VIOLATED = "constraint"
    INVALID = "invalid"  # not a value of the question's type ("abc" for an integer, 31 February)
    UNSUPPORTED = "unsupported"  # a required question this computer cannot answer (geopoint, ...)


@dataclass(frozen=True)
class AnswerResult:
    status: Status
    message: str = ""  # in the current language; empty when OK
    ref: str = ""  # indexed path of the question concerned

    @property
    def ok(self) -> bool:
        return self.status is Status.OK


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    image: str | None = None  # absolute path of the form's media file, when present
    audio: str | None = None


@dataclass(frozen=True)
class QuestionPrompt:
    ref: str  # indexed path: "/data/household/member[2]/age"
    name: str  # the XLSForm name: "age"
    qtype: str  # XLSForm-like type: text, integer, decimal, date, time, dateTime, select_one, ...
    label: str
    hint: str = ""
    guidance_hint: str = ""
    required: bool = False
    readonly: bool = False
    appearance: str = ""
    choices: tuple[Choice, ...] = ()
    answer: str = ""  # XForm lexical value; select_multiple: space-separated choice values
    image: str | None = None  # media::image for the label, absolute path
    audio: str | None = None  # media::audio for the label (a volunteer's recording), absolute path
    supported: bool = True
    mediatype: str = ""  # for image/file: "image/*", ...
    quotes_answers: bool = False  # its text holds an <output> (may quote answers): never cached

    @property
    def answer_values(self) -> tuple[str, ...]:
        return tuple(self.answer.split()) if self.answer else ()


class ScreenKind(Enum):
    QUESTIONS = "questions"  # one question, or a field-list group's questions
    REPEAT_PROMPT = "repeat_prompt"  # "Add another household member?"
    END = "end"  # past the last question: time for "check your answers"


@dataclass(frozen=True)
class Screen:
    kind: ScreenKind
    index: tuple[int, ...]  # opaque position; pass back to FormController.jump()
    questions: tuple[QuestionPrompt, ...] = ()
    group_label: str = ""  # the enclosing group's label (a field-list group's heading)
    repeat_label: str = ""  # for REPEAT_PROMPT: the repeat's label ("household member")
    repeat_count: int = 0  # for REPEAT_PROMPT: how many have been added so far
    step: int = 0  # 1-based number of this screen among the relevant screens
    total: int = 0  # count of relevant screens, recomputed as answers change relevance
    repeat_ref: str = ""  # for REPEAT_PROMPT: where instances go, "/data/hh[2]/member" (indexed parent)
    quotes_answers: bool = False  # the group or repeat label holds an <output>: never cached
    removable: str = ""  # the repeat instance this screen is in, if the person may remove it ("/data/member[2]")


@dataclass(frozen=True)
class ReviewRow:
    """One line of "check your answers"."""

    ref: str
    label: str
    answer: str  # human-readable: choice labels, not codes; "" when not answered
    answered: bool
    index: tuple[int, ...]  # the screen to jump to for "Change"
    qtype: str = ""
    appearance: str = ""
    group_label: str = ""
    supported: bool = True  # False: a required question this computer cannot answer (geopoint, ...)
    removable: str = ""  # the repeat instance the row belongs to, if it may be removed (Screen.removable)


@dataclass(frozen=True)
class Submission:
    """A finalized submission: the exact bytes to store and upload, never regenerated."""

    form_id: str
    form_version: str
    instance_id: str  # "uuid:..."
    reference: str  # short code people can read aloud, derived from instance_id
    xml: bytes
    json: bytes
    attachments: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    practice: bool = False
    public_key: str | None = None  # form's settings public_key (base64 DER); storage encrypts
    submission_url: str | None = None
    title: str = ""


@dataclass(frozen=True)
class FinalizeResult:
    """What `FormController.finalize()` gives: a submission, or the answers that stop it."""

    ok: bool
    problems: tuple[AnswerResult, ...] = ()
    submission: Submission | None = None
