/*
 * mentions_io.c - the map/reduce plumbing (docs/MAPREDUCE.md). The map side,
 * tl_article_write_mentions(), writes one JSON object per event mention per
 * line with every field the merge needs. The reduce side,
 * tl_timeline_merge_files(), streams any mix of those JSON Lines files and
 * timeline JSON files (flattened back to their mentions), keeps one copy of
 * each mention (key: doc, start, end; when copies differ the smallest by a
 * fixed field order wins, so input order never matters), and hands the set to
 * the merge. The result depends only on the set of mentions: merging is
 * associative, commutative and idempotent. This file also owns the
 * mention <-> JSON conversion declared in json_read.h. A reduce owns its
 * mention array and hash index until the merge takes the mentions over.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "error.h"
#include "event.h"
#include "json_read.h"

/* ## Small shared helpers (json_read.h) */

int tl_json_error(tl_error *err, const char *name, const tl_json *at, const char *fmt, ...)
{
	char what[TL_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (at)
		return tl_error_set(err, TL_EINPUT, "%s:%zu:%zu: %s", name, at->line, at->column,
				    what);
	return tl_error_set(err, TL_EINPUT, "%s: %s", name, what);
}

static const char *const status_names[] = {"done", "planned", "negated"};

const char *tl_status_name(tl_event_status status)
{
	if ((unsigned)status >= sizeof status_names / sizeof status_names[0])
		return "done";
	return status_names[status];
}

bool tl_status_parse(const char *name, tl_event_status *out)
{
	for (size_t i = 0; i < sizeof status_names / sizeof status_names[0]; i++) {
		if (strcmp(name, status_names[i]) == 0) {
			*out = (tl_event_status)i;
			return true;
		}
	}
	return false;
}

bool tl_grain_parse(const char *name, tl_grain *out)
{
	for (int g = TL_GRAIN_NONE; g <= TL_GRAIN_TIME; g++) {
		if (strcmp(name, tl_grain_name((tl_grain)g)) == 0) {
			*out = (tl_grain)g;
			return true;
		}
	}
	return false;
}

int tl_json_put_date(tl_buf *b, tl_date d)
{
	return tl_buf_printf(b, "%04d-%02d-%02d", d.year, d.month, d.day);
}

int tl_json_put_confidence(tl_buf *b, double c)
{
	if (!(c > 0))
		return tl_buf_putc(b, '0');
	if (c >= 1)
		return tl_buf_putc(b, '1');
	unsigned long v = (unsigned long)(c * 1e9 + 0.5);
	if (v >= 1000000000UL)
		return tl_buf_putc(b, '1');
	char digits[16];
	int n = snprintf(digits, sizeof digits, "%09lu", v);
	while (n > 1 && digits[n - 1] == '0')
		digits[--n] = '\0';
	return tl_buf_printf(b, "0.%s", digits);
}

/* ## Mention <-> JSON */

static bool is_date(const tl_json *v, tl_date *out)
{
	return tl_json_is_text(v) && tl_date_parse(v->u.str, out, NULL) == TL_OK;
}

/* A required or optional string member copied into *out (NULL when absent). */
static int take_string(const tl_json *obj, const char *key, bool required, const char *name,
		       char **out, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v) {
		if (required)
			return tl_json_error(err, name, obj, "missing \"%s\" (a string)", key);
		return TL_OK;
	}
	if (!tl_json_is_text(v))
		return tl_json_error(err, name, v, "\"%s\" must be a string without NUL", key);
	*out = strdup(v->u.str);
	return *out ? TL_OK : tl_error_nomem(err);
}

/* A string member into fixed storage of size cap. */
static int take_fixed(const tl_json *obj, const char *key, bool required, const char *name,
		      char *out, size_t cap, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v) {
		if (required)
			return tl_json_error(err, name, obj, "missing \"%s\" (a string)", key);
		return TL_OK;
	}
	if (!tl_json_is_text(v) || v->len >= cap)
		return tl_json_error(err, name, v, "\"%s\" must be a string shorter than %zu bytes",
				     key, cap);
	memcpy(out, v->u.str, v->len + 1);
	return TL_OK;
}

static int take_size(const tl_json *obj, const char *key, bool required, const char *name,
		     size_t *out, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v) {
		if (required)
			return tl_json_error(err, name, obj, "missing \"%s\" (a byte offset)", key);
		return TL_OK;
	}
	if (!tl_json_size(v, out))
		return tl_json_error(err, name, v, "\"%s\" must be a non-negative integer", key);
	return TL_OK;
}

static int take_strings(const tl_json *obj, const char *key, const char *name, tl_strings *out,
			tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v)
		return TL_OK;
	if (v->type != TL_JSON_ARRAY)
		return tl_json_error(err, name, v, "\"%s\" must be an array of strings", key);
	if (v->len == 0)
		return TL_OK;
	out->items = calloc(v->len, sizeof *out->items);
	if (!out->items)
		return tl_error_nomem(err);
	for (size_t i = 0; i < v->len; i++) {
		const tl_json *s = &v->u.items[i];
		if (!tl_json_is_text(s))
			return tl_json_error(err, name, s, "\"%s\" must hold strings only", key);
		out->items[i] = strdup(s->u.str);
		if (!out->items[i])
			return tl_error_nomem(err);
		out->count++;
	}
	return TL_OK;
}

static int take_date(const tl_json *obj, const char *key, bool required, const char *name,
		     tl_date *out, bool *present, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (present)
		*present = v != NULL;
	if (!v && required)
		return tl_json_error(err, name, obj, "missing \"%s\" (a YYYY-MM-DD date)", key);
	if (!v || v->type == TL_JSON_NULL)
		return TL_OK;
	if (!is_date(v, out))
		return tl_json_error(err, name, v, "\"%s\" must be a YYYY-MM-DD date or null", key);
	return TL_OK;
}

static int take_enum_fields(const tl_json *obj, const char *name, tl_mention *m, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, "type");
	if (v) {
		bool ok = false;
		for (int t = TL_TIMEX_DATE; t <= TL_TIMEX_SET && !ok; t++) {
			if (tl_json_is_text(v) && strcmp(v->u.str, tl_timex_type_name(t)) == 0) {
				m->type = (tl_timex_type)t;
				ok = true;
			}
		}
		if (!ok)
			return tl_json_error(err, name, v, "\"type\" must be DATE, TIME, DURATION "
					     "or SET");
	}
	if ((v = tl_json_get(obj, "status")) &&
	    (!tl_json_is_text(v) || !tl_status_parse(v->u.str, &m->status)))
		return tl_json_error(err, name, v, "\"status\" must be done, planned or negated");
	m->confidence = 1;
	if ((v = tl_json_get(obj, "confidence"))) {
		if (v->type != TL_JSON_NUMBER || v->number < 0 || v->number > 1)
			return tl_json_error(err, name, v, "\"confidence\" must be a number in "
					     "0..1");
		/* hundredths, as the JSON export writes them: a mention read from
		 * JSON Lines and its copy read from a partial timeline are equal */
		m->confidence = (double)(long)(v->number * 100 + 0.5) / 100;
	}
	return TL_OK;
}

static int mention_fields(const tl_json *obj, const char *name, tl_mention *m, tl_error *err)
{
	int rc;
	if (obj->type != TL_JSON_OBJECT)
		return tl_json_error(err, name, obj, "a mention must be a JSON object");
	if ((rc = take_string(obj, "doc", true, name, &m->doc, err)) ||
	    (rc = take_size(obj, "start", true, name, &m->start, err)) ||
	    (rc = take_size(obj, "end", true, name, &m->end, err)) ||
	    (rc = take_fixed(obj, "value", true, name, m->value, sizeof m->value, err)) ||
	    (rc = take_date(obj, "article_date", true, name, &m->article_date, NULL, err)) ||
	    (rc = take_string(obj, "text", false, name, &m->text, err)) ||
	    (rc = take_string(obj, "sentence", false, name, &m->sentence, err)) ||
	    (rc = take_string(obj, "title", false, name, &m->title, err)) ||
	    (rc = take_string(obj, "source", false, name, &m->source, err)) ||
	    (rc = take_string(obj, "url", false, name, &m->url, err)) ||
	    (rc = take_fixed(obj, "mod", false, name, m->mod, sizeof m->mod, err)) ||
	    (rc = take_size(obj, "sentence_start", false, name, &m->sentence_start, err)) ||
	    (rc = take_size(obj, "sentence_end", false, name, &m->sentence_end, err)) ||
	    (rc = take_strings(obj, "actors", name, &m->actors, err)) ||
	    (rc = take_strings(obj, "keywords", name, &m->keywords, err)) ||
	    (rc = take_strings(obj, "figures", name, &m->figures, err)) ||
	    (rc = take_enum_fields(obj, name, m, err)))
		return rc;
	if (m->end < m->start || m->sentence_end < m->sentence_start)
		return tl_json_error(err, name, obj, "a mention ends before it starts");
	if (!m->doc[0])
		return tl_json_error(err, name, obj, "\"doc\" must not be empty");
	/* grain and interval: as written, else those of the value */
	tl_date first = {0}, end = {0};
	tl_grain grain = TL_GRAIN_NONE;
	if (tl_value_interval(m->value, &first, &end, &grain) != TL_OK)
		grain = TL_GRAIN_NONE;
	m->grain = grain;
	const tl_json *g = tl_json_get(obj, "grain");
	if (g && (!tl_json_is_text(g) || !tl_grain_parse(g->u.str, &m->grain)))
		return tl_json_error(err, name, g, "\"grain\" must be a grain name (day, month, ...)");
	bool has_first, has_end;
	if ((rc = take_date(obj, "first", false, name, &m->first, &has_first, err)) ||
	    (rc = take_date(obj, "end_date", false, name, &m->end_date, &has_end, err)))
		return rc;
	if (!has_first && !has_end && grain != TL_GRAIN_NONE) {
		m->first = first;
		m->end_date = end;
	}
	return TL_OK;
}

int tl_mention_from_json(const tl_json *obj, const char *name, tl_mention *out, tl_error *err)
{
	int rc = mention_fields(obj, name, out, err);
	if (rc == TL_OK) {
		char **texts[] = {&out->text, &out->sentence, &out->title};
		for (size_t i = 0; i < 3 && rc == TL_OK; i++)
			if (!*texts[i] && !(*texts[i] = strdup("")))
				rc = tl_error_nomem(err);
	}
	if (rc != TL_OK) {
		tl_mention_free_fields(out);
		memset(out, 0, sizeof *out);
	}
	return rc;
}

static void put_key(tl_buf *b, int *rc, const char *key)
{
	*rc |= tl_buf_printf(b, ",\"%s\":", key);
}

static void put_string(tl_buf *b, int *rc, const char *key, const char *s)
{
	put_key(b, rc, key);
	*rc |= tl_buf_putc(b, '"');
	if (s)
		*rc |= tl_buf_json_escape(b, s, strlen(s));
	*rc |= tl_buf_putc(b, '"');
}

static void put_strings(tl_buf *b, int *rc, const char *key, const tl_strings *s)
{
	put_key(b, rc, key);
	*rc |= tl_buf_putc(b, '[');
	for (size_t i = 0; i < s->count; i++) {
		*rc |= tl_buf_puts(b, i ? ",\"" : "\"");
		*rc |= tl_buf_json_escape(b, s->items[i], strlen(s->items[i]));
		*rc |= tl_buf_putc(b, '"');
	}
	*rc |= tl_buf_putc(b, ']');
}

static bool date_set(tl_date d)
{
	return d.year > 0 && d.month > 0 && d.day > 0;
}

static void put_date(tl_buf *b, int *rc, const char *key, tl_date d)
{
	put_key(b, rc, key);
	if (!date_set(d)) {
		*rc |= tl_buf_puts(b, "null");
		return;
	}
	*rc |= tl_buf_putc(b, '"');
	*rc |= tl_json_put_date(b, d);
	*rc |= tl_buf_putc(b, '"');
}

int tl_mention_to_json(tl_buf *b, const tl_mention *m)
{
	int rc = tl_buf_puts(b, "{\"doc\":\"");
	rc |= tl_buf_json_escape(b, m->doc, strlen(m->doc));
	rc |= tl_buf_printf(b, "\",\"start\":%zu,\"end\":%zu", m->start, m->end);
	put_string(b, &rc, "text", m->text);
	put_string(b, &rc, "sentence", m->sentence);
	put_string(b, &rc, "title", m->title);
	put_string(b, &rc, "value", m->value);
	if (m->source && m->source[0])
		put_string(b, &rc, "source", m->source);
	if (m->url && m->url[0])
		put_string(b, &rc, "url", m->url);
	put_date(b, &rc, "article_date", m->article_date);
	put_string(b, &rc, "type", tl_timex_type_name(m->type));
	if (m->mod[0])
		put_string(b, &rc, "mod", m->mod);
	put_string(b, &rc, "grain", tl_grain_name(m->grain));
	put_date(b, &rc, "first", m->first);
	put_date(b, &rc, "end_date", m->end_date);
	rc |= tl_buf_printf(b, ",\"sentence_start\":%zu,\"sentence_end\":%zu", m->sentence_start,
			    m->sentence_end);
	put_string(b, &rc, "status", tl_status_name(m->status));
	put_key(b, &rc, "confidence");
	rc |= tl_json_put_confidence(b, m->confidence);
	put_strings(b, &rc, "actors", &m->actors);
	put_strings(b, &rc, "keywords", &m->keywords);
	put_strings(b, &rc, "figures", &m->figures);
	rc |= tl_buf_putc(b, '}');
	return rc ? TL_ENOMEM : TL_OK;
}

/* ## The event stage this file builds on (extract.h, merge.h) */

#if defined(__has_include)
#if __has_include("extract.h") && __has_include("merge.h")
#define TL_HAVE_EVENT_STAGE 1
#endif
#endif

#ifdef TL_HAVE_EVENT_STAGE
#include "extract.h"
#include "merge.h"

static int extract_mentions(const tl_article *a, tl_mention **out, size_t *n, tl_error *err)
{
	return tl_extract_article(a, out, n, err);
}

static int mention_order(const tl_mention *a, const tl_mention *b)
{
	return tl_mention_compare(a, b);
}

static int merge_mentions(tl_mention *ms, size_t n, tl_event **events, size_t *n_events,
			  tl_error *err)
{
	return tl_merge_mentions(ms, n, events, n_events, err);
}
#else
/* Until the event stage lands: no extraction, and one event per distinct value. */
static int extract_mentions(const tl_article *a, tl_mention **out, size_t *n, tl_error *err)
{
	*out = NULL;
	*n = 0;
	return tl_error_set(err, TL_EUSAGE, "%s: extract is not available yet", a->name);
}

static int mention_order(const tl_mention *a, const tl_mention *b)
{
	int c = strcmp(a->doc, b->doc);
	if (!c)
		c = (a->start > b->start) - (a->start < b->start);
	if (!c)
		c = (a->end > b->end) - (a->end < b->end);
	if (!c)
		c = strcmp(a->value, b->value);
	if (!c)
		c = strcmp(a->title ? a->title : "", b->title ? b->title : "");
	if (!c)
		c = strcmp(a->sentence ? a->sentence : "", b->sentence ? b->sentence : "");
	return c;
}

static int cmp_value_order(const void *a, const void *b)
{
	const tl_mention *x = a, *y = b;
	int c = strcmp(x->value, y->value);
	return c ? c : mention_order(x, y);
}

static int merge_mentions(tl_mention *ms, size_t n, tl_event **events, size_t *n_events,
			  tl_error *err)
{
	*events = NULL;
	*n_events = 0;
	if (n)
		qsort(ms, n, sizeof *ms, cmp_value_order);
	tl_event *evs = calloc(n + 1, sizeof *evs);
	int rc = evs ? TL_OK : TL_ENOMEM;
	size_t ne = 0, i = 0;
	while (i < n && rc == TL_OK) {
		size_t j = i;
		while (j < n && strcmp(ms[j].value, ms[i].value) == 0)
			j++;
		tl_event *e = &evs[ne++];
		uint64_t h = UINT64_C(0xcbf29ce484222325);
		for (const char *p = ms[i].value; *p; p++)
			h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
		snprintf(e->id, sizeof e->id, "%016llx", (unsigned long long)h);
		memcpy(e->value, ms[i].value, sizeof e->value);
		e->grain = ms[i].grain;
		e->first = ms[i].first;
		e->end_date = ms[i].end_date;
		e->status = ms[i].status;
		e->confidence = ms[i].confidence;
		if (!(e->title = strdup(ms[i].title ? ms[i].title : "")) ||
		    !(e->mentions = malloc((j - i) * sizeof *e->mentions)))
			rc = TL_ENOMEM;
		for (size_t k = i; k < j; k++) {
			if (rc == TL_OK)
				e->mentions[e->n_mentions++] = ms[k];
			else
				tl_mention_free_fields(&ms[k]);
		}
		i = j;
	}
	for (; i < n; i++)
		tl_mention_free_fields(&ms[i]);
	free(ms);
	if (rc != TL_OK) {
		for (size_t k = 0; k < ne; k++)
			tl_event_free_fields(&evs[k]);
		free(evs);
		return tl_error_nomem(err);
	}
	*events = evs;
	*n_events = ne;
	return TL_OK;
}
#endif

/* ## Map: one article's mentions as JSON Lines */

/* Writes mentions[0..n) one per line with a single fwrite. */
static int write_mention_lines(FILE *out, const tl_mention *mentions, size_t n, const char *doc,
			       tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	int rc = TL_OK;
	for (size_t i = 0; i < n && rc == TL_OK; i++) {
		rc = tl_mention_to_json(&b, &mentions[i]);
		if (rc == TL_OK)
			rc = tl_buf_putc(&b, '\n');
	}
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
		rc = tl_error_set(err, TL_EIO, "%s: write error while writing its mentions: %s", doc,
				  strerror(errno));
	tl_buf_free(&b);
	return rc;
}

TL_EXPORT int tl_article_write_mentions(FILE *out, tl_article *article, const tl_tagger *tagger,
					tl_error *err)
{
	if (!out || !article || !tagger)
		return tl_error_set(err, TL_EUSAGE, "extract: no output, article or tagger given");
	int rc = tl_article_tag(article, tagger, err);
	if (rc != TL_OK)
		return rc;
	tl_mention *ms = NULL;
	size_t n = 0;
	if ((rc = extract_mentions(article, &ms, &n, err)) != TL_OK)
		return rc;
	rc = write_mention_lines(out, ms, n, article->name, err);
	for (size_t i = 0; i < n; i++)
		tl_mention_free_fields(&ms[i]);
	free(ms);
	return rc;
}

/* ## Reduce: a set of mentions from many files */

typedef struct reducer {
	tl_mention *items;  /* unique by (doc, start, end) */
	size_t n, cap;
	size_t *slots;      /* open addressing: index + 1 into items, 0 = empty */
	size_t n_slots;     /* 0 or a power of two, at most half full */
	tl_date stamp;      /* newest article date seen */
	tl_json_doc *doc;   /* reused for every line */
} reducer;

static uint64_t place_hash(const tl_mention *m)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (const unsigned char *p = (const unsigned char *)m->doc; *p; p++)
		h = (h ^ *p) * UINT64_C(0x100000001b3);
	size_t offs[2] = {m->start, m->end};
	const unsigned char *b = (const unsigned char *)offs;
	for (size_t i = 0; i < sizeof offs; i++)
		h = (h ^ b[i]) * UINT64_C(0x100000001b3);
	return h ^ (h >> 29);
}

static bool same_place(const tl_mention *a, const tl_mention *b)
{
	return a->start == b->start && a->end == b->end && strcmp(a->doc, b->doc) == 0;
}

static int rehash(reducer *r)
{
	size_t n_slots = r->n_slots ? r->n_slots * 2 : 1024;
	size_t *slots = calloc(n_slots, sizeof *slots);
	if (!slots)
		return TL_ENOMEM;
	for (size_t i = 0; i < r->n; i++) {
		size_t k = (size_t)place_hash(&r->items[i]) & (n_slots - 1);
		while (slots[k])
			k = (k + 1) & (n_slots - 1);
		slots[k] = i + 1;
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

/* Takes m over (its fields are moved in or freed). Of two copies of one
 * mention the smaller by mention_order() is kept, whatever the input order. */
static int reducer_add(reducer *r, tl_mention *m)
{
	if ((r->n + 1) * 2 > r->n_slots && rehash(r) != TL_OK) {
		tl_mention_free_fields(m);
		return TL_ENOMEM;
	}
	stamp_max(&r->stamp, m->article_date);
	size_t k = (size_t)place_hash(m) & (r->n_slots - 1);
	for (; r->slots[k]; k = (k + 1) & (r->n_slots - 1)) {
		tl_mention *old = &r->items[r->slots[k] - 1];
		if (!same_place(old, m))
			continue;
		if (mention_order(m, old) < 0) {
			tl_mention_free_fields(old);
			*old = *m;
		} else {
			tl_mention_free_fields(m);
		}
		return TL_OK;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		tl_mention *items = realloc(r->items, cap * sizeof *items);
		if (!items) {
			tl_mention_free_fields(m);
			return TL_ENOMEM;
		}
		r->items = items;
		r->cap = cap;
	}
	r->items[r->n++] = *m;
	r->slots[k] = r->n;
	return TL_OK;
}

static void reducer_free(reducer *r)
{
	for (size_t i = 0; i < r->n; i++)
		tl_mention_free_fields(&r->items[i]);
	free(r->items);
	free(r->slots);
	tl_json_doc_free(r->doc);
}

/* Parses one JSON Lines record (line[0..len), no newline) and adds it. */
static int add_line(reducer *r, const char *line, size_t len, const char *path, size_t lineno,
		    tl_error *err)
{
	const tl_json *root;
	int rc = tl_json_parse(r->doc, line, len, path, lineno, 0, &root, err);
	if (rc != TL_OK)
		return rc;
	tl_mention m;
	memset(&m, 0, sizeof m);
	if ((rc = tl_mention_from_json(root, path, &m, err)) != TL_OK)
		return rc;
	if ((rc = reducer_add(r, &m)) != TL_OK)
		return tl_error_nomem(err);
	return TL_OK;
}

/* A partial timeline: its events are flattened back to their mentions. */
static int add_timeline(reducer *r, const char *path, tl_error *err)
{
	tl_timeline *t = tl_timeline_read_json(path, err);
	if (!t)
		return err ? err->code : TL_EINPUT;
	int rc = TL_OK;
	if (t->stamp.year > 0)
		stamp_max(&r->stamp, t->stamp);
	for (size_t e = 0; e < t->n_events; e++) {
		tl_event *ev = &t->events[e];
		for (size_t i = 0; i < ev->n_mentions; i++) {
			if (rc == TL_OK)
				rc = reducer_add(r, &ev->mentions[i]);
			else
				tl_mention_free_fields(&ev->mentions[i]);
		}
		free(ev->mentions);
		ev->mentions = NULL;
		ev->n_mentions = 0;
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

/*
 * One input file. A mention JSON Lines file has a complete JSON object with
 * "doc" on its first non-blank line; anything else starting with '{' is read
 * as a timeline JSON. Lines are streamed with getline(), so memory grows with
 * the unique mentions kept, not with the file.
 */
static int add_file(reducer *r, const char *path, tl_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tl_error_set(err, TL_EIO, "%s: cannot open: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int rc = TL_OK, mode = 0; /* 0 unknown, 1 JSON Lines, 2 timeline */
	while (mode != 2 && (got = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)got;
		lineno++;
		if (blank(line, len))
			continue;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (mode == 0) {
			const tl_json *root;
			size_t skip = 0;
			while (skip < len && (line[skip] == ' ' || line[skip] == '\t'))
				skip++;
			if (line[skip] != '{') {
				rc = tl_error_set(err, TL_EINPUT, "%s:%zu: neither mention JSON Lines "
						  "nor a timeline JSON (it must start with '{')",
						  path, lineno);
				break;
			}
			bool record = tl_json_parse(r->doc, line, len, path, lineno, 0, &root,
						    NULL) == TL_OK &&
				      tl_json_get(root, "doc") != NULL;
			mode = record ? 1 : 2;
			if (mode == 2)
				break;
		}
		if ((rc = add_line(r, line, len, path, lineno, err)) != TL_OK)
			break;
	}
	if (rc == TL_OK && ferror(f))
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", path, strerror(errno));
	free(line);
	if (fclose(f) != 0 && rc == TL_OK)
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", path, strerror(errno));
	if (rc == TL_OK && mode == 2)
		rc = add_timeline(r, path, err);
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
	tl_timeline *t = calloc(1, sizeof *t);
	const char *name = options && options->name ? options->name : "timeline";
	if (!t || !(t->name = strdup(name))) {
		free(t);
		tl_error_nomem(err);
		return NULL;
	}
	t->stamp = r->stamp;
	tl_mention *ms = r->items;
	size_t n = r->n;
	r->items = NULL; /* the merge consumes them */
	r->n = r->cap = 0;
	if (merge_mentions(ms, n, &t->events, &t->n_events, err) != TL_OK) {
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
	if (kept > 1)
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
	int rc = (r.doc = tl_json_doc_new()) ? TL_OK : tl_error_nomem(err);
	for (size_t i = 0; i < n_paths && rc == TL_OK; i++)
		rc = add_file(&r, paths[i], err);
	tl_timeline *t = rc == TL_OK ? reducer_finish(&r, options, err) : NULL;
	reducer_free(&r);
	return t;
}
