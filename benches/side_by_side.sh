#!/usr/bin/env bash
# The whole-program benchmark of docs/performance.md in one command: builds folio, runs it side
# by side with Zola and Hugo on the generated corpus (../shared/bench/run_peers.sh, every build
# cold), then takes the figures run_peers.sh does not: a second build with nothing changed, and
# folio alone on a corpus too big for the peers. Prints markdown; raw figures stay in WORK_DIR.
#
#   benches/side_by_side.sh [WORK_DIR]          (default: /tmp/folio-bench)
#
# Environment (all optional):
#   SIZES="1000 10000"   side-by-side corpus sizes     RUNS=3     timed runs (after a warm-up)
#   TOOLS="folio zola hugo"                            BIG=100000 folio-only size ("" skips)
#   SECOND=10000         size of the second-build runs ("" skips)
#   BENCH=../shared/bench (where run_peers.sh and gen_corpus.py are); ZOLA, HUGO as run_peers.sh
# Run it on an otherwise idle machine: the figures are only comparable within one run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
WORK=${1:-/tmp/folio-bench}
SIZES=${SIZES-"1000 10000"}
RUNS=${RUNS:-3}
TOOLS=${TOOLS:-"folio zola hugo"}
BIG=${BIG-100000}
SECOND=${SECOND-10000}
GNU_TIME=/usr/bin/time

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# folio as the benchmark runs it: a copy of this checkout's release build, and a wrapper that
# adds --no-cache, since run_peers.sh keeps the site's .folio-cache between runs.
(cd "$ROOT" && cargo build --release --quiet)
mkdir -p "$WORK/bin" "$WORK/logs"
cp "${CARGO_TARGET_DIR:-$ROOT/target}/release/folio" "$WORK/bin/folio"
COLD=$WORK/bin/folio-cold
cat > "$COLD" <<EOF
#!/bin/sh
case "\$1" in build) exec "$WORK/bin/folio" "\$@" --no-cache ;; *) exec "$WORK/bin/folio" "\$@" ;; esac
EOF
chmod +x "$COLD"
echo "folio commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (modified)')"

TOOLS=$TOOLS SIZES=$SIZES RUNS=$RUNS SERVE=0 FOLIO=$COLD "$BENCH/run_peers.sh" "$WORK"

# folio's time over each peer's, per size, from run_peers.sh's raw figures.
echo
echo "## ratios (folio's median wall time over the peer's)"
echo "| pages | peer | ratio |"
echo "|---|---|---|"
awk -F'\t' '$1 == "folio" {f[$2] = $3} $1 != "folio" {p[$2 "\t" $1] = $3}
  END {for (k in p) {split(k, a, "\t"); if (a[1] in f) printf "| %s | %s | %.3fx |\n", a[1], a[2], f[a[1]] / p[k]}}' \
  "$WORK/builds.tsv" | sort -t'|' -k2,2n -k3

cold_median() { awk -F'\t' -v n="$1" '$1 == "folio" && $2 == n {print $3}' "$WORK/builds.tsv"; }

site() {  # size -> the folio corpus of that size (generated once, as run_peers.sh does)
  local d="$WORK/sites/folio-$1"
  if [ ! -e "$d/.complete" ]; then
    rm -rf "$d"
    python3 "$BENCH/gen_corpus.py" --pages "$1" --flavor folio --out "$d" >&2
    touch "$d/.complete"
  fi
  echo "$d"
}

if [ -n "$SECOND" ]; then
  s=$(site "$SECOND")
  out=$WORK/out/folio-second-$SECOND
  rm -rf "$out" "$(dirname "$out")/.$(basename "$out").folio-spare" "$s/.folio-cache"
  # The first build fills the cache; the next ones find nothing changed.
  "$GNU_TIME" -f '%e %M' -o "$WORK/logs/second-fill" "$WORK/bin/folio" build --root "$s" --output "$out" -q
  : > "$WORK/logs/second.all"
  for _ in $(seq "$RUNS"); do
    "$GNU_TIME" -f '%e %M' -o "$WORK/logs/second" "$WORK/bin/folio" build --root "$s" --output "$out" -q
    tail -1 "$WORK/logs/second" >> "$WORK/logs/second.all"
  done
  wall=$(awk '{print $1}' "$WORK/logs/second.all" | median)
  echo
  echo "## second build, $SECOND pages, nothing changed (median of $RUNS)"
  echo "first build (fills the cache): $(awk '{print $1}' "$WORK/logs/second-fill") s;" \
    "then $(awk '{printf "%s ", $1}' "$WORK/logs/second.all")s: median $wall s"
  cold=$(cold_median "$SECOND")
  if [ -n "$cold" ]; then
    awk -v w="$wall" -v c="$cold" 'BEGIN {printf "%.2fx the cold median (%s s)\n", w / c, c}'
  fi
fi

if [ -n "$BIG" ]; then
  s=$(site "$BIG")
  out=$WORK/out/folio-$BIG
  rm -rf "$out"
  sync
  "$GNU_TIME" -f '%e %M %U %S' -o "$WORK/logs/time-folio-$BIG" "$COLD" build --root "$s" --output "$out" -q
  read -r wall peak user sys < <(tail -1 "$WORK/logs/time-folio-$BIG")
  echo
  echo "## folio alone, $BIG pages (one cold run)"
  awk -v w="$wall" -v p="$peak" -v u="$user" -v s="$sys" \
    'BEGIN {printf "%.1f s, CPU %.1f s, peak RSS %.0f MiB\n", w, u + s, p / 1024}'
  base=$(cold_median 10000)
  if [ -n "$base" ]; then
    awk -v w="$wall" -v b="$base" 'BEGIN {printf "%.1fx the 10000-page median (%s s)\n", w / b, b}'
  fi
fi
