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

typedef struct mention_keys mention_keys;

typedef struct json {
	tl_buf out;
	mention_keys *keys; /* what every mention's members start with */
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

/* Starts a member: separator from the previous one, indentation, key;
 * written in place after one growth. */
static void key(json *j, int level, bool *first, const char *name)
{
	if (j->rc != TL_OK)
		return;
	/* names are fixed ASCII words: nothing to escape */
	size_t len = strlen(name), spaces = level > 0 ? (size_t)level * 2 : 0;
	if (tl_buf_grow(&j->out, spaces + len + 6) != TL_OK) {
		j->rc = TL_ENOMEM;
		return;
	}
	char *o = j->out.data + j->out.len;
	if (!*first)
		*o++ = ',';
	*first = false;
	*o++ = '\n';
	memset(o, ' ', spaces);
	o += spaces;
	*o++ = '"';
	memcpy(o, name, len);
	o += len;
	memcpy(o, "\": ", 3);
	o += 3;
	*o = '\0';
	j->out.len = (size_t)(o - j->out.data);
}

static void member_string(json *j, int level, bool *first, const char *name, const char *value)
{
	key(j, level, first, name);
	string(j, value);
}

static char *put_number(char *o, size_t value);

static void member_number(json *j, int level, bool *first, const char *name, size_t value)
{
	char digits[24];
	size_t n = (size_t)(put_number(digits, value) - digits);
	key(j, level, first, name);
	append(j, digits, n);
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

static inline char *put(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

/* A string member's value: the escaped text of s (NULL: "") in quotes. */
static inline char *put_string(char *o, const char *s, size_t n)
{
	*o++ = '"';
	o = tl_json_escape_inline(o, s ? s : "", n, TL_JSON_INVALID_RAW);
	*o++ = '"';
	return o;
}

#define KEY_MAX 64 /* room for ",\n", a mention member's indentation and its quoted key */

/* How a string array is laid out: item is ",\n" and the indentation of its
 * items, end "\n" and that of its key (the closing bracket's). */
typedef struct array_layout {
	char item[KEY_MAX], end[KEY_MAX];
	size_t item_len, end_len;
} array_layout;

/* The layout of an array whose key is at level (false when too deep for it). */
static bool array_layout_at(array_layout *a, int level)
{
	size_t spaces = (size_t)level * 2;
	if (level < 0 || spaces + 4 > KEY_MAX)
		return false;
	a->item[0] = ',';
	a->item[1] = '\n';
	memset(a->item + 2, ' ', spaces + 2);
	a->item_len = spaces + 4;
	a->end[0] = '\n';
	memset(a->end + 1, ' ', spaces);
	a->end_len = spaces + 1;
	return true;
}

/* Worst-case bytes of an array's value. */
static size_t strings_bound(const array_layout *a, const tl_strings *s)
{
	size_t n = 2 + a->end_len;
	for (size_t i = 0; i < s->count; i++)
		n += a->item_len + 2 + TL_JSON_ESCAPED_MAX(strlen(s->items[i]));
	return n;
}

/* An array's value as member_strings() writes it (after the key). */
static char *put_strings(char *o, const array_layout *a, const tl_strings *s)
{
	*o++ = '[';
	for (size_t i = 0; i < s->count; i++) {
		o = put(o, a->item + (i == 0), a->item_len - (i == 0));
		o = put_string(o, s->items[i], strlen(s->items[i]));
	}
	if (s->count)
		o = put(o, a->end, a->end_len);
	*o++ = ']';
	return o;
}

/* An array of strings, one per line: written after one growth for its
 * worst case (keys too deep for array_layout go piece by piece). */
static void member_strings(json *j, int level, bool *first, const char *name,
			   const tl_strings *s)
{
	key(j, level, first, name);
	array_layout a;
	if (j->rc == TL_OK && array_layout_at(&a, level)) {
		if (tl_buf_grow(&j->out, strings_bound(&a, s)) != TL_OK) {
			j->rc = TL_ENOMEM;
			return;
		}
		char *o = put_strings(j->out.data + j->out.len, &a, s);
		*o = '\0';
		j->out.len = (size_t)(o - j->out.data);
		return;
	}
	raw(j, "[");
	for (size_t i = 0; i < s->count; i++) {
		raw(j, i ? ",\n" : "\n");
		indent(j, level + 1);
		string(j, s->items[i]);
	}
	close_block(j, level, s->count == 0, "]");
}

/*
 * The members of a mention, written straight into the buffer after one
 * growth for their worst case: the keys with their separator and
 * indentation are made once per export (mention_keys), the fixed names
 * (type, grain, status) and dates need no escaping, and a date equal to
 * the previous mention's (per field) is not formatted again. The text is
 * what key() and the member_*() functions above write, byte for byte.
 */
enum {
	K_DOC, K_START, K_END, K_TEXT, K_SENTENCE, K_TITLE, K_VALUE, K_SOURCE, K_URL,
	K_ARTICLE_DATE, K_TYPE, K_MOD, K_GRAIN, K_FIRST, K_END_DATE, K_SENTENCE_START,
	K_SENTENCE_END, K_STATUS, K_CONFIDENCE, K_ACTORS, K_KEYWORDS, K_FIGURES, N_KEYS
};

#define MENTION_LEVEL 4 /* timeline 0, events array 1, event 2, mentions array 3 */

/* A date last written and its text. */
typedef struct iso_memo {
	tl_date date;
	char iso[TL_ISO_DATE_SIZE];
	size_t len;
} iso_memo;

struct mention_keys {
	char key[N_KEYS][KEY_MAX]; /* ",\n" + indentation + "\"name\": " */
	size_t key_len[N_KEYS];
	array_layout arrays;       /* of the members' arrays */
	iso_memo dates[3];         /* article_date, first, end_date */
};

static void mention_keys_init(mention_keys *k)
{
	static const char *const names[N_KEYS] = {
		"doc", "start", "end", "text", "sentence", "title", "value", "source", "url",
		"article_date", "type", "mod", "grain", "first", "end_date", "sentence_start",
		"sentence_end", "status", "confidence", "actors", "keywords", "figures"};
	const size_t members = 2 * (MENTION_LEVEL + 1); /* spaces before a member */
	_Static_assert(2 + 2 * (MENTION_LEVEL + 2) + 2 + 14 + 3 < KEY_MAX, "keys fit");
	memset(k, 0, sizeof *k);
	for (size_t i = 0; i < N_KEYS; i++) {
		char *p = k->key[i];
		size_t n = 0, len = strlen(names[i]);
		p[n++] = ',';
		p[n++] = '\n';
		memset(p + n, ' ', members);
		n += members;
		p[n++] = '"';
		memcpy(p + n, names[i], len);
		n += len;
		memcpy(p + n, "\": ", 3);
		k->key_len[i] = n + 3;
	}
	(void)array_layout_at(&k->arrays, MENTION_LEVEL + 1); /* fits: asserted above */
	for (int d = 0; d < 3; d++) {
		k->dates[d].date = (tl_date){0, 0, 0};
		tl_export_date_iso(k->dates[d].date, k->dates[d].iso);
		k->dates[d].len = strlen(k->dates[d].iso);
	}
}

static inline char *put_key(char *o, const mention_keys *k, int which)
{
	return put(o, k->key[which], k->key_len[which]);
}

/* A fixed ASCII name (no byte to escape) in quotes. */
static inline char *put_name(char *o, const char *s)
{
	*o++ = '"';
	o = put(o, s, strlen(s));
	*o++ = '"';
	return o;
}

static char *put_number(char *o, size_t value)
{
	char digits[24];
	size_t n = sizeof digits;
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	return put(o, digits + n, sizeof digits - n);
}

/* As member_date() writes it (after the key). */
static char *put_date(char *o, iso_memo *memo, tl_date d, bool ok)
{
	if (d.year != memo->date.year || d.month != memo->date.month || d.day != memo->date.day) {
		memo->date = d;
		tl_export_date_iso(d, memo->iso);
		memo->len = strlen(memo->iso);
	}
	if (!ok || !memo->len)
		return put(o, "null", 4);
	*o++ = '"';
	o = put(o, memo->iso, memo->len);
	*o++ = '"';
	return o;
}

static void mention(json *j, mention_keys *k, const tl_mention *m)
{
	if (j->rc != TL_OK)
		return;
	const char *strs[8] = {m->doc, m->text, m->sentence, m->title, m->value,
			       m->source, m->url, m->mod};
	size_t lens[8], bound = N_KEYS * KEY_MAX + 8 * 24 + 3 * (TL_ISO_DATE_SIZE + 2) + 128 +
				k->arrays.end_len;
	for (int i = 0; i < 8; i++) {
		lens[i] = strs[i] ? strlen(strs[i]) : 0;
		if (lens[i] > (SIZE_MAX / 8 - bound) / 6) {
			j->rc = TL_ENOMEM;
			return;
		}
		bound += TL_JSON_ESCAPED_MAX(lens[i]) + 2;
	}
	bound += strings_bound(&k->arrays, &m->actors) + strings_bound(&k->arrays, &m->keywords) +
		 strings_bound(&k->arrays, &m->figures);
	if (tl_buf_grow(&j->out, bound) != TL_OK) {
		j->rc = TL_ENOMEM;
		return;
	}
	char confidence[8];
	tl_export_confidence(m->confidence, confidence);
	char *o = j->out.data + j->out.len;
	*o++ = '{';
	o = put(o, k->key[K_DOC] + 1, k->key_len[K_DOC] - 1);
	o = put_string(o, strs[0], lens[0]);
	o = put_number(put_key(o, k, K_START), m->start);
	o = put_number(put_key(o, k, K_END), m->end);
	o = put_string(put_key(o, k, K_TEXT), strs[1], lens[1]);
	o = put_string(put_key(o, k, K_SENTENCE), strs[2], lens[2]);
	o = put_string(put_key(o, k, K_TITLE), strs[3], lens[3]);
	o = put_string(put_key(o, k, K_VALUE), strs[4], lens[4]);
	if (lens[5])
		o = put_string(put_key(o, k, K_SOURCE), strs[5], lens[5]);
	if (lens[6])
		o = put_string(put_key(o, k, K_URL), strs[6], lens[6]);
	o = put_date(put_key(o, k, K_ARTICLE_DATE), &k->dates[0], m->article_date, true);
	/* The rest makes the JSON a lossless copy of the mention, for reading back. */
	o = put_name(put_key(o, k, K_TYPE), tl_timex_type_name(m->type));
	if (lens[7])
		o = put_string(put_key(o, k, K_MOD), strs[7], lens[7]);
	o = put_name(put_key(o, k, K_GRAIN), tl_grain_name(m->grain));
	o = put_date(put_key(o, k, K_FIRST), &k->dates[1], m->first, tl_date_valid(m->first));
	o = put_date(put_key(o, k, K_END_DATE), &k->dates[2], m->end_date,
		     tl_date_valid(m->end_date));
	o = put_number(put_key(o, k, K_SENTENCE_START), m->sentence_start);
	o = put_number(put_key(o, k, K_SENTENCE_END), m->sentence_end);
	o = put_name(put_key(o, k, K_STATUS), tl_export_status_name(m->status));
	o = put(put_key(o, k, K_CONFIDENCE), confidence, strlen(confidence));
	o = put_strings(put_key(o, k, K_ACTORS), &k->arrays, &m->actors);
	o = put_strings(put_key(o, k, K_KEYWORDS), &k->arrays, &m->keywords);
	o = put_strings(put_key(o, k, K_FIGURES), &k->arrays, &m->figures);
	o = put(o, k->arrays.end, k->arrays.end_len - 2);
	*o++ = '}';
	*o = '\0';
	j->out.len = (size_t)(o - j->out.data);
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
		mention(j, j->keys, tl_event_mention(e, i, &scratch));
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
	mention_keys keys;
	mention_keys_init(&keys);
	json j = {TL_BUF_INIT, &keys, out, err, TL_OK};
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
