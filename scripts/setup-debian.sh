#!/usr/bin/env bash
# Installs the Debian packages iejobs needs to build, test and run (Debian 12; Rust itself
# comes from rustup and is expected on PATH). Installs only what is missing.
#   gcc, libc6-dev          linker and C compiler (aws-lc-sys, the TLS crypto, builds C)
#   ca-certificates         crates.io over https
#   python3, python3-venv   the official Python SDK conformance test (tests/sdk/run.sh)
#   the X11/GL runtime      a real window (eframe loads these at run time; building needs none)
#   xvfb, xauth, imagemagick, xdotool, x11-utils   the window under Xvfb and its screenshot
#   dpkg-dev, desktop-file-utils   the Debian package (scripts/package-deb.sh): cargo deb's
#                           dpkg-shlibdeps for the dependencies; the launcher's check
#   dbus-daemon, dbus-bin   a private session bus and dbus-monitor for the desktop
#                           notification test (tests/notify_dbus.rs); building needs no
#                           D-Bus library (notify-rust speaks D-Bus in Rust, through zbus)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
    ca-certificates gcc libc6-dev python3 python3-venv
    libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon0 libxkbcommon-x11-0
    libwayland-client0 libwayland-egl1 libfontconfig1 libegl1 libegl-mesa0 libgl1 libgl1-mesa-dri libgbm1
    xvfb xauth imagemagick xdotool x11-utils
    dpkg-dev desktop-file-utils
    dbus-daemon dbus-bin
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup-debian: all packages present"
else
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "setup-debian: installing ${missing[*]}"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "setup-debian: cargo not found; install Rust 1.95 with rustup (https://rustup.rs)" >&2
    exit 1
fi
