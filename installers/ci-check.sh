#!/usr/bin/env bash
# CI: builds the .deb from target/ (after mvn verify), installs it with dpkg -i, runs the installed launcher's
# --version, opens the installed application under Xvfb, takes a screenshot and checks that a window was drawn,
# then stops the application and removes the package. Debian only; run as root. Leaves the screenshot in
# target/installer/screenshot.png.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[installer-check %s] %s\n' "$(date +%T)" "$*"; }
work=target/installer
mkdir -p "$work"

missing=()
for tool in fakeroot:fakeroot dpkg-deb:dpkg-dev Xvfb:xvfb xwininfo:x11-utils import:imagemagick; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=yes; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt_install "${missing[@]}"
fi

# Fast compression: this package is installed here and thrown away.
export DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1 STOWAGE_JLINK_COMPRESS=0
installers/build.sh --type deb --skip-build
deb=$(ls "$work"/stowage_*.deb)

# dpkg -i does not fetch dependencies: install what the package depends on first.
depends=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/([^)]*)//; s/^ *//; s/ *$//' | grep -v '^$')
missing_deps=()
for package in $depends; do
  dpkg -s "$package" >/dev/null 2>&1 || missing_deps+=("$package")
done
if [ ${#missing_deps[@]} -gt 0 ]; then
  say "installing the package's dependencies: ${missing_deps[*]}"
  apt_install "${missing_deps[@]}"
fi
say "dpkg -i $deb"
dpkg -i "$deb" >/dev/null

app_pid=""
xvfb_pid=""
cleanup() {
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  dpkg -P stowage >/dev/null 2>&1 || true
}
trap cleanup EXIT

version=$(stowage --version)
say "installed launcher: stowage --version -> $version"
[ "$(/opt/stowage/bin/Stowage --version)" = "$version" ] || { say "the launcher and the command on the PATH differ"; exit 1; }
case "$version" in *[0-9].[0-9]*) ;; *) say "--version printed no version"; exit 1 ;; esac

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x860x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do xwininfo -display "$display" -root >/dev/null 2>&1 && break; sleep 0.2; done

say "starting /opt/stowage/bin/Stowage on $display"
DISPLAY="$display" HOME="$(mktemp -d)" /opt/stowage/bin/Stowage >"$work/app.log" 2>&1 &
app_pid=$!

# The main window's title names the open document and ends in "— Stowage" (GTK's small leader window is named
# "Stowage" alone); poll, as X offers no event to a shell.
window=""
for _ in $(seq 1 120); do
  window=$(xwininfo -display "$display" -root -tree 2>/dev/null | grep -m1 ' — Stowage"' || true)
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || { say "the application exited:"; cat "$work/app.log"; exit 1; }
  sleep 0.5
done
[ -n "$window" ] || { say "no Stowage window within 60 s:"; cat "$work/app.log"; exit 1; }
say "window: $(echo "$window" | sed 's/^ *//')"
sleep 3   # let it draw its first frames

import -display "$display" -window root "$work/screenshot.png"
colours=$(convert "$work/screenshot.png" -format '%k' info:)
say "screenshot $work/screenshot.png has $colours colours"
[ "$colours" -gt 100 ] || { say "the screenshot is (nearly) blank"; exit 1; }

kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
say "ok: the .deb installs, --version works, and the installed application opens its window"
