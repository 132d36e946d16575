"""The one styling mechanism: a global stylesheet generated from text-size step and theme.

Widgets never set fonts or colours themselves; they set a dynamic property `role` (see
`set_role`) and the stylesheet styles each role. `colors()` returns the exact palette the
stylesheet uses, so accessibility tests compute contrast from what is actually applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from inclusion_app import fonts
from inclusion_app.settings import TEXT_SIZE_STEPS

# A Latin sans first, then the CJK family named explicitly: Qt's own fallback picked
# WenQuanYi even with Noto present, so the preferred Chinese face must be listed.
FONT_FAMILIES = ("Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
# The compact Chinese face (inclusion_app/fonts.py) once registered; None: not tried yet.
_compact: tuple[str, ...] | None = None


def register_fonts() -> None:
    """Make the compact copy of the Chinese face known to Qt, once, if `make setup` built it.

    It draws the same glyphs as the system face for far less memory; a character it lacks
    falls through to the full face, which stays listed after it."""
    global _compact
    if _compact is not None:
        return
    from PySide6.QtGui import QFontDatabase

    added = [QFontDatabase.addApplicationFont(str(path)) >= 0 for path in fonts.built()]
    _compact = (fonts.FAMILY,) if any(added) else ()


def font_families(lang: str | None = None) -> list[str]:
    """The families in order of preference: Latin first, then the compact Chinese face.

    In the Chinese view the Chinese faces come first, so punctuation both scripts share
    (“ ” ‘ ’ …) is drawn full width, as Chinese writes it, not as narrow Latin marks."""
    latin, cjk = FONT_FAMILIES[:2], FONT_FAMILIES[2:]
    if lang == "zh":
        return [*(_compact or ()), *cjk, *latin]
    return [*latin, *(_compact or ()), *cjk]

# Body text per step, in points: 22 pt (above the 18 pt age-friendly minimum) up to 2x.
BODY_PT = (22, 26, 30, 35, 40, 44)

ROLES = (
    "heading", "subheading", "body", "hint", "optional", "error", "errorSummary", "progress",
    "primary", "secondary", "danger", "card", "tile", "numpad", "field", "reference", "small",
    "toolbar", "practice",
)
# Roles that are the main targets of a screen: at least 64x64 px at the smallest size.
MAIN_TARGET_ROLES = frozenset({"primary", "secondary", "danger", "card", "tile", "numpad"})


@dataclass(frozen=True)
class Metrics:
    """Numbers for layout code that needs them (spacing, icon sizes); fonts come from the QSS."""

    step: int
    body_pt: int
    heading_pt: int
    subheading_pt: int
    hint_pt: int
    small_pt: int
    toolbar_pt: int  # the top bar stays one row at every size: capped, never below body step 0
    reference_pt: int
    min_target_px: int  # main targets (Continue, Back, cards, tiles, number keys)
    other_target_px: int  # everything else focusable
    spacing_px: int
    radius_px: int
    focus_px: int
    icon_px: int
    line_height: float  # used where Qt allows it (rich-text labels)


def metrics(step: int = 0) -> Metrics:
    """Sizes for a text-size step 0..5; targets grow with the text so icons never lag behind."""
    step = max(0, min(TEXT_SIZE_STEPS - 1, int(step)))
    body = BODY_PT[step]
    scale = body / BODY_PT[0]
    return Metrics(
        step=step,
        body_pt=body,
        heading_pt=round(body * 1.3),
        subheading_pt=round(body * 1.1),
        hint_pt=body,  # hints stay full size: small grey text is what elders cannot read
        small_pt=max(16, round(body * 0.75)),
        toolbar_pt=min(body, 28),
        reference_pt=min(round(body * 1.8), 64),  # the whole code stays on a 768 px screen
        # Minimum content heights; larger text makes controls grow on its own, and a fixed
        # floor keeps a 768 px screen from filling with chrome at the largest size.
        min_target_px=72,
        other_target_px=48,
        spacing_px=round(16 * scale),
        radius_px=10,
        focus_px=4,
        icon_px=round(48 * scale),
        line_height=1.35,
    )


@dataclass(frozen=True)
class Colors:
    """Every colour the stylesheet uses; each text/background pair is at least 7:1."""

    window: str
    text: str
    hint: str
    surface: str  # cards, tiles, fields
    border: str
    primary_bg: str
    primary_text: str
    secondary_bg: str
    secondary_text: str
    danger_bg: str
    danger_text: str
    error_text: str
    error_bg: str
    checked_bg: str
    checked_text: str
    checked_border: str
    focus_bg: str
    focus_text: str
    focus_border: str
    focus_ring: str  # cards and tiles: a thick dashed ring, colours of the text unchanged
    help_bg: str
    help_text: str
    disabled_text: str
    selection_bg: str
    selection_text: str
    practice_bg: str  # the practice band: a colour no real screen uses, beside the words
    practice_text: str


DEFAULT = Colors(
    window="#FAF8F2", text="#1A1A1A", hint="#3A3A3A", surface="#FFFFFF", border="#4A4A4A",
    primary_bg="#0B5A2B", primary_text="#FFFFFF",
    secondary_bg="#FFFFFF", secondary_text="#1A1A1A",
    danger_bg="#FFFFFF", danger_text="#8A1010",
    error_text="#8A1010", error_bg="#FDEEEE",
    checked_bg="#E6EEFB", checked_text="#1A1A1A", checked_border="#0B3D91",
    focus_bg="#FFDD00", focus_text="#0B0C0C", focus_border="#0B0C0C", focus_ring="#0B0C0C",
    help_bg="#FFDD00", help_text="#0B0C0C",
    disabled_text="#4D4D4D",
    selection_bg="#0B3D91", selection_text="#FFFFFF",
    practice_bg="#EDE4F7", practice_text="#3B1466",
)

HIGH_CONTRAST = Colors(
    window="#000000", text="#FFFFFF", hint="#F0F0F0", surface="#000000", border="#FFFFFF",
    primary_bg="#FFFF00", primary_text="#000000",
    secondary_bg="#000000", secondary_text="#FFFFFF",
    danger_bg="#000000", danger_text="#FFB0B0",
    error_text="#FFB0B0", error_bg="#000000",
    checked_bg="#00245A", checked_text="#FFFFFF", checked_border="#FFFF00",
    focus_bg="#00FFFF", focus_text="#000000", focus_border="#FFFFFF", focus_ring="#00FFFF",
    help_bg="#FFFF00", help_text="#000000",
    disabled_text="#C8C8C8",
    selection_bg="#FFFF00", selection_text="#000000",
    practice_bg="#2A0A4A", practice_text="#FFFFFF",
)


def colors(high_contrast: bool = False) -> Colors:
    """The palette the stylesheet is generated from."""
    return HIGH_CONTRAST if high_contrast else DEFAULT


def role_colors(role: str | None, high_contrast: bool = False, checked: bool = False,
                focused: bool = False) -> tuple[str, str]:
    """(text, background) the stylesheet gives a role in a state: what contrast tests measure."""
    c = colors(high_contrast)
    ringed = role in ("card", "tile")  # focus shown by a dashed ring; colours unchanged
    if focused and not ringed:
        return c.focus_text, c.focus_bg
    if ringed and checked:
        return c.checked_text, c.checked_bg
    table = {
        "hint": (c.hint, c.window),
        "optional": (c.hint, c.window),
        "error": (c.error_text, c.window),
        "errorSummary": (c.error_text, c.error_bg),
        "primary": (c.primary_text, c.primary_bg),
        "secondary": (c.secondary_text, c.secondary_bg),
        "toolbar": (c.secondary_text, c.secondary_bg),
        "small": (c.secondary_text, c.secondary_bg),
        "danger": (c.danger_text, c.danger_bg),
        "card": (c.text, c.surface),
        "tile": (c.text, c.surface),
        "numpad": (c.text, c.surface),
        "field": (c.text, c.surface),
        "help": (c.help_text, c.help_bg),
        "practice": (c.practice_text, c.practice_bg),
    }
    return table.get(role or "", (c.text, c.window))


def font_family_css(lang: str | None = None) -> str:
    return ", ".join(f'"{name}"' for name in font_families(lang))


def stylesheet(step: int = 0, high_contrast: bool = False, lang: str | None = None) -> str:
    """The whole application stylesheet for a text-size step and theme."""
    m = metrics(step)
    c = colors(high_contrast)
    button = f"""
        border: 3px solid {c.border}; border-radius: {m.radius_px}px;
        padding: {m.spacing_px // 2}px {m.spacing_px}px; font-size: {m.body_pt}pt;"""
    focus = f"""
        background: {c.focus_bg}; color: {c.focus_text};
        border: {m.focus_px + 1}px solid {c.focus_border};"""
    size_samples = "\n".join(
        f'QLabel[sizeSample="{i}"] {{ font-size: {pt}pt; font-weight: bold; }}'
        for i, pt in enumerate(BODY_PT))
    return f"""
* {{ font-family: {font_family_css(lang)}; font-size: {m.body_pt}pt; color: {c.text}; }}
QMainWindow, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget, QDialog,
QWidget#page {{ background: {c.window}; }}
QLabel {{ background: transparent; }}
QLabel[role="heading"] {{ font-size: {m.heading_pt}pt; font-weight: bold;
    padding-left: 8px; padding-right: 8px; }}
QLabel[role="subheading"] {{ font-size: {m.subheading_pt}pt; font-weight: bold; }}
QLabel[role="hint"], QLabel[role="optional"], QLabel[role="progress"] {{
    font-size: {m.hint_pt}pt; color: {c.hint}; }}
QLabel[role="progress"][inBar="true"] {{ font-size: {m.toolbar_pt}pt; }}
QLabel[role="error"] {{ color: {c.error_text}; font-weight: bold;
    border-left: 8px solid {c.error_text}; padding-left: {m.spacing_px}px; }}
QLabel[role="errorSummary"], QFrame[role="errorSummary"] {{ color: {c.error_text};
    background: {c.error_bg}; border: 5px solid {c.error_text}; padding: {m.spacing_px}px;
    font-weight: bold; }}
QFrame[role="errorSummary"] QLabel {{ color: {c.error_text}; }}
QLabel[role="reference"] {{ font-size: {m.reference_pt}pt; font-weight: bold;
    font-family: "DejaVu Sans Mono", "Noto Sans Mono"; background: {c.surface};
    border: 3px solid {c.border}; padding: {m.spacing_px // 2}px; }}
QLabel:focus {{ border: {m.focus_px}px solid {c.checked_border}; }}
QPushButton, QToolButton {{ {button}
    background: {c.secondary_bg}; color: {c.secondary_text};
    min-height: {m.other_target_px}px; min-width: {m.other_target_px}px; }}
QPushButton[role="primary"] {{ background: {c.primary_bg}; color: {c.primary_text};
    border-color: {c.primary_bg}; font-weight: bold;
    min-height: {m.min_target_px}px; min-width: {m.min_target_px * 2}px; }}
QPushButton[role="secondary"], QPushButton[role="danger"] {{
    min-height: {m.min_target_px}px; min-width: {m.min_target_px}px; }}
QPushButton[role="danger"] {{ color: {c.danger_text}; background: {c.danger_bg};
    border-color: {c.danger_text}; }}
QPushButton[role="card"], QToolButton[role="card"] {{ background: {c.surface};
    color: {c.text}; text-align: left; min-height: {m.min_target_px}px;
    min-width: {m.min_target_px}px; padding: {m.spacing_px // 2}px; }}
QPushButton[role="card"]:checked, QToolButton[role="card"]:checked {{
    background: {c.checked_bg}; color: {c.checked_text};
    border: {m.focus_px + 3}px solid {c.checked_border}; }}
QPushButton[role="tile"], QToolButton[role="tile"] {{ background: {c.surface};
    color: {c.text}; min-height: {m.min_target_px + 24}px; min-width: {m.min_target_px * 3}px;
    padding: {m.spacing_px}px; font-weight: bold; font-size: {m.heading_pt}pt; }}
QPushButton[role="numpad"] {{ background: {c.surface}; font-size: {m.heading_pt}pt;
    min-height: {m.min_target_px}px; min-width: {m.min_target_px}px; font-weight: bold; }}
QPushButton[role="numpad"][compact="true"] {{ font-size: {min(m.body_pt, 32)}pt;
    min-height: 64px; min-width: 64px; padding: 0px; }}
QPushButton[role="toolbar"], QToolButton[role="toolbar"] {{ font-size: {m.toolbar_pt}pt;
    min-height: {m.min_target_px - 16}px; min-width: {m.min_target_px - 16}px;
    padding: 4px 12px; }}
QPushButton[role="toolbar"][narrow="true"] {{ font-size: {min(m.toolbar_pt, 20)}pt;
    padding: 2px 6px; }}
QPushButton[role="toolbar"]:checked {{ background: {c.checked_bg}; color: {c.checked_text};
    border: {m.focus_px + 1}px solid {c.checked_border}; font-weight: bold; }}
QPushButton[role="small"] {{ font-size: {m.small_pt}pt; border-width: 2px;
    min-height: {m.other_target_px}px; min-width: {m.other_target_px}px; }}
QPushButton:focus, QToolButton:focus {{ {focus} }}
QPushButton[role="card"]:focus, QPushButton[role="tile"]:focus {{ background: {c.surface};
    color: {c.text}; border: {m.focus_px + 3}px dashed {c.focus_ring}; }}
QPushButton[role="card"]:checked:focus {{ background: {c.checked_bg}; }}
QPushButton:disabled {{ color: {c.disabled_text}; border-style: dashed; }}
QLineEdit, QSpinBox, QPlainTextEdit, QTextEdit, QComboBox {{ background: {c.surface};
    color: {c.text}; border: 3px solid {c.border}; border-radius: 6px;
    padding: {m.spacing_px // 2}px; min-height: {m.other_target_px}px;
    selection-background-color: {c.selection_bg}; selection-color: {c.selection_text}; }}
QLineEdit:focus, QSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {{
    border: {m.focus_px + 2}px solid {c.checked_border}; background: {c.surface};
    outline: none; }}
QCheckBox, QRadioButton {{ spacing: {m.spacing_px}px; min-height: {m.other_target_px}px;
    padding: 4px; border: {m.focus_px}px solid transparent; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: {m.icon_px // 2 + 8}px; height: {m.icon_px // 2 + 8}px; }}
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{
    border: {m.focus_px}px solid {c.focus_border}; background: {c.focus_bg};
    color: {c.focus_text}; }}
QSlider {{ min-height: {m.other_target_px}px; }}
QSlider::groove:horizontal {{ height: 12px; background: {c.border}; border-radius: 6px; }}
QSlider::handle:horizontal {{ background: {c.primary_bg}; border: 3px solid {c.border};
    width: {m.other_target_px // 2 + 8}px; margin: -{m.other_target_px // 4}px 0;
    border-radius: 8px; }}
QProgressBar {{ background: {c.surface}; border: 3px solid {c.border}; border-radius: 6px;
    min-height: {m.other_target_px // 2}px; }}
QProgressBar::chunk {{ background: {c.primary_bg}; }}
QLabel[role="practice"] {{ background: {c.practice_bg}; color: {c.practice_text};
    font-weight: bold; padding: {m.spacing_px // 2}px {m.spacing_px}px;
    border-bottom: 4px dashed {c.practice_text}; }}
QFrame[role="toolbar"] {{ background: {c.window}; border-bottom: 3px solid {c.border}; }}
QFrame[role="help"], QLabel[role="help"] {{ background: {c.help_bg}; color: {c.help_text};
    border: 8px solid {c.help_text}; font-size: {m.heading_pt}pt; font-weight: bold; }}
QFrame[role="help"] QLabel {{ color: {c.help_text}; }}
QFrame[role="help"] QLabel[role="heading"] {{ font-size: {min(m.heading_pt * 2, 96)}pt; }}
QScrollBar:vertical {{ width: {m.other_target_px // 2 + 4}px; background: {c.window}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0px; width: 0px; }}
QScrollBar::handle:vertical {{ background: {c.border}; min-height: 40px; border-radius: 6px; }}
{size_samples}
QToolTip {{ color: {c.text}; background: {c.surface}; border: 2px solid {c.border}; }}
"""


def app_font(lang: str | None = None) -> QFont:
    """Family only: the size always comes from the stylesheet (one mechanism, no fights)."""
    font = QFont()
    font.setFamilies(font_families(lang))
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def apply(app: QApplication, step: int = 0, high_contrast: bool = False) -> None:
    """Install the stylesheet app-wide; every widget restyles itself at once."""
    from inclusion_app import i18n

    register_fonts()
    lang = i18n.current_language()
    app.setFont(app_font(lang))
    app.setStyleSheet(stylesheet(step, high_contrast, lang))


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget a role and re-polish it so a role set after show() takes effect."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
