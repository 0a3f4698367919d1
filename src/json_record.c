/*
 * json_record.c - the fast path of the reduce step (json_read.h,
 * tl_mention_from_record): reads a mention record laid out exactly as
 * tl_mention_to_json() writes it, without building the JSON tree, into
 * strings interned in a pool. The long strings and the string arrays are
 * found first and their pool entries prefetched, then looked up together;
 * the pool also remembers what each string array's bytes gave (a memo), so
 * copies of one report look an array up once. Any other record (another key
 * order, a \u escape, a bad value) is left to the tree reader
 * (json_model.c), which also reports errors. Owns nothing: what it reads
 * belongs to the pool.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "event.h"
#include "hash.h"
#include "json_read.h"

/* ## Fast path: a record in the writer's own layout */

typedef struct cursor {
	const char *s;
	size_t i, n;
	tl_strpool *pool;
	bool nomem;
	char scratch[4096]; /* the last string read, when it had escapes */
} cursor;

/* Consumes the literal t (a key with its punctuation, like ,"end":).
 * Always inline, eight bytes at a time: with a constant t and k the loops
 * unroll into a few word compares instead of a call to memcmp(). */
static inline __attribute__((always_inline)) bool lit(cursor *c, const char *t, size_t k)
{
	if (c->n - c->i < k)
		return false;
	const char *p = c->s + c->i;
	size_t j = 0;
	for (; j + 8 <= k; j += 8) {
		uint64_t x, y;
		memcpy(&x, p + j, 8);
		memcpy(&y, t + j, 8);
		if (x != y)
			return false;
	}
	for (; j < k; j++)
		if (p[j] != t[j])
			return false;
	c->i += k;
	return true;
}

#define LIT(c, t) lit(c, t, sizeof t - 1)

/*
 * A string whose escapes are all one-character ones (\" \\ \/ \b \f \n \r
 * \t; no \u) and without raw control characters or bad UTF-8, as the reader
 * requires: *at and *len get its decoded bytes (in the line itself, or in
 * c->scratch until the next string when it had escapes).
 */
static bool raw_string(cursor *c, const char **at, size_t *len)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	if (c->i >= c->n || c->s[c->i] != '"')
		return false;
	size_t start = c->i + 1, i = start, out = 0;
	bool escaped = false;
	for (;;) {
		size_t run = tl_json_plain_run(c->s + i, c->n - i);
		if (escaped) {
			if (run > sizeof c->scratch - out)
				return false;
			memcpy(c->scratch + out, c->s + i, run);
			out += run;
		}
		i += run;
		if (i >= c->n)
			return false;
		unsigned char ch = (unsigned char)c->s[i];
		if (ch == '"')
			break;
		size_t k = 1;
		char put = (char)ch;
		if (ch == '\\') {
			const char *f = i + 1 < c->n && c->s[i + 1] ? strchr(from, c->s[i + 1]) : NULL;
			if (!f)
				return false; /* \u or a bad escape: the reader decides */
			if (!escaped) {
				if (i - start > sizeof c->scratch)
					return false;
				memcpy(c->scratch, c->s + start, i - start);
				out = i - start;
				escaped = true;
			}
			put = to[f - from];
			k = 2;
		} else if (ch >= 0x80) {
			k = tl_utf8_sequence((const unsigned char *)c->s + i, c->n - i);
			if (!k)
				return false;
		} else if (ch != 0x7f) {
			return false; /* a raw control character */
		}
		if (escaped) {
			size_t bytes = ch == '\\' ? 1 : k;
			if (bytes > sizeof c->scratch - out)
				return false;
			if (ch == '\\')
				c->scratch[out] = put;
			else
				memcpy(c->scratch + out, c->s + i, k);
			out += bytes;
		}
		i += k;
	}
	*at = escaped ? c->scratch : c->s + start;
	*len = escaped ? out : i - start;
	c->i = i + 1;
	return true;
}

static bool pooled_string(cursor *c, char **out)
{
	const char *at;
	size_t len;
	if (!raw_string(c, &at, &len))
		return false;
	const char *p = tl_strpool_intern(c->pool, at, len);
	if (!p) {
		c->nomem = true;
		return false;
	}
	*out = (char *)(uintptr_t)p; /* never written through: see take_string */
	return true;
}

/* A string read but not yet interned, so that the pool lookups of a
 * record's long strings (doc, text, sentence, title) overlap in memory. */
typedef struct pending {
	const char *at;
	size_t len;
	uint64_t hash;
	char *done; /* interned already (it had escapes: c->scratch is reused), or NULL */
} pending;

static bool pend_string(cursor *c, pending *p)
{
	if (!raw_string(c, &p->at, &p->len))
		return false;
	p->done = NULL;
	if (p->at == c->scratch) {
		const char *q = tl_strpool_intern(c->pool, p->at, p->len);
		if (!q) {
			c->nomem = true;
			return false;
		}
		p->done = (char *)(uintptr_t)q;
		return true;
	}
	p->hash = tl_strpool_hash(p->at, p->len);
	tl_strpool_prefetch(c->pool, p->hash);
	return true;
}

static bool settle(cursor *c, const pending *p, char **out)
{
	const char *q = p->done ? p->done : tl_strpool_intern_hashed(c->pool, p->at, p->len,
								      p->hash);
	if (!q) {
		c->nomem = true;
		return false;
	}
	*out = (char *)(uintptr_t)q; /* never written through: see take_string */
	return true;
}

static bool fixed_string(cursor *c, char *out, size_t cap)
{
	const char *at;
	size_t len;
	if (!raw_string(c, &at, &len) || len >= cap || memchr(at, '\0', len))
		return false;
	memcpy(out, at, len);
	out[len] = '\0';
	return true;
}

/* A non-negative integer without leading zeros, fraction or exponent. */
static bool plain_size(cursor *c, size_t *out)
{
	size_t from = c->i, v = 0;
	while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9' && c->i - from < 18)
		v = v * 10 + (size_t)(c->s[c->i++] - '0');
	size_t len = c->i - from;
	if (!len || (len > 1 && c->s[from] == '0'))
		return false;
	if (c->i < c->n && ((c->s[c->i] >= '0' && c->s[c->i] <= '9') || c->s[c->i] == '.' ||
			    c->s[c->i] == 'e' || c->s[c->i] == 'E'))
		return false;
	*out = v;
	return true;
}

/* "YYYY-MM-DD" or null (no date). */
static bool date_or_null(cursor *c, tl_date *out)
{
	if (LIT(c, "null"))
		return true;
	const char *at;
	size_t len;
	return raw_string(c, &at, &len) && len == 10 && tl_json_date10(at, out);
}

/* 0, 1 or 0.DIGITS as the writer puts confidences, read as the reader
 * would (tl_json_number_value) and rounded to hundredths like
 * status_and_confidence() does. */
static bool confidence_number(cursor *c, double *out)
{
	size_t from = c->i;
	if (c->i >= c->n || c->s[c->i] < '0' || c->s[c->i] > '9')
		return false;
	if (c->s[c->i++] != '0' && c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
		return false; /* more than one integer digit: leave it to the reader */
	if (c->i < c->n && c->s[c->i] == '.') {
		size_t digits = ++c->i;
		while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9' && c->i - digits < 15)
			c->i++;
		if (c->i == digits)
			return false;
	}
	if (c->i < c->n && ((c->s[c->i] >= '0' && c->s[c->i] <= '9') || c->s[c->i] == 'e' ||
			    c->s[c->i] == 'E'))
		return false;
	double v = tl_json_number_value(c->s + from, c->i - from);
	if (v < 0 || v > 1)
		return false;
	*out = (double)(long)(v * 100 + 0.5) / 100;
	return true;
}

/* One past the ']' that closes the array of strings starting at s[i] ('['),
 * found without decoding; 0 when there is none. */
static size_t array_end(const char *s, size_t i, size_t n)
{
	bool in_string = false;
	for (i++; i < n; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = false;
		} else if (s[i] == '"') {
			in_string = true;
		} else if (s[i] == ']') {
			return i + 1;
		}
	}
	return 0;
}

/* An array of strings found (its bytes [from, end)) but not yet read. */
typedef struct pending_list {
	size_t from, end;
	uint64_t hash; /* of its bytes as a memo key, when it has items */
} pending_list;

/* Finds the array at c->i and skips it; its memo entry is prefetched. */
static bool pend_list(cursor *c, pending_list *l)
{
	l->from = c->i;
	l->end = c->i < c->n && c->s[c->i] == '[' ? array_end(c->s, c->i, c->n) : 0;
	if (!l->end)
		return false;
	if (l->end > l->from + 2) {
		l->hash = tl_strpool_memo_hash(c->s + l->from, l->end - l->from);
		tl_strpool_prefetch(c->pool, l->hash);
	}
	c->i = l->end;
	return true;
}

/*
 * Reads a pended array: ["s", ...] of at most 64 strings, interned with the
 * array itself. Copies of one report repeat the same arrays: the pool
 * remembers what the bytes of each array read successfully gave (a memo),
 * so equal bytes are looked up once instead of once per string.
 */
static bool settle_list(cursor *c, const pending_list *l, tl_strings *out)
{
	char *items[64];
	size_t n = 0, resume = c->i;
	const char *key = c->s + l->from;
	size_t key_len = l->end - l->from;
	if (key_len > 2) {
		const tl_strings *known = tl_strpool_memo_get_hashed(c->pool, key, key_len,
								     sizeof *known, l->hash);
		if (known) {
			*out = *known;
			return true;
		}
	}
	c->i = l->from;
	if (!LIT(c, "["))
		return false;
	if (!LIT(c, "]")) {
		do {
			if (n == sizeof items / sizeof items[0] || !pooled_string(c, &items[n]))
				return false;
			n++;
		} while (LIT(c, ","));
		if (!LIT(c, "]"))
			return false;
	}
	if (c->i != l->end)
		return false; /* cannot happen: the first ']' outside strings ends it */
	c->i = resume;
	if (!n)
		return true;
	out->items = tl_strpool_intern_array(c->pool, items, n);
	if (!out->items) {
		c->nomem = true;
		return false;
	}
	out->count = n;
	if (tl_strpool_memo_put(c->pool, key, key_len, out, sizeof *out) != TL_OK) {
		c->nomem = true;
		return false;
	}
	return true;
}

static bool named(cursor *c, int what, tl_mention *m)
{
	const char *at;
	size_t len;
	char name[16];
	if (!raw_string(c, &at, &len) || len >= sizeof name || memchr(at, '\0', len))
		return false;
	memcpy(name, at, len);
	name[len] = '\0';
	if (what == 0) {
		for (int t = TL_TIMEX_DATE; t <= TL_TIMEX_SET; t++) {
			const char *known = tl_timex_type_name(t);
			if (name[0] == known[0] && strcmp(name, known) == 0) {
				m->type = (tl_timex_type)t;
				return true;
			}
		}
		return false;
	}
	return what == 1 ? tl_grain_parse(name, &m->grain) : tl_status_parse(name, &m->status);
}

/*
 * The fields in the writer's order. The long strings and the arrays are
 * found first and their pool entries prefetched; they are looked up once
 * the rest of the record is read, so that the cache misses of one record
 * overlap instead of coming one after another.
 */
static bool record_fields(cursor *c, tl_mention *m)
{
	pending p[6];
	pending_list l[3];
	bool source = false, url = false;
	if (!(LIT(c, "{\"doc\":") && pend_string(c, &p[0]) && LIT(c, ",\"start\":") &&
	      plain_size(c, &m->start) && LIT(c, ",\"end\":") && plain_size(c, &m->end) &&
	      LIT(c, ",\"text\":") && pend_string(c, &p[1]) && LIT(c, ",\"sentence\":") &&
	      pend_string(c, &p[2]) && LIT(c, ",\"title\":") && pend_string(c, &p[3]) &&
	      LIT(c, ",\"value\":") && fixed_string(c, m->value, sizeof m->value)))
		return false;
	if (LIT(c, ",\"source\":") && !(source = pend_string(c, &p[4])))
		return false;
	if (LIT(c, ",\"url\":") && !(url = pend_string(c, &p[5])))
		return false;
	if (!(LIT(c, ",\"article_date\":") && date_or_null(c, &m->article_date) &&
	      LIT(c, ",\"type\":") && named(c, 0, m)))
		return false;
	if (LIT(c, ",\"mod\":") && !fixed_string(c, m->mod, sizeof m->mod))
		return false;
	return LIT(c, ",\"grain\":") && named(c, 1, m) && LIT(c, ",\"first\":") &&
	       date_or_null(c, &m->first) && LIT(c, ",\"end_date\":") &&
	       date_or_null(c, &m->end_date) && LIT(c, ",\"sentence_start\":") &&
	       plain_size(c, &m->sentence_start) && LIT(c, ",\"sentence_end\":") &&
	       plain_size(c, &m->sentence_end) && LIT(c, ",\"status\":") && named(c, 2, m) &&
	       LIT(c, ",\"confidence\":") && confidence_number(c, &m->confidence) &&
	       LIT(c, ",\"actors\":") && pend_list(c, &l[0]) &&
	       LIT(c, ",\"keywords\":") && pend_list(c, &l[1]) &&
	       LIT(c, ",\"figures\":") && pend_list(c, &l[2]) && LIT(c, "}") &&
	       settle(c, &p[0], &m->doc) && settle(c, &p[1], &m->text) &&
	       settle(c, &p[2], &m->sentence) && settle(c, &p[3], &m->title) &&
	       (!source || settle(c, &p[4], &m->source)) && (!url || settle(c, &p[5], &m->url)) &&
	       settle_list(c, &l[0], &m->actors) && settle_list(c, &l[1], &m->keywords) &&
	       settle_list(c, &l[2], &m->figures);
}

int tl_mention_from_record(const char *s, size_t n, tl_strpool *pool, tl_mention *out)
{
	cursor c; /* the scratch is written before it is read */
	c.s = s;
	c.i = 0;
	c.n = n;
	c.pool = pool;
	c.nomem = false;
	bool ok = record_fields(&c, out);
	while (ok && c.i < n && (s[c.i] == ' ' || s[c.i] == '\t' || s[c.i] == '\r' ||
				 s[c.i] == '\n'))
		c.i++;
	/* what the reader checks after the fields (mention_fields) */
	ok = ok && c.i == n && out->end >= out->start &&
	     out->sentence_end >= out->sentence_start && out->doc[0];
	if (!ok) {
		memset(out, 0, sizeof *out);
		return c.nomem ? TL_ENOMEM : 0;
	}
	out->pooled = true;
	return 1;
}
