"""The system parts the program needs are present: their absence fails the run, never skips it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest


@pytest.mark.skipif(sys.platform != "linux", reason="Debian packages are checked on Linux only")
def test_espeak_ng_is_installed() -> None:
    """Speech on Linux needs espeak-ng; scripts/sysdeps.sh installs it."""
    exe = shutil.which("espeak-ng")
    assert exe, "espeak-ng is missing: run `make test` as root or `sudo apt-get install espeak-ng`"
    out = subprocess.run([exe, "--voices=cmn"], capture_output=True, text=True, timeout=30)
    assert "cmn" in out.stdout, "espeak-ng has no Mandarin voice"


@pytest.mark.skipif(sys.platform != "linux", reason="fontconfig is checked on Linux only")
def test_a_cjk_font_is_installed() -> None:
    """Chinese renders as boxes without a CJK font; Noto Sans CJK is the one the theme names."""
    fc_list = shutil.which("fc-list")
    assert fc_list, "fontconfig is missing"
    out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    assert "Noto Sans CJK SC" in out.stdout, "fonts-noto-cjk is missing: sudo apt-get install fonts-noto-cjk"
