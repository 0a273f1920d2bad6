#!/usr/bin/env bash
# Load figures for the daemon (`brightspots serve`), with wrk on loopback.
#
# usage: bench/daemon.sh PROJECT_DIR [BINARY]
#
#   PROJECT_DIR  any folder with Content/ (Themes/ is used if present, else the repository's Themes/default)
#   BINARY       the release binary; default /work/main/.build-release/release/brightspots. If it does not
#                exist yet (a build is under way) the script waits for it, checking every 30 s.
#
# Environment: DURATION (15s), CONNECTIONS (64), THREADS (2), TIMEOUT (30s: wrk's per-request timeout),
#              KIND (aar: the form page and the API's kind),
#              KEEP=1 keeps the scratch folder, BINARY_WAIT (seconds to wait for BINARY, 7200).
#
# Nothing in PROJECT_DIR changes: Content/ (and Themes/) are copied to a scratch folder, which also holds the
# store, the built site and the logs. The per-address submission limit is lifted (BRIGHTSPOTS_ environment
# settings) so that one client address can send thousands of submissions.
#
# Measures
#   0. for scale, GET / (a static page of the built site, from disk);
#   1. the form page, GET /submit/KIND/ with no cookie: each request is a first visit, so the daemon makes a
#      signed form token and sets it as a cookie (no store write: a session is made only when something is
#      posted); then the same page for a returning visitor (the form-token cookie, checked); then for a visitor
#      with a session and a half-typed draft (the session is read, and the whole form rendered with what they
#      typed: the slowest form page);
#   2. POST /api/submissions with bench/wrk/submit.lua: every completed response counted by status, and the
#      reference of every 201 kept;
#   3. after SIGTERM, the store: every acknowledged (201) reference must be in it ("lost: 0").
#
# Reconciling wrk's counts with the store: only responses wrk read completely reach submit.lua's response(),
# so only they are counted as acknowledged. When the run ends, wrk drops requests in flight; the daemon may
# still commit some of them (it finishes requests in flight on SIGTERM), so the store can hold a few more
# submissions than were acknowledged: "stored, not acknowledged" (harmless: their sender never got a
# reference). "lost" counts acknowledged references missing from the store, and must be 0; "duplicates"
# counts references acknowledged twice, or stored twice, and must be 0.
set -euo pipefail

usage() { echo "usage: $0 PROJECT_DIR [BINARY]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
project=$(cd "$1" && pwd) || usage
binary=${2:-/work/main/.build-release/release/brightspots}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
kind=${KIND:-aar}
# wrk gives up on a response after 2 s by default and leaves it out of the latencies; wait longer.
timeout=${TIMEOUT:-30s}

[[ -d $project/Content ]] || { echo "$project has no Content/ folder" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }

# The release binary may still be building: wait for it, then for its size to settle (the linker writes it).
waited=0
until [[ -x $binary ]]; do
    if (( waited >= ${BINARY_WAIT:-7200} )); then echo "no binary at $binary after ${waited}s" >&2; exit 1; fi
    echo "waiting for $binary ..." >&2
    sleep 30
    waited=$((waited + 30))
done
while :; do
    size=$(stat -c %s "$binary"); sleep 2
    [[ $size == "$(stat -c %s "$binary")" ]] && break
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/brightspots-daemon-bench.XXXXXX")
pid=""
cleanup() {
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [[ ${KEEP:-0} == 1 ]]; then echo "scratch folder kept: $scratch" >&2; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

cp -R "$project/Content" "$scratch/Content"
theme_args=()
if [[ -d $project/Themes ]]; then
    cp -R "$project/Themes" "$scratch/Themes"
else
    theme_args=(--theme "$repo/Themes/default")
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# The store is a fresh file in the scratch folder; one address may send as many submissions as it likes.
export BRIGHTSPOTS_DATABASE="$scratch/bench.sqlite"
export BRIGHTSPOTS_SUBMISSIONS_PER_WINDOW=1000000000
export BRIGHTSPOTS_RATE_WINDOW_SECONDS=1

echo "building and serving $project (copied to $scratch) on port $port ..." >&2
started=$(date +%s)
"$binary" serve --root "$scratch" "${theme_args[@]}" --port "$port" >"$scratch/serve.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "$base/submit/" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "the daemon stopped before answering:" >&2; cat "$scratch/serve.log" >&2; pid=""; exit 1
    fi
    if (( $(date +%s) - started > 900 )); then echo "the daemon did not answer within 900 s" >&2; exit 1; fi
    sleep 0.5
done
echo "answering after $(( $(date +%s) - started )) s" >&2

# The form page must answer 200 before it is measured.
form_url="$base/submit/$kind/"
code=$(curl -s -o /dev/null -w '%{http_code}' "$form_url")
[[ $code == 200 ]] || { echo "GET $form_url answered $code" >&2; exit 1; }

# One submission by hand first: if the body does not pass validation, measuring is pointless. Its reference
# counts as acknowledged.
sample='{"kind":"'"$kind"'","title":"Load test reflection sample","sections":["The team expected the handover between services to go smoothly.","It took longer than planned because the referral form was sent twice.","Nobody owned the form, so each service waited for the other.","Keep the joint meeting; name one person to send the form."],"tags":["load-test"],"team":"Benchmark team","anonymous":true,"declaration":true}'
answer=$(curl -s -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' --data "$sample" "$base/api/submissions")
[[ ${answer##*$'\n'} == 201 ]] || { echo "POST /api/submissions answered: $answer" >&2; exit 1; }
sample_reference=$(sed -n 's/.*"reference":"\(BS-[A-Z0-9-]*\)".*/\1/p' <<<"$answer")

# Pulls "p50 p99 req/s non2xx errors" out of wrk --latency output.
wrk_figures() {
    awk '
        $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { errors = $0; sub(/^ *Socket errors: */, "", errors) }
        END { printf "%s %s %s %d %s\n", p50, p99, rps, non2xx, (errors == "" ? "none" : errors) }
    ' "$1"
}

declare -A p50 p99 rps non2xx errors
measure() { # name, url, extra wrk arguments ...
    local name=$1 url=$2; shift 2
    echo "== $name: wrk -t$threads -c$connections -d$duration --timeout $timeout --latency $* $url" >&2
    wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency "$@" "$url" | tee "$scratch/wrk-$name.txt" >&2
    read -r p50[$name] p99[$name] rps[$name] non2xx[$name] errors[$name] < <(wrk_figures "$scratch/wrk-$name.txt")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# For scale: a static page of the built site, served from disk by the same daemon.
measure static "$base/"
# Each request is a first visit: no cookie, so the daemon makes a form token and sets it as a cookie.
measure form-first-visit "$form_url"
# A returning visitor sends the form-token cookie it was given.
jar="$scratch/cookies.txt"
page=$(curl -s -c "$jar" "$form_url")
cookie=$(awk '$6 == "brightspots_form" { print $6 "=" $7 }' "$jar")
[[ -n $cookie ]] || { echo "GET $form_url set no form-token cookie" >&2; exit 1; }
measure form-returning "$form_url" -H "Cookie: $cookie"
# A visitor with a session: choosing the kind stores one (with a blank draft of that kind), as in a browser; a
# form sent with only a title comes back with errors and keeps the title in the draft.
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data "csrf=$csrf&kind=$kind" "$base/submit/")
[[ $code == 303 ]] || { echo "choosing the kind answered $code" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data "csrf=$csrf&title=Half+typed" "$form_url")
[[ $code == 422 ]] || { echo "sending a half-typed form answered $code" >&2; exit 1; }
session_cookies=$(awk '$6 ~ /^brightspots_/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
[[ $session_cookies == *brightspots_session=* ]] || { echo "choosing the kind stored no session" >&2; exit 1; }
measure form-session "$form_url" -H "Cookie: $session_cookies"

echo "== submissions: wrk -t$threads -c$connections -d$duration --timeout $timeout --latency -s bench/wrk/submit.lua $base" >&2
BENCH_REFS="$scratch/acknowledged.txt" BENCH_KIND="$kind" \
    wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency -s "$here/wrk/submit.lua" "$base" \
    | tee "$scratch/wrk-submit.txt" >&2
submit_seconds=$(awk '/requests in/ { for (i = 1; i <= NF; i++) if ($i == "in") { print $(i + 1); exit } }' "$scratch/wrk-submit.txt" | tr -d 's,')
accepted=$(awk -F': ' '$1 == "status 201" { print $2 }' "$scratch/wrk-submit.txt"); accepted=${accepted:-0}
accepted_rate=$(awk -F': ' '$1 == "accepted/s" { print $2 }' "$scratch/wrk-submit.txt")
other_statuses=$(awk -F': ' '/^status / && $1 != "status 201" { sub(/^status /, "", $1); printf "%s%s×%s", sep, $1, $2; sep = ", " }' "$scratch/wrk-submit.txt")
submit_p50=$(awk '$1 == "50%" { print $2 }' "$scratch/wrk-submit.txt")
submit_p99=$(awk '$1 == "99%" { print $2 }' "$scratch/wrk-submit.txt")
submit_errors=$(awk '/Socket errors:/ { sub(/^ *Socket errors: */, ""); print }' "$scratch/wrk-submit.txt")

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Stop the daemon as an operator would: it finishes requests in flight and closes the store.
kill -TERM "$pid"
wait "$pid" || echo "the daemon exited with status $?" >&2
pid=""

# What the store holds, read through the CLI as a moderator would.
"$binary" moderate list --root "$scratch" --status pending >"$scratch/pending.txt"
awk '$1 ~ /^BS-/ { print $1 }' "$scratch/pending.txt" | sort >"$scratch/stored.txt"
{ cat "$scratch/acknowledged.txt"; echo "$sample_reference"; } | sort >"$scratch/acknowledged.sorted"
stored=$(wc -l <"$scratch/stored.txt")
acknowledged=$(wc -l <"$scratch/acknowledged.sorted")
lost=$(comm -23 "$scratch/acknowledged.sorted" "$scratch/stored.txt" | sort -u | wc -l)
unacknowledged=$(comm -13 <(sort -u "$scratch/acknowledged.sorted") "$scratch/stored.txt" | wc -l)
duplicates=$(( $(uniq -d "$scratch/acknowledged.sorted" | wc -l) + $(uniq -d "$scratch/stored.txt" | wc -l) ))
audit_note=""
if command -v sqlite3 >/dev/null; then
    audit_rows=$(sqlite3 "$BRIGHTSPOTS_DATABASE" "SELECT count(*) FROM audit WHERE action = 'submitted'")
    audit_note=" (audit 'submitted' rows: $audit_rows)"
fi
if (( lost > 0 )); then
    echo "LOST acknowledged submissions:" >&2
    comm -23 "$scratch/acknowledged.sorted" "$scratch/stored.txt" | head -20 >&2
fi

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
entries=$(find "$scratch/Content" -name '*.md' -not -path '*/forum/*' | wc -l)
cat <<EOF

### Daemon under load ($(date -u +%Y-%m-%d), $(nproc) cores, ${cpu:-unknown CPU})

\`bench/daemon.sh $1\` — release binary \`$binary\` (built $(date -u -r "$binary" '+%Y-%m-%d %H:%M') UTC), load average $load_before before / $load_after after (other processes on the machine), wrk -t$threads -c$connections -d$duration on loopback, project with $entries entries, fresh store (WAL, synchronous FULL).

| measure | p50 | p99 | requests/s | other |
| --- | ---: | ---: | ---: | --- |
| static page GET / (for scale) | ${p50[static]} | ${p99[static]} | ${rps[static]} | non-2xx: ${non2xx[static]}; socket errors: ${errors[static]} |
| form page GET /submit/$kind/, first visit (makes and sets a form token) | ${p50[form-first-visit]} | ${p99[form-first-visit]} | ${rps[form-first-visit]} | non-2xx: ${non2xx[form-first-visit]}; socket errors: ${errors[form-first-visit]} |
| form page, returning visitor (form-token cookie) | ${p50[form-returning]} | ${p99[form-returning]} | ${rps[form-returning]} | non-2xx: ${non2xx[form-returning]}; socket errors: ${errors[form-returning]} |
| form page, visitor with a session and a half-typed draft | ${p50[form-session]} | ${p99[form-session]} | ${rps[form-session]} | non-2xx: ${non2xx[form-session]}; socket errors: ${errors[form-session]} |
| POST /api/submissions | ${submit_p50:-?} | ${submit_p99:-?} | ${accepted_rate:-?} accepted | other statuses: ${other_statuses:-none}; socket errors: ${submit_errors:-none} |

Submissions: $accepted acknowledged (201) by wrk in ${submit_seconds:-?} s, $acknowledged with the sample sent first; after SIGTERM the store holds $stored pending$audit_note.
lost: $lost (acknowledged but not in the store); duplicates: $duplicates; stored, not acknowledged: $unacknowledged (requests wrk cut off at the end of the run).
EOF
(( lost == 0 && duplicates == 0 )) || exit 1
