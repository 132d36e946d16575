#!/usr/bin/env bash
# Installs the Debian packages the program needs (speech, CJK fonts, Qt's libraries).
# As root it installs what is missing; otherwise it prints the one command to run.
set -eu
PKGS="espeak-ng pulseaudio fonts-noto-cjk libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
libxcb-cursor0 libxkbcommon-x11-0 libx11-xcb1 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libpulse0
xvfb xauth python3-venv"
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
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "sysdeps: missing system packages. Run this once, then try again:" >&2
    echo "    sudo apt-get install -y$missing" >&2
    exit 1
fi
