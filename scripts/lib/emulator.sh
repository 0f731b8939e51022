# Sourced by the scripts that measure the real window. start_emulator SCRATCH ARGS... starts
# the release emulator with ARGS on a free port, adds its pid to the caller's $pids (for its
# cleanup) and sets $url once it prints its ready line.
start_emulator() {
    local scratch="$1"
    shift
    ./target/release/iejobs-emulator --listen 127.0.0.1:0 "$@" >"$scratch/emulator.log" 2>&1 &
    pids+=("$!")
    url=""
    for _ in $(seq 1 1200); do
        url="$(sed -n 's/^iejobs-emulator listening on //p' "$scratch/emulator.log" | head -1)"
        [ -n "$url" ] && break
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$scratch/emulator.log" >&2; echo "$(basename "$0"): the emulator did not start" >&2; exit 1; }
}
