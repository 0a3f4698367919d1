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
 * (a timeline of ten million mentions is gigabytes of JSON). Most of the
 * output is keys and indentation: every key with the separator and the
 * indentation before it (and, for the fixed names of types, grains and
 * statuses, with its value) is a run made once per export and copied as one
 * block of RUN bytes; strings are escaped sixteen bytes at a time as they
 * are copied. The items of string arrays (keywords, actors, figures: pooled,
 * so the same pointers come back all the time) have their length and
 * whether they need escaping remembered by address in a small table owned
 * by the export.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "error.h"
#include "export.h"
#include "export_util.h"
#include "json_read.h"

/* The buffer is written out when it passes this many bytes (after an event). */
#define CHUNK (1u << 20)

/* A literal piece of output made once per export; always copied as RUN bytes
 * (one fixed-size move, the buffer has room), of which len count. */
#define RUN 48
typedef struct run {
	char text[RUN];
	size_t len;
} run;

/* Mentions are at level 4 (timeline 0, events array 1, event 2, mentions
 * array 3): their members are indented by 10 spaces, an event's by 6. */
enum { EVENT_MEMBER = 3, MENTION_MEMBER = 5 };

enum {
	K_DOC, K_START, K_END, K_TEXT, K_SENTENCE, K_TITLE, K_VALUE, K_SOURCE, K_URL,
	K_ARTICLE_DATE, K_MOD, K_FIRST, K_END_DATE, K_SENTENCE_START, K_SENTENCE_END,
	K_ACTORS, K_KEYWORDS, K_FIGURES, N_MENTION_KEYS
};
enum {
	E_ID, E_VALUE, E_MOD, E_START, E_END, E_TITLE, E_ACTORS, E_CONFLICT,
	E_SEQUENCE, E_KEYWORDS, E_MENTIONS, N_EVENT_KEYS
};

#define N_TYPES 4   /* tl_timex_type values; one more run for anything else */
#define N_GRAINS 13 /* tl_grain values */
#define N_STATUSES 3
#define NAME_LEN_MAX 12 /* type, grain and status names: the longest is "part-of-day" */

/* A string array's layout: "[" or "," then a line break and the items'
 * indentation, and a line break, the key's indentation and "]". */
typedef struct array_runs {
	run first, next, end;
} array_runs;

/* A confidence last written, with its key. */
typedef struct confidence_memo {
	double value;
	bool set;
	size_t key_len;
	run text; /* the key and the value */
} confidence_memo;

typedef struct runs {
	run mention_key[N_MENTION_KEYS]; /* ",\n" + indentation + "\"name\": " */
	run event_key[N_EVENT_KEYS];
	run type[N_TYPES + 1];           /* a mention's ",\n ... \"type\": \"DATE\"" */
	run mention_grain[N_GRAINS + 1], event_grain[N_GRAINS + 1];
	run mention_status[N_STATUSES + 1], event_status[N_STATUSES + 1];
	run mention_open[2];     /* "\n" or ",\n", indentation, "{", the "doc" key */
	run mention_close;       /* line break, indentation, "}" */
	run event_open[2];       /* "\n" or ",\n", indentation, "{", the "id" key */
	run event_close[2];      /* without or with mentions: "]" and "}" on their lines */
	array_runs mention_array, event_array;
	confidence_memo confidence[2]; /* a mention's, an event's */
} runs;

/* What an array item was found to be: the same strings come back in many
 * arrays (keywords, actors and figures are pooled: one pointer per text),
 * and nothing the export reads changes while it runs. */
typedef struct item_memo {
	const char *s; /* NULL: empty slot */
	size_t len;
	bool plain;    /* nothing to escape */
} item_memo;

#define MEMO_BITS 12

typedef struct json {
	tl_buf out;
	item_memo *memo; /* 1 << MEMO_BITS slots, by address */
	FILE *file;
	tl_error *err;
	int rc;
} json;

/* Appends text to r (which has room: the runs are sized by a static assertion). */
static void run_add(run *r, const char *text, size_t n)
{
	memcpy(r->text + r->len, text, n);
	r->len += n;
}

static void run_spaces(run *r, int level)
{
	memset(r->text + r->len, ' ', (size_t)level * 2);
	r->len += (size_t)level * 2;
}

/* ",\n", the indentation of level and "\"name\": ". */
static void run_key(run *r, int level, const char *name)
{
	memset(r, 0, sizeof *r);
	run_add(r, ",\n", 2);
	run_spaces(r, level);
	run_add(r, "\"", 1);
	run_add(r, name, strlen(name));
	run_add(r, "\": ", 3);
}

/* A member whose value is a fixed ASCII name (nothing to escape). */
static void run_named(run *r, int level, const char *key, const char *name)
{
	run_key(r, level, key);
	run_add(r, "\"", 1);
	run_add(r, name, strlen(name));
	run_add(r, "\"", 1);
}

static void array_runs_init(array_runs *a, int level)
{
	memset(a, 0, sizeof *a);
	run_add(&a->first, "[\n", 2);
	run_spaces(&a->first, level + 1);
	run_add(&a->next, ",\n", 2);
	run_spaces(&a->next, level + 1);
	run_add(&a->end, "\n", 1);
	run_spaces(&a->end, level);
	run_add(&a->end, "]", 1);
}

/* Makes the runs; false when a type, grain or status name is longer than
 * NAME_LEN_MAX (the runs would not hold it). */
static bool runs_init(runs *r)
{
	static const char *const mention_names[N_MENTION_KEYS] = {
		"doc", "start", "end", "text", "sentence", "title", "value", "source", "url",
		"article_date", "mod", "first", "end_date", "sentence_start", "sentence_end",
		"actors", "keywords", "figures"};
	static const char *const event_names[N_EVENT_KEYS] = {
		"id", "value", "mod", "start", "end", "title", "actors", "conflict",
		"sequence", "keywords", "mentions"};
	/* the longest run: ",\n", a mention member's indentation, "\"status\": " and
	 * a quoted name of NAME_LEN_MAX bytes */
	_Static_assert(2 + 2 * MENTION_MEMBER + 10 + NAME_LEN_MAX + 2 <= RUN, "runs fit");
	/* the longest key, "sentence_start", with a confidence after it */
	_Static_assert(2 + 2 * MENTION_MEMBER + 18 + 4 <= RUN, "keys fit");
	for (int i = 0; i <= N_GRAINS; i++)
		if (strlen(tl_grain_name((tl_grain)i)) > NAME_LEN_MAX ||
		    (i <= N_TYPES && strlen(tl_timex_type_name((tl_timex_type)i)) > NAME_LEN_MAX) ||
		    (i <= N_STATUSES && strlen(tl_export_status_name((tl_event_status)i)) > NAME_LEN_MAX))
			return false;
	memset(r, 0, sizeof *r);
	for (int i = 0; i < N_MENTION_KEYS; i++)
		run_key(&r->mention_key[i], MENTION_MEMBER, mention_names[i]);
	for (int i = 0; i < N_EVENT_KEYS; i++)
		run_key(&r->event_key[i], EVENT_MEMBER, event_names[i]);
	/* index N_*: what the name functions give for a value out of range */
	for (int i = 0; i <= N_TYPES; i++)
		run_named(&r->type[i], MENTION_MEMBER, "type", tl_timex_type_name((tl_timex_type)i));
	for (int i = 0; i <= N_GRAINS; i++) {
		run_named(&r->mention_grain[i], MENTION_MEMBER, "grain", tl_grain_name((tl_grain)i));
		run_named(&r->event_grain[i], EVENT_MEMBER, "grain", tl_grain_name((tl_grain)i));
	}
	for (int i = 0; i <= N_STATUSES; i++) {
		const char *name = tl_export_status_name((tl_event_status)i);
		run_named(&r->mention_status[i], MENTION_MEMBER, "status", name);
		run_named(&r->event_status[i], EVENT_MEMBER, "status", name);
	}
	for (int comma = 0; comma < 2; comma++) {
		run *m = &r->mention_open[comma], *e = &r->event_open[comma];
		run_add(m, ",\n", 2);
		run_spaces(m, MENTION_MEMBER - 1);
		run_add(m, "{", 1);
		run_add(m, r->mention_key[K_DOC].text + 1, r->mention_key[K_DOC].len - 1);
		run_add(e, ",\n", 2);
		run_spaces(e, EVENT_MEMBER - 1);
		run_add(e, "{", 1);
		run_add(e, r->event_key[E_ID].text + 1, r->event_key[E_ID].len - 1);
		if (!comma) {
			memmove(m->text, m->text + 1, --m->len);
			memmove(e->text, e->text + 1, --e->len);
		}
	}
	run_add(&r->mention_close, "\n", 1);
	run_spaces(&r->mention_close, MENTION_MEMBER - 1);
	run_add(&r->mention_close, "}", 1);
	run_add(&r->event_close[0], "]\n", 2); /* "mentions": [] */
	run_spaces(&r->event_close[0], EVENT_MEMBER - 1);
	run_add(&r->event_close[0], "}", 1);
	run_add(&r->event_close[1], "\n", 1);
	run_spaces(&r->event_close[1], EVENT_MEMBER);
	run_add(&r->event_close[1], "]\n", 2);
	run_spaces(&r->event_close[1], EVENT_MEMBER - 1);
	run_add(&r->event_close[1], "}", 1);
	array_runs_init(&r->mention_array, MENTION_MEMBER);
	array_runs_init(&r->event_array, EVENT_MEMBER);
	for (int i = 0; i < 2; i++) {
		confidence_memo *c = &r->confidence[i];
		run_key(&c->text, i ? EVENT_MEMBER : MENTION_MEMBER, "confidence");
		c->key_len = c->text.len;
	}
	return true;
}

/* The RUN bytes of r (the buffer has room for them), of which r->len count. */
static inline char *put_run(char *o, const run *r)
{
	memcpy(o, r->text, RUN);
	return o + r->len;
}

/* A confidence with its key, formatted again only when it changed. */
static char *put_confidence(char *o, confidence_memo *c, double value)
{
	if (!c->set || value != c->value) {
		char text[8];
		tl_export_confidence(value, text);
		c->text.len = c->key_len;
		run_add(&c->text, text, strlen(text));
		c->value = value;
		c->set = true;
	}
	return put_run(o, &c->text);
}

/* Room for need more bytes at *o and the NUL after them: *o moves when the
 * buffer grows; false (rc set) when memory runs out. */
static bool room_slow(json *j, char **o, size_t need)
{
	size_t used = (size_t)(*o - j->out.data);
	j->out.len = used;
	if (tl_buf_grow(&j->out, need) != TL_OK) {
		j->rc = TL_ENOMEM;
		return false;
	}
	*o = j->out.data + used;
	return true;
}

static inline bool room(json *j, char **o, size_t need)
{
	if (need < j->out.cap - (size_t)(*o - j->out.data))
		return true;
	return room_slow(j, o, need);
}

/* Longest string written: its worst case, 6 bytes a byte, must not overflow. */
#define STRING_MAX ((SIZE_MAX / 8) / 6)


/*
 * s[0..n) escaped as tl_json_escape_to(..., TL_JSON_INVALID_RAW) writes it
 * (worst case 6n bytes at o). Longer strings are tested and copied sixteen
 * bytes at a time (the last sixteen overlapping) until a block needs
 * escaping; from that block on, tl_json_escape_to() does the rest (the bytes
 * before it are plain ASCII, so no UTF-8 sequence is cut).
 */
static inline char *escape(char *o, const char *s, size_t n)
{
	if (n <= 16)
		return tl_json_escape_inline(o, s, n, TL_JSON_INVALID_RAW);
#ifdef __SSE2__
	size_t i = 0;
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		if (tl_json_special16(x))
			return tl_json_escape_to(o + i, s + i, n - i, TL_JSON_INVALID_RAW);
		_mm_storeu_si128((__m128i *)(void *)(o + i), x);
	}
	if (i < n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
		if (tl_json_special16(x))
			return tl_json_escape_to(o + i, s + i, n - i, TL_JSON_INVALID_RAW);
		_mm_storeu_si128((__m128i *)(void *)(o + n - 16), x);
	}
	return o + n;
#else
	return tl_json_escape_to(o, s, n, TL_JSON_INVALID_RAW);
#endif
}

/* s[0..n) (NULL: "") escaped, in quotes. */
static inline char *put_string(char *o, const char *s, size_t n)
{
	*o++ = '"';
	o = escape(o, s ? s : "", n);
	*o++ = '"';
	return o;
}

static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
				  "25262728293031323334353637383940414243444546474849"
				  "50515253545556575859606162636465666768697071727374"
				  "75767778798081828384858687888990919293949596979899";

/* value in decimal (at most 20 digits). */
static inline char *put_number(char *o, size_t value)
{
	char digits[24];
	char *p = digits + sizeof digits;
	while (value >= 100) {
		p -= 2;
		memcpy(p, digit_pairs + value % 100 * 2, 2);
		value /= 100;
	}
	if (value >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + value * 2, 2);
	} else {
		*--p = (char)('0' + value);
	}
	size_t n = (size_t)(digits + sizeof digits - p);
	memcpy(o, p, n);
	return o + n;
}

/* "\"YYYY-MM-DD\"" as tl_export_date_iso() writes it, or null when !ok or d is
 * not a calendar day. */
static inline char *put_date(char *o, tl_date d, bool ok)
{
	if (!ok || !tl_date_valid(d)) {
		memcpy(o, "null", 4);
		return o + 4;
	}
	o[0] = '"';
	memcpy(o + 1, digit_pairs + d.year / 100 * 2, 2);
	memcpy(o + 3, digit_pairs + d.year % 100 * 2, 2);
	o[5] = '-';
	memcpy(o + 6, digit_pairs + d.month * 2, 2);
	o[8] = '-';
	memcpy(o + 9, digit_pairs + d.day * 2, 2);
	o[11] = '"';
	return o + 12;
}

/* Bytes the fixed members of a mention or an event may take: every run, four
 * numbers and three dates, with room to spare. */
#define FIXED_MAX (32 * RUN + 4 * 24 + 3 * 12)

/* The memo of item s (looked at on a miss). */
static inline const item_memo *item_look(json *j, const char *s)
{
	uint64_t h = (uint64_t)(uintptr_t)s * UINT64_C(0x9e3779b97f4a7c15);
	item_memo *m = &j->memo[h >> (64 - MEMO_BITS)];
	if (m->s != s) {
		m->s = s;
		m->len = strlen(s);
		m->plain = tl_json_plain_run(s, m->len) == m->len;
	}
	return m;
}

/* A string array's value: "[]", or its items one per line. Makes room for
 * each item; NULL (rc set) when memory runs out. */
static char *put_strings(json *j, char *o, const array_runs *a, const tl_strings *s)
{
	if (!s->count) {
		memcpy(o, "[]", 2);
		return o + 2;
	}
	for (size_t i = 0; i < s->count; i++) {
		const item_memo *m = item_look(j, s->items[i]);
		if (m->len > STRING_MAX) {
			j->rc = TL_ENOMEM;
			return NULL;
		}
		if (!room(j, &o, 2 * RUN + TL_JSON_ESCAPED_MAX(m->len) + 2))
			return NULL;
		o = put_run(o, i ? &a->next : &a->first);
		*o++ = '"';
		if (!m->plain) {
			o = tl_json_escape_to(o, m->s, m->len, TL_JSON_INVALID_RAW);
		} else {
			if (m->len <= 16)
				tl_copy_upto16(o, m->s, m->len);
			else
				memcpy(o, m->s, m->len);
			o += m->len;
		}
		*o++ = '"';
	}
	return put_run(o, &a->end);
}

/* The keys and values of a mention, after its "doc" key. */
static char *mention(json *j, char *o, runs *r, const tl_mention *m)
{
	const char *strs[8] = {m->doc, m->text, m->sentence, m->title, m->value,
			       m->source, m->url, m->mod};
	size_t lens[8], bound = FIXED_MAX;
	for (int i = 0; i < 8; i++) {
		lens[i] = strs[i] ? strlen(strs[i]) : 0;
		if (lens[i] > STRING_MAX) {
			j->rc = TL_ENOMEM;
			return NULL;
		}
		bound += TL_JSON_ESCAPED_MAX(lens[i]) + 2;
	}
	if (!room(j, &o, bound))
		return NULL;
	const run *k = r->mention_key;
	o = put_string(o, strs[0], lens[0]);
	o = put_number(put_run(o, &k[K_START]), m->start);
	o = put_number(put_run(o, &k[K_END]), m->end);
	o = put_string(put_run(o, &k[K_TEXT]), strs[1], lens[1]);
	o = put_string(put_run(o, &k[K_SENTENCE]), strs[2], lens[2]);
	o = put_string(put_run(o, &k[K_TITLE]), strs[3], lens[3]);
	o = put_string(put_run(o, &k[K_VALUE]), strs[4], lens[4]);
	if (lens[5])
		o = put_string(put_run(o, &k[K_SOURCE]), strs[5], lens[5]);
	if (lens[6])
		o = put_string(put_run(o, &k[K_URL]), strs[6], lens[6]);
	o = put_date(put_run(o, &k[K_ARTICLE_DATE]), m->article_date, true);
	/* The rest makes the JSON a lossless copy of the mention, for reading back. */
	o = put_run(o, &r->type[(unsigned)m->type < N_TYPES ? (unsigned)m->type : N_TYPES]);
	if (lens[7])
		o = put_string(put_run(o, &k[K_MOD]), strs[7], lens[7]);
	o = put_run(o, &r->mention_grain[(unsigned)m->grain < N_GRAINS ? (unsigned)m->grain
								       : N_GRAINS]);
	o = put_date(put_run(o, &k[K_FIRST]), m->first, true);
	o = put_date(put_run(o, &k[K_END_DATE]), m->end_date, true);
	o = put_number(put_run(o, &k[K_SENTENCE_START]), m->sentence_start);
	o = put_number(put_run(o, &k[K_SENTENCE_END]), m->sentence_end);
	o = put_run(o, &r->mention_status[(unsigned)m->status < N_STATUSES ? (unsigned)m->status
									     : N_STATUSES]);
	o = put_confidence(o, &r->confidence[0], m->confidence);
	o = put_strings(j, put_run(o, &k[K_ACTORS]), &r->mention_array, &m->actors);
	if (!o || !room(j, &o, 2 * RUN))
		return NULL;
	o = put_strings(j, put_run(o, &k[K_KEYWORDS]), &r->mention_array, &m->keywords);
	if (!o || !room(j, &o, 2 * RUN))
		return NULL;
	o = put_strings(j, put_run(o, &k[K_FIGURES]), &r->mention_array, &m->figures);
	if (!o || !room(j, &o, 2 * RUN))
		return NULL;
	return put_run(o, &r->mention_close);
}

/* An event, first or not; false (rc set) when memory runs out. */
static bool event(json *j, runs *r, const tl_event *e, bool first)
{
	tl_date start = {0}, end = {0}; /* left unset by tl_export_event_interval when not placed */
	bool placed = tl_export_event_interval(e, &start, &end);
	const char *strs[5] = {e->id, e->value, e->mod, e->title, e->conflict};
	size_t lens[5], bound = FIXED_MAX;
	for (int i = 0; i < 5; i++) {
		lens[i] = strs[i] ? strlen(strs[i]) : 0;
		if (lens[i] > STRING_MAX) {
			j->rc = TL_ENOMEM;
			return false;
		}
		bound += TL_JSON_ESCAPED_MAX(lens[i]) + 2;
	}
	char *o = j->out.data + j->out.len;
	if (!room(j, &o, bound))
		return false;
	const run *k = r->event_key;
	o = put_run(o, &r->event_open[!first]);
	o = put_string(o, strs[0], lens[0]);
	o = put_string(put_run(o, &k[E_VALUE]), strs[1], lens[1]);
	if (lens[2])
		o = put_string(put_run(o, &k[E_MOD]), strs[2], lens[2]);
	o = put_run(o, &r->event_grain[(unsigned)e->grain < N_GRAINS ? (unsigned)e->grain
								     : N_GRAINS]);
	o = put_date(put_run(o, &k[E_START]), start, placed);
	o = put_date(put_run(o, &k[E_END]), end, placed);
	o = put_string(put_run(o, &k[E_TITLE]), strs[3], lens[3]);
	o = put_run(o, &r->event_status[(unsigned)e->status < N_STATUSES ? (unsigned)e->status
									 : N_STATUSES]);
	o = put_confidence(o, &r->confidence[1], e->confidence);
	o = put_strings(j, put_run(o, &k[E_ACTORS]), &r->event_array, &e->actors);
	if (!o || !room(j, &o, 4 * RUN + 24 + TL_JSON_ESCAPED_MAX(lens[4]) + 2))
		return false;
	if (lens[4])
		o = put_string(put_run(o, &k[E_CONFLICT]), strs[4], lens[4]);
	o = put_number(put_run(o, &k[E_SEQUENCE]), e->sequence > 0 ? (size_t)e->sequence : 0);
	o = put_strings(j, put_run(o, &k[E_KEYWORDS]), &r->event_array, &e->keywords);
	if (!o || !room(j, &o, 2 * RUN))
		return false;
	o = put_run(o, &k[E_MENTIONS]);
	*o++ = '[';
	for (size_t i = 0; i < e->n_mentions; i++) {
		tl_mention scratch;
		if (!room(j, &o, 2 * RUN))
			return false;
		o = mention(j, put_run(o, &r->mention_open[i > 0]), r,
			    tl_event_mention(e, i, &scratch));
		if (!o)
			return false;
	}
	if (!room(j, &o, 2 * RUN))
		return false;
	o = put_run(o, &r->event_close[e->n_mentions > 0]);
	*o = '\0';
	j->out.len = (size_t)(o - j->out.data);
	return true;
}

/* Writes the buffer out once it holds CHUNK bytes. */
static void spill(json *j)
{
	if (j->rc != TL_OK || j->out.len < CHUNK)
		return;
	j->rc = tl_export_write(&j->out, j->file, "JSON", j->err);
	tl_buf_reset(&j->out);
}

/* The document's opening up to the events array's "[" and, once the events
 * are in, its closing. */
static bool document_start(json *j, const tl_timeline *timeline)
{
	const char *name = timeline->name ? timeline->name : "timeline";
	size_t n = strlen(name);
	if (n > STRING_MAX || tl_buf_grow(&j->out, CHUNK + TL_JSON_ESCAPED_MAX(n) + 64) != TL_OK) {
		j->rc = TL_ENOMEM;
		return false;
	}
	char *o = j->out.data;
	memcpy(o, "{\n  \"name\": ", 12);
	o = put_string(o + 12, name, n);
	memcpy(o, ",\n  \"stamp\": ", 13);
	o = put_date(o + 13, timeline->stamp, true);
	memcpy(o, ",\n  \"events\": [", 15);
	o += 15;
	*o = '\0';
	j->out.len = (size_t)(o - j->out.data);
	return true;
}

int tl_export_json(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		   tl_error *err)
{
	(void)options;
	if (!timeline)
		return tl_error_set(err, TL_EUSAGE, "JSON export: no timeline");
	if (!out)
		return tl_error_set(err, TL_EUSAGE, "JSON export: no output stream");
	runs r;
	if (!runs_init(&r))
		return tl_error_set(err, TL_EINTERNAL, "JSON export: a type, grain or status name "
				    "is longer than export_json.c's NAME_LEN_MAX; raise it");
	json j = {TL_BUF_INIT, calloc((size_t)1 << MEMO_BITS, sizeof(item_memo)), out, err, TL_OK};
	if (!j.memo)
		j.rc = TL_ENOMEM;
	else if (document_start(&j, timeline)) {
		for (size_t i = 0; i < timeline->n_events && j.rc == TL_OK; i++) {
			if (!event(&j, &r, &timeline->events[i], i == 0))
				break;
			spill(&j);
		}
	}
	if (j.rc == TL_OK) {
		const char *end = timeline->n_events ? "\n  ]\n}\n" : "]\n}\n";
		j.rc = tl_buf_append(&j.out, end, strlen(end));
	}
	int rc = j.rc;
	if (rc == TL_OK)
		rc = tl_export_write(&j.out, out, "JSON", err);
	else if (rc == TL_ENOMEM)
		rc = tl_error_nomem(err);
	tl_buf_free(&j.out);
	free(j.memo);
	return rc;
}
