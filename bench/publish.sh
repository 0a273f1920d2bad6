#!/usr/bin/env bash
# usage: bench/publish.sh PROJECT BINARY THEME [COUNT]
# How long the daemon takes to publish an approved submission: COUNT (default 5) reflections sent through the API,
# then each approved through the moderation page as a logged-in moderator. The time is the approve request's own,
# from the POST until the response (the new page is live when it returns). Works on a copy of PROJECT's Content/.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 PROJECT BINARY THEME [COUNT]" >&2; exit 2; }
SRC=$(cd "$1" && pwd); BIN=$2; THEME=$3; COUNT=${4:-5}
W=${BENCHWORK:-/tmp/benchwork-brightspots}/publish-$(basename "$SRC")
rm -rf "$W"; mkdir -p "$W"; cp -R "$SRC/Content" "$W/Content"
PORT=${PORT:-18472}; BASE=http://127.0.0.1:$PORT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "bench-password-0123" | "$BIN" user add bench --role moderator --password-stdin --root "$W" >/dev/null
"$BIN" build --root "$W" --theme "$THEME" >/dev/null
BRIGHTSPOTS_SUBMISSIONS_PER_WINDOW=100000 "$BIN" serve --root "$W" --theme "$THEME" --port "$PORT" --no-build \
  > "$W/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf -o /dev/null "$BASE/" && break; sleep 0.1; done
JAR=$W/cookies
token() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
csrf=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/moderate/login/" | token)
curl -sf -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf=$csrf" --data-urlencode "username=bench" \
  --data-urlencode "password=bench-password-0123" "$BASE/moderate/login/"
: > "$W/times"
for i in $(seq "$COUNT"); do
  ref=$(curl -sf -X POST "$BASE/api/submissions" -H 'Content-Type: application/json' -d "{
    \"kind\": \"bright-spot\", \"title\": \"Tea before forms, take $i\",
    \"sections\": [\"A busy drop-in.\", \"We offered tea first.\", \"Time to talk.\", \"Yes, anywhere with a kettle.\"],
    \"tags\": [\"housing\"], \"anonymous\": true, \"declaration\": true}" | sed -n 's/.*"reference":"\([^"]*\)".*/\1/p')
  csrf=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/moderate/$ref/" | token)
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -c "$JAR" -b "$JAR" --data-urlencode "csrf=$csrf" \
    "$BASE/moderate/$ref/approve/" > "$W/last"
  read -r status seconds < "$W/last"
  [ "$status" = 303 ] || { echo "approve of $ref answered $status" >&2; exit 1; }
  page=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/bright-spots/tea-before-forms-take-$i/")
  [ "$page" = 200 ] || { echo "the published page answered $page" >&2; exit 1; }
  awk -v s="$seconds" 'BEGIN {printf "%.0f\n", s * 1000}' >> "$W/times"
done
echo "publish an approved submission through the daemon: median $(median < "$W/times") ms (min $(sort -n "$W/times" | head -1), max $(sort -n "$W/times" | tail -1); $COUNT approvals, each page live on return)"
