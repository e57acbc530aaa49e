#!/usr/bin/env bash
# The whole test command (.ci/run) on every commit of a range, oldest first, each on a clean
# checkout: the suite must be green after every commit, not only at the end of a series
# (issue 17). One clone and one virtual environment serve every commit; the clone is cleaned of
# everything untracked but the environment between commits.
#
#   bash scripts/check-each-commit.sh FIRST..LAST    # e.g. origin/main..HEAD
#
# Prints "green" or "RED" per commit (with the failing output's tail) and exits 1 if any is red.
set -euo pipefail
range=${1:?"usage: $0 FIRST..LAST"}
repo=$(git rev-parse --show-toplevel)
commits=$(git -C "$repo" rev-list --reverse "$range")
[ -n "$commits" ] || { echo "no commits in $range" >&2; exit 2; }
# the checkout sits beside the repository, as CI's does: tests read ../shared (the real pages)
work=$(mktemp -d "$(dirname "$repo")/check-each-commit.XXXXXX")
log=$(mktemp)
trap 'rm -rf "$work" "$log"' EXIT
git clone -q "$repo" "$work"
red=0
for commit in $commits; do
  git -C "$work" checkout -q --detach "$commit"
  git -C "$work" clean -q -fdx -e .venv
  subject=$(git -C "$repo" log -1 --format=%s "$commit" | cut -c1-70)
  started=$(date +%s)
  if (cd "$work" && CI=true bash .ci/run -q -p no:cacheprovider >"$log" 2>&1); then
    echo "green $(git -C "$repo" rev-parse --short "$commit") ($(( $(date +%s) - started )) s) $subject"
  else
    echo "RED   $(git -C "$repo" rev-parse --short "$commit") $subject"
    tail -n 25 "$log" | sed 's/^/      /'
    red=1
  fi
done
exit "$red"
