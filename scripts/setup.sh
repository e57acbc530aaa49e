#!/usr/bin/env bash
# Installs everything annotator needs on a fresh Debian 12 machine (run as root, or with sudo):
# Python itself when it is missing, the system libraries Qt loads, a CJK font (with its cache
# built, so the first window opens as fast as later ones), Xvfb for headless use, a venv with the
# package. Idempotent: a second run only checks what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${ANNOTATOR_VENV:-.venv}
PYTHON=${PYTHON:-python3}
MIN_PYTHON=3.11  # what Debian 12 ships; pyproject's requires-python
APT_PACKAGES=(
  # the venv: Debian splits venv/ensurepip out of python3; pip needs CA certificates
  python3 python3-venv ca-certificates
  # what PySide6 needs before it even imports
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  # a real window (xcb) under Xvfb or a desktop
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth
  # without a CJK font every Chinese character is a box; fc-cache (fontconfig) indexes it once
  fonts-noto-cjk fontconfig
)

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # A Python of our own choosing (PYTHON=…, pyenv) needs no Debian python3.
  case "$p" in python3|python3-venv) [ "$PYTHON" != python3 ] && continue ;; esac
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The font cache: built here, not by the first window (4–5 s for the CJK font on a new machine).
fc-cache >/dev/null 2>&1 || echo "setup: fc-cache failed; the first window start will be slow" >&2

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "setup: $PYTHON not found; install Python $MIN_PYTHON or newer (Debian: apt-get install python3 python3-venv)" >&2
  exit 1
fi
if ! "$PYTHON" -c "import sys; sys.exit(sys.version_info < (${MIN_PYTHON/./, }))"; then
  echo "setup: annotator needs Python $MIN_PYTHON or newer; $PYTHON is $("$PYTHON" -c 'import platform; print(platform.python_version())'). Install python$MIN_PYTHON (and python$MIN_PYTHON-venv), then run: PYTHON=python$MIN_PYTHON bash scripts/setup.sh" >&2
  exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -m venv "$VENV" 2>/tmp/annotator-venv.err; then
    rm -rf "$VENV"  # a venv without pip is worse than none: the next run would skip this step
    echo "setup: $PYTHON cannot make a venv: $(tail -n 1 /tmp/annotator-venv.err)" >&2
    echo "setup: on Debian, install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  fi
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[dev]"
echo "setup: ready ($VENV)" >&2
if [ "${1:-}" = "--start" ]; then
  shift
  exec bash scripts/start.sh "$@"
fi
