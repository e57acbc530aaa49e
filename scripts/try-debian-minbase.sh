#!/usr/bin/env bash
# The README's two commands, tried as a new user on a bare Debian 12: a minbase root made with
# debootstrap, a fresh clone of this checkout inside it, then, as root in a chroot,
#   1. `bash scripts/setup.sh --start`: must end with the window running on a virtual screen and
#      the five seeds imported (checked with `annotator stats`, then the window is stopped);
#   2. `bash scripts/test.sh`: the whole suite (skip with --no-tests).
# Needs root, network access to Debian's archive and the Python package index; 10–30 minutes.
# Not part of CI (too long for its budget): run it by hand after changing scripts/setup.sh.
#   usage: bash scripts/try-debian-minbase.sh [--no-tests] [ROOT]   (default ROOT: a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_TESTS=1
[ "${1:-}" = "--no-tests" ] && { RUN_TESTS=0; shift; }
ROOT=${1:-$(mktemp -d /tmp/annotator-minbase.XXXXXX)}
CHECKOUT=$(pwd)

# The archive this machine's apt already uses (first deb URI of its sources), so nothing here
# names a host.
MIRROR=$( (grep -shoE '^(URIs:|deb) +[a-z]+://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources || true) \
  | grep -v security | head -n 1 | awk '{print $2}')
[ -n "$MIRROR" ] || { echo "try-minbase: no Debian archive found in /etc/apt" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

if [ ! -x "$ROOT/bin/bash" ]; then
  echo "try-minbase: debootstrap --variant=minbase bookworm $ROOT" >&2
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >/dev/null
fi

cleanup() {
  for m in dev/pts dev proc sys; do umount -l "$ROOT/$m" 2>/dev/null || true; done
}
trap cleanup EXIT
mount -t proc proc "$ROOT/proc"
mount --rbind /sys "$ROOT/sys"
mount --rbind /dev "$ROOT/dev"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# This machine's CA bundle for pip, if it names one (a network behind a TLS proxy): copied to
# a path of its own, since installing ca-certificates in the root replaces Debian's bundle. A
# plain Debian machine has none and needs none.
HOST_CA=${PIP_CERT:-$( (grep -shoE '^cert *= *[^ ]+' /etc/pip.conf || true) | head -n 1 | sed 's/.*= *//')}
ROOT_CA=""
if [ -n "$HOST_CA" ] && [ -f "$HOST_CA" ]; then
  cp "$HOST_CA" "$ROOT/root/host-ca-bundle.crt"
  ROOT_CA=/root/host-ca-bundle.crt
fi

# A fresh clone of what is committed, as a new user would have it, with shared/ beside it as
# CI has it (some tests read the real pages there).
rm -rf "$ROOT/root/annotator" "$ROOT/root/shared"
git clone -q --no-hardlinks "$CHECKOUT" "$ROOT/root/annotator"
[ -d "$CHECKOUT/../shared" ] && cp -r "$CHECKOUT/../shared" "$ROOT/root/shared"

in_root() {
  chroot "$ROOT" /usr/bin/env -i HOME=/root USER=tester LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    ${ROOT_CA:+PIP_CERT=$ROOT_CA} /bin/bash -c "cd /root/annotator || exit 1; $1"
}

echo "try-minbase: 1. bash scripts/setup.sh --start" >&2
rm -f "$ROOT"/root/annotator.db*
in_root "ANNOTATOR_DB=/root/annotator.db bash scripts/setup.sh --start > /root/start.log 2>&1 &
         for i in \$(seq 1 600); do
           grep -q '^start:' /root/start.log 2>/dev/null && break
           sleep 2
         done
         for i in \$(seq 1 120); do
           count=\$(ANNOTATOR_DB=/root/annotator.db .venv/bin/annotator stats --json 2>&1 | grep -o '\"articles\": [0-9]*')
           [ \"\$count\" = '\"articles\": 5' ] && break
           sleep 2
         done
         echo \"try-minbase: after the window started: \$count\"
         exit 0"
grep -E '^(setup|start):' "$ROOT/root/start.log" || true
# the window is the one process of the root that runs annotator; stop it and its Xvfb
for pid in $(ls /proc | grep -E '^[0-9]+$'); do
  if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$(readlink -f "$ROOT")" ]; then
    cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
    case "$cmd" in *annotator*--annotator*) echo "try-minbase: window running: $cmd" >&2; kill "$pid" ;; *Xvfb*) kill "$pid" ;; esac
  fi
done

if [ "$RUN_TESTS" = 1 ]; then
  echo "try-minbase: 2. bash scripts/test.sh" >&2
  in_root "bash scripts/test.sh -q 2>&1 | tail -n 5"
fi
echo "try-minbase: done ($ROOT)" >&2
