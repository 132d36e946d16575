"""Uploads to OpenRosa servers and JSON endpoints. No Qt.

httpx's package imports its own command-line client whenever click, rich and pygments are
installed (the developer tools bring them): about 80 modules and 4 MiB in the window's
process, for a command this program never runs. A None in sys.modules is Python's way of
saying "this module is not here": httpx then skips it, exactly as when those are absent.
Every module of this package imports httpx after this file has run.
"""

import sys

sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
