#!/bin/sh
# Renders resources/icons/tunewatch.svg into the PNG sizes desktops ask for
# (resources/icons/tunewatch-SIZE.png). Needs rsvg-convert (Debian: librsvg2-bin).
# Run after changing the SVG, and commit the PNGs: nothing renders them at run time.
set -eu
cd "$(dirname "$0")/.."
for size in 16 24 32 48 64 128 256 512; do
    source=resources/icons/tunewatch.svg
    # The full drawing blurs at 16 and 24 px: those sizes have their own, bolder one.
    [ "$size" -le 24 ] && source=resources/icons/tunewatch-small.svg
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
        "$source" --output "resources/icons/tunewatch-$size.png"
done
echo "render_icons: resources/icons/tunewatch-{16..512}.png"
