"""The window's voice: reads screens, errors and review rows aloud without ever blocking the GUI.

Rendering happens behind the `Speaker` (worker threads and processes), and a form's recordings
are decoded on a thread of their own; WAV bytes come back through a `GuiInbox` mailbox, and only
the GUI thread touches Qt. The callbacks those threads run hold the mailbox and plain numbers,
never this object: a render or decode thread that held the last reference to it destroyed it
(and its timers) off the GUI thread and crashed the process (issue 11). Each new request stops
the previous one first, so speech never overlaps. `last_events` records what
happened, in order, for tests: ("stop",), ("say", text), ("play", text), ("finished",).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from inclusion_app.engine.prompt import ReviewRow, Screen
from inclusion_app.i18n import N_, translate_to
from inclusion_app.settings import SPEECH_RATES, Settings
from inclusion_app.speech import script
from inclusion_app.speech.script import Utterance
from inclusion_app.speech.speaker import Speaker
from inclusion_app.ui.services.gui_inbox import GuiInbox

if TYPE_CHECKING:
    from inclusion_app.ui.services.audio_player import AudioPlayer

log = logging.getLogger(__name__)
_PENDING = object()  # an utterance still being rendered
_UNPLAYABLE = object()  # a recording that could not be decoded: the synthetic voice reads it
_MAX_EVENTS = 1000


class SpeechService(QObject):
    """What the pages call; see the module docstring for the threading rules."""

    started = Signal()
    finished = Signal()

    def __init__(
        self, settings: Settings, parent: QObject | None = None, speaker: Speaker | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        if speaker is None:
            from inclusion_app.speech.factory import default_speaker

            speaker = default_speaker()
        self.speaker = speaker
        self._player: AudioPlayer | None = None  # made on the first play: see `player`
        self._volume = 1.0
        self._inbox = GuiInbox(self)  # (generation, index, wav) from render and decode threads
        self._inbox.received.connect(self._on_arrived)
        # A running screen reader already speaks: two voices at once help nobody.
        self.screen_reader_active = bool(QAccessible.isActive())
        self._enabled = bool(settings.voice_on) and not self.screen_reader_active
        self._generation = 0
        self._queue: list[Utterance] = []
        self._audio: dict[int, object] = {}
        self._pos = 0
        self._lang = settings.language or "zh"
        self._last: tuple[list[Utterance], str] | None = None
        self._focus_reader: QObject | None = None
        self.last_events: list[tuple[object, ...]] = []
        self.set_rate(settings.speech_rate)
        self.set_volume(settings.speech_volume)

    # -- state ----------------------------------------------------------------------------
    @property
    def player(self) -> AudioPlayer:
        """The player, made when first needed: the sound library is then only loaded once
        something is played, never while the voice is off (a screen reader may be speaking)."""
        if self._player is None:
            from inclusion_app.ui.services.audio_player import AudioPlayer

            self._player = AudioPlayer(self)
            self._player.set_volume(self._volume)
            self._player.finished.connect(self._on_played)
            self._player.failed.connect(self._on_play_failed)
        return self._player

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def available(self) -> bool:
        return self.speaker.is_available()

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def speaking(self) -> bool:
        return bool(self._queue)

    @property
    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        """The language for focus reading and `repeat`; speak_* calls also set it."""
        self._lang = lang

    def notice(self, lang: str) -> str:
        """A plain sentence for the settings screen when speech cannot work, else ""."""
        if not self.speaker.is_available():
            return translate_to(lang, N_(
                "No speech engine works on this computer, so nothing can be read aloud."))
        if self.speaker.voice_for(lang) is None:
            return translate_to(lang, N_(
                "This computer has no voice for this language, so it cannot be read aloud."))
        return ""

    def set_enabled(self, on: bool) -> None:
        self._enabled = bool(on)
        if not on:
            self.stop()

    def set_rate(self, rate: str) -> None:
        self.speaker.rate = rate if rate in SPEECH_RATES else "normal"

    def set_volume(self, volume: float) -> None:
        # Volume is applied when playing, so one cached rendering serves every volume.
        self._volume = max(0.0, min(1.0, float(volume)))
        if self._player is not None:
            self._player.set_volume(self._volume)

    # -- what the pages call --------------------------------------------------------------
    def speak_screen(self, screen: Screen, lang: str) -> None:
        self._speak(script.screen_utterances(screen, lang), lang)

    def speak_error(self, message: str, lang: str) -> None:
        self._speak([script.error_utterance(message, lang)], lang)

    def speak_text(self, text: str, lang: str, cacheable: bool = False) -> None:
        self._speak([Utterance(text, cacheable=cacheable)], lang)

    def speak_after(self, text: str, lang: str, cacheable: bool = True) -> None:
        """Say `text` after what is being said now (a screen's "More below" after its
        question), or at once when nothing is; never cuts the question short."""
        if not self._queue or not self._enabled:
            self.speak_text(text, lang, cacheable)
            return
        utterance = Utterance(text, cacheable=cacheable)
        self._queue.append(utterance)
        if self._last is not None:
            self._last = ([*self._last[0], utterance], self._last[1])
        self._render(self._generation, len(self._queue) - 1, utterance, lang)

    def speak_review_row(self, row: ReviewRow, lang: str) -> None:
        utterance = script.review_row_utterance(row, lang, self._settings.read_sensitive_numbers)
        self._speak([utterance], lang)

    def speak_reference(self, code: str, lang: str) -> None:
        self._speak([script.reference_utterance(code, lang)], lang)

    def repeat(self) -> None:
        """'Read again': the last thing said, from the start."""
        if self._last is not None:
            self._speak(*self._last)

    def forget(self) -> None:
        """The visit ended: silence, and nothing left for "Read again" to repeat."""
        self.stop()
        self._last = None

    def prefetch_text(self, text: str, lang: str) -> None:
        """Render the program's own words into the cache now, to be said later at once."""
        if self._enabled and text.strip():
            self.speaker.prefetch(text, lang)

    def prefetch(self, screens: list[Screen], lang: str) -> None:
        """Render the next screens' form text into the cache while the person answers."""
        if not self._enabled:
            return
        for screen in screens:
            for utterance in script.screen_utterances(screen, lang):
                if utterance.cacheable and utterance.text and not utterance.audio_file:
                    self.speaker.prefetch(utterance.text, lang)

    def stop(self) -> None:
        """Silence now; renders still under way are dropped when they arrive."""
        if self._halt():
            self.finished.emit()

    def _halt(self) -> bool:
        """Stop everything; True if something was being said. A new request follows at once,
        so no `finished` here: it would tell listeners speech ended when it goes on."""
        self._generation += 1
        self.speaker.stop()
        was_speaking = bool(self._queue)
        self._queue, self._audio, self._pos = [], {}, 0
        if self._player is not None:
            self._player.stop()
        self._event("stop")
        return was_speaking

    def shutdown(self) -> None:
        """Stop speaking and end the worker processes; called once at exit."""
        self.stop()
        app = QApplication.instance()
        if self._focus_reader is not None and app is not None:
            app.removeEventFilter(self._focus_reader)
        self._focus_reader = None
        self.speaker.close()
        if self._player is not None:  # lets go of the sound device
            self._player.close()
        self._inbox.close()

    def install_focus_reader(self, root: QObject) -> QObject:
        """Read a control's name aloud when it gets focus, is hovered or touched (if enabled)."""
        from inclusion_app.ui.services.focus_reader import FocusReader

        reader = FocusReader(self, root)
        self._focus_reader = reader
        return reader

    # -- the queue ------------------------------------------------------------------------
    def _speak(self, utterances: list[Utterance], lang: str) -> None:
        self._lang = lang
        self._last = (list(utterances), lang)
        was_speaking = self._halt()
        if not self._enabled or not utterances:
            if was_speaking:
                self.finished.emit()
            return
        generation = self._generation
        self._queue = list(utterances)
        self._audio = {}
        for index, utterance in enumerate(self._queue):
            if utterance.audio_file and Path(utterance.audio_file).is_file():
                self._decode(generation, index, Path(utterance.audio_file))
            else:
                self._render(generation, index, utterance, lang)
        self.started.emit()
        self._advance()

    def _render(self, generation: int, index: int, utterance: Utterance, lang: str) -> None:
        self._audio[index] = _PENDING
        self._event("say", utterance.text)

        self.speaker.say(utterance.text, lang, _Delivery(self._inbox.post, generation, index),
                         cacheable=utterance.cacheable)

    def _decode(self, generation: int, index: int, path: Path) -> None:
        """A volunteer's recording, decoded off the GUI thread; one that cannot be played is
        read by the synthetic voice instead (see _on_rendered)."""
        from inclusion_app.speech.recording import decode_later

        self._audio[index] = _PENDING
        decode_later(path, _Delivery(self._inbox.post, generation, index, _UNPLAYABLE))

    def _on_arrived(self, item: tuple[int, int, object]) -> None:
        self._on_rendered(*item)

    def _on_rendered(self, generation: int, index: int, wav: object) -> None:
        if generation != self._generation or index not in self._audio:
            return
        if wav is _UNPLAYABLE:
            self._render(generation, index, self._queue[index], self._lang)
            return
        self._audio[index] = wav
        if self._player is None or not self._player.playing:
            self._advance()

    def _advance(self) -> None:
        while self._pos < len(self._queue):
            item = self._audio.get(self._pos, _PENDING)
            if item is _PENDING:
                return  # wait for the render
            tag = f"{self._generation}:{self._pos}"
            text = self._queue[self._pos].text
            if isinstance(item, bytes | bytearray) and item:
                self._event("play", text)
                self.player.play_wav(bytes(item), tag)
                return
            self._pos += 1  # nothing rendered: skip it quietly
        self._queue, self._audio, self._pos = [], {}, 0
        self._event("finished")
        self.finished.emit()

    def _on_played(self, tag: str) -> None:
        if tag != f"{self._generation}:{self._pos}":
            return
        self._pos += 1
        self._advance()

    def _on_play_failed(self, tag: str, reason: str) -> None:
        """Audio the player refused: go on with the next utterance."""
        if tag != f"{self._generation}:{self._pos}":
            return
        log.info("audio could not be played (%s)", reason)
        self._pos += 1
        self._advance()

    def _event(self, *event: object) -> None:
        self.last_events.append(event)
        if len(self.last_events) > _MAX_EVENTS:
            del self.last_events[: _MAX_EVENTS // 2]



class _Delivery:
    """What a render or decode thread calls with its WAV (or None): posts it, with the request's
    numbers, to the GUI thread. Holds the mailbox's `post` only, never a Qt object."""

    __slots__ = ("_post", "_generation", "_index", "_if_none")

    def __init__(self, post: object, generation: int, index: int, if_none: object = None) -> None:
        self._post, self._generation, self._index = post, generation, index
        self._if_none = if_none

    def __call__(self, wav: bytes | None) -> None:
        item = self._if_none if wav is None else wav
        self._post((self._generation, self._index, item))  # type: ignore[operator]
