#!/usr/bin/env bash
# usage: bench/run.sh            (make bench)
# Brightspots against Hugo on the same corpus, on this machine, in one run. For each size in SIZES (default
# "1000 10000"; add 50000 for the large row) it reports, from interleaved runs and medians:
#   - the full build (build --clean) against Hugo 0.111 (../shared/bench/compare.sh), and files per second;
#   - peak memory of both (/usr/bin/time -v, median of MEMRUNS);
#   - a one-entry edit rebuilt by `brightspots build` (a new process, warm cache) and by `serve --watch`
#     (write → the page served with the edit), against Hugo's `hugo server` (../shared/bench/rebuild.sh);
#   - the time the daemon takes to publish an approved submission (bench/publish.sh);
# then the daemon's load figures (bench/daemon.sh). Everything goes to stdout and $BENCHWORK/results.txt.
# Nothing here is a test: no figure is asserted.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
export BENCHWORK=${BENCHWORK:-/tmp/benchwork-brightspots}
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-7}; MEMRUNS=${MEMRUNS:-3}; EDITS=${EDITS:-5}
BIN=$ROOT/.build-release/release/brightspots
THEME=$ROOT/Themes/default
mkdir -p "$BENCHWORK"
RESULTS=$BENCHWORK/results.txt
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Tools: Hugo, hyperfine, wrk, GNU time, curl and discount's markdown (the floor) from Debian.
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
command -v markdown >/dev/null || missing+=(discount)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The Swift runtime and Foundation linked into the binary (`--static-swift-stdlib`, as docs/OPERATIONS.md installs
# it): calls into them are direct rather than through the dynamic linker's tables, which made a full build about 8 %
# quicker (docs/PERFORMANCE.md). The first such build takes about 5 minutes on 2 cores.
(cd "$ROOT" && swift build -c release --static-swift-stdlib --product brightspots --scratch-path .build-release 2>&1 | tail -1)

say "# Brightspots benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
say "software: $(hugo version | cut -d' ' -f1-2), $(hyperfine --version), discount $(markdown -V 2>&1 | head -1 | awk '{print $3}'), $("$BIN" --version 2>/dev/null || echo brightspots)"
say ""

for N in $SIZES; do
  P=$BENCHWORK/project-$N
  OUT=$BENCHWORK/out-$N
  [ -f "$P/Content/site.yaml" ] || python3 "$ROOT/bench/corpus.py" "$N" "$P" >/dev/null
  BUILD="'$BIN' build --root '$P' --theme '$THEME' --output '$OUT'"
  say "## $N entries ($(du -sh "$P/Content" | cut -f1) of Markdown)"

  # Full build against Hugo, interleaved in one hyperfine run.
  RUNS=$RUNS "$SHARED/compare.sh" "$BUILD --clean" "$P/Content" > "$BENCHWORK/compare-$N.txt" 2>&1
  grep -E '^RESULT' "$BENCHWORK/compare-$N.txt" | tee -a "$RESULTS"
  hugo_s=$(awk '/^RESULT/ {print $4}' "$BENCHWORK/compare-$N.txt")
  ours_s=$(awk '/^RESULT/ {print $9}' "$BENCHWORK/compare-$N.txt")
  summary=$(eval "$BUILD --clean --verbose")
  files=$(echo "$summary" | sed -n 's/.*pages, \([0-9]*\) files.*/\1/p')
  pages=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) pages,.*/\1/p')
  hugo_files=$(find "$BENCHWORK/compare/hugo-out" -type f | wc -l)
  say "brightspots: $pages pages, $files files, $(du -sh "$OUT" | cut -f1); $(awk -v f="$files" -v t="$ours_s" 'BEGIN {printf "%.0f", f / t}') files/s"
  say "hugo:        $hugo_files files, $(du -sh "$BENCHWORK/compare/hugo-out" | cut -f1); $(awk -v f="$hugo_files" -v t="$hugo_s" 'BEGIN {printf "%.0f", f / t}') files/s"
  say "brightspots stages (one --clean --verbose build):"
  echo "$summary" | sed -n '2,$p' | sed 's/^/    /' | tee -a "$RESULTS"

  # Peak memory, median of MEMRUNS, alternating.
  : > "$BENCHWORK/rss-ours"; : > "$BENCHWORK/rss-hugo"
  for _ in $(seq "$MEMRUNS"); do
    eval "/usr/bin/time -v $BUILD --clean" 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}' >> "$BENCHWORK/rss-ours"
    /usr/bin/time -v hugo --quiet -s "$BENCHWORK/compare/hugo-site" -d "$BENCHWORK/compare/hugo-out" 2>&1 >/dev/null |
      awk '/Maximum resident/ {print $6}' >> "$BENCHWORK/rss-hugo"
  done
  say "peak RSS (median of $MEMRUNS): brightspots $(median < "$BENCHWORK/rss-ours" | awk '{printf "%.0f", $1/1024}') MiB, hugo $(median < "$BENCHWORK/rss-hugo" | awk '{printf "%.0f", $1/1024}') MiB"

  # One-entry edit, `brightspots build` in a new process with the cache warm.
  F=$(find "$P/Content/aar" -name '*.md' | LC_ALL=C sort | sed -n 1p)
  cp "$F" "$BENCHWORK/orig.md"
  eval "$BUILD" >/dev/null
  hyperfine --style none --runs "$EDITS" --export-json "$BENCHWORK/edit-$N.json" \
    --prepare "printf '\\nA bench edit %s.\\n' \$RANDOM >> '$F'" "$BUILD" >/dev/null
  cp "$BENCHWORK/orig.md" "$F"
  say "one-entry edit, brightspots build (new process, cache warm): median $(python3 -c "import json,statistics as s; print(round(1000*s.median(json.load(open('$BENCHWORK/edit-$N.json'))['results'][0]['times'])))") ms"
  eval "$BUILD" >/dev/null

  # One-entry edit under serve --watch: from the write until the served page shows it.
  PORT=18471
  LOG=$BENCHWORK/watch-$N.log
  BRIGHTSPOTS_SUBMISSIONS_PER_WINDOW=100000 "$BIN" serve --root "$P" --theme "$THEME" --output "$OUT" --port $PORT \
    --watch --no-build > "$LOG" 2>&1 &
  WPID=$!
  # The watcher reads every file once (--no-build) and then says it is watching; edits before that are not timed.
  for _ in $(seq 3000); do grep -q 'Watching for changes' "$LOG" && break; sleep 0.1; done
  for _ in $(seq 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
  slug=$(basename "$F" .md)
  URL=http://127.0.0.1:$PORT/after-action-reviews/$slug/
  : > "$BENCHWORK/watch-e2e"
  for i in $(seq "$EDITS"); do
    t0=$(now_ms); printf '\nwatch-marker-%s\n' "$i" >> "$F"
    until curl -sf "$URL" | grep -q "watch-marker-$i"; do sleep 0.005; done
    echo $(( $(now_ms) - t0 )) >> "$BENCHWORK/watch-e2e"
    sleep 0.5
  done
  kill "$WPID"; wait "$WPID" 2>/dev/null || true
  cp "$BENCHWORK/orig.md" "$F"
  rebuilds=$(sed -n '/Watching for changes/,$p' "$LOG" | grep -o 'Rebuilt in [0-9]* ms' | awk '{print $3}' | median)
  say "one-entry edit, serve --watch: write to page served median $(median < "$BENCHWORK/watch-e2e") ms; the rebuild itself median ${rebuilds:-?} ms ($EDITS edits)"
  eval "$BUILD" >/dev/null

  # Hugo's rebuild after one edit (hugo server; fast render and full re-render).
  PORT=18313 "$SHARED/rebuild.sh" "$BENCHWORK/compare/hugo-site" "$EDITS" 2>&1 | tee -a "$RESULTS"

  # Publishing an approved submission through the daemon.
  if [ -x "$ROOT/bench/publish.sh" ]; then "$ROOT/bench/publish.sh" "$P" "$BIN" "$THEME" 2>&1 | tee -a "$RESULTS"; fi
  say ""
done

if [ -x "$ROOT/bench/daemon.sh" ]; then
  say "## The daemon under load (wrk on loopback)"
  "$ROOT/bench/daemon.sh" "$ROOT" "$BIN" 2>&1 | tee -a "$RESULTS"
fi
say "Results in $RESULTS"
