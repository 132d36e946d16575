"""The theme: sizes per text step, contrast of every role in both themes, one styling mechanism."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls
from tests.ui import a11y


def test_body_text_starts_at_22pt_and_reaches_twice_that() -> None:
    """Step 0 body text is 22 pt; the largest step is at least 44 pt; six steps in all."""
    assert theme.metrics(0).body_pt == 22
    assert theme.metrics(5).body_pt >= 44
    sizes = [theme.metrics(s).body_pt for s in range(6)]
    assert sizes == sorted(set(sizes))


def test_targets_and_focus_frame_meet_the_minimums() -> None:
    """Main targets at least 64 px, others 44 px, focus frame at least 3 px, line height 1.3+."""
    for step in range(6):
        m = theme.metrics(step)
        assert m.min_target_px >= 64 and m.other_target_px >= 44
        assert m.focus_px >= 3 and m.line_height >= 1.3


@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_role_has_seven_to_one_contrast(high_contrast: bool) -> None:
    """Every role, checked or not, focused or not, is at least 7:1 in both themes."""
    for role in (*theme.ROLES, "help", None):
        for checked in (False, True):
            for focused in (False, True):
                fg, bg = theme.role_colors(role, high_contrast, checked, focused)
                assert a11y.contrast_ratio(fg, bg) >= 7, (role, checked, focused, fg, bg)


def test_stylesheet_uses_only_palette_colours() -> None:
    """No colour sneaks into the stylesheet that the contrast checks do not know about."""
    import re

    for hc in (False, True):
        sheet = theme.stylesheet(0, hc)
        palette = {v.upper() for v in vars(theme.colors(hc)).values()}
        used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}", sheet)}
        assert used <= palette, used - palette


def test_stylesheet_names_the_cjk_font_after_a_latin_sans() -> None:
    """The Chinese face is named explicitly, after a Latin sans-serif."""
    families = list(theme.FONT_FAMILIES)
    assert "Noto Sans CJK SC" in families
    assert families.index("DejaVu Sans") < families.index("Noto Sans CJK SC")
    assert '"Noto Sans CJK SC"' in theme.stylesheet(0)


def _faces_drawing(text: str, font) -> list[str]:  # noqa: ANN001
    """The font families Qt really draws a text with, after its fallback, run by run."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [run.rawFont().familyName() for run in layout.glyphRuns()]


def test_chinese_is_drawn_with_the_compact_face_and_rare_characters_fall_back(
        qapp: QApplication) -> None:
    """The compact copy (inclusion_app/fonts.py) draws everyday Chinese; a character it lacks
    is still drawn, by the full system face; Latin keeps its Latin sans."""
    from inclusion_app import fonts

    theme.apply(qapp, 0)
    try:
        families = theme.font_families()
        assert families.index(fonts.FAMILY) < families.index("Noto Sans CJK SC")
        assert f'"{fonts.FAMILY}"' in theme.stylesheet(0)
        font = theme.app_font()
        font.setPointSize(22)
        assert _faces_drawing("您好，请选您要办的事", font) == [fonts.FAMILY]
        assert _faces_drawing("龘", font) == ["Noto Sans CJK SC"]
        assert _faces_drawing("Hello", font) == ["DejaVu Sans"]
    finally:
        qapp.setStyleSheet("")


def test_roles_change_the_rendered_font_size_live(qtbot, qapp: QApplication) -> None:
    """Applying a larger step restyles an existing heading at once, with no setFont calls."""
    heading = controls.heading("标题 Heading")
    qtbot.addWidget(heading)
    heading.show()
    try:
        theme.apply(qapp, 0)
        small = QFontInfo(heading.font()).pointSizeF()
        theme.apply(qapp, 5)
        large = QFontInfo(heading.font()).pointSizeF()
    finally:
        qapp.setStyleSheet("")
    assert small == pytest.approx(theme.metrics(0).heading_pt, abs=1)
    assert large == pytest.approx(theme.metrics(5).heading_pt, abs=1)


def test_set_role_after_show_takes_effect(qtbot, qapp: QApplication) -> None:
    """A role given after the widget is shown still restyles it (re-polish)."""
    theme.apply(qapp, 0)
    try:
        button = QPushButton("Go")
        qtbot.addWidget(button)
        button.show()
        before = button.sizeHint().height()
        theme.set_role(button, "primary")
        assert button.sizeHint().height() > before
        assert button.property("role") == "primary"
    finally:
        qapp.setStyleSheet("")


def test_main_buttons_are_at_least_64px_at_step_0(qtbot, qapp: QApplication) -> None:
    """Primary, secondary, danger, card and toolbar buttons are all at least 64x64 px."""
    theme.apply(qapp, 0)
    try:
        for role in ("primary", "secondary", "danger", "toolbar"):
            b = controls.button("OK", role, "desc")
            qtbot.addWidget(b)
            b.show()
            assert b.height() >= 64 and b.width() >= 64, role
        card = controls.Card("是", "desc")
        qtbot.addWidget(card)
        card.show()
        assert card.height() >= 64
    finally:
        qapp.setStyleSheet("")


def test_card_shows_a_tick_when_checked_not_only_colour(qtbot) -> None:
    """The checked card's tick box picture differs from the unchecked one."""
    card = controls.Card("是", "desc")
    qtbot.addWidget(card)
    off = card.tick.pixmap().toImage()
    card.setChecked(True)
    on = card.tick.pixmap().toImage()
    assert off != on


def test_label_factory_wraps_and_names(qtbot) -> None:
    """Labels wrap, are plain text (no accidental HTML) and carry an accessible name."""
    lab = controls.label("<b>1 < 2</b>", "hint")
    qtbot.addWidget(lab)
    assert isinstance(lab, QLabel) and lab.wordWrap()
    assert lab.accessibleName() == "<b>1 < 2</b>" == lab.plain_text()
    assert "&lt;b&gt;" in lab.text()  # shown literally, never as bold HTML
    assert lab.property("role") == "hint"


def test_wrapped_lines_are_spaced_at_least_1_3(qtbot, qapp: QApplication) -> None:
    """Ten wrapped lines of Latin text take at least 1.3 x the font size each."""
    from PySide6.QtGui import QFontInfo

    theme.apply(qapp, 0)
    try:
        lab = controls.label("Hello world, this is a line. " * 30, "body")
        qtbot.addWidget(lab)
        lab.show()
        px = QFontInfo(lab.font()).pixelSize()
        plain = QLabel(lab.plain_text())
        plain.setWordWrap(True)
        qtbot.addWidget(plain)
        plain.show()
        lines = plain.heightForWidth(400) / plain.fontMetrics().lineSpacing()
        assert lab.heightForWidth(400) / lines >= 1.3 * px
    finally:
        qapp.setStyleSheet("")


def test_icons_exist_for_every_shipped_form_and_shell_action() -> None:
    """A drawn pictogram for each shipped form id and each shell button."""
    from inclusion_app.paths import shipped_forms_dir

    names = [p.stem for p in shipped_forms_dir().glob("*.md")]
    names += ["form", "settings", "speaker", "voice_on", "voice_off", "help", "volunteer",
              "back", "continue", "home", "print"]
    for name in names:
        assert (controls.ICONS / f"{name}.svg").is_file(), name
    assert controls.icon_path("no_such_form").name == "form.svg"


def test_icons_take_the_theme_colour(qtbot) -> None:
    """Recoloured icons really use the requested ink (white icon on black in high contrast)."""
    image = controls.icon("home", "#FFFFFF", 64).pixmap(64, 64).toImage()
    inks = {image.pixelColor(x, y).name() for x in range(64) for y in range(64)
            if image.pixelColor(x, y).alpha() == 255}
    assert inks == {"#ffffff"}
