#!/usr/bin/env bash
# Builds the Debian package of iejobs with cargo-deb (release profile), installs it with apt,
# and opens the INSTALLED /usr/bin/iejobs under Xvfb (scripts/screenshot.sh): the package's
# test. Prints how long each part took.
#   scripts/package-deb.sh [--uninstall]
#       --uninstall  remove the package again once the installed window was seen (CI: the
#                    machine is left as it was found)
# Needs the packages scripts/setup-debian.sh installs (dpkg-dev for cargo deb's
# dependency scan, desktop-file-utils, Xvfb and its tools) and root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
uninstall=false
case "${1:-}" in
    --uninstall) uninstall=true ;;
    "") ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
# Pinned: a cargo-deb that builds with this project's Rust (1.95); its lock file is used.
cargo_deb_version=3.8.0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

start=$SECONDS
if [ "$(cargo deb --version 2>/dev/null || true)" != "cargo-deb $cargo_deb_version" ]; then
    echo "package-deb: installing cargo-deb $cargo_deb_version"
    cargo install cargo-deb --version "$cargo_deb_version" --locked --quiet
fi
echo "package-deb: cargo-deb $cargo_deb_version ready in $((SECONDS - start)) s"

desktop-file-validate assets/iejobs.desktop

start=$SECONDS
rm -f target/debian/iejobs_*.deb
cargo deb --locked
debs=(target/debian/iejobs_*.deb)
deb="${debs[0]}"
echo "package-deb: $deb, $(du -k "$deb" | cut -f1) KiB, built in $((SECONDS - start)) s"
contents="$(dpkg-deb --contents "$deb")"
for path in ./usr/bin/iejobs ./usr/share/applications/iejobs.desktop \
    ./usr/share/icons/hicolor/256x256/apps/iejobs.png ./usr/share/doc/iejobs/README.md; do
    grep -q " $path\$" <<<"$contents" || { echo "$contents" >&2; echo "package-deb: $path missing" >&2; exit 1; }
done
dpkg-deb --field "$deb" Depends

start=$SECONDS
# --reinstall: the same version already installed is replaced, never kept.
$sudo apt-get install -y -qq --reinstall "./$deb"
[ "$(dpkg-query -W -f='${Status}' iejobs)" = "install ok installed" ]
/usr/bin/iejobs --version
bash scripts/screenshot.sh target/debian/installed-window.png /usr/bin/iejobs
[ -s target/debian/installed-window.png ] || { echo "package-deb: empty screenshot" >&2; exit 1; }
echo "package-deb: installed and its window seen in $((SECONDS - start)) s"
if $uninstall; then
    $sudo apt-get remove -y -qq iejobs
    echo "package-deb: removed again"
fi
