/*
 * export_json.c - the JSON exporter: the whole timeline as one document,
 * {"name", "stamp", "events": [{event keys..., "mentions": [...]}]},
 * pretty-printed with 2-space indentation and keys in a fixed order, so
 * rebuilds diff cleanly. It is a lossless copy of the data model (event.h):
 * after the documented keys come "sequence", "keywords" and, per mention, the
 * type, grain, interval, sentence offsets, status, confidence, actors,
 * keywords and figures, so tl_timeline_read_json() can rebuild it. Strings
 * are valid UTF-8 (invalid bytes become U+FFFD) with control characters
 * escaped, not dropped. Numbers are integers or confidences printed from
 * integer hundredths, so no locale can change the decimal point (the library
 * never calls setlocale anyway). Optional keys ("mod", "conflict", "source",
 * "url") are left out when empty; dates without a calendar position are
 * null. The text is built in one tl_buf owned here, without printf, and
 * written out every CHUNK bytes, so memory does not grow with the output
 * (a timeline of ten million mentions is gigabytes of JSON).
 */
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "export.h"
#include "export_util.h"
#include "json_read.h"

/* The buffer is written out when it passes this many bytes (after an event). */
#define CHUNK (1u << 20)

typedef struct json {
	tl_buf out;
	FILE *file;
	tl_error *err;
	int rc;
} json;

static void append(json *j, const char *s, size_t n)
{
	if (j->rc == TL_OK)
		j->rc = tl_buf_append(&j->out, s, n);
}

static void raw(json *j, const char *s)
{
	append(j, s, strlen(s));
}

static void indent(json *j, int level)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)level * 2;
	while (n > sizeof spaces - 1) {
		append(j, spaces, sizeof spaces - 1);
		n -= sizeof spaces - 1;
	}
	append(j, spaces, n);
}

/*
 * A JSON string: invalid UTF-8 bytes become U+FFFD (tl_export_clean with
 * TL_CLEAN_UTF8), then '"', '\\' and control characters are escaped as
 * tl_buf_json_escape does (\n, \t, \u0007 ...); NULL is "". One pass that
 * writes straight into the buffer, grown once for the worst case (6 bytes
 * per input byte).
 */
static void string(json *j, const char *s)
{
	if (j->rc != TL_OK)
		return;
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (n > (SIZE_MAX - 2) / 6 || tl_buf_grow(&j->out, TL_JSON_ESCAPED_MAX(n) + 2) != TL_OK) {
		j->rc = TL_ENOMEM;
		return;
	}
	char *o = j->out.data + j->out.len;
	*o++ = '"';
	o = tl_json_escape_to(o, s, n, TL_JSON_INVALID_RAW);
	*o++ = '"';
	j->out.len = (size_t)(o - j->out.data);
	j->out.data[j->out.len] = '\0';
}

/* Starts a member: separator from the previous one, indentation, key; one
 * append (this runs about thirty times per mention). */
static void key(json *j, int level, bool *first, const char *name)
{
	char text[160];
	size_t n = 0, len = strlen(name);
	if (!*first)
		text[n++] = ',';
	*first = false;
	text[n++] = '\n';
	/* names are fixed ASCII words: nothing to escape */
	if ((size_t)level * 2 + len + 8 > sizeof text) { /* never, for our names and depths */
		append(j, text, n);
		indent(j, level);
		append(j, "\"", 1);
		raw(j, name);
		append(j, "\": ", 3);
		return;
	}
	memset(text + n, ' ', (size_t)level * 2);
	n += (size_t)level * 2;
	text[n++] = '"';
	memcpy(text + n, name, len);
	n += len;
	memcpy(text + n, "\": ", 3);
	append(j, text, n + 3);
}

static void member_string(json *j, int level, bool *first, const char *name, const char *value)
{
	key(j, level, first, name);
	string(j, value);
}

static void member_number(json *j, int level, bool *first, const char *name, size_t value)
{
	char digits[24];
	size_t n = sizeof digits;
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	key(j, level, first, name);
	append(j, digits + n, sizeof digits - n);
}

/* An ISO date string, or null when d is not a calendar day. */
static void member_date(json *j, int level, bool *first, const char *name, tl_date d, bool ok)
{
	char iso[TL_ISO_DATE_SIZE];
	tl_export_date_iso(d, iso);
	key(j, level, first, name);
	if (ok && iso[0])
		string(j, iso);
	else
		raw(j, "null");
}

/* Closes an object or array opened at level: "}" or "]" on its own line, or
 * right after the opener when it stayed empty. */
static void close_block(json *j, int level, bool empty, const char *closer)
{
	if (!empty) {
		raw(j, "\n");
		indent(j, level);
	}
	raw(j, closer);
}

/* A number already written out (the confidence), copied as it is. */
static void member_raw(json *j, int level, bool *first, const char *name, const char *text)
{
	key(j, level, first, name);
	raw(j, text);
}

/* An array of strings, one per line. */
static void member_strings(json *j, int level, bool *first, const char *name,
			   const tl_strings *s)
{
	key(j, level, first, name);
	raw(j, "[");
	for (size_t i = 0; i < s->count; i++) {
		raw(j, i ? ",\n" : "\n");
		indent(j, level + 1);
		string(j, s->items[i]);
	}
	close_block(j, level, s->count == 0, "]");
}

static void mention(json *j, int level, const tl_mention *m)
{
	bool first = true;
	char confidence[8];
	tl_export_confidence(m->confidence, confidence);
	raw(j, "{");
	member_string(j, level + 1, &first, "doc", m->doc);
	member_number(j, level + 1, &first, "start", m->start);
	member_number(j, level + 1, &first, "end", m->end);
	member_string(j, level + 1, &first, "text", m->text);
	member_string(j, level + 1, &first, "sentence", m->sentence);
	member_string(j, level + 1, &first, "title", m->title);
	member_string(j, level + 1, &first, "value", m->value);
	if (m->source && m->source[0])
		member_string(j, level + 1, &first, "source", m->source);
	if (m->url && m->url[0])
		member_string(j, level + 1, &first, "url", m->url);
	member_date(j, level + 1, &first, "article_date", m->article_date, true);
	/* The rest makes the JSON a lossless copy of the mention, for reading back. */
	member_string(j, level + 1, &first, "type", tl_timex_type_name(m->type));
	if (m->mod[0])
		member_string(j, level + 1, &first, "mod", m->mod);
	member_string(j, level + 1, &first, "grain", tl_grain_name(m->grain));
	member_date(j, level + 1, &first, "first", m->first, tl_date_valid(m->first));
	member_date(j, level + 1, &first, "end_date", m->end_date,
		    tl_date_valid(m->end_date));
	member_number(j, level + 1, &first, "sentence_start", m->sentence_start);
	member_number(j, level + 1, &first, "sentence_end", m->sentence_end);
	member_string(j, level + 1, &first, "status", tl_export_status_name(m->status));
	member_raw(j, level + 1, &first, "confidence", confidence);
	member_strings(j, level + 1, &first, "actors", &m->actors);
	member_strings(j, level + 1, &first, "keywords", &m->keywords);
	member_strings(j, level + 1, &first, "figures", &m->figures);
	close_block(j, level, false, "}");
}

static void event(json *j, int level, const tl_event *e)
{
	bool first = true;
	tl_date start = {0}, end = {0}; /* left unset by tl_export_event_interval when not placed */
	bool placed = tl_export_event_interval(e, &start, &end);
	char confidence[8];
	tl_export_confidence(e->confidence, confidence);

	raw(j, "{");
	member_string(j, level + 1, &first, "id", e->id);
	member_string(j, level + 1, &first, "value", e->value);
	if (e->mod[0])
		member_string(j, level + 1, &first, "mod", e->mod);
	member_string(j, level + 1, &first, "grain", tl_grain_name(e->grain));
	member_date(j, level + 1, &first, "start", start, placed);
	member_date(j, level + 1, &first, "end", end, placed);
	member_string(j, level + 1, &first, "title", e->title);
	member_string(j, level + 1, &first, "status", tl_export_status_name(e->status));
	member_raw(j, level + 1, &first, "confidence", confidence);
	member_strings(j, level + 1, &first, "actors", &e->actors);
	if (e->conflict && e->conflict[0])
		member_string(j, level + 1, &first, "conflict", e->conflict);
	member_number(j, level + 1, &first, "sequence", e->sequence > 0 ? (size_t)e->sequence : 0);
	member_strings(j, level + 1, &first, "keywords", &e->keywords);
	key(j, level + 1, &first, "mentions");
	raw(j, "[");
	for (size_t i = 0; i < e->n_mentions; i++) {
		raw(j, i ? ",\n" : "\n");
		indent(j, level + 2);
		tl_mention scratch;
		mention(j, level + 2, tl_event_mention(e, i, &scratch));
	}
	close_block(j, level + 1, e->n_mentions == 0, "]");
	close_block(j, level, false, "}");
}

/* Writes the buffer out once it holds CHUNK bytes. */
static void spill(json *j)
{
	if (j->rc != TL_OK || j->out.len < CHUNK)
		return;
	j->rc = tl_export_write(&j->out, j->file, "JSON", j->err);
	tl_buf_reset(&j->out);
}

int tl_export_json(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		   tl_error *err)
{
	(void)options;
	if (!timeline)
		return tl_error_set(err, TL_EUSAGE, "JSON export: no timeline");
	if (!out)
		return tl_error_set(err, TL_EUSAGE, "JSON export: no output stream");
	json j = {TL_BUF_INIT, out, err, TL_OK};
	bool first = true;
	raw(&j, "{");
	member_string(&j, 1, &first, "name", timeline->name ? timeline->name : "timeline");
	member_date(&j, 1, &first, "stamp", timeline->stamp, tl_date_valid(timeline->stamp));
	key(&j, 1, &first, "events");
	raw(&j, "[");
	for (size_t i = 0; i < timeline->n_events; i++) {
		raw(&j, i ? ",\n" : "\n");
		indent(&j, 2);
		event(&j, 2, &timeline->events[i]);
		spill(&j);
	}
	close_block(&j, 1, timeline->n_events == 0, "]");
	close_block(&j, 0, false, "}");
	raw(&j, "\n");
	int rc = j.rc;
	if (rc == TL_OK)
		rc = tl_export_write(&j.out, out, "JSON", err);
	else if (rc == TL_ENOMEM)
		rc = tl_error_nomem(err);
	tl_buf_free(&j.out);
	return rc;
}
