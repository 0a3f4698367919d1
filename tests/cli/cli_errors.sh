#!/usr/bin/env bash
# Every CLI error path gives a clear message on stderr and its documented exit
# status (1 usage, 2 input/I-O), never a crash.
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

printf 'The talks ended on Tuesday.\n' >"$tmp/a.txt"
expect 1 "unknown command" -- frobnicate
expect 1 "give at least one FILE" -- tag
expect 1 "--date: .*(YYYY-MM-DD|calendar day)" -- tag --date 2025-13-01 "$tmp/a.txt"
expect 1 "--date: .*YYYY-MM-DD" -- tag --date yesterday "$tmp/a.txt"
expect 1 "unknown format" -- tag --date 2025-06-11 --format xml "$tmp/a.txt"
expect 2 "missing.txt: cannot open" -- tag --date 2025-06-11 "$tmp/missing.txt"
expect 1 "-j needs a number" -- tag -j 0 "$tmp/a.txt"
expect 1 "give the reference date" -- dates "on Tuesday"
expect 1 "usage" -- tag --no-such-option
"$TIMELINE" --version | grep -Eq '^timeline [0-9]+\.[0-9]+\.[0-9]+$' || { echo "FAIL: --version"; fails=$((fails+1)); }
"$TIMELINE" tag --help | grep -q 'Usage: timeline tag' || { echo "FAIL: tag --help"; fails=$((fails+1)); }

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
