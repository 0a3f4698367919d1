/*
 * json_model.c - the data model (event.h) as JSON, for reading it back: one
 * mention object <-> tl_mention (the shape of the JSON export's "mentions"
 * and of the map step's JSON Lines), and a whole timeline JSON document ->
 * tl_timeline (tl_timeline_read_json). Every key the exporter writes is read,
 * so a read-then-write round trip is byte-identical; keys a hand-written or
 * older file leaves out get defaults (grain and interval from the value,
 * status and confidence from the event). Errors name file:line:column. A
 * fast path for mention records in the writer's own layout, without the
 * JSON tree, lives in json_record.c. What it builds belongs to the caller
 * (tl_mention_free_fields, tl_timeline_free; pooled strings to the pool).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "event.h"
#include "hash.h"
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
		if (name[0] == status_names[i][0] && strcmp(name, status_names[i]) == 0) {
			*out = (tl_event_status)i;
			return true;
		}
	}
	return false;
}

bool tl_grain_parse(const char *name, tl_grain *out)
{
	for (int g = TL_GRAIN_NONE; g <= TL_GRAIN_TIME; g++) {
		const char *known = tl_grain_name((tl_grain)g);
		if (name[0] == known[0] && strcmp(name, known) == 0) {
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

size_t tl_json_confidence_text(double c, char out[TL_JSON_CONFIDENCE_MAX])
{
	if (!(c > 0) || c >= 1) {
		out[0] = c >= 1 ? '1' : '0';
		return 1;
	}
	unsigned long v = (unsigned long)(c * 1e9 + 0.5);
	if (v >= 1000000000UL) {
		out[0] = '1';
		return 1;
	}
	out[0] = '0';
	out[1] = '.';
	for (int i = 10; i >= 2; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	size_t n = TL_JSON_CONFIDENCE_MAX;
	while (n > 3 && out[n - 1] == '0')
		n--;
	return n;
}

int tl_json_put_confidence(tl_buf *b, double c)
{
	char text[TL_JSON_CONFIDENCE_MAX];
	return tl_buf_append(b, text, tl_json_confidence_text(c, text));
}

/* ## Mention <-> JSON */

/* "YYYY-MM-DD" exactly (what the writers produce), without sscanf: this runs
 * for every line of a ten-million-line reduce. */
bool tl_json_date10(const char *s, tl_date *out)
{
	int digits[8], k = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] >= '0' && s[i] <= '9') {
			digits[k++] = s[i] - '0';
		} else {
			return false;
		}
	}
	tl_date d = {digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
		     digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]};
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
		return false;
	*out = d;
	return true;
}

static bool is_date(const tl_json *v, tl_date *out)
{
	return v && v->type == TL_JSON_STRING && v->len == 10 && tl_json_date10(v->u.str, out);
}

/* A required or optional string member copied into *out (NULL when absent),
 * or interned in pool when one is given. */
static int take_string(const tl_json *obj, const char *key, bool required, const char *name,
		       tl_strpool *pool, char **out, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v) {
		if (required)
			return tl_json_error(err, name, obj, "missing \"%s\" (a string)", key);
		return TL_OK;
	}
	if (!tl_json_is_text(v))
		return tl_json_error(err, name, v, "\"%s\" must be a string without NUL", key);
	/* A pooled string is never written through: tl_mention's fields are char *
	 * only because unpooled mentions own theirs. */
	*out = pool ? (char *)(uintptr_t)tl_strpool_intern(pool, v->u.str, v->len)
		    : strdup(v->u.str);
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

/* A string array interned in pool: its strings, then the array of them. */
static int take_pooled_strings(const tl_json *v, const char *key, const char *name,
			       tl_strpool *pool, tl_strings *out, tl_error *err)
{
	char *small[32];
	char **items = v->len <= 32 ? small : malloc(v->len * sizeof *items);
	if (!items)
		return tl_error_nomem(err);
	int rc = TL_OK;
	for (size_t i = 0; i < v->len && rc == TL_OK; i++) {
		const tl_json *s = &v->u.items[i];
		if (!tl_json_is_text(s))
			rc = tl_json_error(err, name, s, "\"%s\" must hold strings only", key);
		else if (!(items[i] = (char *)(uintptr_t)tl_strpool_intern(pool, s->u.str,
									    s->len)))
			rc = tl_error_nomem(err);
	}
	if (rc == TL_OK) {
		out->items = tl_strpool_intern_array(pool, items, v->len);
		if (out->items)
			out->count = v->len;
		else
			rc = tl_error_nomem(err);
	}
	if (items != small)
		free(items);
	return rc;
}

static int take_strings(const tl_json *obj, const char *key, const char *name, tl_strpool *pool,
			tl_strings *out, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v)
		return TL_OK;
	if (v->type != TL_JSON_ARRAY)
		return tl_json_error(err, name, v, "\"%s\" must be an array of strings", key);
	if (v->len == 0)
		return TL_OK;
	if (pool)
		return take_pooled_strings(v, key, name, pool, out, err);
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

/* "status" (default done) and "confidence" (default 1) of a mention or event object;
 * hundredths rounds the confidence to two decimals. */
static int status_and_confidence(const tl_json *obj, const char *name, bool hundredths,
				 tl_event_status *status, double *confidence, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, "status");
	if (v && (!tl_json_is_text(v) || !tl_status_parse(v->u.str, status)))
		return tl_json_error(err, name, v, "\"status\" must be done, planned or negated");
	*confidence = 1;
	if ((v = tl_json_get(obj, "confidence"))) {
		if (v->type != TL_JSON_NUMBER || v->number < 0 || v->number > 1)
			return tl_json_error(err, name, v, "\"confidence\" must be a number in "
					     "0..1");
		*confidence = hundredths ? (double)(long)(v->number * 100 + 0.5) / 100 : v->number;
	}
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
	/* confidence in hundredths, as the JSON export writes them: a mention read
	 * from JSON Lines and its copy read from a partial timeline are equal */
	int rc = status_and_confidence(obj, name, true, &m->status, &m->confidence, err);
	if (rc != TL_OK)
		return rc;
	return TL_OK;
}

static int mention_fields(const tl_json *obj, const char *name, tl_strpool *pool, tl_mention *m,
			  tl_error *err)
{
	int rc;
	if (obj->type != TL_JSON_OBJECT)
		return tl_json_error(err, name, obj, "a mention must be a JSON object");
	if ((rc = take_string(obj, "doc", true, name, pool, &m->doc, err)) ||
	    (rc = take_size(obj, "start", true, name, &m->start, err)) ||
	    (rc = take_size(obj, "end", true, name, &m->end, err)) ||
	    (rc = take_fixed(obj, "value", true, name, m->value, sizeof m->value, err)) ||
	    (rc = take_date(obj, "article_date", true, name, &m->article_date, NULL, err)) ||
	    (rc = take_string(obj, "text", false, name, pool, &m->text, err)) ||
	    (rc = take_string(obj, "sentence", false, name, pool, &m->sentence, err)) ||
	    (rc = take_string(obj, "title", false, name, pool, &m->title, err)) ||
	    (rc = take_string(obj, "source", false, name, pool, &m->source, err)) ||
	    (rc = take_string(obj, "url", false, name, pool, &m->url, err)) ||
	    (rc = take_fixed(obj, "mod", false, name, m->mod, sizeof m->mod, err)) ||
	    (rc = take_size(obj, "sentence_start", false, name, &m->sentence_start, err)) ||
	    (rc = take_size(obj, "sentence_end", false, name, &m->sentence_end, err)) ||
	    (rc = take_strings(obj, "actors", name, pool, &m->actors, err)) ||
	    (rc = take_strings(obj, "keywords", name, pool, &m->keywords, err)) ||
	    (rc = take_strings(obj, "figures", name, pool, &m->figures, err)) ||
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
		return tl_json_error(err, name, g, "\"grain\" must be a grain name (day, month, "
				     "...)");
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

int tl_mention_from_json_pooled(const tl_json *obj, const char *name, tl_strpool *pool,
				tl_mention *out, tl_error *err)
{
	out->pooled = pool != NULL;
	int rc = mention_fields(obj, name, pool, out, err);
	if (rc == TL_OK) {
		char **texts[] = {&out->text, &out->sentence, &out->title};
		for (size_t i = 0; i < 3 && rc == TL_OK; i++) {
			if (*texts[i])
				continue;
			*texts[i] = pool ? (char *)(uintptr_t)tl_strpool_intern(pool, "", 0)
					 : strdup("");
			if (!*texts[i])
				rc = tl_error_nomem(err);
		}
	}
	if (rc != TL_OK) {
		tl_mention_free_fields(out);
		memset(out, 0, sizeof *out);
	}
	return rc;
}

int tl_mention_from_json(const tl_json *obj, const char *name, tl_mention *out, tl_error *err)
{
	return tl_mention_from_json_pooled(obj, name, NULL, out, err);
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

/* ## Reading a timeline JSON back */

static int read_file(const char *path, char **out, size_t *len, tl_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tl_error_set(err, TL_EIO, "%s: cannot open: %s", path, strerror(errno));
	tl_buf b = TL_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = TL_OK;
	while (rc == TL_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = tl_buf_append(&b, chunk, n);
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else if (ferror(f))
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", path, strerror(errno));
	if (fclose(f) != 0 && rc == TL_OK)
		rc = tl_error_set(err, TL_EIO, "%s: read error: %s", path, strerror(errno));
	if (rc != TL_OK) {
		tl_buf_free(&b);
		return rc;
	}
	*len = b.len;
	*out = tl_buf_detach(&b);
	return *out ? TL_OK : tl_error_nomem(err);
}

static bool json_date(const tl_json *v, tl_date *out)
{
	return is_date(v, out);
}

static int event_strings(const tl_json *obj, const char *key, const char *name, tl_strings *out,
			 tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v)
		return TL_OK;
	if (v->type != TL_JSON_ARRAY)
		return tl_json_error(err, name, v, "\"%s\" must be an array of strings", key);
	if (!v->len)
		return TL_OK;
	if (!(out->items = calloc(v->len, sizeof *out->items)))
		return tl_error_nomem(err);
	for (size_t i = 0; i < v->len; i++) {
		if (!tl_json_is_text(&v->u.items[i]))
			return tl_json_error(err, name, &v->u.items[i], "\"%s\" must hold strings",
					     key);
		if (!(out->items[i] = strdup(v->u.items[i].u.str)))
			return tl_error_nomem(err);
		out->count++;
	}
	return TL_OK;
}

static int event_text(const tl_json *obj, const char *key, bool required, const char *name,
		      char **out, tl_error *err)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v && !required)
		return TL_OK;
	if (!tl_json_is_text(v))
		return tl_json_error(err, name, v ? v : obj, "\"%s\" must be a string", key);
	return (*out = strdup(v->u.str)) ? TL_OK : tl_error_nomem(err);
}

static int event_fixed(const tl_json *v, const char *key, const char *name, char *out, size_t cap,
		       tl_error *err)
{
	if (!tl_json_is_text(v) || v->len >= cap)
		return tl_json_error(err, name, v, "\"%s\" must be a string shorter than %zu bytes",
				     key, cap);
	memcpy(out, v->u.str, v->len + 1);
	return TL_OK;
}

static bool is_event_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static int event_scalars(const tl_json *o, const char *name, tl_event *e, tl_error *err)
{
	const tl_json *v = tl_json_get(o, "id");
	int rc;
	if (!v || !tl_json_is_text(v) || !is_event_id(v->u.str))
		return tl_json_error(err, name, v ? v : o, "\"id\" must be 1 to 16 lower-case hex "
				     "digits");
	memcpy(e->id, v->u.str, v->len + 1);
	if (!(v = tl_json_get(o, "value")))
		return tl_json_error(err, name, o, "missing \"value\"");
	if ((rc = event_fixed(v, "value", name, e->value, sizeof e->value, err)))
		return rc;
	if ((v = tl_json_get(o, "mod")) &&
	    (rc = event_fixed(v, "mod", name, e->mod, sizeof e->mod, err)))
		return rc;
	tl_date first = {0}, end = {0};
	if (tl_value_interval(e->value, &first, &end, &e->grain) != TL_OK)
		e->grain = TL_GRAIN_NONE;
	if ((v = tl_json_get(o, "grain")) &&
	    (!tl_json_is_text(v) || !tl_grain_parse(v->u.str, &e->grain)))
		return tl_json_error(err, name, v, "\"grain\" must be a grain name (day, month, "
				     "...)");
	const tl_json *s = tl_json_get(o, "start"), *en = tl_json_get(o, "end");
	if (!s && !en) {
		e->first = first;
		e->end_date = end;
	} else if ((s && s->type != TL_JSON_NULL && !json_date(s, &e->first)) ||
		   (en && en->type != TL_JSON_NULL && !json_date(en, &e->end_date))) {
		return tl_json_error(err, name, o, "\"start\" and \"end\" must be YYYY-MM-DD or "
				     "null");
	}
	rc = status_and_confidence(o, name, false, &e->status, &e->confidence, err);
	if (rc != TL_OK)
		return rc;
	if ((v = tl_json_get(o, "sequence"))) {
		size_t seq;
		if (!tl_json_size(v, &seq) || seq > INT32_MAX)
			return tl_json_error(err, name, v, "\"sequence\" must be an integer >= 0");
		e->sequence = (int)seq;
	}
	return TL_OK;
}

static int event_mentions(const tl_json *o, const char *name, tl_event *e, tl_error *err)
{
	const tl_json *list = tl_json_get(o, "mentions");
	if (!list)
		return TL_OK;
	if (list->type != TL_JSON_ARRAY)
		return tl_json_error(err, name, list, "\"mentions\" must be an array");
	if (!list->len)
		return TL_OK;
	if (!(e->mentions = calloc(list->len, sizeof *e->mentions)))
		return tl_error_nomem(err);
	for (size_t i = 0; i < list->len; i++) {
		const tl_json *mo = &list->u.items[i];
		tl_mention *m = &e->mentions[i];
		int rc = tl_mention_from_json(mo, name, m, err);
		if (rc != TL_OK)
			return rc;
		e->n_mentions++;
		/* older or foreign files: a mention inherits what it does not say */
		if (!tl_json_get(mo, "status"))
			m->status = e->status;
		if (!tl_json_get(mo, "confidence"))
			m->confidence = e->confidence;
		if (!tl_json_get(mo, "actors") && e->actors.count) {
			tl_strings copy = {calloc(e->actors.count, sizeof(char *)), 0};
			if (!copy.items)
				return tl_error_nomem(err);
			m->actors = copy;
			for (size_t k = 0; k < e->actors.count; k++) {
				if (!(m->actors.items[k] = strdup(e->actors.items[k])))
					return tl_error_nomem(err);
				m->actors.count++;
			}
		}
	}
	return TL_OK;
}

static int event_from_json(const tl_json *o, const char *name, tl_event *e, tl_error *err)
{
	if (o->type != TL_JSON_OBJECT)
		return tl_json_error(err, name, o, "an event must be a JSON object");
	int rc;
	if ((rc = event_scalars(o, name, e, err)) ||
	    (rc = event_text(o, "title", false, name, &e->title, err)) ||
	    (rc = event_text(o, "conflict", false, name, &e->conflict, err)) ||
	    (rc = event_strings(o, "actors", name, &e->actors, err)) ||
	    (rc = event_strings(o, "keywords", name, &e->keywords, err)) ||
	    (rc = event_mentions(o, name, e, err)))
		return rc;
	if (!e->title && !(e->title = strdup("")))
		return tl_error_nomem(err);
	if (e->conflict && !e->conflict[0]) {
		free(e->conflict);
		e->conflict = NULL;
	}
	return TL_OK;
}

static int timeline_from_json(const tl_json *root, const char *name, tl_timeline *t,
			      tl_error *err)
{
	if (root->type != TL_JSON_OBJECT)
		return tl_json_error(err, name, root, "a timeline must be a JSON object with "
				     "\"events\"");
	const tl_json *v = tl_json_get(root, "name");
	if (v && !tl_json_is_text(v))
		return tl_json_error(err, name, v, "\"name\" must be a string");
	if (!(t->name = strdup(v ? v->u.str : "timeline")))
		return tl_error_nomem(err);
	if ((v = tl_json_get(root, "stamp")) && v->type != TL_JSON_NULL && !json_date(v, &t->stamp))
		return tl_json_error(err, name, v, "\"stamp\" must be a YYYY-MM-DD date or null");
	const tl_json *events = tl_json_get(root, "events");
	if (!events || events->type != TL_JSON_ARRAY)
		return tl_json_error(err, name, events ? events : root,
				     "\"events\" must be an array of events");
	if (events->len && !(t->events = calloc(events->len, sizeof *t->events)))
		return tl_error_nomem(err);
	for (size_t i = 0; i < events->len; i++) {
		int rc = event_from_json(&events->u.items[i], name, &t->events[i], err);
		t->n_events++; /* counted even on failure: its fields are freed with t */
		if (rc != TL_OK)
			return rc;
	}
	return TL_OK;
}

tl_timeline *tl_timeline_parse_json(const char *text, size_t len, const char *name, tl_error *err)
{
	tl_json_doc *doc = tl_json_doc_new();
	tl_timeline *t = calloc(1, sizeof *t);
	const tl_json *root;
	int rc = doc && t ? TL_OK : tl_error_nomem(err);
	if (rc == TL_OK)
		rc = tl_json_parse(doc, text, len, name, 1, 0, &root, err);
	if (rc == TL_OK)
		rc = timeline_from_json(root, name, t, err);
	tl_json_doc_free(doc);
	if (rc != TL_OK) {
		tl_timeline_free(t);
		return NULL;
	}
	return t;
}

TL_EXPORT tl_timeline *tl_timeline_read_json(const char *path, tl_error *err)
{
	char *text;
	size_t len;
	if (!path) {
		tl_error_set(err, TL_EUSAGE, "tl_timeline_read_json: no path");
		return NULL;
	}
	if (read_file(path, &text, &len, err) != TL_OK)
		return NULL;
	tl_timeline *t = tl_timeline_parse_json(text, len, path, err);
	free(text);
	return t;
}
