#!/usr/bin/env bash
# Output safety: -o to devices, FIFOs, full disks and unwritable folders fails
# cleanly (exit 2, a message) or writes in place without replacing the device;
# a failed or killed run leaves the previous output intact; CSV cells cannot
# start a formula; titles cannot inject iCalendar properties; output is
# byte-identical across runs, input orders, -j values, TZ and locales.
# Environment: TIMELINE (the executable), SRCDIR (the source root).
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
: "${SRCDIR:?set SRCDIR to the source root}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
skip() { echo "skip: $*"; }

# An article whose dates are certain to be tagged, and a previous output.
cat >"$tmp/a.txt" <<'ART'
Date: 2025-06-11

Talks began on April 9, 2025 in Geneva. The negotiators met again on June 30, 2025.
ART
cat >"$tmp/b.txt" <<'ART'
Date: 2025-06-12

The Geneva talks that began on April 9, 2025 ended without a deal. A vote is due on July 4, 2025.
ART

# 1. A FIFO given to -o is written in place and stays a FIFO (it used to be
# replaced by a regular file through the temporary-file rename; as root the
# same replaced /dev/null and /dev/full with plain files).
mkfifo "$tmp/fifo"
timeout 30 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
timeout 30 "$TIMELINE" build -q -f csv -o "$tmp/fifo" "$tmp/a.txt" 2>"$tmp/err"
rc=$?
wait "$reader"
fifo_safe=0
if [ "$rc" -eq 0 ] && [ -p "$tmp/fifo" ] && grep -q '2025-04-09' "$tmp/fifo.out"; then
  ok "-o FIFO written in place, still a FIFO"
  fifo_safe=1
else
  fail "-o FIFO: exit $rc, fifo kept: $([ -p "$tmp/fifo" ] && echo yes || echo no)"
  cat "$tmp/err"
  [ -p "$tmp/fifo" ] || { rm -f "$tmp/fifo"; }
fi

# 2. -o /dev/full: the write fails, exit 2 with a message, /dev/full stays a
# device. Only when the FIFO case passed: an executable without that fix run
# as root would replace /dev/full.
if [ "$fifo_safe" -eq 1 ] && [ -c /dev/full ]; then
  for fmt in json ics csv md; do
    "$TIMELINE" build -q -f "$fmt" -o /dev/full "$tmp/a.txt" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 2 ] && grep -Eqi 'no space|write|cannot' "$tmp/err" && [ -c /dev/full ]; then
      ok "-o /dev/full ($fmt) -> exit 2: $(head -n1 "$tmp/err")"
    else
      fail "-o /dev/full ($fmt) -> exit $rc, device kept: $([ -c /dev/full ] && echo yes || echo no)"
      cat "$tmp/err"
    fi
  done
  # stdout on a full disk: the same status.
  "$TIMELINE" build -q -f json "$tmp/a.txt" >/dev/full 2>"$tmp/err"
  rc=$?
  if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ]; then
    ok "stdout on /dev/full -> exit 2"
  else
    fail "stdout on /dev/full -> exit $rc"
  fi
else
  skip "-o /dev/full (no /dev/full, or the FIFO case failed)"
fi

# 3. An output folder that cannot be written: exit 2, a message naming the
# target, nothing left behind. Root ignores permissions, so as root the
# folder is one under /proc, where nothing can be created.
printf 'previous\n' >"$tmp/previous.csv"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/ro"
  chmod 555 "$tmp/ro"
  ro_target="$tmp/ro/out.csv"
else
  ro_target=/proc/self/timeline-out.csv
fi
"$TIMELINE" build -q -f csv -o "$ro_target" "$tmp/a.txt" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "cannot create the output file" "$tmp/err" && [ ! -e "$ro_target" ]; then
  ok "-o into an unwritable folder -> exit 2: $(head -n1 "$tmp/err")"
else
  fail "-o into an unwritable folder ($ro_target) -> exit $rc"; cat "$tmp/err"
fi
[ -d "$tmp/ro" ] && chmod 755 "$tmp/ro"

# 4. A failed run leaves the previous output intact: an input error with
# --strict, and a missing input.
cp "$tmp/previous.csv" "$tmp/out.csv"
"$TIMELINE" build -q --strict -f csv -o "$tmp/out.csv" "$tmp/a.txt" "$tmp/missing.txt" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && cmp -s "$tmp/previous.csv" "$tmp/out.csv"; then
  ok "failed --strict run: exit 2, previous output intact"
else
  fail "failed --strict run: exit $rc, previous output $(cmp -s "$tmp/previous.csv" "$tmp/out.csv" && echo intact || echo changed)"
fi
"$TIMELINE" merge -q -o "$tmp/out.csv" -f csv "$tmp/missing.json" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && cmp -s "$tmp/previous.csv" "$tmp/out.csv"; then
  ok "failed merge: exit 2, previous output intact"
else
  fail "failed merge: exit $rc"
fi
if ls "$tmp"/out.csv.?????? >/dev/null 2>&1; then
  fail "failed runs left temporary files: $(ls "$tmp"/out.csv.??????)"
else
  ok "failed runs left no temporary files"
fi

# 5. A run killed with SIGKILL while it works on a big build leaves the
# previous output intact. Nothing can clean up after SIGKILL, so at most one
# temporary out.json.XXXXXX may stay behind (docs/HARDENING.md).
# The build takes about 2 s on an idle machine; the kill comes after 0.2 s, and the
# check is only meaningful when the run was still alive then (kill succeeded).
python3 -c 'import sys; sys.stdout.write("Talks resumed in Geneva on April 9, 2025. " * 120000)' >"$tmp/big.txt"
printf 'previous\n' >"$tmp/out.json"
"$TIMELINE" build -q --date 2025-06-11 -f json -o "$tmp/out.json" "$tmp/big.txt" 2>/dev/null &
victim=$!
sleep 0.2
killed=no
kill -KILL "$victim" 2>/dev/null && killed=yes
wait "$victim" 2>/dev/null
rc=$?
stray=$(find "$tmp" -maxdepth 1 -name 'out.json.??????' | wc -l)
if [ "$killed" = no ]; then
  fail "SIGKILL midway: the build finished within 0.2 s, so nothing was tested; enlarge big.txt"
elif [ "$(cat "$tmp/out.json")" = previous ] && [ "$stray" -le 1 ]; then
  ok "SIGKILL midway (exit $rc): previous output intact, $stray temporary file(s) left"
else
  fail "SIGKILL midway (exit $rc): output $(head -c 20 "$tmp/out.json"), $stray temporary file(s)"
fi
rm -f "$tmp"/out.json.?????? "$tmp/big.txt"

# 6. CSV: no cell starts with = + - @ TAB or CR (a spreadsheet would run it as
# a formula); iCalendar: text with CR, LF, commas, semicolons and backslashes
# cannot add a property or an event.
{
  printf 'Date: 2025-06-11\nTitle: =HYPERLINK("http://evil")\\, x;y\r\nSource: @evil\\;X-EVIL:1\n\n'
  printf '=SUM(A1) was agreed on April 9, 2025.\n+cmd was signed on May 2, 2025.\n'
  printf -- '-2 said it on May 3, 2025.\n@SUM(1) met on May 4, 2025.\n'
  printf '\tTabbed started on May 5, 2025.\n\rCR started on May 6, 2025.\n'
  printf 'END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected on May 7, 2025; X-EVIL:1\\nDESCRIPTION:bad, on May 8, 2025.\n'
} >"$tmp/evil.txt"
cat >"$tmp/evil.csv" <<'CSV'
path,date,source,title,url
evil.txt,2025-06-11,"=cmd|' /C calc'!A0","+title
X-EVIL:1","@url;X-EVIL:2"
CSV
if "$TIMELINE" build -q -f csv -m "$tmp/evil.csv" >"$tmp/evil.out.csv" &&
  python3 - "$tmp/evil.out.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) > 5, rows
for row in rows[1:]:
    for cell in row:
        assert not cell or cell[0] not in "=+-@\t\r", (cell, row)
PY
then
  ok "CSV: no cell starts with = + - @ TAB CR"
else
  fail "CSV formula cells"
fi
# Parse with the icalendar package when a Python has it (Debian's python3-icalendar
# is for /usr/bin/python3, which may not be the python3 first in PATH).
ical_py=python3
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import icalendar' 2>/dev/null; then ical_py=$py; break; fi
done
if "$TIMELINE" build -q -f ics -m "$tmp/evil.csv" >"$tmp/evil.ics" &&
  "$ical_py" - "$tmp/evil.ics" >"$tmp/ical.check" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8")
assert "\r\n" in data and not re.search(r"(?<!\r)\n", data), "bare LF"
lines = re.sub(r"\r\n[ \t]", "", data).split("\r\n")  # unfold
assert lines[-1] == ""
allowed = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "UID", "DTSTAMP",
           "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "STATUS", "TRANSP",
           "SEQUENCE", "X-TIMELINE-CONFIDENCE", "X-TIMELINE-GRAIN", "X-TIMELINE-MENTIONS",
           "X-TIMELINE-VALUE", "X-TIMELINE-CONFLICT", "URL", "LOCATION"}
events = 0
for line in lines[:-1]:
    name = re.match(r"[A-Za-z0-9-]+", line).group(0)
    assert name in allowed, line
    assert "\r" not in line and "\n" not in line, line
    if line == "BEGIN:VEVENT":
        events += 1
assert events == 8, events
assert lines.count("BEGIN:VCALENDAR") == 1
try:
    import icalendar
except ImportError:
    print("checked by hand (no icalendar package)")
    sys.exit(0)
cal = icalendar.Calendar.from_ical(data)
events = cal.walk("VEVENT")
assert len(events) == 8
for ev in events:
    assert not any(k.startswith("X-EVIL") for k in ev.keys()), ev
print("parsed by icalendar " + icalendar.__version__)
PY
then
  ok "iCalendar: no injected property or event (8 events; $(cat "$tmp/ical.check"))"
else
  fail "iCalendar injection"
fi

# 7. Reproducible: byte-identical output across runs, input orders, -j values,
# time zones and locales, in every format.
mkdir "$tmp/s"
cp "$SRCDIR"/samples/*.txt "$tmp/s/"
mapfile -t files < <(find "$tmp/s" -name '*.txt' | LC_ALL=C sort)
mapfile -t reversed < <(printf '%s\n' "${files[@]}" | LC_ALL=C sort -r)
if [ "${#files[@]}" -lt 2 ]; then
  fail "reproducibility: no samples in $SRCDIR/samples"
fi
for fmt in json ics csv md; do
  "$TIMELINE" build -q -f "$fmt" -j1 -o "$tmp/ref.$fmt" "${files[@]}" || fail "build -f $fmt"
  same=1
  for variant in run2 reversed folder j2 j4 tz lc; do
    case $variant in
      run2) "$TIMELINE" build -q -f "$fmt" -j1 "${files[@]}" ;;
      reversed) "$TIMELINE" build -q -f "$fmt" -j1 "${reversed[@]}" ;;
      folder) "$TIMELINE" build -q -f "$fmt" "$tmp/s" ;;
      j2) "$TIMELINE" build -q -f "$fmt" -j2 "${reversed[@]}" ;;
      j4) "$TIMELINE" build -q -f "$fmt" -j4 "${files[@]}" ;;
      tz) TZ=Pacific/Kiritimati "$TIMELINE" build -q -f "$fmt" -j2 "${files[@]}" ;;
      lc) LC_ALL=C.UTF-8 LANG=de_DE.UTF-8 TZ=America/St_Johns "$TIMELINE" build -q -f "$fmt" "${files[@]}" ;;
    esac >"$tmp/variant.$fmt"
    if ! cmp -s "$tmp/ref.$fmt" "$tmp/variant.$fmt"; then
      fail "reproducibility: -f $fmt differs for '$variant'"
      diff "$tmp/ref.$fmt" "$tmp/variant.$fmt" | head -5
      same=0
    fi
  done
  [ "$same" -eq 1 ] && ok "reproducible -f $fmt: runs, input orders, folder, -j1/-j2/-j4, TZ, LC_ALL"
done
# The map/reduce path gives the same, whatever the split.
"$TIMELINE" extract -q -o "$tmp/all.jsonl" "${files[@]}" &&
  "$TIMELINE" extract -q -o "$tmp/half1.jsonl" "${files[@]:0:$(( ${#files[@]} / 2 ))}" &&
  "$TIMELINE" extract -q -o "$tmp/half2.jsonl" "${files[@]:$(( ${#files[@]} / 2 ))}" &&
  "$TIMELINE" merge -q -f json -o "$tmp/m1.json" "$tmp/all.jsonl" &&
  "$TIMELINE" merge -q -f json -o "$tmp/m2.json" "$tmp/half2.jsonl" "$tmp/half1.jsonl" &&
  cmp -s "$tmp/m1.json" "$tmp/m2.json" && ok "reproducible merge: any split, any order" ||
  fail "merge of split mentions differs"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
