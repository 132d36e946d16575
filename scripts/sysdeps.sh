#!/usr/bin/env bash
# Installs the Debian packages the program needs (speech, CJK fonts, Qt's libraries: the list
# the .deb's Depends names too, packaging/debian/depends) and those developers and CI need
# (a sound server; Xvfb, openbox and jgmenu for screenshots; venv; binutils for `make package`;
# desktop-file-validate for its menu entries).
# As root it installs what is missing; otherwise it prints the one command to run.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
RUNTIME=$(grep -v '^#' "$here/packaging/debian/depends" | tr '\n' ' ')
PKGS="$RUNTIME pulseaudio xvfb xauth openbox jgmenu python3-venv binutils desktop-file-utils"
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "sysdeps: not a Debian system; install espeak-ng and a CJK font (Noto Sans CJK) yourself." >&2
    exit 0
fi
missing=""
for p in $PKGS; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "sysdeps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "sysdeps: missing system packages. Run this once, then try again:" >&2
    echo "    sudo apt-get install -y$missing" >&2
    exit 1
fi
