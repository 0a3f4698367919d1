#!/usr/bin/env bash
# Map/reduce with real GNU parallel: the sample corpus as JSON Lines, split by
# `parallel --pipepart` into blocks, each block mapped by `timeline extract -`
# in its own process, the mentions reduced by `timeline merge`. The result must
# be byte-identical to a single `timeline build` of the same articles.
set -u
: "${TIMELINE:?}" "${SRCDIR:?}"
if ! command -v parallel >/dev/null 2>&1; then
  echo "SKIP: GNU parallel is not installed (scripts/setup-deps installs it)"; exit 0
fi
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# samples/manifest.csv -> one JSON object per article, the whole file as "text".
"$py" - "$SRCDIR/samples" >"$tmp/corpus.jsonl" <<'PY' || { echo "FAIL: could not write the corpus"; exit 1; }
import csv, json, os, sys
root = sys.argv[1]
with open(os.path.join(root, "manifest.csv"), newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        with open(os.path.join(root, row["path"]), "rb") as art:
            text = art.read().decode("utf-8")
        rec = {"id": os.path.splitext(row["path"])[0], "date": row["date"], "text": text}
        for key in ("source", "title", "url"):
            if row.get(key):
                rec[key] = row[key]
        print(json.dumps(rec, ensure_ascii=False))
PY

fails=0
"$TIMELINE" build --quiet --manifest "$SRCDIR/samples/manifest.csv" -f json -o "$tmp/build.json" \
  || { echo "FAIL: build"; exit 1; }
for block in 3k 20k; do
  parallel --will-cite --pipepart -a "$tmp/corpus.jsonl" --block "$block" -j 2 \
    "$TIMELINE" extract --quiet - >"$tmp/mentions.jsonl" 2>"$tmp/err" \
    || { echo "FAIL: parallel extract (block $block)"; cat "$tmp/err"; fails=$((fails + 1)); continue; }
  "$TIMELINE" merge -f json -o "$tmp/merged.json" "$tmp/mentions.jsonl" \
    || { echo "FAIL: merge (block $block)"; fails=$((fails + 1)); continue; }
  if cmp -s "$tmp/build.json" "$tmp/merged.json"; then
    echo "ok: parallel --pipepart --block $block + merge == build ($(wc -l <"$tmp/mentions.jsonl") mentions)"
  else
    echo "FAIL: parallel map/reduce (block $block) differs from build:"
    diff -u "$tmp/build.json" "$tmp/merged.json" | head -30
    fails=$((fails + 1))
  fi
done
[ "$fails" -eq 0 ] || exit 1
