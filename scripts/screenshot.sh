#!/usr/bin/env bash
# Opens the real iejobs window under Xvfb on the embedded emulator's demo data, selects the
# job whose cancel is pending, and saves a screenshot of the window.
#   scripts/screenshot.sh [OUT.png [BINARY]]
#       OUT.png  default: assets/screenshot.png
#       BINARY   default: target/debug/iejobs, built first; e.g. /usr/bin/iejobs as installed
#                by the Debian package (scripts/package-deb.sh)
# Needs the packages scripts/setup-debian.sh installs. Fails when no window appears, when
# the window's class is not "iejobs" (the launcher's StartupWMClass), when it has no icon,
# or when its log file does not say that the first frame showed jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-assets/screenshot.png}"
binary="${2:-}"
mkdir -p "$(dirname "$out")"
if [ -z "$binary" ]; then
    cargo build --locked --quiet --bin iejobs
    binary=./target/debug/iejobs
fi

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

# The log file's default filter, whatever the caller's RUST_LOG says.
env -u RUST_LOG "$binary" >"$scratch/app.log" 2>&1 &
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

# Select finance-ledger-2019, the demo's job with a pending cancel: the ninth row by name.
xdotool mousemove 60 301 click 1
sleep 1
# Give the monitor more room (drag the edge between the table and the monitor up), then
# "Watch this cancellation" (the detail panel's link) opens its row in the monitor.
xdotool mousemove 500 516 mousedown 1 sleep 0.3 mousemove 500 420 sleep 0.3 mousemove 500 330 sleep 0.3 mouseup 1
sleep 0.5
xdotool mousemove 1193 115 click 1
sleep 4   # let the monitor's chart gather a few samples

import -window "$window" "$out"
size="$(identify -format '%wx%h' "$out")"
echo "screenshot: $out ($size)"

fail() { cat "$scratch/app.log" >&2; echo "screenshot: $*" >&2; exit 1; }
# The app id, the class in WM_CLASS (instance, class): docks match the window to
# assets/iejobs.desktop's StartupWMClass by it.
class="$(xprop -id "$window" WM_CLASS)"
case "$class" in *', "iejobs"') ;; *) fail "the window's class is not iejobs: $class" ;; esac
icon="$(xprop -id "$window" -len 64 _NET_WM_ICON)"
case "$icon" in *'_NET_WM_ICON(CARDINAL) ='*) ;; *) fail "the window has no icon: $icon" ;; esac
# The window's log file, in the data folder of the fresh HOME.
logs=("$HOME"/.local/share/iejobs/logs/iejobs.*.log)
[ -f "${logs[0]}" ] || fail "no log file in $HOME/.local/share/iejobs/logs"
grep -q "first frame showing jobs" "${logs[0]}" || { cat "${logs[0]}" >&2; fail "the log file does not say the first frame showed jobs"; }
if grep -q $'\e\[' "${logs[0]}"; then fail "the log file holds colour codes"; fi
echo "screenshot: window class iejobs, icon set, log file ${logs[0]#"$HOME"/} says: $(grep -o 'first frame showing jobs.*' "${logs[0]}" | head -1)"
