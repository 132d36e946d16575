"""Looking ahead in a form: the next screens (for speech) and whether a screen still needs answers."""

from __future__ import annotations

from typing import Any

from inclusion_app.engine.prompt import Screen, ScreenKind


def upcoming_screens(controller: Any, index: tuple[int, ...], count: int) -> list[Screen]:
    """Up to `count` relevant screens after `index`, found through the review's jump targets;
    the controller is put back on `index` whatever happens."""
    targets: list[tuple[int, ...]] = []
    seen_current = False
    for row in controller.review():
        if row.index == index:
            seen_current = True
        elif seen_current and row.index not in targets:
            targets.append(row.index)
        if len(targets) >= count:
            break
    screens: list[Screen] = []
    try:
        for target in targets:
            controller.jump(target)
            screens.append(controller.screen)
    finally:
        controller.jump(index)
    return screens


def needs_answer(screen: Screen) -> bool:
    """True when a question on the screen is required, answerable here and still empty."""
    return screen.kind is ScreenKind.QUESTIONS and any(
        q.required and q.supported and not q.readonly and not q.answer for q in screen.questions)
