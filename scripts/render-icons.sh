#!/usr/bin/env bash
# Renders the web app's PNG icons (src/Gateway/wwwroot/icons) from their SVG sources with Debian's headless Chromium,
# the browser the tests already use, so no image tool is needed. Run after editing icon.svg or icon-maskable.svg.
set -euo pipefail
cd "$(dirname "$0")/../src/Gateway/wwwroot/icons"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
render() { # svg png size
  cp "$1" "$work/"
  printf '<html><body style="margin:0"><img src="%s" width="%s" height="%s"></body></html>' "$1" "$3" "$3" >"$work/page.html"
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$3,$3" --screenshot="$work/$2" "file://$work/page.html" >/dev/null 2>&1
  mv "$work/$2" "$2"
}
render icon.svg icon-192.png 192
render icon.svg icon-512.png 512
render icon-maskable.svg icon-maskable-512.png 512
echo "icons rendered: $(ls ./*.png | tr '\n' ' ')"
