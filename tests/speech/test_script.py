"""What is said for screens, errors, review rows and references (no engine involved)."""

from __future__ import annotations

from inclusion_app.engine.prompt import Choice, Screen, ScreenKind
from inclusion_app.speech import script
from tests.speech.helpers import question, row, screen


def test_question_then_hint_then_numbered_choices_in_english():
    """English screens read question, hint, then '1: Yes; 2: No' in that order."""
    [u] = script.screen_utterances(screen(question(hint="Count your birthday.")), "en")
    assert u.text == "Are you over 60? Count your birthday. 1: Yes; 2: No."
    assert u.cacheable


def test_chinese_choices_use_chinese_punctuation():
    """Chinese screens number choices with full-width punctuation so the voice pauses right."""
    q = question("您多大了？", hint="请写周岁", choices=(Choice("y", "是"), Choice("n", "否")))
    [u] = script.screen_utterances(screen(q), "zh")
    assert u.text == "您多大了？请写周岁。1：是；2：否。"


def test_text_question_has_no_choices_and_keeps_recording():
    """A text question reads only its label, and carries its recorded audio file along."""
    q = question("Your name", qtype="text", choices=(), audio="/forms/media/name.mp3")
    [u] = script.screen_utterances(screen(q), "en")
    assert u.text == "Your name." and u.audio_file == "/forms/media/name.mp3"


def test_field_list_reads_group_heading_then_each_question():
    """A several-question screen starts with its group heading, then each question."""
    s = Screen(kind=ScreenKind.QUESTIONS, index=(0,), group_label="Contact",
               questions=(question("Phone", qtype="text", choices=()),
                          question("Email", qtype="text", choices=())))
    assert [u.text for u in script.screen_utterances(s, "en")] == ["Contact.", "Phone.", "Email."]


def test_end_and_repeat_prompt_screens_say_something():
    """The end screen and the 'add another' screen are spoken too."""
    end = script.screen_utterances(Screen(kind=ScreenKind.END, index=()), "en")
    rep = script.screen_utterances(
        Screen(kind=ScreenKind.REPEAT_PROMPT, index=(1,), repeat_label="household member"), "en")
    assert "check your answers" in end[0].text.lower()
    assert "household member" in rep[0].text


def test_errors_are_spoken_but_never_cached():
    """A validation message may quote what was typed, so it is not cacheable."""
    u = script.error_utterance("Please enter a number between 0 and 120", "en")
    assert u.text.endswith("120.") and not u.cacheable


def test_sensitive_numbers_are_not_read_unless_allowed():
    """ID (cn-id), mobile (cn-mobile) and long digit answers are withheld unless turned on."""
    cases = [row("ID number", "11010519491231002X", "cn-id"),
             row("Mobile", "13812345678", "cn-mobile"),
             row("Bank card", "6222 0202 0000 1234")]
    for r in cases:
        withheld = script.review_row_utterance(r, "en")
        assert r.answer not in withheld.text and "private" in withheld.text
        assert not withheld.cacheable
        allowed = script.review_row_utterance(r, "en", read_sensitive=True)
        assert r.answer in allowed.text


def test_ordinary_answers_and_missing_ones():
    """A plain answer is read after its label; an empty one says 'Not provided'."""
    assert script.review_row_utterance(row("Age", "72"), "en").text == "Age: 72."
    assert script.review_row_utterance(row("Name", ""), "en").text == "Name: Not provided."


def test_reference_is_spelled_character_by_character():
    """'ABCD-7K' is read one character at a time, without the dash."""
    u = script.reference_utterance("ABCD-7K", "en")
    assert u.text.endswith("A, B, C, D, 7, K.") and not u.cacheable
    assert "A，B，C，D，7，K" in script.reference_utterance("ABCD-7K", "zh").text


def test_aiff_from_macos_becomes_a_playable_wav():
    """macOS saves speech as AIFF: it is turned into a 16-bit WAV with the same samples."""
    import io
    import warnings

    from inclusion_app.speech import wav
    from inclusion_app.speech.fake import tone_wav

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import aifc
    source = tone_wav(0.3)
    rate, channels, width, frames = wav.pcm(source)
    class Kept(io.BytesIO):
        def close(self) -> None:  # aifc closes its file; keep the bytes readable
            pass

    buf = Kept()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        out = aifc.open(buf, "wb")
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        big = bytearray(frames)
        big[0::2], big[1::2] = frames[1::2], frames[0::2]
        out.writeframes(bytes(big))
        out.close()
    converted = wav.from_aiff(buf.getvalue())
    assert converted[:4] == b"RIFF" and wav.pcm(converted)[3] == frames


QUOTING_FORM = b"""<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
  <h:head><h:title>Quote</h:title><model>
    <instance><data id="quote"><name/><greet/><meta><instanceID/></meta></data></instance>
    <bind nodeset="/data/name" type="string"/>
    <bind nodeset="/data/greet" type="string" readonly="true()"/>
  </model></h:head>
  <h:body>
    <input ref="/data/name"><label>Your name</label></input>
    <input ref="/data/greet"><label>Thank you, <output value="/data/name"/>.</label></input>
  </h:body>
</h:html>"""


def test_text_quoting_an_answer_is_never_cached():
    """A label with an <output> ("Thank you, Mei Lin.") holds an answer: it is spoken but
    never written to the voice cache; the plain question before it still is."""
    from inclusion_app.engine.controller import FormController
    from inclusion_app.engine.formdef import parse_xform

    fc = FormController(parse_xform(QUOTING_FORM), language=None)
    [plain] = script.screen_utterances(fc.screen, "en")
    assert plain.text == "Your name." and plain.cacheable
    fc.answer("/data/name", "Mei Lin")
    assert fc.next().ok
    [quoted] = script.screen_utterances(fc.screen, "en")
    assert "Mei Lin" in quoted.text and not quoted.cacheable


def test_long_list_is_not_read_out_but_says_how_to_find_an_answer():
    """Hundreds of streets are never read one by one: the voice says to type a few characters."""
    streets = tuple(Choice(f"s{i}", f"Street {i}") for i in range(300))
    [u] = script.screen_utterances(screen(question("Which street?", choices=streets)), "en")
    assert u.text == "Which street? Type a few letters or characters of your answer to find it."
    short = question("Which?", choices=streets[:3])
    [u] = script.screen_utterances(screen(short), "en")
    assert "3: Street 2" in u.text
