#!/usr/bin/env bash
# Map/reduce (docs/MAPREDUCE.md): `timeline merge` gives byte-identical output
# for any split, order or duplication of its inputs, mixing mention JSON Lines,
# partial timelines and standard input; and on the samples, `timeline extract`
# per article then merge equals extract of the whole corpus then merge, and
# equals `timeline build`; articles given as JSON Lines and mapped in blocks
# reduce to the same timeline as in one piece. The sample parts are skipped
# while extraction is not available.
set -u
: "${TIMELINE:?set TIMELINE to the timeline executable}"
: "${SRCDIR:?set SRCDIR to the source root}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# merge OUT ARGS...: runs timeline merge -f json into OUT.
merge() {
  local out=$1; shift
  if ! "$TIMELINE" merge -f json "$@" >"$out" 2>"$tmp/err"; then
    fail "timeline merge $*:"; sed 's/^/  /' "$tmp/err"
  fi
}
same() { [ -s "$1" ] && cmp -s "$1" "$2" && echo "ok: $3" || { fail "$3"; diff "$1" "$2" | head -20; }; }

# 1. Reduce only, on the hand-made mentions.
m="$SRCDIR/tests/data/diff/mentions.jsonl"
merge "$tmp/whole.json" "$m"
grep -q '"events": \[' "$tmp/whole.json" || fail "merge wrote no timeline"
split -n l/3 -d "$m" "$tmp/part."
tac "$tmp/part.02" >"$tmp/rev.02"
merge "$tmp/split.json" "$tmp/rev.02" "$tmp/part.00" "$tmp/part.01"
same "$tmp/whole.json" "$tmp/split.json" "split and reordered input"
merge "$tmp/left.json" "$tmp/part.01" "$tmp/part.00"
merge "$tmp/assoc.json" "$tmp/left.json" "$tmp/part.02"
same "$tmp/whole.json" "$tmp/assoc.json" "(a + b) + c through a partial timeline"
cat "$tmp/part.02" "$tmp/part.00" | "$TIMELINE" merge -f json - "$tmp/part.01" "$tmp/left.json" \
  >"$tmp/stdin.json" 2>"$tmp/err" || fail "merge from stdin: $(cat "$tmp/err")"
same "$tmp/whole.json" "$tmp/stdin.json" "stdin plus duplicated inputs"
merge "$tmp/self.json" "$tmp/whole.json"
same "$tmp/whole.json" "$tmp/self.json" "merging a finished timeline alone"
"$TIMELINE" merge -f csv "$m" >"$tmp/whole.csv" 2>"$tmp/err" || fail "merge -f csv"
printf '\xef\xbb\xbf' | cat - "$m" >"$tmp/bom.jsonl"
"$TIMELINE" merge "$tmp/bom.jsonl" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'bom.jsonl:1: starts with a byte order mark' "$tmp/err" \
  && echo "ok: BOM -> 2" || fail "BOM: $(cat "$tmp/err")"
sed 's/$/\t/' "$m" >"$tmp/tabs.jsonl" # Hadoop Streaming's key/value separator
merge "$tmp/tabs.json" "$tmp/tabs.jsonl"
same "$tmp/whole.json" "$tmp/tabs.json" "records with a trailing tab"
printf '{"doc":"x","start":1}\n' >"$tmp/bad.jsonl"
"$TIMELINE" merge "$tmp/bad.jsonl" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'bad.jsonl:1:1: missing "end"' "$tmp/err" \
  && echo "ok: bad mention line -> 2" || fail "bad mention line: $(cat "$tmp/err")"

# 2. Map and reduce on the sample corpus, when extraction works.
samples="$SRCDIR/samples"
if ! "$TIMELINE" extract "$samples/2025-05-12-geneva-wire.txt" >"$tmp/probe.jsonl" 2>"$tmp/err" \
   || [ ! -s "$tmp/probe.jsonl" ]; then
  echo "skip: timeline extract is not available yet: $(head -1 "$tmp/err")"
  [ "$fails" -eq 0 ] || exit 1
  exit 0
fi
"$TIMELINE" extract "$samples"/*.txt >"$tmp/all.jsonl" 2>"$tmp/err" || fail "extract corpus"
i=0
for f in "$samples"/*.txt; do
  "$TIMELINE" extract "$f" >"$tmp/map.$i.jsonl" 2>>"$tmp/err" || fail "extract $f"
  i=$((i + 1))
done
merge "$tmp/corpus.json" "$tmp/all.jsonl"
merge "$tmp/maps.json" $(ls "$tmp"/map.*.jsonl | sort -r)
same "$tmp/corpus.json" "$tmp/maps.json" "one mapper per article, reduced in reverse order"
merge "$tmp/half1.json" "$tmp"/map.[0-9].jsonl
merge "$tmp/half2.json" "$tmp"/map.[1-9][0-9].jsonl
merge "$tmp/halves.json" "$tmp/half2.json" "$tmp/half1.json"
same "$tmp/corpus.json" "$tmp/halves.json" "two partial timelines reduced"
if "$TIMELINE" build -q -f json -o "$tmp/build.json" "$samples" 2>"$tmp/err"; then
  same "$tmp/build.json" "$tmp/corpus.json" "timeline build equals extract then merge"
else
  fail "timeline build: $(cat "$tmp/err")"
fi

# 3. Articles as JSON Lines, split in blocks as `parallel --pipepart` would.
if command -v python3 >/dev/null; then
  python3 - "$samples" >"$tmp/articles.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if name.endswith(".txt"):
        text = open(os.path.join(d, name), encoding="utf-8", errors="replace").read()
        print(json.dumps({"id": name[:-4], "date": name[:10], "text": text}))
PY
  "$TIMELINE" extract - <"$tmp/articles.jsonl" >"$tmp/jl-all.jsonl" 2>"$tmp/err" \
    || fail "extract - : $(cat "$tmp/err")"
  [ -s "$tmp/jl-all.jsonl" ] || fail "extract - wrote no mentions"
  split -n l/4 -d "$tmp/articles.jsonl" "$tmp/block."
  for b in "$tmp"/block.0?; do
    "$TIMELINE" extract - <"$b" >"$b.mentions.jsonl" 2>>"$tmp/err" || fail "extract block $b"
  done
  merge "$tmp/jl-one.json" "$tmp/jl-all.jsonl"
  merge "$tmp/jl-blocks.json" $(ls "$tmp"/block.0?.mentions.jsonl | sort -r)
  same "$tmp/jl-one.json" "$tmp/jl-blocks.json" "JSON Lines articles mapped in blocks"

  # tag streams JSON Lines articles too: the same mentions as from the files, with
  # offsets into each line's "text".
  "$TIMELINE" tag - <"$tmp/articles.jsonl" >"$tmp/jl-tags.jsonl" 2>"$tmp/err" \
    || fail "tag - : $(cat "$tmp/err")"
  "$TIMELINE" tag "$samples"/*.txt >"$tmp/file-tags.jsonl" 2>"$tmp/err" \
    || fail "tag samples: $(cat "$tmp/err")"
  [ -s "$tmp/jl-tags.jsonl" ] || fail "tag - wrote no mentions"
  python3 - "$tmp/articles.jsonl" "$tmp/jl-tags.jsonl" "$tmp/file-tags.jsonl" <<'PY' \
    || fail "tag on JSON Lines articles differs from tag on the files"
import json, sys
texts = {}
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    texts[a["id"]] = a["text"].encode("utf-8")
def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8")]
jl, files = load(sys.argv[2]), load(sys.argv[3])
strip = lambda ms: [{k: v for k, v in m.items() if k not in ("start", "end")} for m in ms]
if strip(jl) != strip(files):
    sys.exit("mentions differ")
for m in jl:
    if texts[m["doc"]][m["start"]:m["end"]].decode("utf-8") != m["text"]:
        sys.exit("offsets of %s do not point at %r" % (m["doc"], m["text"]))
PY
fi

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
