#!/bin/sh
# Inclusion Assistant. The program is one PyInstaller folder in /usr/lib/inclusion-app.
# Qt wants a UTF-8 character set: under `env -i` (no LANG) give it one instead of a warning.
if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then
    LC_CTYPE=C.UTF-8
    export LC_CTYPE
fi
exec /usr/lib/inclusion-app/inclusion-app "$@"
