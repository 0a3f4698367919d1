#!/usr/bin/env bash
# `timeline diff OLD NEW` on hand-made timelines (tests/data/diff): exit status
# like diff(1) (0 same, 1 different, 2 trouble), the three report formats, no
# colors when stdout is not a terminal, and clear errors for bad input.
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
: "${SRCDIR:?set SRCDIR to the source root}"
data="$SRCDIR/tests/data/diff"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run WANT_STATUS ARGS...: runs timeline, keeps stdout/stderr, checks the status.
run() {
  local want=$1; shift
  "$TIMELINE" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "timeline $* -> exit $got (want $want)"; sed 's/^/  /' "$tmp/err"
  else
    echo "ok: timeline $* -> $got"
  fi
}
has() { grep -Fq -- "$1" "$tmp/out" || fail "output lacks '$1'"; }

run 1 diff "$data/old.json" "$data/new.json"
has "~ 2025-06 -> 2025-06-05  London talks between US and China  [b2b2b2b2b2b2b2b2]"
has "    date: 2025-06 -> 2025-06-05 (more precise)"
has "    sources: +d3"
has "- 2025-02-04  Fentanyl tariff of 10% takes effect"
has "+ 2025-08-12  Truce extended by 90 days"
has "    conflict resolved (was: dates differ"
has "2 added, 1 removed, 3 changed"
grep -q $'\033' "$tmp/out" && fail "colors written to a file"

run 0 diff "$data/new.json" "$data/new.json"
[ "$(cat "$tmp/out")" = "0 added, 0 removed, 0 changed" ] || fail "same timelines: $(cat "$tmp/out")"

run 1 diff --format json "$data/old.json" "$data/new.json"
has '"added": ['
has '"what": ["date", "sources"]'
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["added"])==2 and len(d["removed"])==1 and len(d["changed"])==3' "$tmp/out" \
    || fail "JSON report does not parse or has the wrong counts"
fi

run 1 diff --format csv "$data/old.json" "$data/new.json"
head -1 "$tmp/out" | grep -q $'^change,id,old_value,new_value,old_title,new_title,what\r$' \
  || fail "CSV header or CRLF"
[ "$(wc -l <"$tmp/out")" -eq 7 ] || fail "CSV rows: $(wc -l <"$tmp/out")"
has '"Geneva truce cuts tariffs to 30%, for now"'

run 1 diff -o "$tmp/report.txt" "$data/old.json" "$data/new.json"
grep -q "3 changed" "$tmp/report.txt" || fail "-o did not write the report"

run 2 diff "$data/old.json" "$data/bad-syntax.json"
grep -q "bad-syntax.json:4:12: " "$tmp/err" || fail "no file:line:column in: $(cat "$tmp/err")"
run 2 diff "$data/old.json" "$tmp/missing.json"

# --previous and diff on a real build: drop one article, then put it back.
samples="$SRCDIR/samples"
if "$TIMELINE" build -q -f json -o "$tmp/full.json" "$samples" 2>"$tmp/err"; then
  mkdir "$tmp/fewer"
  cp "$samples"/*.txt "$tmp/fewer/"
  rm "$tmp/fewer/2025-06-11-trump-deal-done-wire.txt"
  run 0 build -q -f json -o "$tmp/fewer.json" "$tmp/fewer"
  run 1 diff "$tmp/fewer.json" "$tmp/full.json"
  has "    sources: +2025-06-11-trump-deal-done-wire"
  run 0 build -q -f json --previous "$tmp/fewer.json" -o "$tmp/again.json" "$samples"
  grep -q '"sequence": 1' "$tmp/again.json" || fail "--previous bumped no SEQUENCE"
  run 0 build -q -f json --previous "$tmp/full.json" -o "$tmp/same.json" "$samples"
  cmp -s "$tmp/full.json" "$tmp/same.json" || fail "--previous with an identical build changed it"
  run 0 diff "$tmp/full.json" "$tmp/same.json"
else
  echo "skip: timeline build does not work yet: $(head -1 "$tmp/err")"
fi

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
