#!/usr/bin/env bash
# P7 and P6 in the real window (release, under Xvfb): process start to the first frame that
# shows jobs, and the window process's resident memory once the jobs are loaded. The
# emulator runs as its own process (load:N, clock stopped), so the figures are the app's.
#   scripts/bench-window.sh [RUNS] [SIZES...]     (default: 5 runs; 1000 10000 100000)
# Prints a Markdown table. Needs the packages scripts/setup-debian.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
shift || true
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(1000 10000 100000)
cargo build --release --locked --quiet --bins

scratch="$(mktemp -d)"
mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime"
xvfb=""
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
# shellcheck source=lib/xvfb.sh
. scripts/lib/xvfb.sh  # the working folder is the repository root (see the cd above)
start_xvfb "$scratch"
# shellcheck source=lib/emulator.sh
. scripts/lib/emulator.sh

kib() { awk -v f="$1" '$1 == f":" { print $2 }' "/proc/$2/status"; }

echo "| jobs | start to first frame with jobs, median of $runs (ms) | min (ms) | max (ms) | window RSS loaded (MiB) | of which private (RssAnon) | of which mapped files (RssFile) | peak RSS (MiB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
    start_emulator "$scratch" --scenario "load:$n" --speed 0
    emulator="${pids[-1]}"
    times=()
    rss="" anon="" file="" peak=""
    for run in $(seq 1 "$runs"); do
        export HOME="$scratch/home-$n-$run"
        mkdir -p "$HOME"
        log="$scratch/app-$n-$run.log"
        start_ns="$(date +%s%N)"
        RUST_LOG="iejobs::startup=info,warn" NO_COLOR=1 IEJOBS_ACCESS_TOKEN=bench \
            ./target/release/iejobs --endpoint "$url" --auth token \
            --subscription 00000000-0000-0000-0000-000000000001 --poll-secs 3600 \
            >"$log" 2>&1 &
        app=$!
        pids+=("$app")
        line=""
        for _ in $(seq 1 1200); do
            line="$(grep -m1 'first frame showing jobs' "$log" || true)"
            [ -n "$line" ] && break
            kill -0 "$app" 2>/dev/null || { cat "$log" >&2; exit 1; }
            sleep 0.05
        done
        [ -n "$line" ] || { cat "$log" >&2; echo "no frame with jobs" >&2; exit 1; }
        # The log line's own timestamp (RFC 3339, UTC) against the launch time.
        stamp="$(sed 's/\x1b\[[0-9;]*m//g' <<<"$line" | awk '{ print $1 }')"
        shown_ns="$(date -d "$stamp" +%s%N)"
        times+=("$(( (shown_ns - start_ns) / 1000000 ))")
        if [ "$run" = 1 ]; then
            sleep 5
            rss="$(kib VmRSS "$app")"
            anon="$(kib RssAnon "$app")"
            file="$(kib RssFile "$app")"
            peak="$(kib VmHWM "$app")"
        fi
        kill "$app" 2>/dev/null || true
        wait "$app" 2>/dev/null || true
    done
    kill "$emulator" 2>/dev/null || true
    wait "$emulator" 2>/dev/null || true
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    median="${sorted[$(( ${#sorted[@]} / 2 ))]}"
    echo "| $n | $median | ${sorted[0]} | ${sorted[-1]} | $((rss / 1024)) | $((anon / 1024)) | $((file / 1024)) | $((peak / 1024)) |"
done
