"""The PySide6 desktop program: the only package that imports Qt.

A newcomer finds things by folder: `resident/` holds the pages a resident sees (and `inputs/`,
one widget per kind of answer), `volunteer/` the corner behind the PIN, `widgets/` the pieces
every page shares, `services/` the background work the window owns (speech, sound, uploads,
autosave). `app.py` builds the world, `main_window.py` switches pages, `theme.py` draws them.
"""
