#!/usr/bin/env bash
# Index a built site with Pagefind (the search Starlight ships) and report what it cost.
#
#   benches/search/pagefind.sh OUT_DIR
#
# Installs the pinned `pagefind` npm package outside the repository (PAGEFIND_DIR, default
# /tmp/folio-peers/pagefind), checks that its prebuilt binary runs here, then runs
# `pagefind --site OUT_DIR` RUNS times (default 3; each run starts from an OUT_DIR without
# `pagefind/`) under GNU time. Prints per run and as medians: wall time, peak RSS, and the
# number and total size of the files Pagefind wrote (OUT_DIR/pagefind/). The last run's index
# stays in OUT_DIR/pagefind/ for measure.mjs. REPORT=file.json also writes the figures as JSON.
# PAGEFIND_ARGS adds arguments (e.g. "--root-selector main"); they are recorded in the report.
# MAX_VM_KIB caps Pagefind's address space (ulimit -v) so that a run too big for the machine fails
# alone instead of waking the OOM killer for everyone else on it.
#
# The binary is run directly rather than through `npx pagefind`: the npm wrapper only spawns it,
# and a node process in between would blur the peak RSS.
set -euo pipefail

PAGEFIND_VERSION=${PAGEFIND_VERSION:-1.6.0}
PAGEFIND_DIR=${PAGEFIND_DIR:-/tmp/folio-peers/pagefind}
RUNS=${RUNS:-3}
PAGEFIND_ARGS=${PAGEFIND_ARGS:-}

if [[ $# -ne 1 || ! -d $1 ]]; then
  echo "usage: $0 OUT_DIR   (a built site; env: RUNS, PAGEFIND_DIR, PAGEFIND_VERSION, PAGEFIND_ARGS, REPORT)" >&2
  exit 2
fi
site=$(cd "$1" && pwd)
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }

# --- install (pinned, outside the repository)
installed=$(node -p "try { require('$PAGEFIND_DIR/node_modules/pagefind/package.json').version } catch { '' }" 2>/dev/null || true)
if [[ $installed != "$PAGEFIND_VERSION" ]]; then
  mkdir -p "$PAGEFIND_DIR"
  [[ -f $PAGEFIND_DIR/package.json ]] || echo '{"name":"folio-peer-pagefind","private":true}' > "$PAGEFIND_DIR/package.json"
  (cd "$PAGEFIND_DIR" && npm install --no-audit --no-fund --save-exact "pagefind@$PAGEFIND_VERSION" >&2)
fi
bin=$(cd "$PAGEFIND_DIR" && node --input-type=module -e "
  const { resolveBinaryPath } = await import('./node_modules/pagefind/lib/resolveBinary.js');
  console.log(resolveBinaryPath(['pagefind_extended', 'pagefind']));")
got=$("$bin" --version 2>&1) || { echo "pagefind binary does not run here: $bin: $got" >&2; exit 2; }
[[ $got == *"$PAGEFIND_VERSION"* ]] || { echo "unexpected version from $bin: $got" >&2; exit 2; }
echo "pagefind: $got ($bin)" >&2

# --- runs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
walls=() rsss=()
for ((r = 1; r <= RUNS; r++)); do
  rm -rf "$site/pagefind"
  # shellcheck disable=SC2086  # PAGEFIND_ARGS is a list of words
  ( [[ -z ${MAX_VM_KIB:-} ]] || ulimit -v "$MAX_VM_KIB"
    exec /usr/bin/time -v -o "$tmp/time.$r" "$bin" --site "$site" $PAGEFIND_ARGS ) > "$tmp/log.$r" 2>&1 ||
    { tail -20 "$tmp/log.$r" >&2; cat "$tmp/time.$r" >&2 2>/dev/null; echo "pagefind failed (run $r)" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$tmp/time.$r")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.$r")
  walls+=("$wall") rsss+=("$rss")
  echo "run $r: wall ${wall} s, peak RSS $((rss / 1024)) MiB" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
wall_med=$(median "${walls[@]}")
rss_med=$(median "${rsss[@]}")

files=$(find "$site/pagefind" -type f | wc -l)
bytes=$(find "$site/pagefind" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
indexed=$(grep -oE 'Indexed [0-9]+ pages?' "$tmp/log.$RUNS" | head -1 | grep -oE '[0-9]+' || echo "?")
words=$(grep -oE 'Indexed [0-9]+ words?' "$tmp/log.$RUNS" | head -1 | grep -oE '[0-9]+' || echo "?")
by_kind=$(cd "$site/pagefind" && find . -type f -printf '%h %s\n' | awk '{ n[$1]++; s[$1] += $2 } END { for (k in n) printf "%s=%d files/%d bytes ", k, n[k], s[k] }')
cat "$tmp/log.$RUNS" | grep -E 'Indexed|Finished|Error|error' >&2 || true

echo "site=$site pagefind=$PAGEFIND_VERSION args='$PAGEFIND_ARGS' runs=$RUNS"
echo "wall_s median=$wall_med all=${walls[*]}"
echo "peak_rss_kib median=$rss_med all=${rsss[*]}"
echo "pages_indexed=$indexed words_indexed=$words files=$files bytes=$bytes"
echo "by_dir: $by_kind"

if [[ -n ${REPORT:-} ]]; then
  cat > "$REPORT" <<EOF
{"tool": "pagefind", "version": "$PAGEFIND_VERSION", "site": "$site", "args": "$PAGEFIND_ARGS", "runs": $RUNS,
 "wall_s": {"median": $wall_med, "all": [$(IFS=,; echo "${walls[*]}")]},
 "peak_rss_kib": {"median": $rss_med, "all": [$(IFS=,; echo "${rsss[*]}")]},
 "pages_indexed": "$indexed", "words_indexed": "$words", "files": $files, "bytes": $bytes}
EOF
fi
