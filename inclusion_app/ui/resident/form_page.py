"""One question screen: the question as the heading, its hint, the input, Back and Continue.

The page shows what the engine's `Screen` says and reports what the person did; it never
moves through the form itself (the session does, through the controller). Continue and Back
sit at the bottom in the same place on every screen; Continue is on the right and Enter
presses it. A second press while Continue is acting, or a trembling double tap landing on
the next screen, is ignored.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import Screen, ScreenKind
from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.form_actions import ActionRow, big_button
from inclusion_app.ui.resident.inputs import InputWidget
from inclusion_app.ui.resident.question_block import WARNING, QuestionBlock
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame


class FormPage(PageFrame):
    """The question screen; `show_screen` rebuilds the middle, the frame stays put.

    Back, the step counter and Continue are the fixed action bar of a `PageFrame`, so they
    stay in view on the smallest screen at the largest text; the error summary is the first
    thing in the scrolling body, so it moves with the page instead of pushing it away."""

    continue_pressed = Signal()
    back_pressed = Signal()
    home_pressed = Signal()  # "Back to the start" on the first step: nothing is lost
    add_another_pressed = Signal()
    remove_pressed = Signal()  # "Remove this one" on a screen of a repeat the person grows
    answer_changed = Signal(str)  # the ref whose input changed: autosave after every answer
    file_wanted = Signal(object)  # a picture/file input asks for the session's file picker

    settle_ms = 400  # presses this soon after a new screen are the tail of a double tap

    def __init__(self, step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent, step)
        self.step = step
        self.error_frame = QFrame(self)
        theme.set_role(self.error_frame, "errorSummary")
        row = QHBoxLayout(self.error_frame)
        icon = QLabel(WARNING, self.error_frame)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(icon)
        self.error_summary = QLabel("", self.error_frame)
        self.error_summary.setWordWrap(True)
        self.error_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.error_summary.setObjectName("error_summary")
        self.error_summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row.addWidget(self.error_summary, 1)
        self.error_frame.hide()
        self.actions = ActionRow(step, self)
        self.back_button = big_button("", "secondary", "", self, step)
        self.back_button.setObjectName("back")
        policy = self.back_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # Continue never moves when Back is hidden
        self.back_button.setSizePolicy(policy)
        self.progress = controls.label("", "progress", self)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = big_button("", "primary", "", self, step)
        self.continue_button.setObjectName("continue")
        self.add_action(self.back_button)
        self.add_middle(self.progress)
        self.add_action(self.continue_button)
        self.back_button.clicked.connect(self._back)
        self.continue_button.clicked.connect(self._continue)
        self.blocks: list[QuestionBlock] = []
        self.heading: QLabel | None = None
        self.add_button = None
        self.remove_button = None
        self.screen: Screen | None = None
        self.first_step = False
        # Step 1's Back says "Back to the start" and goes home; a visit's later forms turn
        # this off (their first Back goes to the part before).
        self.home_on_first_step = True
        # (step, most steps there can be) from the session: a total that never grows
        self.count_steps: Callable[[], tuple[int, int]] | None = None
        self._shown_at = 0.0
        self._busy = False
        self._retitle_buttons()

    # -- building a screen -----------------------------------------------------------------
    def show_screen(self, screen: Screen, can_go_back: bool,
                    keep: dict[str, str] | None = None) -> None:
        """Build the middle of the page for a screen; `keep` restores typed text (language switch)."""
        self.screen = screen
        content = QWidget()
        content.setObjectName("page")
        spacing = theme.metrics(self.step).spacing_px
        layout = QVBoxLayout(content)
        layout.setContentsMargins(spacing * 2, spacing // 2, spacing * 2, spacing // 2)
        layout.setSpacing(spacing)
        layout.addWidget(self.error_frame)  # the summary scrolls with the page
        self.blocks, self.add_button, self.remove_button = [], None, None
        several = len(screen.questions) > 1
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            self._build_repeat_prompt(screen, layout, content)
        else:
            self.heading = None
            if screen.group_label:
                group = (controls.heading if several else controls.label)(screen.group_label, content)
                if not several:
                    theme.set_role(group, "subheading")
                layout.addWidget(group)
                self.heading = group if several else None
            for prompt in screen.questions:
                block = QuestionBlock(prompt, as_heading=not several, parent=content)
                if block.input is not None:
                    if keep and prompt.ref in keep:
                        block.input.set_value(keep[prompt.ref])
                    block.input.changed.connect(lambda r=prompt.ref: self.answer_changed.emit(r))
                    wanted = getattr(block.input, "file_wanted", None)
                    if wanted is not None:
                        wanted.connect(self.file_wanted.emit)
                layout.addWidget(block)
                self.blocks.append(block)
            if (not several or self.heading is None) and self.blocks:
                # A group without a label of its own: its first question leads the screen.
                self.heading = self.blocks[0].title
                self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                self.heading.setAccessibleDescription(self.blocks[0].prompt.hint
                                                      or self.blocks[0].prompt.label)
        if screen.kind is ScreenKind.QUESTIONS and screen.removable:
            self.remove_button = big_button(_("Remove this one"), "secondary",
                                            _("Remove it and all its answers, if it was added by mistake."),
                                            content, self.step)
            self.remove_button.setObjectName("remove_this_one")
            self.remove_button.clicked.connect(self._remove)
            layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.actions)
        old = self.set_body(content)  # the shared rows now belong to the new body
        if old is not None:
            old.deleteLater()
        self.actions.show()
        self.first_step = not can_go_back and self.home_on_first_step
        self.back_button.setVisible(can_go_back or self.home_on_first_step)
        step, total = self.count_steps() if self.count_steps else (screen.step, screen.total)
        progress = _("Step {step} of {total}").format(step=step, total=total) if total else ""
        self.progress.setText(progress)
        self.progress.setAccessibleName(progress)
        self._retitle_buttons()
        self.error_frame.hide()
        self._fix_tab_order()
        self._busy = False
        self.continue_button.setEnabled(True)
        self._shown_at = time.monotonic()
        first = self.first_field()
        if first is not None:  # typing works at once; the screen is read aloud all the same
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.heading is not None:
            self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()

    def first_field(self) -> QWidget | None:
        """The first answer field of the screen (a chosen card, the number box), if any."""
        for block in self.blocks:
            if block.input is not None and not block.prompt.readonly:
                target = block.input.focus_target()
                if target is not None and target.isEnabled():
                    return target
        return None

    def _build_repeat_prompt(self, screen: Screen, layout: QVBoxLayout, parent: QWidget) -> None:
        # The repeat's own label ("A receipt") names the thing; the question stays general, so
        # it reads well whatever the form author wrote, in either language.
        if screen.repeat_label:
            layout.addWidget(controls.label(screen.repeat_label, "subheading", parent))
        self.heading = controls.heading(_("Do you want to add another one?"), parent)
        layout.addWidget(self.heading)
        so_far = (_("You have added {count} so far ({what}).").format(
            count=screen.repeat_count, what=screen.repeat_label) if screen.repeat_label
            else _("You have added {count} so far.").format(count=screen.repeat_count))
        layout.addWidget(controls.label(so_far, "body", parent))
        self.add_button = big_button(_("Yes, add another"), "secondary",
                                     _("Add one more, then answer its questions."), parent, self.step)
        self.add_button.setObjectName("add_another")
        self.add_button.clicked.connect(self._add_another)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _retitle_buttons(self) -> None:
        repeat = self.screen is not None and self.screen.kind is ScreenKind.REPEAT_PROMPT
        controls.retitle(self.continue_button, _("No, continue") if repeat else _("Continue"),
                         _("Go to the next question."))
        if self.first_step:
            controls.retitle(self.back_button, _("Back to the start"),
                             _("Go back to the first screen. Your answers are kept."))
        else:
            controls.retitle(self.back_button, _("Back"), _("Go back to the question before."))

    def _fix_tab_order(self, after_error: bool = False) -> None:
        """Heading, the answers, then Continue, Back, Show more and the side actions. After
        an error the summary leads and the heading closes the round, so Tab goes from the
        summary through the answers in screen order (Day, Month, Year), never back up."""
        fields: list[QWidget] = []
        for block in self.blocks:
            if block.input is not None:
                fields += [w for w in block.input.findChildren(QWidget)
                           if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        if self.add_button is not None:
            fields.append(self.add_button)
        if self.remove_button is not None:
            fields.append(self.remove_button)
        buttons = [self.continue_button, self.back_button, self.show_more, self.actions.save,
                   self.actions.restart, self.actions.help]
        heading = [self.heading] if self.heading is not None else []
        chain = ([self.error_summary, *fields, *buttons, *heading] if after_error
                 else [*heading, *fields, *buttons])
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- what the person does ---------------------------------------------------------------
    def _settled(self) -> bool:
        """False while Continue is acting or a moment after a new screen (double-tap guard)."""
        return not self._busy and (time.monotonic() - self._shown_at) * 1000 >= self.settle_ms

    def _continue(self) -> None:
        if not self._settled():
            return
        self._busy = True
        self.continue_button.setEnabled(False)  # re-enabled by the next screen or an error
        self.continue_pressed.emit()

    def _back(self) -> None:
        if self._settled():
            (self.home_pressed if self.first_step else self.back_pressed).emit()

    def _remove(self) -> None:
        if self._settled():
            self.remove_pressed.emit()

    def _add_another(self) -> None:
        if self._settled():
            self._busy = True
            self.add_another_pressed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter anywhere on the page (outside a multi-line box) presses Continue."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.continue_button.isVisible():
            if not event.isAutoRepeat():  # a key held down must not run through the form
                self.continue_button.animateClick()
            return
        super().keyPressEvent(event)

    # -- answers and errors -----------------------------------------------------------------
    def inputs(self) -> dict[str, InputWidget]:
        return {b.prompt.ref: b.input for b in self.blocks if b.input is not None}

    def values(self) -> dict[str, str]:
        return {ref: widget.value() for ref, widget in self.inputs().items()}

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """Summary at the top (takes the focus), the same words beside each field."""
        by_ref = dict(errors)
        for block in self.blocks:
            block.set_error(by_ref.get(block.prompt.ref, ""))
        messages = [message for _ref, message in errors if message]
        self.error_summary.setText("\n".join(messages))
        self.error_summary.setAccessibleName(" ".join(messages))
        self.error_summary.setAccessibleDescription(_("There is a problem with your answer."))
        self.error_frame.setVisible(bool(messages))
        self._busy = False
        self.continue_button.setEnabled(True)
        if messages:
            self._fix_tab_order(after_error=True)
            self.error_summary.setFocus(Qt.FocusReason.OtherFocusReason)
            self.refit()  # the summary is at the top of the body; the answers may rearrange
            self._show_answer_under_error(by_ref)

    def _show_answer_under_error(self, by_ref: dict[str, str]) -> None:
        """If the summary and the question push the answer itself out of view (large text,
        short screen), scroll so the words beside the field lead the view and the answer
        follows; the summary is just above, one scroll away (and it has the focus)."""
        block = next((b for b in self.blocks if b.prompt.ref in by_ref and b.input), None)
        if block is None or self.body is None:
            return
        field = block.input.focus_target() or block.input
        view_h = self.scroll.viewport().height()
        field_top = field.mapTo(self.body, field.rect().topLeft()).y()
        if field_top + min(field.height(), view_h // 3) > view_h:
            anchor = block.error if block.error.isVisible() else field
            self.scroll.verticalScrollBar().setValue(anchor.mapTo(self.body, anchor.rect()
                                                                  .topLeft()).y())

    def retranslate(self) -> None:
        self._retitle_buttons()
        self.actions.retranslate()
        self.retranslate_frame()
