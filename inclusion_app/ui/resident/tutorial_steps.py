"""The words of the guided tutorial: one step per screen, for someone who never used a computer.

Each step says what to do, waits for the person to do it (never for a clock), and praises.
Steps are data, so the page (tutorial_page.py) stays about showing and listening, and a trainer
reading this file sees the whole lesson.
"""

from __future__ import annotations

from dataclasses import dataclass

from inclusion_app.i18n import N_, _


@dataclass(frozen=True)
class Step:
    """`task` is what the page builds for the person to do; `events` are outside actions that
    complete it (the top bar's buttons, Back); `answer` is the text a box must hold."""

    key: str
    heading: str
    body: str
    task: str = ""  # "", "button", "click", "word", "number", "back", "event", "help"
    label: str = ""  # the task's button text
    events: tuple[str, ...] = ()
    answer: str = ""
    praise: str = N_("Well done!")


STEPS: tuple[Step, ...] = (
    Step("welcome", N_("Learning to use this computer"),
         N_("This short lesson shows you, one step at a time, how to use this computer. "
            "Take all the time you need. Nothing here is kept or sent. "
            "When you are ready, press Continue at the bottom right.")),
    Step("button", N_("This is a button"),
         N_("A button is a box with words on it. When you press it, something happens. "
            "Press the button below that says \u201cPress me\u201d."),
         task="button", label=N_("Press me"),
         praise=N_("Well done! You pressed a button. Now press Continue.")),
    Step("click", N_("Pressing with a finger or the mouse"),
         N_("On a touch screen, touch the button once with one finger. With a mouse, move the "
            "arrow onto the button, then press the left mouse button once. Try it on the button "
            "below."),
         task="click", label=N_("Touch or click me"),
         praise=N_("Very good! That is how you press any button. Now press Continue.")),
    Step("word", N_("Typing a word"),
         N_("Touch or click the white box, then type any word on the keyboard, for example "
            "your family name."),
         task="word",
         praise=N_("Well done! You typed a word. Now press Continue.")),
    Step("number", N_("Typing a number"),
         N_("Type the number 60 in the white box. You can use the number keys on the keyboard."),
         task="number", answer="60",
         praise=N_("That is right: 60. Now press Continue.")),
    Step("back", N_("Going back"),
         N_("The Back button, at the bottom left, takes you one step back. On a form, your "
            "answers stay when you go back. Press Back now."),
         task="back", events=("back",),
         praise=N_("Well done! That is how you go back. Now press Continue.")),
    Step("bigger", N_("Making the text bigger"),
         N_("At the top left is the button \u201cText size and settings\u201d. Press it, choose a "
            "bigger size, then press Done to come back here."),
         task="event", events=("settings",),
         praise=N_("Very good! You can change the text size whenever you like. Now press Continue.")),
    Step("again", N_("Hearing it again"),
         N_("At the top right, \u201cRead again\u201d reads the screen aloud once more. If the "
            "voice is off, press \u201cVoice\u201d first to turn it on. Press \u201cRead again\u201d now."),
         task="event", events=("read_again", "voice"),
         praise=N_("Well done! Now press Continue.")),
    Step("help", N_("Asking for help"),
         N_("If you are stuck, press \u201cAsk a volunteer for help\u201d. A large sign shows, so a "
            "helper comes to you. Press it now, and close the sign when you have seen it."),
         task="help", label=N_("Ask a volunteer for help"),
         praise=N_("Very good! Someone will always help you. Now press Continue.")),
    Step("done", N_("You have finished the lesson"),
         N_("Well done! You can press buttons, type, go back, make the text bigger, hear a "
            "screen again and ask for help. That is all you need to fill in a form here.")),
)


def step_text(step: Step) -> tuple[str, str, str]:
    """(heading, body, praise) in the current language."""
    return _(step.heading), _(step.body), _(step.praise)


def not_yet(step: Step) -> str:
    """What Continue says before the task is done: the task again, kindly."""
    return _("First, please do what the screen asks: {task}").format(task=_(step.body))
