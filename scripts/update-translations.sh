#!/bin/sh
# Regenerate the window's translations: lupdate collects every string of annotator/gui/ marked
# for translation into resources/i18n/annotator_zh_CN.ts (new ones unfinished, vanished ones
# dropped), then lrelease compiles the .qm beside it that the window loads.
# Translate the unfinished entries (Qt Linguist: .venv/bin/pyside6-linguist, or any editor),
# then run this again; tests/test_i18n.py fails while one is untranslated or the .qm is stale.
set -eu
cd "$(dirname "$0")/.."
bin="${PYSIDE6_BIN:-.venv/bin}"
ts=resources/i18n/annotator_zh_CN.ts
"$bin/pyside6-lupdate" -locations none -no-obsolete -target-language zh_CN -source-language en \
    annotator/gui/*.py -ts "$ts"
"$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
