#!/usr/bin/env bash
# Hostile input from the command line: invalid UTF-8, NUL bytes, a 100 MB file
# with no newline, a million date mentions, strings built to make the regexes
# backtrack, impossible dates, years 0 and 99999, manifests with missing files,
# bad dates, quoted paths and duplicate rows, and a folder that loops through
# symlinks. Each case checks its outcome (a clear error or correct output), its
# exit status and that nothing crashed (an exit status of 128 or more is a
# signal) within a limit of CPU seconds. Environment: TIMELINE, SRCDIR;
# TL_HOSTILE_BIG=1 adds the 1 GB variant of the big file (docs/HARDENING.md).
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Time limits are for a plain build; sanitizer builds run several times slower.
slow=1
if grep -aq '__asan_init\|__ubsan_handle\|__tsan_init' "$TIMELINE" 2>/dev/null; then
  slow=5
fi

# run LIMIT WANT PATTERN -- ARGS...: runs timeline with LIMIT*slow seconds of
# CPU time (ulimit -t: a loaded machine must not fail the test) and five times
# that of wall-clock time (timeout), stdout in $tmp/out and stderr in
# $tmp/err; checks the exit status (WANT may be "0|2") and that stderr matches
# PATTERN ("" for anything).
run() {
  local limit=$((${1} * slow)) want=$2 pattern=$3; shift 4
  (ulimit -t "$limit" && exec timeout $((limit * 5)) "$TIMELINE" "$@") >"$tmp/out" 2>"$tmp/err"
  local got=$?
  local what="timeline ${*:1:2} ... ${*: -1}"
  if [ "$got" -eq 124 ]; then
    fail "$what: no answer within $((limit * 5))s"
  elif [ "$got" -eq 152 ] || [ "$got" -eq 137 ]; then
    fail "$what: more than ${limit}s of CPU time"
  elif [ "$got" -ge 128 ]; then
    fail "$what: crashed (exit $got)"; sed 's/^/  /' "$tmp/err" | tail -20
  elif ! [[ "$got" =~ ^($want)$ ]]; then
    fail "$what: exit $got, want $want"; sed 's/^/  /' "$tmp/err" | head -5
  elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
    fail "$what: stderr does not match '$pattern':"; sed 's/^/  /' "$tmp/err" | head -5
  else
    return 0
  fi
  return 1
}

# check_jsonl FILE: every line is a JSON object whose day values are real dates.
check_jsonl() {
  python3 - "$1" <<'PY'
import datetime, json, re, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    t = json.loads(line)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t["value"])
    if m:
        datetime.date(*map(int, m.groups()))  # ValueError for 2025-02-30
PY
}

# check_xml FILE: the TimeML output is well-formed XML.
check_xml() {
  python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$1"
}

# tags_despite WHAT FILE WARNING VALUE...: tag warns with WARNING and gives valid
# JSON Lines holding every VALUE; its TimeML is well-formed XML.
tags_despite() {
  local what=$1 file=$2 warning=$3 value; shift 3
  local found=0
  if run 30 0 "$warning" -- tag "$file" && check_jsonl "$tmp/out"; then
    found=1
    for value in "$@"; do
      grep -q "\"value\":\"$value\"" "$tmp/out" || found=0
    done
  fi
  if [ "$found" -eq 1 ]; then
    ok "$what: tagged, warned, valid JSON Lines"
  else
    fail "$what (tag)"
  fi
  if run 30 0 "" -- tag -q -f timeml "$file" && check_xml "$tmp/out"; then
    ok "$what: TimeML is well-formed XML"
  else
    fail "$what: TimeML is not well-formed XML"
  fi
}

# 1. Invalid UTF-8 (stray bytes, overlong, surrogates, truncated sequences):
# tagged, a warning names the byte, JSON Lines and TimeML stay valid.
printf 'Date: 2025-06-11\n\nTalks \xff\xfe began on April 9, 2025 \xc0\xaf and \xed\xa0\x80 ended on June 30 \xe2\x80.\n\xf4\x90\x80\x80\n' >"$tmp/badutf8.txt"
tags_despite "invalid UTF-8" "$tmp/badutf8.txt" "invalid UTF-8 at byte" 2025-04-09 2025-06-30

# 2. NUL bytes inside the text: replaced, warned about, dates still found; TimeML
# has no NUL (XML forbids it).
printf 'Date: 2025-06-11\n\nTalks began\0 on April 9, 2025 and\0\0 ended on June 30.\n' >"$tmp/nul.txt"
tags_despite "NUL bytes" "$tmp/nul.txt" "NUL bytes" 2025-04-09
if run 30 0 "" -- build -q -f json "$tmp/nul.txt" &&
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out"; then
  ok "NUL bytes: build gives valid JSON"
else
  fail "NUL bytes (build)"
fi
# An article that is all binary junk: no date found, exit 2, no crash.
head -c 65536 /dev/urandom >"$tmp/junk.txt"
if run 60 2 "junk.txt" -- build -f csv "$tmp/junk.txt"; then
  ok "random bytes: exit 2 with a message"
fi
if run 60 0 "" -- tag -q --date 2025-06-11 "$tmp/junk.txt" && check_jsonl "$tmp/out"; then
  ok "random bytes with --date: tagged, valid JSON Lines"
else
  fail "random bytes with --date"
fi

# 3. A 100 MB file with no newline (1 GB with TL_HOSTILE_BIG=1): bounded time.
big_mb=100
[ "${TL_HOSTILE_BIG:-0}" = 1 ] && big_mb=1024
head -c $((big_mb * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
printf ' on April 9, 2025' >>"$tmp/big.txt"
if run $((60 * big_mb / 100)) 0 "" -- tag -q --date 2025-06-11 "$tmp/big.txt" &&
  grep -q '"value":"2025-04-09"' "$tmp/out"; then
  ok "${big_mb} MB without a newline: tagged"
fi
if run $((60 * big_mb / 100)) 0 "" -- build -q --date 2025-06-11 -f csv "$tmp/big.txt"; then
  ok "${big_mb} MB without a newline: built"
fi
rm -f "$tmp/big.txt"

# 4. A million date mentions in one article: all tagged in bounded time.
python3 -c 'import sys; sys.stdout.write("April 9, " * 1000000)' >"$tmp/million.txt"
if run 60 0 "" -- tag -q --date 2025-06-11 "$tmp/million.txt"; then
  n=$(wc -l <"$tmp/out")
  if [ "$n" -eq 1000000 ]; then
    ok "a million mentions: $n timexes"
  else
    fail "a million mentions: $n timexes, want 1000000"
  fi
fi
# build on 10,000 of them in one sentence (a million does not finish: each
# becomes its own event with the sentence as evidence; docs/HARDENING.md).
python3 -c 'import sys; sys.stdout.write("April 9, " * 10000)' >"$tmp/tenk.txt"
if run 60 0 "" -- build -q --date 2025-06-11 -f csv "$tmp/tenk.txt"; then
  ok "10,000 mentions in one sentence: built"
fi
# The same mentions one per sentence: build merges them in bounded time.
python3 -c 'import sys; sys.stdout.write("Talks resumed on April 9. " * 100000)' >"$tmp/sentences.txt"
if run 60 0 "" -- build -q --date 2025-06-11 -f csv "$tmp/sentences.txt"; then
  ok "100000 dated sentences: built"
fi
rm -f "$tmp/million.txt" "$tmp/sentences.txt" "$tmp/tenk.txt"

# 5. Strings built to make date patterns backtrack: long runs of digits,
# spaces, hyphens, slashes, commas, month and weekday names, about 1 MB each.
python3 - "$tmp" <<'PY'
import sys
cases = {
    "digits": "1" * 1000000, "digits_spaced": "1 " * 500000, "spaces": "a" + " " * 1000000 + "b",
    "hyphens": "-" * 1000000, "digit_hyphens": "1-" * 500000, "slashes": "1/" * 500000,
    "dots": "1." * 500000, "commas": "9, " * 333000, "isoish": "2025-" * 200000,
    "months": "January " * 125000, "month_days": "May 1 " * 160000,
    "weekdays": "Monday, " * 125000, "ago": "3 days ago " * 90000, "last": "last " * 200000,
    "years": " ".join(str(1000 + i % 9000) for i in range(200000)),
    "mixed": "April 9-10, 2025 - 11 1/2/3 the 1990s mid- early late next " * 16000,
    "open_range": "from " * 200000, "between": "between 1 and " * 70000,
}
for name, text in cases.items():
    with open(f"{sys.argv[1]}/bt_{name}.txt", "w") as f:
        f.write(text)
PY
for f in "$tmp"/bt_*.txt; do
  name=$(basename "$f" .txt)
  if run 60 0 "" -- tag -q --date 2025-06-11 "$f"; then
    ok "backtracking: ${name#bt_} ($(wc -l <"$tmp/out") timexes)"
  fi
  rm -f "$f"
done

# 6. Impossible dates are not tagged as days that do not exist.
printf 'It happened on 2025-02-30, on 31/31/2025, on February 30, 2025, on 2023-02-29, on 13/13/2025, on 2025-13-01, on 2025-00-10, on April 31, 2025 and on 00/00/0000.\n' >"$tmp/impossible.txt"
if run 30 0 "" -- tag -q --date 2025-06-11 "$tmp/impossible.txt" && check_jsonl "$tmp/out"; then
  ok "impossible dates: no impossible day values ($(wc -l <"$tmp/out") timexes)"
else
  fail "impossible dates"
fi
# ... and as --date or manifest dates they are usage/input errors.
run 10 1 "not a calendar day" -- tag --date 2025-02-30 "$tmp/impossible.txt" &&
  ok "--date 2025-02-30 -> exit 1"
run 10 1 "YYYY-MM-DD" -- tag --date 31/31/2025 "$tmp/impossible.txt" &&
  ok "--date 31/31/2025 -> exit 1"

# 7. Years 0 and 99999 in the text and as --date.
printf 'In the year 0, in year 0000, in 99999, in the year 99999, on 0000-01-01, on 99999-01-01, on January 1, 0 and January 1, 99999, in 10000.\n' >"$tmp/years.txt"
if run 30 0 "" -- tag -q --date 2025-06-11 "$tmp/years.txt" && check_jsonl "$tmp/out"; then
  ok "years 0 and 99999 in the text: no crash, valid output"
else
  fail "years 0 and 99999 in the text"
fi
run 10 1 "not a calendar day" -- tag --date 0000-01-01 "$tmp/years.txt" && ok "--date 0000-01-01 -> exit 1"
run 10 1 "YYYY-MM-DD" -- tag --date 99999-01-01 "$tmp/years.txt" && ok "--date 99999-01-01 -> exit 1"
# Relative dates next to the ends of the calendar (values like "10000" or
# "-001" leave the range of days): every format is written. iCalendar cannot
# hold dates after 3000 (libical): such events are left out and DTSTAMP is
# clamped; this used to fail the whole export with "DTSTAMP: BADARG".
printf 'Last year, two years ago, yesterday and last month; next year, tomorrow, next month and in two years the talks end. The vote was held on June 30, 2025.\n' >"$tmp/edge.txt"
for d in 0001-01-01 9999-12-31 3001-01-01; do
  edge_ok=1
  for fmt in json ics csv md; do
    run 30 0 "" -- build -q --date "$d" -f "$fmt" "$tmp/edge.txt" || edge_ok=0
  done
  [ "$edge_ok" -eq 1 ] && ok "relative dates at --date $d: built in every format"
done
if run 30 0 "" -- build -q --date 9999-12-31 -f ics "$tmp/edge.txt" &&
  grep -q '^DTSTAMP:30001231T000000Z' "$tmp/out" && ! grep -q 'DTSTART;VALUE=DATE:9999' "$tmp/out"; then
  ok "iCalendar after the year 3000: DTSTAMP clamped, later events left out"
else
  fail "iCalendar after the year 3000"; sed 's/^/  /' "$tmp/out" | head
fi

# 8. Manifests: missing files, bad dates, quotes and commas in paths,
# duplicate rows. The good rows are kept, each bad one is named, exit 2.
mkdir "$tmp/m"
printf 'Talks began on April 9, 2025.\n' >"$tmp/m/a, \"quoted\".txt"
printf 'The vote is on June 30, 2025.\n' >"$tmp/m/b.txt"
cat >"$tmp/m/manifest.csv" <<'CSV'
path,date,title
"a, ""quoted"".txt",2025-06-11,"Title, with comma"
missing.txt,2025-06-11,x
b.txt,2025-02-30,bad
b.txt,2025-06-12,ok
b.txt,2025-06-12,dup
CSV
if run 30 2 "missing.txt: cannot open" -- build -f csv -m "$tmp/m/manifest.csv" &&
  grep -q "2025-02-30' of 'b.txt' is not a real calendar day" "$tmp/err" &&
  grep -q "already listed on line 5" "$tmp/err" &&
  grep -q '^2025-04-09,.*"a, ""quoted"""' "$tmp/out" && grep -q '^2025-06-30,' "$tmp/out"; then
  ok "manifest: missing file, bad date, duplicate row named; quoted path read"
else
  fail "manifest with bad rows"; sed 's/^/  /' "$tmp/out"
fi
run 30 2 "nothing written \(--strict\)" -- build --strict -f csv -m "$tmp/m/manifest.csv" &&
  ok "manifest with bad rows --strict -> exit 2"
printf 'path,date\n"b.txt,2025-06-12\n' >"$tmp/m/open.csv"
run 10 2 "never closed" -- build -m "$tmp/m/open.csv" && ok "manifest: unterminated quote -> exit 2"
printf 'path\nb.txt\n' >"$tmp/m/nodate.csv"
run 10 2 "no 'date' column" -- build -m "$tmp/m/nodate.csv" && ok "manifest: no date column -> exit 2"
printf 'path,date\n' >"$tmp/m/empty.csv"
run 10 0 "" -- build -q -m "$tmp/m/empty.csv" && ok "manifest: header only -> exit 0, empty timeline"
head -c 4096 /dev/urandom >"$tmp/m/junk.csv"
run 10 2 "" -- build -m "$tmp/m/junk.csv" && ok "manifest: random bytes -> exit 2"

# 9. A folder that loops through symlinks: each article once, bounded time;
# a dangling link is named.
mkdir -p "$tmp/loop/x/y"
printf 'Date: 2025-06-11\n\nTalks began on April 9, 2025.\n' >"$tmp/loop/x/a.txt"
printf 'Date: 2025-06-12\n\nThe vote is on June 30, 2025.\n' >"$tmp/loop/x/y/b.txt"
ln -s .. "$tmp/loop/x/y/up"
ln -s ../x "$tmp/loop/x/y/again"
ln -s ../../loop "$tmp/loop/x/y/root"
ln -s self2.txt "$tmp/loop/self1.txt"
ln -s self1.txt "$tmp/loop/self2.txt"
if run 30 2 "self1.txt" -- build -f csv "$tmp/loop" && [ "$(grep -c '^2025-' "$tmp/out")" -eq 2 ]; then
  ok "symlink loops: each article once, looping links named"
else
  fail "symlink loops"; sed 's/^/  /' "$tmp/out"
fi

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
