#!/usr/bin/env bash
# Start annotator's window on the default database (the first run imports the bundled seeds).
# Without a display (a server, CI, ssh), it runs on a virtual Xvfb screen and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${ANNOTATOR_VENV:-.venv}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "start: no display found; running on a virtual screen (Xvfb), so the window is not" \
       "visible here. Run this from a desktop session to see it." >&2
  # No one can answer the first-run name dialog on an invisible screen: name the annotator.
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$VENV/bin/annotator" --annotator "${USER:-annotator}" "$@"
fi
exec "$VENV/bin/annotator" "$@"
