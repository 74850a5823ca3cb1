#!/usr/bin/env bash
# Makes every icon the platforms need from the one master, stowage.svg:
#   png/stowage-N.png for N in 16 32 48 64 128 256 512 (Linux, the window, jpackage on Linux),
#   stowage.ico (Windows: 16 to 256 in one file), stowage.icns (macOS).
# The results are committed, so the build does not need these tools. Debian packages:
#   apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "build-icons: $tool is missing (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done

mkdir -p png
for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --format png --output "png/stowage-$size.png" stowage.svg
done

# The 256 px image goes in as PNG (as Windows has read it since Vista), the others as bitmaps.
icotool --create --output stowage.ico png/stowage-{16,32,48,64,128}.png --raw=png/stowage-256.png
# png2icns picks the ICNS slot of each PNG by its size.
png2icns stowage.icns png/stowage-{16,32,48,128,256,512}.png >/dev/null

# The window takes them from the classpath.
resources=../src/main/resources/io/stowage/ui/icons
mkdir -p "$resources"
for size in 16 32 48 64 128 256 512; do
  cp "png/stowage-$size.png" "$resources/stowage-$size.png"
done
echo "build-icons: wrote png/, stowage.ico, stowage.icns and $resources"
