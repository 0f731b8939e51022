#!/usr/bin/env bash
# The real window (release, under Xvfb, nobody touching it) against the emulator as its own
# process, in Azure mode with the defaults a user gets on Azure (read budget, intervals),
# measured from the emulator's request log.
#
#   scripts/watch-window.sh idle [MINUTES]
#       Emulator: demo, clock stopped. After MINUTES (default 30) untouched, the emulator's
#       clock jumps a day; the window must show the change within one poll interval (20 s
#       for moving jobs, 60 s for listings) without any input. Prints the reads of every
#       5 minutes and whether the picture changed (screenshots kept in target/watch-idle/).
#   scripts/watch-window.sh budget MINUTES EMULATOR-ARGS...
#       e.g. `budget 10 --scenario demo --speed 1` or
#       `budget 10 --scenario load:100000 --speed 1 --arm-limits reads=250/25`.
#       Prints reads per subscription, listing cycle, 429s and, for jobs with a cancel
#       pending, the longest time between two of their reads.
# Needs the packages scripts/setup-debian.sh installs, and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:?idle or budget}"
shift
minutes="${1:-30}"
shift || true
cargo build --release --locked --quiet --bins

scratch="$(mktemp -d)"
mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime"
export HOME="$scratch/home"
mkdir -p "$HOME"
xvfb=""
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
# shellcheck source=lib/xvfb.sh
. scripts/lib/xvfb.sh
# shellcheck source=lib/emulator.sh
. scripts/lib/emulator.sh
start_xvfb "$scratch"

if [ "$mode" = idle ]; then
    emulator_args=(--scenario demo --speed 0)
else
    emulator_args=("$@")
fi
start_emulator "$scratch" "${emulator_args[@]}"
echo "emulator ${emulator_args[*]} at $url"
python3 scripts/lib/request_log.py jobs "$url" "$scratch/pending.json"

# Azure mode: an endpoint and a token; no interval or budget flag, so Azure's defaults.
subscription_flag=()
[ "$mode" = idle ] && subscription_flag=(--subscription 00000000-0000-0000-0000-000000000001)
RUST_LOG=warn,iejobs::frames=debug NO_COLOR=1 IEJOBS_ACCESS_TOKEN=watch \
    ./target/release/iejobs --endpoint "$url" --auth token "${subscription_flag[@]}" \
    >"$scratch/app.log" 2>&1 &
app=$!
pids+=("$app")
window=""
for _ in $(seq 1 300); do
    window="$(xdotool search --name 'iejobs' 2>/dev/null | head -1 || true)"
    [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { cat "$scratch/app.log" >&2; echo "no window" >&2; exit 1; }

# The window's own CPU time and wake-ups (voluntary context switches of all its threads),
# from 60 s after it appeared (the first listing done) to the end: issue 18's P10.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
wakeups() { cat /proc/"$app"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {n += $2} END {print n}'; }
# Per thread (name, CPU ticks, wake-ups): which thread costs what.
threads() {
    for task in /proc/"$app"/task/*; do
        printf '%s\t%s\t%s\n' "$(cat "$task/comm" 2>/dev/null)" \
            "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null)" \
            "$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null)"
    done
}
( sleep 60; echo "$(cpu_ticks) $(wakeups) $(date +%s.%N)" >"$scratch/cpu.start"; threads >"$scratch/threads.start" ) &
pids+=("$!")
python3 scripts/lib/request_log.py collect "$url" "$scratch/log.jsonl" "$((minutes * 60))"
kill -0 "$app" || { cat "$scratch/app.log" >&2; echo "the app exited" >&2; exit 1; }
if [ -s "$scratch/cpu.start" ]; then
    read -r ticks0 wake0 t0 <"$scratch/cpu.start"
    ticks1="$(cpu_ticks)"; wake1="$(wakeups)"; t1="$(date +%s.%N)"
    hz="$(getconf CLK_TCK)"
    python3 -c "
wall = $t1 - $t0
cpu = ($ticks1 - $ticks0) / $hz
print(f'window CPU: {cpu:.1f} s over {wall:.0f} s = {100 * cpu / wall:.2f} % of one core; '
      f'{($wake1 - $wake0) * 60 / wall:.0f} wake-ups a minute (all threads)')
"
    echo "window memory: $(awk '/^RssAnon/ {print $2, $3}' "/proc/$app/status") RssAnon"
    threads >"$scratch/threads.end"
    python3 - "$scratch/threads.start" "$scratch/threads.end" "$hz" "$t0" "$t1" <<'EOF'
import collections, sys
def load(path):
    out = collections.defaultdict(lambda: [0, 0, 0])
    for line in open(path):
        name, ticks, wakes = (line.rstrip("\n").split("\t") + ["", "", ""])[:3]
        if not ticks:
            continue
        row = out[name]
        row[0] += int(ticks); row[1] += int(wakes or 0); row[2] += 1
    return out
start, end = load(sys.argv[1]), load(sys.argv[2])
hz, wall = int(sys.argv[3]), float(sys.argv[5]) - float(sys.argv[4])
print("per thread (name, threads, CPU % of one core, wake-ups a minute):")
rows = []
for name, (ticks, wakes, n) in end.items():
    t0, w0, _ = start.get(name, [0, 0, 0])
    rows.append((ticks - t0, name, n, (wakes - w0) * 60 / wall))
for ticks, name, n, wakes in sorted(rows, reverse=True):
    print(f"  {name:<18} {n:>3} {100 * ticks / hz / wall:6.2f} % {wakes:8.0f}")
EOF
    grep -h 'frames drawn' "$scratch/app.log" | tail -3 || true
    # Change frames that fell back to a pass over all rows (src/ui/table_view.rs).
    echo "table passes over all rows: $(grep -c 'a pass over all rows' "$scratch/app.log" || true)"
    grep -h 'a pass over all rows' "$scratch/app.log" | tail -3 || true
fi

if [ "$mode" = idle ]; then
    out=target/watch-idle
    mkdir -p "$out"
    python3 - "$scratch/log.jsonl" <<'EOF'
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
end = max(r["t"] for r in log)
for start in range(0, int(end), 300):
    n = sum(1 for r in log if start <= r["t"] < start + 300 and r["method"] == "GET")
    print(f"minutes {start // 60:>3}-{start // 60 + 5:<3} reads {n}")
EOF
    # What changes by itself in 20 s on a stopped clock (a repaint's status text, at most).
    import -window "$window" "$out/baseline.png"
    sleep 20
    import -window "$window" "$out/before.png"
    baseline="$(compare -metric AE "$out/baseline.png" "$out/before.png" /dev/null 2>&1 || true)"
    baseline="${baseline%% *}"
    echo "pixels that changed by themselves in 20 s before the jump: $baseline"
    before="$(curl -s "$url/_emulator/requests" | python3 -c 'import json,sys; print(max((r["seq"] for r in json.load(sys.stdin)["requests"]), default=0))')"
    curl -s -X POST -H 'Content-Type: application/json' -d '{"advanceSeconds": 86400}' "$url/_emulator/clock" >/dev/null
    echo "clock jumped a day at $(date -u +%H:%M:%S)"
    changed=""
    for second in $(seq 1 65); do
        sleep 1
        import -window "$window" "$out/after.png"
        diff="$(compare -metric AE "$out/before.png" "$out/after.png" /dev/null 2>&1 || true)"
        # Rows whose state changed differ by far more than the status text alone.
        if [ "${diff%% *}" -gt $((baseline * 3 + 3000)) ] 2>/dev/null; then changed="$second"; break; fi
    done
    after="$(curl -s "$url/_emulator/requests?since=$before" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')"
    echo "requests in the seconds after the jump: $after"
    if [ -n "$changed" ]; then
        echo "the window showed the change ${changed} s after the jump (${diff%% *} pixels changed; $out/after.png)"
    else
        echo "the window did NOT change within 65 s of the jump" >&2
        exit 1
    fi
else
    python3 scripts/lib/request_log.py report "$scratch/log.jsonl" "$scratch/pending.json"
fi
