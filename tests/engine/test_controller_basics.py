"""Answering, moving and validating in a small bilingual form, as a person would."""

from __future__ import annotations

from inclusion_app.engine.prompt import ScreenKind, Status
from tests.engine.forms import BASIC
from tests.scenario import Scenario


def test_firstScreen_showsLabelAndHint_inChosenLanguage():
    """The first question's text and hint come from the chosen language's columns."""
    zh = Scenario.from_xlsform_md(BASIC, language="zh")
    en = Scenario.from_xlsform_md(BASIC, language="en")
    assert (zh.question.label, zh.question.hint) == ("您的姓名", "写全名")
    assert (en.question.label, en.question.hint) == ("Your name", "Write your full name")
    assert zh.question.required and zh.question.qtype == "text"


def test_unknownLanguage_fallsBackToFormDefault():
    """A language the form lacks falls back to the form's default language."""
    s = Scenario.from_xlsform_md(BASIC, language="fr")
    assert s.fc.language == "zh"
    assert s.question.label == "您的姓名"


def test_next_requiredButEmpty_staysWithFormMessage_inBothLanguages():
    """Continuing past an empty required question is refused with the form's own message."""
    for lang, message in (("zh", "请写姓名"), ("en", "Please write your name")):
        s = Scenario.from_xlsform_md(BASIC, language=lang)
        result = s.next()
        assert result.status is Status.REQUIRED_BUT_EMPTY
        assert result.message == message
        assert s.question.name == "name"


def test_requiredWithoutMessage_usesFriendlyDefault():
    """A required question without required_message gets the engine's plain message."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer_and_next("name", "Li Hua")
    result = s.next()
    assert result.status is Status.REQUIRED_BUT_EMPTY
    assert result.message == "This question needs an answer."


def test_constraint_violated_isStoredAndReported_inBothLanguages():
    """A value of the right type that fails its constraint is kept (autosave) but blocks next()."""
    for lang, message in (("zh", "年龄要在0到130之间"), ("en", "Age must be between 0 and 130")):
        s = Scenario.from_xlsform_md(BASIC, language=lang)
        s.answer_and_next("name", "张三")
        result = s.answer("age", 200)
        assert result.status is Status.CONSTRAINT_VIOLATED and result.message == message
        assert s.question.answer == "200"
        assert s.next().status is Status.CONSTRAINT_VIOLATED
        assert s.question.name == "age"


def test_wrongType_isInvalid_andNotStored():
    """Text for an integer is refused with a plain message and the old answer stays."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer_and_next("name", "x")
    s.answer("age", 30)
    result = s.answer("age", "thirty")
    assert result.status is Status.INVALID
    assert "whole number" in result.message
    assert s.question.answer == "30"


def test_relevance_skipsPensionQuestions_forYoungPerson():
    """Questions whose relevance is false are skipped by next() and back()."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer_and_next("name", "x")
    s.answer_and_next("age", 30)
    assert s.question.name == "visit"
    assert s.back() and s.question.name == "age"


def test_relevance_showsPensionQuestions_forOlderPerson():
    """An answer that makes questions relevant brings them into the walk, chained."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer_and_next("name", "x")
    s.answer_and_next("age", 70)
    assert s.question.name == "pension"
    assert [c.label for c in s.question.choices] == ["Yes", "No"]
    s.answer_and_next("pension", "yes")
    assert s.question.name == "amount"
    s.back()
    s.answer_and_next("pension", "no")
    assert s.question.name == "visit"


def test_progress_countsOnlyRelevantScreens_andChangesWithAnswers():
    """step/total count relevant screens and are recomputed when relevance changes."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    first = s.screen
    assert first.step == 1
    s.answer_and_next("name", "x")
    s.answer("age", 30)
    young_total = s.screen.total
    s.answer("age", 70)
    assert s.screen.total == young_total + 1
    s.next()
    s.answer("pension", "yes")
    assert s.screen.total == young_total + 2
    assert s.screen.step == 3


def test_calculateChain_updatesAfterEachAnswer():
    """A calculate reading another calculate is recomputed in dependency order."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer("age", 41)
    assert (s.value("double"), s.value("older")) == ("82", "83")
    s.answer("age", 1)
    assert (s.value("double"), s.value("older")) == ("2", "3")


def test_note_rendersOutput_andIsReadonly():
    """A note shows `${name}` filled in, in the current language, and cannot be answered."""
    s = Scenario.from_xlsform_md(BASIC, language="zh")
    s.answer("name", "王芳")
    s.jump_to("summary")
    q = s.question
    assert (q.name, q.qtype, q.readonly) == ("summary", "note", True)
    assert q.label == "您好，王芳！"
    assert s.answer("summary", "x").status is Status.INVALID
    s.fc.set_language("en")
    assert s.question.label == "Hello, 王芳!"


def test_readonlyWithDefault_showsValue_butRefusesChange():
    """A read_only question shows its default and an answer to it is refused."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    result = s.answer("fixed", "zzz")
    assert result.status is Status.INVALID
    assert s.value("fixed") == "abc"


def test_typedValues_areStoredAsXFormLexicalStrings():
    """Python values and typed text become XForm lexical values."""
    import datetime as dt

    s = Scenario.from_xlsform_md(BASIC, language="en")
    assert s.answer("visit", dt.date(2025, 3, 9)).ok
    assert s.answer("at", "14:30").ok
    s.answer("age", 70)
    s.answer("pension", "yes")
    assert s.answer("amount", 3.5).ok
    assert s.answer("needs", ["meals", "cleaning", "meals"]).ok
    assert s.answer("agree", True).ok
    assert s.value("visit") == "2025-03-09"
    assert s.value("at") == "14:30:00.000+08:00"
    assert s.value("amount") == "3.5"
    assert s.value("needs") == "meals cleaning"
    assert s.value("agree") == "OK"


def test_impossibleDate_isInvalid():
    """31 February is not a date."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    assert s.answer("visit", "2025-02-31").status is Status.INVALID
    assert s.answer("visit", "2028-02-29").ok


def test_dateConstraint_comparesDates():
    """A date constraint against a literal date is evaluated as a date comparison."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    assert s.answer("visit", "2024-12-31").status is Status.CONSTRAINT_VIOLATED
    assert s.answer("visit", "2025-01-01").ok


def test_selectOne_valueNotAmongChoices_isInvalid():
    """Only offered choices are accepted."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer("age", 70)
    assert s.answer("pension", "maybe").status is Status.INVALID
    assert s.answer("needs", "meals teleport").status is Status.INVALID


def test_back_atFirstQuestion_returnsFalse():
    """There is nothing before the first screen."""
    s = Scenario.from_xlsform_md(BASIC)
    assert s.back() is False
    assert s.question.name == "name"


def test_languageSwitchMidForm_keepsAnswers():
    """Changing language mid-form keeps every answer and the position."""
    s = Scenario.from_xlsform_md(BASIC, language="zh")
    s.answer_and_next("name", "张三")
    s.answer("age", 70)
    s.fc.set_language("en")
    assert s.question.label == "Your age" and s.question.answer == "70"
    s.next()
    assert [c.label for c in s.question.choices] == ["Yes", "No"]
    s.fc.set_language("zh")
    assert [c.label for c in s.question.choices] == ["是", "否"]


def test_endScreen_afterLastQuestion():
    """Walking past the last question reaches the END screen."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer("name", "x")
    s.answer("age", 30)
    for _ in range(20):
        if s.screen.kind is ScreenKind.END:
            break
        assert s.next().ok
    assert s.screen.kind is ScreenKind.END
    assert s.screen.step == s.screen.total


def test_answerUnknownQuestion_isInvalidNotRaised():
    """A name the form does not have gives a status, never an exception."""
    s = Scenario.from_xlsform_md(BASIC)
    assert s.answer("nope", 1).status is Status.INVALID


def test_cnMobile_appearance_checked():
    """The cn-mobile appearance refuses numbers that are not 11 digits starting 13-19."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    bad = s.answer("phone", "12345")
    assert bad.status is Status.CONSTRAINT_VIOLATED and "11 digits" in bad.message
    assert s.answer("phone", "138 0013 8000").ok
    assert s.value("phone") == "13800138000"


RANGE = """
| survey |
| | type | name | label | parameters |
| | range | pain | How much pain, 1 to 10? | start=1 end=10 step=1 |
"""


def test_range_askedAsNumber_withinStartAndEnd():
    """A range question takes a number between its start and end and says so otherwise."""
    s = Scenario.from_xlsform_md(RANGE, language="en")
    assert s.question.qtype == "integer"
    result = s.answer("pain", 11)
    assert result.status is Status.CONSTRAINT_VIOLATED
    assert result.message == "Please enter a number from 1 to 10."
    assert s.answer("pain", 10).ok


GUARDED = b"""<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'>
<h:head><h:title>G</h:title><model>
<instance><d id='g'><show/><flags><block/></flags><q/><r/></d></instance>
<bind nodeset='/d/flags/block' relevant="/d/show = 'yes'"/>
</model></h:head><h:body>
<input ref='/d/show'><label>Show?</label></input>
<group ref='/d/flags/block'><input ref='/d/q'><label>Q</label></input></group>
<input ref='/d/r'><label>R</label></input>
</h:body></h:html>"""


def test_groupRefElsewhere_hidesItsQuestions_whenNotRelevant():
    """A body group bound to a non-relevant node hides its questions even if theirs are relevant."""
    s = Scenario.from_xform(GUARDED)
    s.answer_and_next("show", "no")
    assert s.question.name == "r"
    s.back()
    s.answer_and_next("show", "yes")
    assert s.question.name == "q"


def test_jump_toScreenNoLongerRelevant_movesToNextShown():
    """Jumping to a screen whose question no longer applies lands on the next one that does."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer("age", 70)
    s.jump_to("pension")
    pension_index = s.screen.index
    s.answer("age", 20)
    s.fc.jump(pension_index)
    assert s.question.name == "visit"
    s.fc.jump(["x"])  # nonsense is ignored, not raised
    assert s.question.name == "visit"


SELF_HIDING = """
| survey |
| | type | name | label | relevant |
| | text | a | A | . != 'stop' |
| | text | b | B | |
"""


def test_answerThatHidesItsOwnScreen_keepsScreenUntilNext():
    """The screen does not vanish under the person's hands; next() then moves on."""
    s = Scenario.from_xlsform_md(SELF_HIDING)
    s.answer("a", "stop")
    assert s.names() == ["a"]
    assert s.next().ok and s.question.name == "b"
    assert s.back() is False
