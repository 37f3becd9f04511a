#!/usr/bin/env bash
# End-to-end batch throughput of `kader eval` against the Python baseline
# (scripts/baseline.py), on the same freshly generated ("unseen") locations,
# in the same run. Also checks that both give the same verdict and criterion
# statuses for every location.
#
#   scripts/batch-bench.sh                 # 10,000 locations
#   COUNT=1000000 scripts/batch-bench.sh   # any count; peak RSS is reported
#   SKIP_PYTHON=1 COUNT=1000000 scripts/batch-bench.sh
#
# Needs: a release build (built here), python3, /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
SEED=${SEED:-$(date +%s)}
FRAMEWORK=frameworks/basiskader.kader
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
KADER=target/release/kader

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generating $COUNT locations (seed $SEED)"
"$KADER" samples generate "$FRAMEWORK" --count "$COUNT" --seed "$SEED" --out "$WORK" --jsonl 2>/dev/null
INPUT="$WORK/locations.jsonl"
echo "input: $(du -h "$INPUT" | cut -f1)"

rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }

# kader: process start, parse, evaluate, write JSON Lines; first every
# result explained (--format json), then verdict and statuses only
# (--summary), what the Python baseline writes too.
FULL="$WORK/kader-full.jsonl"
OUT="$WORK/kader.jsonl"
if [ "$COUNT" -gt 100000 ]; then FULL=/dev/null; OUT=/dev/null; fi
/usr/bin/time -f '%e %U %S %M' -o "$WORK/full.time" \
  "$KADER" eval "$FRAMEWORK" "$INPUT" --format json >"$FULL"
read -r F_WALL F_USER F_SYS F_RSS <"$WORK/full.time"
echo "kader eval --format json: ${F_WALL}s wall, ${F_USER}s user, ${F_SYS}s sys, peak RSS $((F_RSS / 1024)) MiB, $(rate "$COUNT" "$F_WALL") locations/s"
/usr/bin/time -f '%e %U %S %M' -o "$WORK/kader.time" \
  "$KADER" eval "$FRAMEWORK" "$INPUT" --summary >"$OUT"
read -r K_WALL K_USER K_SYS K_RSS <"$WORK/kader.time"
echo "kader eval --summary:     ${K_WALL}s wall, ${K_USER}s user, ${K_SYS}s sys, peak RSS $((K_RSS / 1024)) MiB, $(rate "$COUNT" "$K_WALL") locations/s"

if [ -z "${SKIP_PYTHON:-}" ]; then
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/python.time" \
    python3 scripts/baseline.py "$INPUT" >"$WORK/python.jsonl"
  read -r P_WALL P_USER P_SYS P_RSS <"$WORK/python.time"
  echo "baseline.py:  ${P_WALL}s wall, ${P_USER}s user, peak RSS $((P_RSS / 1024)) MiB, $(rate "$COUNT" "$P_WALL") locations/s"
  echo "kader --summary is $(python3 -c "print(f'{$P_WALL / $K_WALL:.1f}')")x faster (wall); --format json $(python3 -c "print(f'{$P_WALL / $F_WALL:.1f}')")x"
  if [ "$OUT" != /dev/null ]; then
    python3 - "$WORK/python.jsonl" "$OUT" <<'PY'
import json, sys
bad = 0
with open(sys.argv[1]) as py, open(sys.argv[2]) as kader:
    for a, b in zip(py, kader):
        a, b = json.loads(a), json.loads(b)
        bad += a["verdict"] != b["verdict"] or a["criteria"] != b["criteria"]
print("agreement: " + ("every location" if bad == 0 else f"{bad} locations differ"))
sys.exit(1 if bad else 0)
PY
  fi
fi
