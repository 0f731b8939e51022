#!/usr/bin/env bash
# Renders the app icon, assets/icons/iejobs.svg (the source, drawn by hand), to the 256x256
# PNG that the window and the Debian package use. Run it after editing the SVG; both files
# are committed, so building needs neither this script nor its tool.
#   needs: rsvg-convert (Debian package librsvg2-bin)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "draw-icon: install librsvg2-bin" >&2; exit 1; }
rsvg-convert --width 256 --height 256 assets/icons/iejobs.svg -o assets/icons/iejobs.png
echo "draw-icon: assets/icons/iejobs.png ($(identify -format '%wx%h' assets/icons/iejobs.png))"
