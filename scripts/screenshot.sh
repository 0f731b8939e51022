#!/usr/bin/env bash
# Opens the real iejobs window under Xvfb on the embedded emulator's demo data, selects the
# job whose cancel is pending, and saves a screenshot of the window.
#   scripts/screenshot.sh [OUT.png]        (default: assets/screenshot.png)
# Needs the packages scripts/setup-debian.sh installs. Fails when no window appears.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-assets/screenshot.png}"
mkdir -p "$(dirname "$out")"
cargo build --locked --quiet --bin iejobs

scratch="$(mktemp -d)"
mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime"
# A fresh HOME: no remembered window state or history changes what the picture shows.
export HOME="$scratch/home"
mkdir -p "$HOME"
xvfb=""
app=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
# shellcheck source=lib/xvfb.sh
. scripts/lib/xvfb.sh  # the working folder is the repository root (see the cd above)
start_xvfb "$scratch"

./target/debug/iejobs >"$scratch/app.log" 2>&1 &
app=$!
window=""
for _ in $(seq 1 150); do
    window="$(xdotool search --name 'iejobs' 2>/dev/null | head -1 || true)"
    [ -n "$window" ] && break
    kill -0 "$app" 2>/dev/null || { cat "$scratch/app.log" >&2; echo "screenshot: iejobs exited" >&2; exit 1; }
    sleep 0.2
done
[ -n "$window" ] || { cat "$scratch/app.log" >&2; echo "screenshot: no window appeared" >&2; exit 1; }
sleep 3   # the first listing and a few fast polls

# Select finance-ledger-2019, the demo's job with a pending cancel: the tenth row by name.
xdotool mousemove 60 301 click 1
sleep 4   # let the monitor's chart gather a few samples

import -window "$window" "$out"
size="$(identify -format '%wx%h' "$out")"
echo "screenshot: $out ($size)"
