#!/usr/bin/env bash
# Real client programs read what the exporters write. Two sets of files: the
# hand-made timeline of tests/export_fixture.c (EXPORT_FIXTURE=<its binary>;
# hostile text, every grain, a "rebuilt" version with the same UIDs) and, when
# `timeline build` works, the chronology of samples/ built twice. Checks:
#   khal      printics; import --batch into a temporary vdir; list shows every
#             UID; re-importing a rebuilt calendar updates events in place
#   vobject   readComponents(validate=True); all-day DTSTART < DTEND
#   icalendar Calendar.from_ical round trip; all-day DTSTART < DTEND
#   calcurse  -i into a temporary -D directory with nothing skipped
#   csvkit    csvclean finds no errors; csvstat types start_date/end_date as Date
#   json      /usr/bin/python3's json module loads the JSON; for the samples,
#             `timeline merge` reads it back and writes the same bytes
# A tool that is not installed is skipped with a message; the script fails
# only when a check that could run failed. Nothing outside a temporary folder
# is touched: HOME and the XDG folders point into it.
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
: "${SRCDIR:?set SRCDIR to the source root}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache" TMPDIR="$tmp" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
PY=/usr/bin/python3
fails=0 skips=0 passes=0

ok() { echo "ok: $*"; passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
skip() { echo "SKIP: $*"; skips=$((skips + 1)); }
have() { command -v "$1" >/dev/null 2>&1; }
have_py() { [ -x "$PY" ] && "$PY" -c "import $1" 2>/dev/null; }
# Shows a command's output indented, after a failure.
show() { sed 's/^/    /' "$1" | head -n 20; }

vevents() { grep -c '^BEGIN:VEVENT' "$1"; }

# khal with a fresh config whose one calendar lives in the vdir $1.
khal_setup() {
	local vdir=$1 cfg=$1.khal.conf
	mkdir -p "$vdir"
	cat >"$cfg" <<EOF
[calendars]
[[timeline]]
path = $vdir
type = calendar
[sqlite]
path = $vdir.db
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
[default]
default_calendar = timeline
EOF
	echo "$cfg"
}

# check_khal NAME ICS [REBUILT_ICS]
check_khal() {
	local name=$1 ics=$2 rebuilt=${3:-} n out="$tmp/khal.out"
	if ! have khal; then
		skip "$name: khal is not installed"
		return
	fi
	n=$(vevents "$ics")
	local vdir="$tmp/$name.vdir" cfg
	cfg=$(khal_setup "$vdir")
	if khal -c "$cfg" printics "$ics" >"$out" 2>&1 && grep -q "^$n events found" "$out"; then
		ok "$name: khal printics reads $n events"
	else
		fail "$name: khal printics (want $n events)"; show "$out"
	fi
	if khal -c "$cfg" import --batch "$ics" >"$out" 2>&1 &&
	   [ "$(find "$vdir" -name '*.ics' | wc -l)" -eq "$n" ]; then
		ok "$name: khal import --batch stored $n events"
	else
		fail "$name: khal import --batch (want $n files in the vdir)"; show "$out"
	fi
	# Every UID shows up over the whole span of the calendar.
	local from to listed
	from=$(grep -h '^DTSTART;VALUE=DATE:' "$ics" | cut -d: -f2 | tr -d '\r' | sort | head -n1)
	to=$(grep -h '^DTEND;VALUE=DATE:' "$ics" | cut -d: -f2 | tr -d '\r' | sort | tail -n1)
	from="${from:0:4}-${from:4:2}-${from:6:2}"
	to="${to:0:4}-${to:4:2}-${to:6:2}"
	listed=$(khal -c "$cfg" list --format '{uid}' --day-format '' "$from" "$to" 2>"$out" |
		 grep '@timeline' | sort -u | wc -l)
	if [ "$listed" -eq "$n" ]; then
		ok "$name: khal list $from $to shows all $n events"
	else
		fail "$name: khal list $from $to shows $listed of $n events"; show "$out"
	fi
	# A rebuilt calendar (same UIDs) updates the stored events, no duplicates.
	[ -n "$rebuilt" ] || rebuilt=$ics
	local m
	m=$(vevents "$rebuilt")
	if khal -c "$cfg" import --batch "$rebuilt" >"$out" 2>&1 &&
	   [ "$(find "$vdir" -name '*.ics' | wc -l)" -eq "$m" ]; then
		ok "$name: re-import updates in place ($m events, no duplicates)"
	else
		fail "$name: re-import left $(find "$vdir" -name '*.ics' | wc -l) files, want $m"
		show "$out"
	fi
	if grep -q '^SEQUENCE:1' "$rebuilt"; then
		if grep -q '^SEQUENCE:1' "$vdir"/*.ics; then
			ok "$name: khal keeps the rebuilt SEQUENCE"
		else
			fail "$name: khal's vdir does not hold the rebuilt events"
		fi
	fi
}

check_python_ical() {
	local name=$1 ics=$2 out="$tmp/py.out"
	for mod in vobject icalendar; do
		if ! have_py "$mod"; then
			skip "$name: $PY cannot import $mod"
			continue
		fi
		if "$PY" - "$mod" "$ics" >"$out" 2>&1 <<'EOF'; then
import datetime, sys
mod, path = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
def dates(uid, s, e):
    assert type(s) is datetime.date and type(e) is datetime.date, (uid, s, e)
    assert e > s, (uid, s, e)
n = 0
if mod == 'vobject':
    import vobject
    for cal in vobject.readComponents(data.decode('utf-8'), validate=True):
        for ev in cal.vevent_list:
            dates(ev.uid.value, ev.dtstart.value, ev.dtend.value)
            n += 1
else:
    from icalendar import Calendar
    cal = Calendar.from_ical(data)
    evs = cal.walk('VEVENT')
    for ev in evs:
        dates(str(ev['UID']), ev.decoded('DTSTART'), ev.decoded('DTEND'))
    again = Calendar.from_ical(cal.to_ical()).walk('VEVENT')
    for key in ('UID', 'SUMMARY', 'DESCRIPTION', 'DTSTART', 'DTEND', 'SEQUENCE', 'STATUS'):
        a = [ev.get(key) and ev.decoded(key) for ev in evs]
        b = [ev.get(key) and ev.decoded(key) for ev in again]
        assert a == b, key
    n = len(evs)
print(n)
EOF
			if [ "$(tail -n1 "$out")" -eq "$(vevents "$ics")" ] 2>/dev/null; then
				ok "$name: $mod reads $(tail -n1 "$out") events," \
				   "DTSTART < DTEND"
			else
				fail "$name: $mod event count"; show "$out"
			fi
		else
			fail "$name: $mod"; show "$out"
		fi
	done
}

check_calcurse() {
	local name=$1 ics=$2 out="$tmp/calcurse.out" n
	if ! have calcurse; then
		skip "$name: calcurse is not installed"
		return
	fi
	n=$(vevents "$ics")
	local dir="$tmp/$name.calcurse"
	mkdir -p "$dir"
	if ! calcurse -D "$dir" -C "$dir" -i "$ics" >"$out" 2>&1; then
		fail "$name: calcurse -i failed"; show "$out"
		return
	fi
	# "0 apps / 4 events / 0 todos / 0 skipped"
	local report apps events skipped
	report=$(grep -E '[0-9]+ apps / [0-9]+ events / [0-9]+ todos / [0-9]+ skipped' "$out")
	apps=$(echo "$report" | sed -E 's/^([0-9]+) apps.*/\1/')
	events=$(echo "$report" | sed -E 's/.* ([0-9]+) events.*/\1/')
	skipped=$(echo "$report" | sed -E 's/.* ([0-9]+) skipped.*/\1/')
	if [ -n "$report" ] && [ "$skipped" -eq 0 ] && [ $((apps + events)) -eq "$n" ]; then
		ok "$name: calcurse imports $events events, skips none"
	else
		fail "$name: calcurse report '$report' (want $n events, 0 skipped)"; show "$out"
	fi
}

check_csv() {
	local name=$1 csv=$2 out="$tmp/csv.out"
	if have csvclean; then
		if (cd "$tmp" && csvclean -n "$csv") >"$out" 2>&1 &&
		   grep -q '^No errors' "$out"; then
			ok "$name: csvclean finds no errors"
		else
			fail "$name: csvclean"; show "$out"
		fi
	else
		skip "$name: csvclean (csvkit) is not installed"
	fi
	if have csvstat; then
		if csvstat -c start_date,end_date --type "$csv" >"$out" 2>&1 &&
		   grep -q 'start_date: Date' "$out" && grep -q 'end_date: Date' "$out"; then
			ok "$name: csvstat types start_date and end_date as Date"
		else
			fail "$name: csvstat types"; show "$out"
		fi
	else
		skip "$name: csvstat (csvkit) is not installed"
	fi
}

check_json() {
	local name=$1 json=$2 out="$tmp/json.out"
	if [ ! -x "$PY" ]; then
		skip "$name: $PY is not installed"
		return
	fi
	if "$PY" -c 'import json, sys
print(len(json.load(open(sys.argv[1], encoding="utf-8"))["events"]))' "$json" >"$out" 2>&1; then
		ok "$name: JSON loads ($(cat "$out") events)"
	else
		fail "$name: JSON does not load"; show "$out"
	fi
}

# check_set NAME DIR [REBUILT_DIR]: every check on DIR/timeline.{ics,csv,json}.
check_set() {
	local name=$1 dir=$2 rebuilt=${3:-}
	check_khal "$name" "$dir/timeline.ics" ${rebuilt:+"$rebuilt/timeline.ics"}
	check_python_ical "$name" "$dir/timeline.ics"
	check_calcurse "$name" "$dir/timeline.ics"
	check_csv "$name" "$dir/timeline.csv"
	check_json "$name" "$dir/timeline.json"
}

# 1. The hand-made fixture.
if [ -n "${EXPORT_FIXTURE:-}" ] && [ -x "$EXPORT_FIXTURE" ]; then
	mkdir -p "$tmp/fixture" "$tmp/rebuilt"
	if "$EXPORT_FIXTURE" "$tmp/fixture" && "$EXPORT_FIXTURE" "$tmp/rebuilt" rebuilt; then
		check_set fixture "$tmp/fixture" "$tmp/rebuilt"
		# With --include-vague: a year-long event and one placed on its report day.
		check_python_ical fixture-vague "$tmp/fixture/timeline-vague.ics"
		check_calcurse fixture-vague "$tmp/fixture/timeline-vague.ics"
		# calcurse shows the exclusive DTEND as the inclusive last day.
		if have calcurse; then
			apts="$tmp/fixture.calcurse/apts"
			if grep -q '^06/02/2025 \[1\] {1D -> 06/08/2025}' "$apts" &&
			   grep -q '^12/01/2025 \[1\] {1D -> 12/31/2025}' "$apts"; then
				ok "fixture: calcurse spans the week and the month exactly"
			else
				fail "fixture: calcurse spans"; show "$apts"
			fi
		fi
	else
		fail "export_fixture could not write its files"
	fi
else
	skip "fixture: EXPORT_FIXTURE is not set (run through meson test)"
fi

# 2. The samples, when `timeline build` works: built twice, which must agree.
mkdir -p "$tmp/samples" "$tmp/samples2"
build_ok=1
for fmt in ics csv json md; do
	for d in samples samples2; do
		if ! "$TIMELINE" build --quiet --manifest "$SRCDIR/samples/manifest.csv" -f "$fmt" \
		     -o "$tmp/$d/timeline.$fmt" >"$tmp/build.out" 2>&1; then
			build_ok=0
		fi
	done
done
if [ "$build_ok" -eq 1 ]; then
	for fmt in ics csv json md; do
		if cmp -s "$tmp/samples/timeline.$fmt" "$tmp/samples2/timeline.$fmt"; then
			ok "samples: two builds give the same $fmt"
		else
			fail "samples: two builds differ in $fmt"
		fi
	done
	# The JSON is a lossless copy: reading it back (timeline merge) and writing
	# it again gives the same bytes.
	if "$TIMELINE" merge -f json -o "$tmp/samples/merged.json" "$tmp/samples/timeline.json" \
	   >"$tmp/merge.out" 2>&1; then
		if cmp -s "$tmp/samples/timeline.json" "$tmp/samples/merged.json"; then
			ok "samples: JSON read back by timeline merge is written back unchanged"
		else
			fail "samples: timeline merge of the JSON changes it"
			diff "$tmp/samples/timeline.json" "$tmp/samples/merged.json" | head -n 20
		fi
	else
		skip "samples: timeline merge does not read timeline JSON: $(head -n1 "$tmp/merge.out")"
	fi
	if [ "$(vevents "$tmp/samples/timeline.ics")" -gt 0 ]; then
		check_set samples "$tmp/samples" "$tmp/samples2"
	else
		# The pipeline's job, not the exporters' (cli.golden checks it).
		skip "samples: the build has no dated events yet, nothing for the clients"
	fi
else
	skip "samples: timeline build does not work yet: $(head -n1 "$tmp/build.out")"
fi

echo "$passes passed, $skips skipped, $fails failed"
[ "$fails" -eq 0 ]
