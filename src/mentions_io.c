/*
 * mentions_io.c - the map/reduce plumbing (docs/MAPREDUCE.md). The map side,
 * tl_article_write_mentions(), writes one JSON object per event mention per
 * line with every field the merge needs. The reduce side,
 * tl_timeline_merge_files(), streams any mix of those JSON Lines files (a
 * regular file through a read-only mapping, unmapped as it is read; standard
 * input through stdio) and timeline JSON files (flattened back to their
 * mentions), keeps one copy of each mention (key: doc, start, end; when
 * copies differ the smallest by a fixed field order wins, so input order
 * never matters), and hands the set to the merge. The result depends only
 * on the set of mentions: merging is associative, commutative and
 * idempotent. A reduce owns its array of mention references, hash index and
 * string pool until the merge takes the references over; every mention it
 * reads is interned in that pool (hash.h; a 16-byte tl_mref to a head and a
 * body record, event.h), which the resulting timeline then owns, so a text
 * repeated by many outlets is held once; a record that differs from one
 * read before only by its doc is not parsed again (rest_entry), as long as
 * the input has enough such copies to pay for remembering them. The
 * mention <-> JSON conversion it uses lives in json_model.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "error.h"
#include "event.h"
#include "extract.h"
#include "hash.h"
#include "json_read.h"
#include "mention_jsonl.h"
#include "merge.h"

/* ## Map: one article's mentions as JSON Lines */

TL_EXPORT int tl_article_write_mentions(FILE *out, tl_article *article, const tl_tagger *tagger,
					tl_error *err)
{
	if (!out || !article || !tagger)
		return tl_error_set(err, TL_EUSAGE, "extract: no output, article or tagger given");
	int rc = tl_article_tag(article, tagger, err);
	if (rc == TL_OK)
		rc = tl_article_sentences(article, err);
	if (rc != TL_OK)
		return rc;
	/* The lines are written with a single fwrite. */
	tl_buf b = TL_BUF_INIT;
	rc = tl_extract_article_jsonl(article, &b, err);
	if (rc == TL_OK && b.len && fwrite(b.data, 1, b.len, out) != b.len)
		rc = tl_error_set(err, TL_EIO, "%s: write error while writing its mentions: %s",
				  article->name, strerror(errno));
	tl_buf_free(&b);
	return rc;
}

/* ## Reduce: a set of mentions from many files */

typedef struct reducer {
	tl_mref *items;     /* unique by (doc, start, end), pooled in pool */
	uint64_t *lines;    /* per item: hash of the JSON Lines record it came from, or 0 */
	size_t n, cap;
	uint64_t *slots;    /* open addressing: index + 1 into items in the low 32 bits, the
			     * top 32 bits of the place hash above them (so that probes
			     * rarely touch the items); 0 = empty */
	size_t n_slots;     /* 0 or a power of two, at most three quarters full (8 bytes
			     * a slot: 11 to 21 bytes a mention) */
	tl_date stamp;      /* newest article date seen */
	tl_json_doc *doc;   /* reused for every line */
	tl_strpool *pool;   /* the strings of the mentions read from JSON Lines */
	/* What the rest of a record after its doc gave (rest_memo below). */
	struct rest_entry *rests;
	size_t n_rests, cap_rests;
	uint32_t *rest_slots; /* index + 1 into rests; 0 = empty */
	size_t n_rest_slots;  /* 0 or a power of two, at most three quarters full */
	size_t rest_hits;     /* records whose rest was found */
	bool rests_off;       /* the memo found too few: no longer kept */
} reducer;

/*
 * The rest of a record, everything after its doc (the writer puts doc
 * first), is what copies of one report by other outlets share byte for
 * byte. What it parsed to, the body and the head's other fields, is kept
 * under two independent 64-bit hashes of those bytes and their length, so
 * that a copy is not parsed again: only its doc is interned. 40 bytes a
 * distinct rest. Extracts of real articles have hardly any copies: once
 * REST_TRIAL rests are kept and fewer than one in REST_MIN_SHARE records
 * was found, the memo is dropped (and its second hash no longer made).
 * Parsing gives what the memo would (the same pooled body and head).
 */
#define REST_TRIAL ((size_t)1 << 16)
#define REST_MIN_SHARE 16
typedef struct rest_entry {
	uint64_t h1, h2;
	size_t len;
	tl_mbody *body;
	const tl_mhead *head; /* the first mention's: its source, url and date */
} rest_entry;

#define REST_SEED_1 UINT64_C(0x52455354)
#define REST_SEED_2 UINT64_C(0x9e3779b97f4a7c15)
#define REST_SEED_START UINT64_C(0x5354415254)

static const rest_entry *rest_find(const reducer *r, uint64_t h1, uint64_t h2, size_t len)
{
	if (!r->n_rest_slots)
		return NULL;
	for (size_t k = (size_t)h1 & (r->n_rest_slots - 1); r->rest_slots[k];
	     k = (k + 1) & (r->n_rest_slots - 1)) {
		const rest_entry *e = &r->rests[r->rest_slots[k] - 1];
		if (e->h1 == h1 && e->h2 == h2 && e->len == len)
			return e;
	}
	return NULL;
}

static int rest_put(reducer *r, uint64_t h1, uint64_t h2, size_t len, const tl_mref *m)
{
	if (r->n_rests >= UINT32_MAX - 1)
		return TL_OK; /* a memo only: the rest is parsed */
	if ((r->n_rests + 1) * 4 > r->n_rest_slots * 3) {
		size_t n_slots = r->n_rest_slots ? r->n_rest_slots * 2 : 1024;
		uint32_t *slots = calloc(n_slots, sizeof *slots);
		if (!slots)
			return TL_ENOMEM;
		for (size_t i = 0; i < r->n_rests; i++) {
			size_t k = (size_t)r->rests[i].h1 & (n_slots - 1);
			while (slots[k])
				k = (k + 1) & (n_slots - 1);
			slots[k] = (uint32_t)(i + 1);
		}
		free(r->rest_slots);
		r->rest_slots = slots;
		r->n_rest_slots = n_slots;
	}
	if (r->n_rests == r->cap_rests) {
		size_t cap = r->cap_rests ? r->cap_rests * 2 : 1024;
		rest_entry *v = realloc(r->rests, cap * sizeof *v);
		if (!v)
			return TL_ENOMEM;
		r->rests = v;
		r->cap_rests = cap;
	}
	size_t k = (size_t)h1 & (r->n_rest_slots - 1);
	while (r->rest_slots[k])
		k = (k + 1) & (r->n_rest_slots - 1);
	r->rests[r->n_rests] = (rest_entry){h1, h2, len, m->body, m->head};
	r->rest_slots[k] = (uint32_t)++r->n_rests;
	return TL_OK;
}

static void rest_free(reducer *r);

/* Drops the memo when it finds too little to pay for its memory. */
static void rest_judge(reducer *r)
{
	if (r->n_rests >= REST_TRIAL && r->rest_hits * REST_MIN_SHARE < r->n_rests) {
		rest_free(r);
		r->rests_off = true;
	}
}

static void rest_free(reducer *r)
{
	free(r->rests);
	free(r->rest_slots);
	r->rests = NULL;
	r->rest_slots = NULL;
	r->n_rests = r->cap_rests = r->n_rest_slots = 0;
}

static uint64_t place_hash_of(const char *doc, size_t doc_len, size_t start, size_t end)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (size_t i = 0; i < doc_len; i++)
		h = (h ^ (unsigned char)doc[i]) * UINT64_C(0x100000001b3);
	size_t offs[2] = {start, end};
	const unsigned char *b = (const unsigned char *)offs;
	for (size_t i = 0; i < sizeof offs; i++)
		h = (h ^ b[i]) * UINT64_C(0x100000001b3);
	return h ^ (h >> 29);
}

static uint64_t place_hash(const tl_mref *m)
{
	return place_hash_of(m->head->doc, strlen(m->head->doc), m->body->start, m->body->end);
}

/* A fast 64-bit hash of a record's bytes, eight at a time; never 0. */
static uint64_t record_hash(const char *s, size_t n)
{
	return tl_hash_bytes(s, n, 0);
}

static bool digits_at(const char *s, size_t n, size_t *i, size_t *out)
{
	size_t v = 0, from = *i;
	for (; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
		if (v > (SIZE_MAX - 9) / 10)
			return false;
		v = v * 10 + (size_t)(s[*i] - '0');
	}
	*out = v;
	return *i > from;
}

/* The place of a record written by tl_mention_to_json, read from its first
 * bytes ({"doc":"...","start":N,"end":N); false for any other layout. */
static bool record_place(const char *s, size_t n, const char **doc, size_t *doc_len,
			 size_t *start, size_t *end)
{
	static const char head[] = "{\"doc\":\"", mid[] = "\",\"start\":", tail[] = ",\"end\":";
	size_t i = sizeof head - 1, d = i;
	if (n < i || memcmp(s, head, i) != 0)
		return false;
	while (i < n && s[i] != '"' && s[i] != '\\')
		i++;
	if (i == d || n - i < sizeof mid - 1 || memcmp(s + i, mid, sizeof mid - 1) != 0)
		return false;
	*doc = s + d;
	*doc_len = i - d;
	i += sizeof mid - 1;
	if (!digits_at(s, n, &i, start) || n - i < sizeof tail - 1 ||
	    memcmp(s + i, tail, sizeof tail - 1) != 0)
		return false;
	i += sizeof tail - 1;
	return digits_at(s, n, &i, end);
}

/* The place of a record as the index sees it, found before the record is
 * hashed so that its slot is fetched meanwhile. */
typedef struct record_at {
	const char *doc;
	size_t doc_len, start, end;
	uint64_t hash; /* place_hash_of() */
	bool ok;       /* the record starts as the writer writes it, and items exist */
} record_at;

static record_at locate_record(const reducer *r, const char *line, size_t len)
{
	record_at at;
	at.ok = r->n_slots &&
		record_place(line, len, &at.doc, &at.doc_len, &at.start, &at.end);
	if (at.ok) {
		at.hash = place_hash_of(at.doc, at.doc_len, at.start, at.end);
		__builtin_prefetch(&r->slots[(size_t)at.hash & (r->n_slots - 1)]);
	}
	return at;
}

/*
 * True when the record at is a byte-identical copy of one already kept
 * (same place, same record hash): such copies, the bulk of a re-merge, are
 * skipped without parsing.
 */
static bool known_record(const reducer *r, const record_at *at, uint64_t hash)
{
	if (!at->ok)
		return false;
	uint64_t h = at->hash;
	for (size_t k = (size_t)h & (r->n_slots - 1); r->slots[k]; k = (k + 1) & (r->n_slots - 1)) {
		if (r->slots[k] >> 32 != h >> 32)
			continue;
		size_t i = (size_t)(r->slots[k] & UINT32_MAX) - 1;
		const tl_mbody *m = r->items[i].body;
		const char *d = r->items[i].head->doc;
		if (m->start == at->start && m->end == at->end &&
		    strncmp(d, at->doc, at->doc_len) == 0 && d[at->doc_len] == '\0')
			return r->lines[i] == hash;
	}
	return false;
}

static bool same_place(const tl_mref *a, const tl_mref *b)
{
	return a->body->start == b->body->start && a->body->end == b->body->end &&
	       (a->head->doc == b->head->doc || strcmp(a->head->doc, b->head->doc) == 0);
}

static int rehash(reducer *r)
{
	size_t n_slots = r->n_slots ? r->n_slots * 2 : 1024;
	uint64_t *slots = calloc(n_slots, sizeof *slots);
	if (!slots)
		return TL_ENOMEM;
	tl_memory_advise_huge(slots, n_slots * sizeof *slots);
	for (size_t i = 0; i < r->n; i++) {
		uint64_t h = place_hash(&r->items[i]);
		size_t k = (size_t)h & (n_slots - 1);
		while (slots[k])
			k = (k + 1) & (n_slots - 1);
		slots[k] = (h >> 32 << 32) | (i + 1);
	}
	free(r->slots);
	r->slots = slots;
	r->n_slots = n_slots;
	return TL_OK;
}

static void stamp_max(tl_date *stamp, tl_date d)
{
	long a = (long)stamp->year * 10000 + stamp->month * 100 + stamp->day;
	long b = (long)d.year * 10000 + d.month * 100 + d.day;
	if (b > a)
		*stamp = d;
}

/* Adds the pooled mention m. Of two copies of one mention the smaller by
 * tl_mref_compare() (merge.h) is kept, whatever the input order (the other
 * stays in the pool, unused). */
static int reducer_add(reducer *r, const tl_mref *m, uint64_t line_hash)
{
	if ((r->n + 1) * 4 > r->n_slots * 3 && rehash(r) != TL_OK)
		return TL_ENOMEM;
	if (r->n >= UINT32_MAX - 1)
		return TL_ENOMEM; /* the slots hold 32-bit indices */
	stamp_max(&r->stamp, m->head->article_date);
	uint64_t h = place_hash(m);
	size_t k = (size_t)h & (r->n_slots - 1);
	for (; r->slots[k]; k = (k + 1) & (r->n_slots - 1)) {
		if (r->slots[k] >> 32 != h >> 32)
			continue;
		size_t i = (size_t)(r->slots[k] & UINT32_MAX) - 1;
		tl_mref *old = &r->items[i];
		if (!same_place(old, m))
			continue;
		if (tl_mref_compare(m, old) < 0) {
			*old = *m;
			r->lines[i] = line_hash;
		}
		return TL_OK;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		tl_mref *items = realloc(r->items, cap * sizeof *items);
		if (items) {
			r->items = items;
			tl_memory_advise_huge(items, cap * sizeof *items);
		}
		uint64_t *lines = items ? realloc(r->lines, cap * sizeof *lines) : NULL;
		if (!lines)
			return TL_ENOMEM;
		r->lines = lines;
		r->cap = cap;
	}
	r->lines[r->n] = line_hash;
	r->items[r->n++] = *m;
	r->slots[k] = (h >> 32 << 32) | r->n;
	return TL_OK;
}

static void reducer_free(reducer *r)
{
	rest_free(r);
	free(r->items);
	free(r->lines);
	free(r->slots);
	tl_json_doc_free(r->doc);
	tl_strpool_free(r->pool);
}

/* Where the rest of a record starts: after its doc, when the record starts
 * as the writer writes it ({"doc":") and the doc is one that the fast
 * reader takes as it is (no escape, no control character, valid UTF-8,
 * not empty); 0 otherwise. *doc and *doc_len get the doc. */
static size_t rest_of_record(const char *s, size_t n, const char **doc, size_t *doc_len)
{
	static const char head[] = "{\"doc\":\"";
	size_t i = sizeof head - 1;
	if (n < i || memcmp(s, head, i) != 0)
		return 0;
	while (i < n && s[i] != '"') {
		unsigned char c = (unsigned char)s[i];
		size_t k = 1;
		if (c == '\\' || c < 0x20)
			return 0;
		if (c >= 0x80 && !(k = tl_utf8_sequence((const unsigned char *)s + i, n - i)))
			return 0;
		i += k;
	}
	if (i >= n || i == sizeof head - 1)
		return 0;
	*doc = s + sizeof head - 1;
	*doc_len = i - (sizeof head - 1);
	return i;
}

/* A copy of a record whose rest was read before: its head with this doc. */
static int add_copy(reducer *r, const rest_entry *e, const char *doc, size_t doc_len,
		    uint64_t line_hash)
{
	tl_mhead head;
	memset(&head, 0, sizeof head); /* records are compared as bytes */
	head.doc = tl_strpool_intern(r->pool, doc, doc_len);
	head.source = e->head->source;
	head.url = e->head->url;
	head.article_date = e->head->article_date;
	tl_mref ref = {head.doc ? tl_strpool_intern_record(r->pool, &head, sizeof head) : NULL,
		       e->body};
	if (!ref.head)
		return TL_ENOMEM;
	return reducer_add(r, &ref, line_hash);
}

/* Parses one JSON Lines record (line[0..len), no newline) and adds it. */
static int add_line(reducer *r, const char *line, size_t len, const char *path, size_t lineno,
		    tl_error *err)
{
	/* The record's hash: of its bytes, or, when it has a rest, of the hash
	 * of its start and the first hash of its rest (one pass fewer). */
	record_at at = locate_record(r, line, len);
	const char *doc = NULL;
	size_t doc_len = 0, rest = rest_of_record(line, len, &doc, &doc_len);
	uint64_t h1 = 0, h2 = 0, hash;
	if (rest) {
		h1 = tl_hash_bytes(line + rest, len - rest, REST_SEED_1);
		uint64_t parts[2] = {tl_hash_bytes(line, rest, REST_SEED_START), h1};
		hash = tl_hash_bytes(parts, sizeof parts, 0);
	} else {
		hash = record_hash(line, len);
	}
	if (known_record(r, &at, hash))
		return TL_OK;
	if (rest && r->rests_off)
		rest = 0; /* parsed as a whole below */
	if (rest) {
		h2 = tl_hash_bytes(line + rest, len - rest, REST_SEED_2);
		const rest_entry *e = rest_find(r, h1, h2, len - rest);
		if (e) {
			r->rest_hits++;
			return add_copy(r, e, doc, doc_len, hash) == TL_OK ? TL_OK : tl_error_nomem(err);
		}
	}
	tl_mention m;
	memset(&m, 0, sizeof m);
	/* Records as tl_mention_to_json() writes them skip the JSON tree. */
	int rc = tl_mention_from_record(line, len, r->pool, &m);
	if (rc < 0)
		return tl_error_nomem(err);
	if (rc == 0) {
		const tl_json *root;
		if ((rc = tl_json_parse(r->doc, line, len, path, lineno, 0, &root, err)) != TL_OK)
			return rc;
		if ((rc = tl_mention_from_json_pooled(root, path, r->pool, &m, err)) != TL_OK)
			return rc;
	}
	tl_mref ref;
	if (tl_mref_intern(r->pool, &m, &ref) != TL_OK || reducer_add(r, &ref, hash) != TL_OK ||
	    (rest && rest_put(r, h1, h2, len - rest, &ref) != TL_OK))
		return tl_error_nomem(err);
	if (rest)
		rest_judge(r);
	return TL_OK;
}

/* A partial timeline: its events are flattened back to their mentions. */
static int add_timeline(reducer *r, tl_timeline *t, tl_error *err)
{
	int rc = TL_OK;
	if (t->stamp.year > 0)
		stamp_max(&r->stamp, t->stamp);
	for (size_t e = 0; e < t->n_events; e++) {
		tl_event *ev = &t->events[e];
		for (size_t i = 0; i < ev->n_mentions && rc == TL_OK; i++) {
			tl_mention scratch;
			tl_mref ref;
			rc = tl_mref_intern(r->pool, tl_event_mention(ev, i, &scratch), &ref);
			if (rc == TL_OK)
				rc = reducer_add(r, &ref, 0);
		}
	}
	tl_timeline_free(t);
	return rc == TL_OK ? TL_OK : tl_error_nomem(err);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Reads the rest of f after its first lines (first[0..n), at line lineno) and
 * parses the whole as one timeline document. */
static int add_timeline_stream(reducer *r, FILE *f, const char *name, const char *first,
			       size_t n, size_t lineno, tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	int rc = TL_OK;
	for (size_t i = 1; i < lineno && rc == TL_OK; i++) /* keep line numbers right */
		rc = tl_buf_putc(&b, '\n');
	if (rc == TL_OK)
		rc = tl_buf_append(&b, first, n);
	char chunk[65536];
	size_t got;
	while (rc == TL_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = tl_buf_append(&b, chunk, got);
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else if (ferror(f))
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", name, strerror(errno));
	tl_timeline *t = NULL;
	if (rc == TL_OK && !(t = tl_timeline_parse_json(b.data, b.len, name, err)))
		rc = err ? err->code : TL_EINPUT;
	tl_buf_free(&b);
	return rc == TL_OK ? add_timeline(r, t, err) : rc;
}

/* The first non-blank line tells the kind of file: a complete JSON object
 * with "doc" starts mention JSON Lines, any other '{' a timeline JSON. */
static int file_kind(reducer *r, const char *line, size_t len, const char *name, size_t lineno,
		     bool *records, tl_error *err)
{
	const tl_json *root;
	size_t skip = 0;
	while (skip < len && (line[skip] == ' ' || line[skip] == '\t'))
		skip++;
	if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
		return tl_error_set(err, TL_EINPUT, "%s:%zu: starts with a byte order mark; save it "
				    "as UTF-8 without BOM", name, lineno);
	if (skip >= len || line[skip] != '{')
		return tl_error_set(err, TL_EINPUT, "%s:%zu: neither mention JSON Lines nor a "
				    "timeline JSON (it must start with '{')", name, lineno);
	*records = tl_json_parse(r->doc, line, len, name, lineno, 0, &root, NULL) == TL_OK &&
		   tl_json_get(root, "doc") != NULL;
	return TL_OK;
}

/*
 * A regular file of mention JSON Lines, read through a read-only mapping:
 * the lines are parsed where they lie, without read() copying gigabytes
 * into a buffer first. Lines are cut and numbered as add_file() does with
 * getline(). *done is false (and nothing read) when the file cannot be
 * mapped or is a timeline JSON: then add_file() reads it with stdio.
 */
static int add_mapped(reducer *r, FILE *f, const char *name, bool *done, tl_error *err)
{
	*done = false;
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > SIZE_MAX)
		return TL_OK;
	size_t size = (size_t)st.st_size;
	void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
	if (map == MAP_FAILED)
		return TL_OK;
	(void)posix_madvise(map, size, POSIX_MADV_SEQUENTIAL); /* a hint */
	const char *s = map;
	char *last = NULL; /* the last line when no newline ends it: a NUL-terminated copy */
	size_t at = 0, lineno = 0, kept_from = 0; /* [kept_from, size) is still mapped */
	/* Lines read are unmapped every so often: they would count in the
	 * process's resident memory (as file pages) until the end otherwise. */
	const size_t step = (size_t)64 << 20;
	long page = sysconf(_SC_PAGESIZE);
	int rc = TL_OK;
	bool known = false;
	while (at < size && rc == TL_OK) {
		if (page > 0 && at - kept_from >= step) {
			size_t upto = at / (size_t)page * (size_t)page;
			munmap((char *)map + kept_from, upto - kept_from);
			kept_from = upto;
		}
		const char *nl = memchr(s + at, '\n', size - at);
		size_t raw = nl ? (size_t)(nl - (s + at)) + 1 : size - at, len = raw;
		const char *line = s + at;
		at += raw;
		lineno++;
		if (blank(line, len))
			continue;
		if (!nl) {
			if (!(last = malloc(raw + 1))) {
				rc = tl_error_nomem(err);
				break;
			}
			memcpy(last, line, raw);
			last[raw] = '\0';
			line = last;
		}
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (!known) {
			bool records = false;
			if ((rc = file_kind(r, line, len, name, lineno, &records, err)) != TL_OK)
				break;
			known = true;
			if (!records) {
				free(last);
				munmap((char *)map + kept_from, size - kept_from);
				return TL_OK; /* a timeline JSON: read as a stream */
			}
		}
		rc = add_line(r, line, len, name, lineno, err);
	}
	free(last);
	munmap((char *)map + kept_from, size - kept_from);
	*done = true;
	return rc;
}

/*
 * One input file ("-" is standard input). A mention JSON Lines file has a
 * complete JSON object with "doc" on its first non-blank line; anything else
 * starting with '{' is read as a timeline JSON. Lines are streamed with
 * getline(), so memory grows with the unique mentions kept, not with the file.
 */
static int add_file(reducer *r, const char *path, tl_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return tl_error_set(err, TL_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (!is_stdin) {
		bool done;
		int mapped = add_mapped(r, f, name, &done, err);
		if (done) {
			if (fclose(f) != 0 && mapped == TL_OK)
				mapped = tl_error_set(err, TL_EIO, "%s: read error: %s", name,
						      strerror(errno));
			return mapped;
		}
	}
	/* Inputs run to gigabytes: read them in large blocks (the buffer is
	 * freed after fclose; without it, the default one serves). */
	size_t block = (size_t)1 << 20;
	char *buffer = is_stdin ? NULL : malloc(block);
	if (buffer && setvbuf(f, buffer, _IOFBF, block) != 0) {
		free(buffer);
		buffer = NULL;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int rc = TL_OK;
	bool known = false;
	while ((got = getline(&line, &cap, f)) >= 0) {
		size_t raw = (size_t)got, len = raw;
		lineno++;
		if (blank(line, len))
			continue;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (!known) {
			bool records = false;
			if ((rc = file_kind(r, line, len, name, lineno, &records, err)) != TL_OK)
				break;
			known = true;
			if (!records) {
				rc = add_timeline_stream(r, f, name, line, raw, lineno, err);
				break;
			}
		}
		if ((rc = add_line(r, line, len, name, lineno, err)) != TL_OK)
			break;
	}
	if (rc == TL_OK && ferror(f))
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", name, strerror(errno));
	free(line);
	if (!is_stdin && fclose(f) != 0 && rc == TL_OK)
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", name, strerror(errno));
	free(buffer);
	return rc;
}

static int cmp_event_date(const void *a, const void *b)
{
	const tl_event *x = a, *y = b;
	long dx = (long)x->first.year * 10000 + x->first.month * 100 + x->first.day;
	long dy = (long)y->first.year * 10000 + y->first.month * 100 + y->first.day;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	int c = strcmp(x->value, y->value);
	return c ? c : strcmp(x->id, y->id);
}

/* Hands the unique mentions to the merge and wraps the events in a timeline. */
static tl_timeline *reducer_finish(reducer *r, const tl_build_options *options, tl_error *err)
{
	tl_timeline *t = tl_timeline_new_empty(options, err);
	if (!t)
		return NULL;
	t->stamp = r->stamp;
	t->pool = r->pool; /* the mentions' strings live there */
	r->pool = NULL;
	/* Nothing more is read: the pool's index and the JSON arena (a whole
	 * partial timeline's tree, for one) would only add to the merge's peak. */
	tl_strpool_seal(t->pool);
	tl_json_doc_free(r->doc);
	r->doc = NULL;
	tl_mref *ms = r->items;
	size_t n = r->n;
	/* The array grew by doubling: give the slack back before the merge adds
	 * its own per-mention state (if shrinking fails, the larger block stays). */
	tl_mref *fit = n ? realloc(ms, n * sizeof *ms) : NULL;
	if (fit)
		ms = fit;
	rest_free(r);
	free(r->lines); /* the record hashes are needed no more */
	r->lines = NULL;
	free(r->slots);
	r->slots = NULL;
	r->n_slots = 0;
	r->items = NULL; /* the merge consumes them */
	r->n = r->cap = 0;
	if (tl_merge_refs(ms, n, &t->events, &t->n_events, err) != TL_OK) {
		tl_timeline_free(t);
		return NULL;
	}
	double floor = options ? options->min_confidence : 0;
	size_t kept = 0;
	for (size_t i = 0; i < t->n_events; i++) {
		if (t->events[i].confidence < floor)
			tl_event_free_fields(&t->events[i]);
		else
			t->events[kept++] = t->events[i];
	}
	t->n_events = kept;
	/* The merge sorts them already, by the same key for every valid date:
	 * strictly increasing keys are what the sort would leave. */
	size_t in_order = 1;
	while (in_order < kept &&
	       cmp_event_date(&t->events[in_order - 1], &t->events[in_order]) < 0)
		in_order++;
	if (in_order < kept)
		qsort(t->events, kept, sizeof *t->events, cmp_event_date);
	return t;
}

TL_EXPORT tl_timeline *tl_timeline_merge_files(const char *const *paths, size_t n_paths,
					       const tl_build_options *options, tl_error *err)
{
	if (!paths && n_paths) {
		tl_error_set(err, TL_EUSAGE, "merge: no input files");
		return NULL;
	}
	reducer r;
	memset(&r, 0, sizeof r);
	r.doc = tl_json_doc_new();
	r.pool = tl_strpool_new();
	int rc = r.doc && r.pool ? TL_OK : tl_error_nomem(err);
	for (size_t i = 0; i < n_paths && rc == TL_OK; i++)
		rc = add_file(&r, paths[i], err);
	tl_timeline *t = rc == TL_OK ? reducer_finish(&r, options, err) : NULL;
	reducer_free(&r);
	return t;
}
