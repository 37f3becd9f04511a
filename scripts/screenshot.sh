#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and writes a PNG, so that a
# person can look at it as a reader would. The test suite does not use it.
#
#   scripts/screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]
#   scripts/screenshot.sh --eval EVIDENCE OUT.png [kader eval flags...]
#
# The second form first runs `kader eval --format html` on the shipped
# basiskader (for instance with `--stage audit` or `--lang en`).
# Needs chromium (Debian: apt-get install -y chromium).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
size="1200,2000"
generated=""
profile="$(mktemp -d)"
trap 'rm -rf "$profile"; if [[ -n "$generated" ]]; then rm -f "$generated"; fi' EXIT

if [[ "${1:-}" == "--eval" ]]; then
    [[ $# -ge 3 ]] || { echo "usage: $0 --eval EVIDENCE OUT.png [flags...]" >&2; exit 2; }
    evidence="$2"
    out="$3"
    shift 3
    generated="$(mktemp --suffix=.html)"
    html="$generated"
    cargo run --quiet --manifest-path "$root/Cargo.toml" -- \
        eval "$root/frameworks/basiskader.kader" "$evidence" --format html "$@" > "$html"
else
    [[ $# -ge 2 ]] || { echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2; exit 2; }
    html="$1"
    out="$2"
    if [[ -n "${3:-}" ]]; then size="${3/x/,}"; fi
fi

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
    echo "screenshot.sh: no chromium found; install it with: apt-get install -y chromium" >&2
    exit 2
fi

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$(realpath -m "$out")" --window-size="$size" \
    "file://$(realpath "$html")" 2>/dev/null
echo "wrote $out"
