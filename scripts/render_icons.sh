#!/bin/sh
# Renders resources/icons/tunewatch.svg into the PNG sizes desktops ask for
# (resources/icons/tunewatch-SIZE.png). Needs rsvg-convert (Debian: librsvg2-bin).
# Run after changing the SVG, and commit the PNGs: nothing renders them at run time.
set -eu
cd "$(dirname "$0")/.."
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
        resources/icons/tunewatch.svg --output "resources/icons/tunewatch-$size.png"
done
echo "render_icons: resources/icons/tunewatch-{16..512}.png"
