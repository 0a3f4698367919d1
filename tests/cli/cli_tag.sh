#!/usr/bin/env bash
# tag on one large file (16 MiB or more), which is read, tagged and written in
# windows cut at blank lines: the same JSON Lines and TimeML, and the same
# warnings, as when the file is read whole (its date taken from its name, which
# makes tag read it whole); a header or front matter the first 64 KiB do not
# close makes it read whole, with the same messages.
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

# same WHAT FILE1 FILE2: counts a failure unless the two files are identical.
same() {
  if cmp -s "$2" "$3"; then
    echo "ok: $1"
  else
    echo "FAIL: $1 differ"
    fails=$((fails + 1))
  fi
}

mkdir "$tmp/whole" "$tmp/windows"
para=$'GENEVA, March 3 (Wire) - The talks began on March 3, 2024, when envoys dis-\nclosed a plan for next week.\n\nThe following day, ministers met again; a 90-\nday pause ends on Friday.\n\nMore News\n- Markets rally on Tuesday\n- Talks stall\n\nPrices rose in the second quarter and fell two days later.\n'
{
  yes "$para" | head -c 9000000
  printf '\n\nA bad byte \xff here, on June 4.\n\n'
  yes "$para" | head -c 9000000
  printf '\n\nThe day after, they resumed on Wednesday.'
} >"$tmp/whole/2024-03-01-big.txt"
cp "$tmp/whole/2024-03-01-big.txt" "$tmp/windows/2024-03-01-big.txt"

for format in jsonl timeml; do
  "$TIMELINE" tag --format "$format" "$tmp/whole/2024-03-01-big.txt" >"$tmp/whole.$format" \
    2>"$tmp/whole.err"
  "$TIMELINE" tag --format "$format" --date 2024-03-03 "$tmp/windows/2024-03-01-big.txt" \
    >"$tmp/windows.$format" 2>"$tmp/windows.err"
  same "tag --format $format of a large file in windows and whole" \
    "$tmp/whole.$format" "$tmp/windows.$format"
  sed "s#$tmp/whole/#DIR/#" "$tmp/whole.err" >"$tmp/whole.err2"
  sed "s#$tmp/windows/#DIR/#" "$tmp/windows.err" >"$tmp/windows.err2"
  same "tag --format $format warnings of a large file in windows and whole" \
    "$tmp/whole.err2" "$tmp/windows.err2"
done
if grep -q 'invalid UTF-8 at byte 9000013 ' "$tmp/windows.err"; then
  echo "ok: the bad byte's offset in the file"
else
  echo "FAIL: no warning at byte 9000013:"; sed 's/^/  /' "$tmp/windows.err"
  fails=$((fails + 1))
fi
if [ "$(wc -l <"$tmp/windows.jsonl")" -gt 100000 ]; then
  echo "ok: the whole file was tagged"
else
  echo "FAIL: only $(wc -l <"$tmp/windows.jsonl") timexes"
  fails=$((fails + 1))
fi

# A header block: the body starts after it in both readings.
{ printf 'Title: Big\nDate: 2024-03-03\n\n'; cat "$tmp/whole/2024-03-01-big.txt"; } \
  >"$tmp/windows/header.txt"
"$TIMELINE" tag -q "$tmp/windows/header.txt" >"$tmp/header.jsonl"
# shifted FILE BY: the lines without their document, offsets less BY
shifted() {
  sed 's/^{"doc":"[^"]*","start":\([0-9]*\),"end":\([0-9]*\)/\1 \2 /' "$1" |
    awk -v by="$2" '{ $1 -= by; $2 -= by; print }'
}
shifted "$tmp/header.jsonl" 29 >"$tmp/header.shifted"
shifted "$tmp/whole.jsonl" 0 >"$tmp/whole.shifted"
same "tag of a large file with a header block, offsets after the header" \
  "$tmp/whole.shifted" "$tmp/header.shifted"

# Front matter not closed in the first 64 KiB (never, here): read whole, the same
# warning as ever.
{ printf -- '---\ntitle: Big\n'; yes -- '- talks on March 3, 2024' | head -c 17000000; } \
  >"$tmp/windows/2024-03-01-open.txt"
expect 0 "2024-03-01-open.txt: front matter opened with '---' is never closed" \
  -- tag --date 2024-03-01 "$tmp/windows/2024-03-01-open.txt"
# No date: the same message as for a small file.
cp "$tmp/whole/2024-03-01-big.txt" "$tmp/windows/undated.txt"
expect 2 "undated.txt: no publication date" -- tag "$tmp/windows/undated.txt"

exit $((fails > 0))
