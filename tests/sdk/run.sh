#!/usr/bin/env bash
# Run the Python-SDK conformance check against a running Import/Export emulator.
#
#   tests/sdk/run.sh URL        e.g. tests/sdk/run.sh http://127.0.0.1:8080
#   tests/sdk/run.sh --script list_bench.py URL SUBSCRIPTION RUNS   (the P4 benchmark)
#
# Creates (or reuses) a virtualenv with the pinned requirements.txt in
# ${IEJOBS_SDK_VENV:-<repo>/target/sdk-venv}; it is rebuilt when
# requirements.txt or the Python version changes.  Needs python3 (3.11) with
# the venv module: on Debian/Ubuntu that is `apt-get install -y python3-venv`.
# PYTHON=... picks another interpreter.  The exit code is conformance.py's
# (0 all passed, 1 a step failed, 2 usage); 3 means the venv could not be made.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${IEJOBS_SDK_VENV:-$here/../../target/sdk-venv}"
py="${PYTHON:-python3}"
req="$here/requirements.txt"

if [ "$#" -lt 1 ]; then
    echo "usage: $0 [--trace] URL   (e.g. http://127.0.0.1:8080)" >&2
    exit 2
fi

if ! command -v "$py" >/dev/null 2>&1; then
    echo "run.sh: $py not found; install Python 3.11 (Debian: apt-get install -y python3 python3-venv)" >&2
    exit 3
fi

pyver="$("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
want="$( { cat "$req"; echo "python=$pyver"; } | sha256sum | cut -d' ' -f1)"
stamp="$venv/.iejobs-requirements.sha256"

ensure_venv() {
    if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ]; then
        return 0
    fi
    if [ -e "$venv" ]; then
        # Never wipe something that is not a virtualenv we may own.
        if [ ! -f "$venv/pyvenv.cfg" ] && [ -n "$(ls -A "$venv" 2>/dev/null)" ]; then
            echo "run.sh: $venv exists and is not a virtualenv; set IEJOBS_SDK_VENV elsewhere" >&2
            exit 3
        fi
        rm -rf "$venv"
    fi
    mkdir -p "$(dirname "$venv")"
    echo "run.sh: creating SDK virtualenv in $venv ..." >&2
    if ! "$py" -m venv "$venv" >/dev/null 2>"$venv.err"; then
        cat "$venv.err" >&2 || true
        rm -rf "$venv" "$venv.err"
        echo "run.sh: '$py -m venv' failed. On Debian/Ubuntu install the venv module:" >&2
        echo "        apt-get install -y python3-venv" >&2
        exit 3
    fi
    rm -f "$venv.err"
    if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
            -r "$req"; then
        rm -rf "$venv"
        echo "run.sh: pip install -r $req failed (is PyPI reachable?)" >&2
        exit 3
    fi
    echo "$want" >"$stamp"
}

# Serialise concurrent runs sharing one venv (flock is in util-linux).
if command -v flock >/dev/null 2>&1; then
    mkdir -p "$(dirname "$venv")"
    exec 9>"$venv.lock"
    flock 9
fi
ensure_venv
if command -v flock >/dev/null 2>&1; then
    flock -u 9
fi

export PYTHONDONTWRITEBYTECODE=1
# `run.sh --script NAME.py ARGS…` runs another script of this folder in the same venv
# (the listing benchmark: list_bench.py).
if [ "${1:-}" = "--script" ] && [ "$#" -ge 2 ]; then
    script="$2"
    shift 2
    exec "$venv/bin/python" "$here/$script" "$@"
fi
exec "$venv/bin/python" "$here/conformance.py" "$@"
