"""The speaker used when no engine works: the program runs on, quietly, and settings say why."""

from __future__ import annotations

from inclusion_app.speech.speaker import Speaker, Voice


class SilentSpeaker(Speaker):
    """Renders nothing; every `say` is delivered as None so callers move on as if it had ended."""

    engine_name = "none"

    def __init__(self, reason: str = "") -> None:
        super().__init__(max_threads=1)
        self.reason = reason  # why there is no engine, for logs and `inclusion-app voices`

    def is_available(self) -> bool:
        return False

    def voices(self, lang: str | None = None) -> list[Voice]:
        return []

    def voice_for(self, lang: str) -> Voice | None:
        return None

    def render(self, text: str, lang: str, cacheable: bool = True) -> bytes | None:
        return None
