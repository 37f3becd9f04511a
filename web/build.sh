#!/usr/bin/env bash
# Builds the playground into web/pkg: kader-wasm for the web
# (wasm-bindgen --target web) and data.js, which embeds the shipped
# basiskader and samples. Then serve web/ with any static file server,
# for example `node web/serve.mjs`.
#
# Needs the wasm32-unknown-unknown target, wasm-bindgen (the CLI of the
# wasm-bindgen version in Cargo.lock) and Node. The cargo build goes to
# $CARGO_TARGET_DIR when set, else target/bindings.
set -euo pipefail

web="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$web/.." && pwd)"
cargo="${CARGO:-cargo}"
target="${CARGO_TARGET_DIR:-$root/target/bindings}"

version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")"
install="cargo install wasm-bindgen-cli --version $version --locked (drop --locked if a locked dependency cannot be had)"
if ! command -v wasm-bindgen >/dev/null 2>&1; then
  echo "web/build.sh: wasm-bindgen is not installed; install it with: $install" >&2
  exit 1
fi
found="$(wasm-bindgen --version | awk '{ print $2 }')"
if [ "$found" != "$version" ]; then
  echo "web/build.sh: wasm-bindgen is $found, but Cargo.lock has $version; install it with: $install" >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  echo "web/build.sh: node is not installed; install it with: apt-get install nodejs" >&2
  exit 1
fi

CARGO_TARGET_DIR="$target" "$cargo" build --manifest-path "$root/Cargo.toml" \
  -p kader-wasm --release --target wasm32-unknown-unknown

rm -rf "$web/pkg"
wasm-bindgen --target web --out-dir "$web/pkg" \
  "$target/wasm32-unknown-unknown/release/kader_wasm.wasm"
node "$web/embed.mjs" "$root" > "$web/pkg/data.js"
echo "web/build.sh: built $web/pkg; serve it with: node web/serve.mjs"
