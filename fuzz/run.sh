#!/usr/bin/env bash
# Runs every fuzz target for a while: `fuzz/run.sh [SECONDS]` (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the fuzzers use nightly-only
# compiler flags, which RUSTC_BOOTSTRAP=1 allows on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
export RUSTC_BOOTSTRAP=1

# Seed the corpora from the shipped framework, test frameworks and samples.
mkdir -p corpus/{parse,compile,fmt,evidence,evaluate,lsp}
cp ../frameworks/*.kader ../tests/data/ok/*.kader ../tests/data/err/*.kader corpus/parse/
cp ../frameworks/*.kader ../tests/data/ok/*.kader corpus/compile/
cp ../frameworks/*.kader ../tests/data/ok/*.kader corpus/fmt/
cp ../frameworks/*.kader ../frameworks/lokaal/*.kader ../tests/data/ok/*.kader corpus/lsp/
cp ../samples/*.json ../samples/*.toml corpus/evidence/
for sample in ../samples/*.json; do
  { cat ../frameworks/basiskader.kader; printf '\n---\n'; cat "$sample"; } > "corpus/evaluate/$(basename "$sample").txt"
done

for target in parse compile fmt evidence evaluate lsp; do
  echo "== $target ($seconds s)"
  cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=200000 2>&1 \
    | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
done
