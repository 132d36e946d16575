"""Form text in every language: itext translations, inline labels and their `<output>`s."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from inclusion_app.engine.expressions import ExpressionCompiler
from inclusion_app.engine.xpath import Expr

# A piece of form text: literal strings and `<output value="..."/>` expressions, in order.
Text = tuple["str | Expr", ...]

_ITEXT_CALL = re.compile(r"""^\s*jr:itext\(\s*(['"])(.*?)\1\s*\)\s*$""")
_LANG_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\)\s*$")
# pyxform writes "-" where a language lacks a column; treat it as "not translated".
_PLACEHOLDER = "-"


_LOCAL: dict[str, str] = {}


def local(tag: str) -> str:
    """'{uri}name' -> 'name' (memoised: a form repeats a few dozen tags thousands of times)."""
    name = _LOCAL.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL) < 10_000:
            _LOCAL[tag] = name
    return name


def language_code(name: str) -> str:
    """'English (en)' -> 'en', '中文 (zh)' -> 'zh', 'French' -> 'french'."""
    match = _LANG_CODE.search(name)
    if match:
        return match.group(1).lower()
    return name.strip().lower() or "default"


def itext_id(ref: str) -> str | None:
    """The id in "jr:itext('id')", or None for any other expression."""
    match = _ITEXT_CALL.match(ref)
    return match.group(2) if match else None


def mixed_text(elem: Element, compiler: ExpressionCompiler, where: str) -> Text:
    """Text and `<output>`s of an element in document order (other markup keeps only its text)."""
    parts: list[str | Expr] = []
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        if local(child.tag) == "output":
            value = child.get("value") or child.get("ref") or ""
            if value.strip():
                parts.append(compiler.compile(value, where, "output"))
        else:
            parts.extend(mixed_text(child, compiler, where))
        if child.tail:
            parts.append(child.tail)
    return tuple(parts)


def render(text: Text, evaluate: Callable[[Expr], str]) -> str:
    """The text with every output evaluated; surrounding whitespace removed."""
    if len(text) == 1 and isinstance(text[0], str):
        return text[0].strip()
    return "".join(p if isinstance(p, str) else evaluate(p) for p in text).strip()


def is_placeholder(text: Text) -> bool:
    return len(text) == 1 and isinstance(text[0], str) and text[0].strip() == _PLACEHOLDER


@dataclass(frozen=True)
class Label:
    """Where a label, hint or message comes from: an itext id, inline text, or an expression."""

    itext_id: str | None = None
    text: Text = ()
    expr: Expr | None = None


def read_label(elem: Element | None, compiler: ExpressionCompiler, where: str) -> Label | None:
    """A `<label>`/`<hint>` element as a `Label`; None when absent or empty."""
    if elem is None:
        return None
    ref = elem.get("ref")
    if ref:
        tid = itext_id(ref)
        if tid is not None:
            return Label(itext_id=tid)
        return Label(expr=compiler.compile(ref, where, "label"))
    text = mixed_text(elem, compiler, where)
    return Label(text=text) if text else None


def message_label(value: str | None, compiler: ExpressionCompiler, where: str) -> Label | None:
    """jr:constraintMsg / jr:requiredMsg: an itext reference or a literal message."""
    if value is None or not value.strip():
        return None
    tid = itext_id(value)
    if tid is not None:
        return Label(itext_id=tid)
    return Label(text=(value.strip(),))


class Itext:
    """All translations of a form: language code -> text id -> form ("" for plain) -> text."""

    def __init__(self) -> None:
        self.languages: list[str] = []
        self.names: dict[str, str] = {}
        self.default: str | None = None
        self.texts: dict[str, dict[str, dict[str, Text]]] = {}

    @classmethod
    def parse(cls, itext_elem: Element | None, compiler: ExpressionCompiler) -> Itext:
        itext = cls()
        if itext_elem is None:
            return itext
        for translation in itext_elem:
            if local(translation.tag) != "translation":
                continue
            name = translation.get("lang", "default")
            code = language_code(name)
            if code in itext.texts:
                continue
            itext.languages.append(code)
            itext.names[code] = name
            if translation.get("default") is not None and itext.default is None:
                itext.default = code
            table: dict[str, dict[str, Text]] = {}
            for text in translation:
                tid = text.get("id")
                if local(text.tag) != "text" or not tid:
                    continue
                forms = table.setdefault(tid, {})
                for value in text:
                    if local(value.tag) == "value":
                        forms.setdefault(value.get("form", ""), mixed_text(value, compiler, tid))
            itext.texts[code] = table
        if itext.default is None and itext.languages:
            itext.default = itext.languages[0]
        return itext

    def get(self, text_id: str, lang: str | None, form: str = "") -> Text | None:
        """The text in `lang`, else the default language, else any language that has it."""
        order = [lang, self.default, *self.languages]
        # JavaRosa falls back from the plain text to the "long" and "short" forms
        kinds = (form,) if form else ("", "long", "short")
        for code in order:
            if code is None:
                continue
            forms = self.texts.get(code, {}).get(text_id, {})
            for kind in kinds:
                found = forms.get(kind)
                if found is not None and not is_placeholder(found):
                    return found
        return None

    def has(self, text_id: str) -> bool:
        return any(text_id in table for table in self.texts.values())


# What the program's player decodes (speech.recording decodes exactly these).
PLAYABLE_AUDIO = (".wav", ".mp3", ".flac", ".ogg", ".oga")


def playable_recording(name: str) -> bool:
    """True when a recording's file name ends in a format the player decodes."""
    return name.lower().endswith(PLAYABLE_AUDIO)


def unplayable_recordings(itext: Itext) -> list[str]:
    """Warnings for recordings (media::audio) in a format the player cannot decode: the synthetic
    voice reads those questions instead, and a volunteer should hear of it before a resident."""
    found: dict[str, None] = {}
    for texts in itext.texts.values():
        for forms in texts.values():
            audio = forms.get("audio")
            if not audio:
                continue
            uri = "".join(p for p in audio if isinstance(p, str)).strip()
            name = uri.rsplit("/", 1)[-1]
            if name and not playable_recording(name):
                found[name] = None
    return [f"the recording '{name}' is not WAV, MP3, FLAC or Ogg Vorbis, so it cannot be "
            "played: the computer's voice reads that question instead" for name in found]


def media_path(uri: str | None, media_dir: Path | None) -> str | None:
    """'jr://images/a.png' -> the absolute path of that file in the form's media folder, if present."""
    if not uri or media_dir is None:
        return None
    match = re.match(r"^jr://[a-z-]+/(.+)$", uri.strip())
    rel = match.group(1) if match else uri.strip()
    try:
        base = media_dir.resolve()
        path = (base / rel).resolve()
    except (OSError, ValueError):
        return None
    # A form must not point outside its own media folder.
    if base not in path.parents or not path.is_file():
        return None
    return str(path)
