#!/usr/bin/env bash
# P7 and P6 in the real window (release, under Xvfb): process start to the first frame that
# shows jobs, and the window process's resident memory once the jobs are loaded. The
# emulator runs as its own process (load:N, clock stopped), so the figures are the app's.
#   scripts/bench-window.sh [RUNS] [SIZES...]     (default: 5 runs; 1000 10000 100000)
#   WITH_HISTORY=1 scripts/bench-window.sh ...     P11: each run starts with the history a
#       first run of the window saved for the same jobs (its data folder copied), and the
#       time to all jobs loaded (every subscription listed) is reported too. The window runs
#       on its embedded emulator (`--emulator --emulator-scenario load:N`, clock stopped), whose
#       listings have no read budget: in Azure mode the first listing goes at ARM's pace, 12
#       pages (1,200 jobs) a second at most, whatever the client. The memory columns then
#       include the emulator's own jobs, and the times from the launch its making of N jobs
#       (~3 s at 100,000); the last columns count from the app's start (`since_app_ms`).
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
with_history="${WITH_HISTORY:-}"
# The launch time to the timestamp of the first log line matching $1 in $2 (ms).
since_launch() {
    local line stamp
    line="$(grep -m1 "$1" "$2" || true)"
    [ -n "$line" ] || { echo ""; return; }
    stamp="$(sed 's/\x1b\[[0-9;]*m//g' <<<"$line" | awk '{ print $1 }')"
    echo "$(( ($(date -d "$stamp" +%s%N) - start_ns) / 1000000 ))"
}
launch() {
    if [ -n "$with_history" ]; then
        RUST_LOG="iejobs::startup=info,warn" NO_COLOR=1 \
            ./target/release/iejobs --emulator --emulator-scenario "load:$n" --emulator-speed 0 \
            --subscription 00000000-0000-0000-0000-000000000001 --poll-secs 3600 \
            >"$1" 2>&1 &
    else
        RUST_LOG="iejobs::startup=info,warn" NO_COLOR=1 IEJOBS_ACCESS_TOKEN=bench \
            ./target/release/iejobs --endpoint "$url" --auth token \
            --subscription 00000000-0000-0000-0000-000000000001 --poll-secs 3600 \
            >"$1" 2>&1 &
    fi
    app=$!
    pids+=("$app")
}

loaded_head="" loaded_rule=""
[ -n "$with_history" ] && loaded_head=" history file (MiB) | start to all jobs loaded, median (ms) | max (ms) | app's start to first frame with jobs, median (ms) | app's start to all loaded, median (ms) |" && loaded_rule="---:|---:|---:|---:|---:|"
echo "| jobs | start to first frame with jobs, median of $runs (ms) | min (ms) | max (ms) | window RSS loaded (MiB) | of which private (RssAnon) | of which mapped files (RssFile) | peak RSS (MiB) |$loaded_head"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|$loaded_rule"
for n in "${sizes[@]}"; do
    start_emulator "$scratch" --scenario "load:$n" --speed 0
    emulator="${pids[-1]}"
    times=() loaded=() first_app=() all_app=()
    rss="" anon="" file="" peak="" history_mib=""
    seed="$scratch/seed-$n"
    if [ -n "$with_history" ]; then
        # A first run that lists every job and saves their history (every 10 s, and at exit).
        export HOME="$seed"
        mkdir -p "$HOME"
        start_ns="$(date +%s%N)"
        launch "$scratch/seed-$n.log"
        for _ in $(seq 1 1200); do
            grep -q 'all jobs loaded' "$scratch/seed-$n.log" && break
            sleep 0.05
        done
        sleep 12
        kill "$app" 2>/dev/null || true
        wait "$app" 2>/dev/null || true
        history="$(find "$seed" -name "history*.json" | head -1)"
        [ -n "$history" ] || { cat "$scratch/seed-$n.log" >&2; echo "no history saved" >&2; exit 1; }
        history_mib="$(awk -v b="$(stat -c %s "$history")" 'BEGIN { printf "%.1f", b / 1048576 }')"
    fi
    for run in $(seq 1 "$runs"); do
        export HOME="$scratch/home-$n-$run"
        if [ -n "$with_history" ]; then cp -a "$seed" "$HOME"; else mkdir -p "$HOME"; fi
        log="$scratch/app-$n-$run.log"
        start_ns="$(date +%s%N)"
        launch "$log"
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
        if [ -n "$with_history" ]; then
            for _ in $(seq 1 1200); do
                grep -q 'all jobs loaded' "$log" && break
                sleep 0.05
            done
            all="$(since_launch 'all jobs loaded' "$log")"
            [ -n "$all" ] || { cat "$log" >&2; echo "not all loaded" >&2; exit 1; }
            loaded+=("$all")
            first_app+=("$(grep -m1 'first frame showing jobs' "$log" | sed 's/.*since_app_ms=\([0-9]*\).*/\1/')")
            all_app+=("$(grep -m1 'all jobs loaded' "$log" | sed 's/.*since_app_ms=\([0-9]*\).*/\1/')")
        fi
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
    extra=""
    if [ -n "$with_history" ]; then
        sorted_loaded=($(printf '%s\n' "${loaded[@]}" | sort -n))
        sorted_first_app=($(printf '%s\n' "${first_app[@]}" | sort -n))
        sorted_all_app=($(printf '%s\n' "${all_app[@]}" | sort -n))
        mid=$(( ${#sorted_loaded[@]} / 2 ))
        extra=" $history_mib | ${sorted_loaded[$mid]} | ${sorted_loaded[-1]} | ${sorted_first_app[$mid]} | ${sorted_all_app[$mid]} |"
    fi
    echo "| $n | $median | ${sorted[0]} | ${sorted[-1]} | $((rss / 1024)) | $((anon / 1024)) | $((file / 1024)) | $((peak / 1024)) |$extra"
done
