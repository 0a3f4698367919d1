#!/usr/bin/env bash
# Golden-file tests: builds the chronology of samples/ in every format and
# compares it byte for byte with timelines/. The output must also not depend
# on the order of the manifest rows, the time zone or the locale.
# TL_UPDATE_GOLDEN=1 rewrites timelines/ instead (review the git diff!).
set -u
: "${TIMELINE:?}" "${SRCDIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
manifest="$SRCDIR/samples/manifest.csv"

run() { # FORMAT OUT [extra env...]: builds the samples in FORMAT into OUT
  local fmt=$1 out=$2; shift 2
  env "$@" "$TIMELINE" build --quiet --manifest "$manifest" -f "$fmt" -o "$out"
}

for fmt in json ics csv md; do
  golden="$SRCDIR/timelines/samples.$fmt"
  if ! run "$fmt" "$tmp/out.$fmt"; then
    echo "FAIL: build -f $fmt exited with an error"; fails=$((fails + 1)); continue
  fi
  if [ "${TL_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/out.$fmt" "$golden"; echo "updated $golden"; continue
  fi
  if cmp -s "$tmp/out.$fmt" "$golden"; then
    echo "ok: samples.$fmt matches"
  else
    echo "FAIL: samples.$fmt differs from timelines/ (TL_UPDATE_GOLDEN=1 to accept):"
    diff -u "$golden" "$tmp/out.$fmt" | head -40
    fails=$((fails + 1))
  fi
done

golden="$SRCDIR/timelines/samples.tags.jsonl"
"$TIMELINE" tag --quiet --manifest "$manifest" -o "$tmp/tags.jsonl" || { echo "FAIL: tag"; fails=$((fails+1)); }
if [ "${TL_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$tmp/tags.jsonl" "$golden"
elif ! cmp -s "$tmp/tags.jsonl" "$golden"; then
  echo "FAIL: samples.tags.jsonl differs:"; diff -u "$golden" "$tmp/tags.jsonl" | head -40
  fails=$((fails + 1))
else
  echo "ok: samples.tags.jsonl matches"
fi

# Order independence: the same rows in reverse order, manifest in another folder.
{ head -n 1 "$manifest"; tail -n +2 "$manifest" | tac; } | sed "s|^\([^,\"]*\.txt\),|$SRCDIR/samples/\1,|" >"$tmp/reversed.csv"
"$TIMELINE" build --quiet --manifest "$tmp/reversed.csv" -f json -o "$tmp/rev.json"
run json "$tmp/again.json"
if cmp -s "$tmp/rev.json" "$tmp/again.json"; then echo "ok: manifest order does not matter"
else echo "FAIL: reversed manifest gives different output"; diff -u "$tmp/again.json" "$tmp/rev.json" | head -20; fails=$((fails + 1)); fi

# No clock, zone or locale dependence.
for fmt in ics csv; do
  run "$fmt" "$tmp/a.$fmt" TZ=Pacific/Kiritimati LC_ALL=C.UTF-8
  run "$fmt" "$tmp/b.$fmt" TZ=America/Adak LC_ALL=C
  if cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt"; then echo "ok: $fmt independent of TZ/locale"
  else echo "FAIL: $fmt depends on TZ or locale"; fails=$((fails + 1)); fi
done

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
