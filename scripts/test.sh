#!/usr/bin/env bash
# The whole test suite, as CI runs it: install (idempotent), architecture contracts, lint, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
VENV=${ANNOTATOR_VENV:-.venv}
export QT_QPA_PLATFORM=offscreen  # GUI tests need no display
"$VENV/bin/lint-imports"           # nothing but annotator.gui imports Qt; layers point one way
"$VENV/bin/ruff" check annotator tests
"$VENV/bin/python" -m pytest "$@"
