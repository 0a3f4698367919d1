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
		m->confidence = v->number;
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
	(void)out; (void)tagger; (void)write_mention_lines;
	return tl_error_set(err, TL_EUSAGE, "%s: extract is not available yet", article->name);
}

TL_EXPORT tl_timeline *tl_timeline_merge_files(const char *const *paths, size_t n_paths,
					       const tl_build_options *options, tl_error *err)
{
	(void)paths; (void)n_paths; (void)options;
	tl_error_set(err, TL_EUSAGE, "merge is not available yet");
	return NULL;
}
