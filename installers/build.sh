#!/usr/bin/env bash
# Builds the Stowage installer for this platform with jpackage, on a runtime trimmed by jlink to the modules jdeps
# finds the application needs:  .deb or .rpm on Linux, .msi on Windows, .dmg on macOS.
#
#   installers/build.sh [--type deb|rpm|msi|exe|dmg|pkg|app-image] [--skip-build]
#
# --skip-build uses target/stowage.jar and target/lib/ as they are (mvn package makes them). The installer goes to
# target/installer/. Needs JDK 17 (jdeps, jlink, jpackage); .deb needs dpkg-deb and fakeroot, .rpm needs rpmbuild,
# .msi needs the WiX Toolset 3 on the PATH, .dmg runs on macOS only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

type=""
build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --type) type="$2"; shift 2 ;;
    --skip-build) build=no; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "installers/build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

case "$(uname -s)" in
  Linux) os=linux; [ -n "$type" ] || { if command -v dpkg-deb >/dev/null; then type=deb; else type=rpm; fi; } ;;
  Darwin) os=mac; type="${type:-dmg}" ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; type="${type:-msi}" ;;
  *) echo "installers/build.sh: unknown platform $(uname -s)" >&2; exit 2 ;;
esac

say() { printf '[installer %s] %s\n' "$(date +%T)" "$*"; }

if [ "$build" = yes ]; then
  say "mvn package"
  mvn -B -q -ntp package -DskipTests
fi
[ -f target/stowage.jar ] && [ -d target/lib ] || { echo "installers/build.sh: target/stowage.jar and target/lib are missing; run mvn package" >&2; exit 2; }

# jpackage wants a plain version: 0.1.0-SNAPSHOT installs as 0.1.0.
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' pom.xml | head -1)
work=target/installer
rm -rf "$work/input" "$work/runtime"
mkdir -p "$work/input"
cp target/stowage.jar "$work/input/"
cp -r target/lib "$work/input/lib"

# jdeps reads what the classes use; TLS to AWS needs the EC provider, which is loaded as a service, not linked.
say "jdeps: finding the modules the application uses"
modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$work/input/lib/*" "$work/input/stowage.jar")
modules="$modules,jdk.crypto.ec,java.management,jdk.localedata"
say "jlink: $modules"
# STOWAGE_JLINK_COMPRESS=0 trades a larger runtime for a faster build (CI throws the package away).
jlink --strip-debug --no-header-files --no-man-pages --compress="${STOWAGE_JLINK_COMPRESS:-2}" \
  --add-modules "$modules" --include-locales=en --output "$work/runtime"

common=(
  --type "$type" --dest "$work"
  --name Stowage --app-version "$version"
  --vendor "Stowage" --description "Design Amazon ECS layouts visually, run them on Docker, deploy them to ECS."
  --input "$work/input" --main-jar stowage.jar --main-class io.stowage.app.Launcher
  --runtime-image "$work/runtime"
  --file-associations installers/stowage-design.properties
)
case "$os" in
  linux) platform=(--icon icons/png/stowage-256.png --linux-package-name stowage --linux-shortcut
           --linux-menu-group "Development" --linux-app-category devel
           --linux-deb-maintainer "stowage@users.noreply.github.com" --linux-package-deps "libgtk-3-0"
           --resource-dir installers/linux) ;;
  mac) platform=(--icon icons/stowage.icns --mac-package-name Stowage) ;;
  windows) platform=(--icon icons/stowage.ico --win-menu --win-menu-group Stowage --win-shortcut --win-dir-chooser
             --win-upgrade-uuid 6f0a3b52-6c1e-4a8e-9b7e-5c0f4e1d2a93) ;;
esac
if [ "$type" = rpm ]; then
  platform=("${platform[@]/libgtk-3-0/gtk3}")
fi

say "jpackage --type $type"
rm -f "$work"/*."$type"
jpackage "${common[@]}" "${platform[@]}"
say "wrote $(ls "$work"/*."$type" 2>/dev/null || ls -d "$work"/Stowage*)"
