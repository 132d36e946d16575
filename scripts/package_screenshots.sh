#!/usr/bin/env bash
# docs/screenshots/package-*.png: the installed package's menu entries and the kiosk session,
# on a virtual screen (Xvfb) with a real window manager (openbox) and menu (jgmenu, which reads
# the .desktop files as any desktop's menu does). Run as root after `make package`; it installs
# dist/'s package if it is not installed and purges it again afterwards.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/docs/screenshots"
py="$here/.venv/bin/python"
deb=$(ls "$here"/dist/inclusion-app_*.deb | tail -1)
work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
pids=()
installed_here=0
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    if [ "$installed_here" = 1 ]; then apt-get purge -y -q inclusion-app >/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
if ! dpkg-query -W -f='${Status}' inclusion-app 2>/dev/null | grep -q "install ok installed"; then
    apt-get install -y -q --no-install-recommends "$deb" >/dev/null
    installed_here=1
fi
grab() {  # the virtual screen, window manager and all; $2: x,y,w,h of a part (else all)
    DISPLAY=$display "$py" -c "
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
part = [int(n) for n in sys.argv[2].split(',')] if len(sys.argv) > 2 else []
app.primaryScreen().grabWindow(0, *part).save(sys.argv[1])" "$@"
    echo "wrote $1"
}
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 & pids+=($!)
sleep 1
menu() {  # $1 language, $2 submenu tag, $3 file
    mkdir -p "$work/$3"; HOME="$work/$3" DISPLAY=$display LANG=$1 jgmenu --csv-cmd="jgmenu_run apps" \
        --checkout="$2" --at-pointer >/dev/null 2>&1 & local pid=$!
    sleep 3
    grab "$out/$3" 583,334,500,200  # the menu opens at the pointer, mid-screen
    kill $pid 2>/dev/null || true
}
menu zh_CN.UTF-8 apps-dir-Accessories package-menu-zh.png
menu zh_CN.UTF-8 apps-dir-Settings package-menu-setup-zh.png
menu C apps-dir-Accessories package-menu-en.png

# The kiosk account: set up with the program's own commands, then its log-in runs the
# autostart entry (here by hand: Xvfb has no log-in).
kiosk_home="$work/kiosk"
mkdir -p "$kiosk_home"
kenv=(env -i HOME="$kiosk_home" PATH=/usr/bin:/bin DISPLAY=$display LANG=zh_CN.UTF-8)
"${kenv[@]}" inclusion-app kiosk enable
"${kenv[@]}" sh -c 'mkdir -p "$HOME/.local/share/inclusion-app" && printf "{\"language\": \"zh\"}" > "$HOME/.local/share/inclusion-app/settings.json"'
entry="$kiosk_home/.config/autostart/inclusion-app-kiosk.desktop"
exec_line=$(sed -n 's/^Exec=//p' "$entry")
"${kenv[@]}" sh -c "$exec_line" >"$work/kiosk.out" 2>&1 & pids+=($!)
sleep 8
grab "$out/package-kiosk-start.png"
kiosk_window() {  # the window the watchdog started: a descendant of the log-in's command
    local todo=("$1") p c
    while [ ${#todo[@]} -gt 0 ]; do
        p=${todo[0]}; todo=("${todo[@]:1}")
        for c in $(pgrep -P "$p" || true); do
            if tr '\0' ' ' <"/proc/$c/cmdline" | grep -q -- "--kiosk"; then echo "$c"; return; fi
            todo+=("$c")
        done
    done
}
window=$(kiosk_window "${pids[-1]}")
if [ -n "$window" ]; then
    kill -9 "$window"  # a crash: the watchdog starts the window again
    sleep 8
    grab "$out/package-kiosk-restarted.png"
fi
cat "$kiosk_home/.local/share/inclusion-app/kiosk.log"
