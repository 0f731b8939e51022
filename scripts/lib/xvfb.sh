# Sourced by the scripts that open the real window. start_xvfb SCRATCH starts Xvfb, sets
# $xvfb to its pid (for the caller's cleanup) and exports DISPLAY once it accepts
# connections. Xvfb picks a free display itself and writes its number when ready (a display
# chosen at random may be taken, or locked by an earlier server that was killed).
start_xvfb() {
    local scratch="$1"
    Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$scratch/display" >"$scratch/xvfb.log" 2>&1 &
    xvfb=$!
    for _ in $(seq 1 100); do [ -s "$scratch/display" ] && break; sleep 0.1; done
    [ -s "$scratch/display" ] || { cat "$scratch/xvfb.log" >&2; echo "$(basename "$0"): Xvfb did not start" >&2; exit 1; }
    export DISPLAY=":$(tr -d '[:space:]' <"$scratch/display")"
}
