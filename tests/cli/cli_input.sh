#!/usr/bin/env bash
# The input stage seen from the command line: articles without a date,
# manifests with bad rows or columns, unreadable and dangling files, binary
# junk and --infer-date each give a message that names the file (and the
# manifest line) and says what to do, with exit status 2 for input trouble.
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0

. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

# expect_quiet STATUS -- ARGS...: exit status and an empty stderr.
expect_quiet() {
  local want=$1; shift 2
  "$TIMELINE" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ] || [ -s "$tmp/err" ]; then
    echo "FAIL: timeline $* -> exit $got (want $want, no stderr), stderr:"
    sed 's/^/  /' "$tmp/err"
    fails=$((fails + 1))
  else
    echo "ok: timeline $* -> $got"
  fi
}

# No date anywhere: exit 2, and the message lists the ways to give one.
printf 'The talks ended on Tuesday.\n' >"$tmp/nodate.txt"
expect 2 "nodate.txt: no publication date.*--date YYYY-MM-DD.*--manifest.*Date:.*--infer-date" \
  -- tag "$tmp/nodate.txt"
# A dateline alone has no year: it is not used, and the message says why.
printf 'LONDON, June 11 (Reuters) - Talks ended.\n' >"$tmp/talks.txt"
expect 2 "talks.txt: no publication date \(the dateline has a month and day but no year\)" \
  -- tag "$tmp/talks.txt"
mkdir "$tmp/named"
printf 'LONDON, June 11 (Reuters) - Talks ended.\n' >"$tmp/named/talks-2025.txt"
expect_quiet 0 -- tag "$tmp/named/talks-2025.txt"
# A header date that is no date names its line.
printf 'Title: x\nDate: next week\n\nBody.\n' >"$tmp/2025-06-11-bad.txt"
expect 2 "2025-06-11-bad.txt:2: the date 'next week' is not a date" -- tag "$tmp/2025-06-11-bad.txt"
expect_quiet 0 -- tag --date 2025-06-11 "$tmp/2025-06-11-bad.txt"

# --infer-date guesses and says so on stderr.
printf 'Officials met on June 3, 2025, and again on 10 June 2025.\n' >"$tmp/undated.txt"
expect 0 "warning: .*undated.txt: .*--infer-date inferred 2025-06-10" \
  -- tag --infer-date "$tmp/undated.txt"
printf 'Nothing dated here.\n' >"$tmp/nothing.txt"
expect 2 "nothing.txt: no publication date, and --infer-date found no full date" \
  -- tag --infer-date "$tmp/nothing.txt"

# Manifests: bad rows name their line; the good rows still load.
printf 'Body a.\n' >"$tmp/a.txt"
printf 'Body b.\n' >"$tmp/b.txt"
printf 'title,date,path\nA,2025-06-11,a.txt\nA again,2025-06-12,a.txt\nB,2025-99-01,b.txt\nC,2025-06-11,c.txt\n' \
  >"$tmp/m.csv"
expect 2 "m.csv:3: 'a.txt' is already listed on line 2" -- tag --manifest "$tmp/m.csv"
expect 2 "m.csv:4: the date '2025-99-01' of 'b.txt' is not a real calendar day; write it as YYYY-MM-DD" \
  -- tag --manifest "$tmp/m.csv"
expect 2 "m.csv:5: .*c.txt: cannot open" -- tag --manifest "$tmp/m.csv"
printf 'path,date\n"a.txt,2025-06-11\n' >"$tmp/quote.csv"
expect 2 "quote.csv:2: a quoted field opened on line 2 is never closed" \
  -- tag --manifest "$tmp/quote.csv"
printf 'file,when\na.txt,2025-06-11\n' >"$tmp/columns.csv"
expect 2 "columns.csv:1: the header row has no 'path' column" -- tag --manifest "$tmp/columns.csv"
: >"$tmp/empty.csv"
expect 2 "empty.csv: the manifest is empty" -- tag --manifest "$tmp/empty.csv"
expect 2 "none.csv: cannot open manifest" -- tag --manifest "$tmp/none.csv"
printf 'path,date\na.txt,2025-06-11\n' >"$tmp/good.csv"
expect_quiet 0 -- tag --manifest "$tmp/good.csv"

# Unreadable and dangling files.
if [ "$(id -u)" -ne 0 ]; then
  printf 'Body.\n' >"$tmp/locked.txt"
  chmod 000 "$tmp/locked.txt"
  expect 2 "locked.txt: cannot open: Permission denied" -- tag --date 2025-06-11 "$tmp/locked.txt"
  mkdir "$tmp/lockeddir" && chmod 000 "$tmp/lockeddir"
  expect 2 "lockeddir: cannot read folder" -- tag --date 2025-06-11 "$tmp/lockeddir"
fi
mkdir "$tmp/links"
ln -s "$tmp/nowhere.txt" "$tmp/links/dangling.txt"
ln -s .. "$tmp/links/loop"
expect 2 "links/dangling.txt: cannot open: No such file or directory; fix or remove the link" \
  -- tag --date 2025-06-11 "$tmp/links"
mkdir "$tmp/nothing-here"
expect 2 "nothing-here: no \*.txt or \*.md files" -- tag --date 2025-06-11 "$tmp/nothing-here"

# Binary junk is read with one warning per kind, never a crash.
printf 'ab\377\376cd\000ef\300\n' >"$tmp/junk.txt"
expect 0 "junk.txt: invalid UTF-8 at byte 2 \(3 bytes replaced" -- tag --date 2025-06-11 "$tmp/junk.txt"
expect 0 "junk.txt: 1 NUL byte replaced" -- tag --date 2025-06-11 "$tmp/junk.txt"
: >"$tmp/2025-06-11-empty.txt"
expect_quiet 0 -- tag "$tmp/2025-06-11-empty.txt"

# A folder's files are read once, when tagged in name order ("a" before "a-b"), yet the
# failures and then the warnings come in the order of the walk (a-b.txt before a.txt),
# and of two files sharing a stem, the one that fails leaves the other its stem as name.
mkdir -p "$tmp/order/sub" "$tmp/order/s" "$tmp/order/t"
printf 'No date.\n' >"$tmp/order/a-b.txt"
printf 'Date: 2025-06-11\n\nOn Tuesday \377 it ended.\n' >"$tmp/order/a.txt"
printf 'Undated.\n' >"$tmp/order/sub/b.txt"
printf 'Date: 2025-06-11\n\nNUL\000 on Friday.\n' >"$tmp/order/sub/c.txt"
printf 'Nothing.\n' >"$tmp/order/s/q.txt"
printf 'Date: 2020-05-05\n\nOn Sunday.\n' >"$tmp/order/t/q.txt"
printf 'No date at all.\n' >"$tmp/order/0.txt"
for q in -q ""; do
  "$TIMELINE" tag $q -j1 "$tmp/order" >"$tmp/out" 2>"$tmp/err"
  got=$?
  want="timeline: $tmp/order/0.txt: no publication date
timeline: $tmp/order/a-b.txt: no publication date
timeline: $tmp/order/s/q.txt: no publication date
timeline: $tmp/order/sub/b.txt: no publication date"
  [ -z "$q" ] && want="$want
timeline: warning: $tmp/order/a.txt
timeline: warning: $tmp/order/sub/c.txt"
  seen=$(sed 's/: no publication date.*/: no publication date/;s/\(: warning: [^:]*\):.*/\1/' "$tmp/err")
  docs=$(grep -o '"doc":"[^"]*"' "$tmp/out" | uniq | tr '\n' ' ')
  if [ "$got" -ne 2 ] || [ "$seen" != "$want" ] || [ "$docs" != '"doc":"a" "doc":"c" "doc":"q" ' ]; then
    echo "FAIL: timeline tag $q -j1 order -> exit $got (want 2), docs $docs, stderr:"
    sed 's/^/  /' "$tmp/err"
    fails=$((fails + 1))
  else
    echo "ok: timeline tag $q -j1 order -> $got, failures then warnings in walk order"
  fi
done

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
