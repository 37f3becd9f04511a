#!/usr/bin/env bash
# Seeds and runs every fuzz target: `fuzz/run.sh [SECONDS] [TARGET...]`
# (default 600 seconds, every target). Targets run two at a time, one per
# core; each prints its executions, executions per second and crashes.
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); the fuzzers use
# nightly-only compiler flags, which RUSTC_BOOTSTRAP=1 allows on the stable
# toolchain. kader forbids unsafe code, so the fuzzers run without a
# sanitizer (`-s none`): several times as many executions.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
all=(parse evidence compile evaluate fmt evidence_diff lsp gap_text framework layers format_eval json_writer)
if (($#)); then targets=("$@"); else targets=("${all[@]}"); fi
export RUSTC_BOOTSTRAP=1

# Framework texts are cut at blank lines into pieces of about 1,500 bytes:
# the text targets read no more than 2,048.
pieces() {
  local dir=$1
  shift
  for file in "$@"; do
    awk -v out="$dir/$(basename "$file")" '
      { piece = piece $0 "\n" }
      /^$/ && length(piece) > 1200 { n++; printf "%s", piece > (out "." n); close(out "." n); piece = "" }
      END { if (piece != "") { n++; printf "%s", piece > (out "." n) } }' "$file"
  done
}

mkdir -p corpus artifacts logs
for target in "${all[@]}"; do mkdir -p "corpus/$target"; done
frameworks=(../frameworks/*.kader ../frameworks/lokaal/*.kader ../tests/data/ok/*.kader)
pieces corpus/parse "${frameworks[@]}" ../tests/data/err/*.kader
pieces corpus/compile "${frameworks[@]}"
pieces corpus/fmt "${frameworks[@]}"
pieces corpus/lsp "${frameworks[@]}"
cp ../samples/*.json ../samples/*.toml corpus/evidence/
# `evaluate` and `evidence_diff`: the first byte picks the framework.
for sample in ../samples/*.json; do
  name=$(basename "$sample")
  for which in 0 1 2; do
    { printf "\\$(printf '%03o' "$which")"; cat "$sample"; } > "corpus/evaluate/$which-$name"
    { printf "\\$(printf '%03o' "$which")"; cat "$sample"; } > "corpus/evidence_diff/$which-$name"
  done
done
# The structure-aware targets (framework, layers, format_eval, gap_text,
# json_writer)
# build their input from bytes and start from nothing.

max_len() {
  case $1 in
    evidence | evaluate | evidence_diff) echo 16384 ;;
    parse | compile | fmt | lsp) echo 2048 ;;
    *) echo 4096 ;;
  esac
}

cargo fuzz build -O -s none

run() {
  local target=$1
  local log="logs/$target.log"
  mkdir -p "artifacts/$target"
  cargo fuzz run -O -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="artifacts/$target/" \
    > "$log" 2>&1 || true
  local runs secs crashes
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  crashes=$(find "artifacts/$target" -type f | wc -l)
  runs=${runs:-0}
  secs=${secs:-$seconds}
  printf '%-14s %10s executions %6s s %8s exec/s %3s crashes\n' \
    "$target" "$runs" "$secs" "$((runs / (secs > 0 ? secs : 1)))" "$crashes"
}

# Two at a time, one per core.
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  if ((i + 1 < ${#targets[@]})); then run "${targets[i + 1]}" & fi
  wait
done
