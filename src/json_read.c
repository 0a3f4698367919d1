/*
 * json_read.c - the strict JSON reader declared in json_read.h. One pass over
 * the input with an explicit stack of open containers (no recursion): values
 * are pushed on a scratch stack and, when their array or object closes, copied
 * into one contiguous block of the document's arena. Strings are validated as
 * UTF-8 and decoded in place into the arena. A tl_json_doc owns its arena and
 * scratch stacks; they are reused from one parse to the next, so a JSON Lines
 * reader allocates nothing per line once the buffers have grown. No global
 * state, no locale (numbers are converted here, not with strtod).
 */
#include <math.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#include "error.h"
#include "json_read.h"

/* ## Arena: bump allocation in chunks that never move */

typedef struct chunk {
	struct chunk *next;
	size_t cap;
	size_t used;
	alignas(max_align_t) unsigned char data[];
} chunk;

typedef struct key_ref {
	const char *key;
	size_t len;
	uint32_t hash; /* FNV-1a of the key, to find duplicates cheaply */
} key_ref;

typedef struct frame {
	tl_json_type type;  /* TL_JSON_ARRAY or TL_JSON_OBJECT */
	size_t first_val;   /* index of its first item on the value stack */
	size_t first_key;   /* objects: index of its first key on the key stack */
	size_t line, column;
} frame;

struct tl_json_doc {
	chunk *chunks; /* current chunk first */
	tl_json *vals;
	size_t n_vals, cap_vals;
	key_ref *keys;
	size_t n_keys, cap_keys;
	frame *frames;
	size_t n_frames, cap_frames;
};

tl_json_doc *tl_json_doc_new(void)
{
	return calloc(1, sizeof(tl_json_doc));
}

static void free_chunks(chunk *c)
{
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
}

void tl_json_doc_free(tl_json_doc *doc)
{
	if (!doc)
		return;
	free_chunks(doc->chunks);
	free(doc->vals);
	free(doc->keys);
	free(doc->frames);
	free(doc);
}

/* Empties the arena, keeping one chunk as large as all of them were. */
static void arena_reset(tl_json_doc *doc)
{
	chunk *c = doc->chunks;
	if (c && c->next) {
		size_t total = 0;
		for (chunk *k = c; k; k = k->next)
			total += k->cap;
		free_chunks(c);
		doc->chunks = NULL;
		c = malloc(sizeof(chunk) + total);
		if (c) {
			c->next = NULL;
			c->cap = total;
			doc->chunks = c;
		}
	}
	if (c)
		c->used = 0;
	doc->n_vals = doc->n_keys = doc->n_frames = 0;
}

static void *arena_alloc(tl_json_doc *doc, size_t size)
{
	const size_t align = alignof(max_align_t);
	if (size > SIZE_MAX / 2)
		return NULL;
	size = (size + align - 1) & ~(align - 1);
	chunk *c = doc->chunks;
	if (!c || c->cap - c->used < size) {
		size_t cap = c ? c->cap * 2 : 4096;
		if (cap < size)
			cap = size;
		chunk *n = malloc(sizeof(chunk) + cap);
		if (!n)
			return NULL;
		n->next = c;
		n->cap = cap;
		n->used = 0;
		doc->chunks = c = n;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

/* ## Parser state and messages */

typedef struct parser {
	tl_json_doc *doc;
	const unsigned char *text;
	size_t len;
	size_t pos;
	const char *name;
	size_t first_line;
	size_t max_depth;
	/* line of pos, and UTF-8 continuation bytes met on it since line_start
	 * (only strings hold any), so the column in characters is O(1) */
	size_t line, line_start, line_cont;
	tl_error *err;
} parser;

/* Reports a syntax error at byte offset at; line/column are recomputed from the start. */
static int fail_at(parser *p, size_t at, const char *what)
{
	size_t line = p->first_line, col = 1;
	for (size_t i = 0; i < at && i < p->len; i++) {
		if (p->text[i] == '\n') {
			line++;
			col = 1;
		} else if ((p->text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	char found[32];
	if (at >= p->len)
		snprintf(found, sizeof found, "end of input");
	else if (p->text[at] >= 0x21 && p->text[at] < 0x7f)
		snprintf(found, sizeof found, "'%c'", p->text[at]);
	else
		snprintf(found, sizeof found, "byte 0x%02x", p->text[at]);
	return tl_error_set(p->err, TL_EINPUT, "%s:%zu:%zu: %s (found %s)", p->name, line, col,
			    what, found);
}

static int fail_nomem(parser *p)
{
	return tl_error_set(p->err, TL_ENOMEM, "%s: out of memory while reading JSON", p->name);
}

static void skip_ws(parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->text[p->pos];
		if (c == '\n') {
			p->line++;
			p->line_start = p->pos + 1;
			p->line_cont = 0;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		p->pos++;
	}
}

/* Line and column (characters) of p->pos. */
static void here(parser *p, size_t *line, size_t *column)
{
	*line = p->line;
	*column = p->pos - p->line_start - p->line_cont + 1;
}

/* ## Scalars */

static int hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t put_utf8(unsigned char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Parses the string starting at the '"' at p->pos into the arena. One scan
 * finds the closing quote; plain ASCII strings (the common case) are then
 * copied as they are, others are validated and decoded byte by byte. */
static int parse_string(parser *p, const char **out, size_t *out_len)
{
	size_t start = p->pos + 1, end = start;
	bool plain = true;
	while (end < p->len) {
		end += tl_json_plain_run((const char *)p->text + end, p->len - end);
		if (end >= p->len)
			break;
		unsigned char c = p->text[end];
		if (c == '"')
			break;
		if (c == '\\' || c < 0x20 || c >= 0x80) {
			plain = false;
			if (c == '\\')
				end++;
		}
		end++;
	}
	if (end >= p->len)
		return fail_at(p, p->pos, "string is not closed; add the closing '\"'");
	unsigned char *o = arena_alloc(p->doc, end - start + 1);
	if (!o)
		return fail_nomem(p);
	size_t n = 0, i = start;
	if (plain) {
		memcpy(o, p->text + start, end - start);
		n = end - start;
		i = end;
	}
	while (i < end) {
		size_t run = tl_json_plain_run((const char *)p->text + i, end - i);
		memcpy(o + n, p->text + i, run);
		n += run;
		i += run;
		if (i >= end)
			break;
		unsigned char c = p->text[i];
		if (c >= 0x20 && c < 0x80 && c != '\\') {
			o[n++] = c;
			i++;
		} else if (c < 0x20) {
			return fail_at(p, i, "control character in a string; escape it as \\uXXXX");
		} else if (c >= 0x80) {
			size_t k = tl_utf8_sequence(p->text + i, end - i);
			if (!k)
				return fail_at(p, i, "invalid UTF-8 in a string");
			memcpy(o + n, p->text + i, k);
			n += k;
			i += k;
			p->line_cont += k - 1;
		} else {
			unsigned char e = p->text[i + 1];
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			const char *f = e ? strchr(from, e) : NULL;
			if (f) {
				o[n++] = (unsigned char)to[f - from];
				i += 2;
				continue;
			}
			unsigned cp, lo;
			if (e != 'u')
				return fail_at(p, i, "unknown escape in a string; use "
					       "\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
			if (end - i < 6 || hex4(p->text + i + 2, &cp) != 0)
				return fail_at(p, i, "\\u must be followed by four hex digits");
			i += 6;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail_at(p, i - 6, "lone low surrogate in a \\u escape");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (end - i < 6 || p->text[i] != '\\' || p->text[i + 1] != 'u' ||
				    hex4(p->text + i + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
					return fail_at(p, i - 6, "high surrogate not followed by a "
						       "\\uDC00-\\uDFFF low surrogate");
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
			n += put_utf8(o + n, cp);
		}
	}
	o[n] = '\0';
	*out = (const char *)o;
	*out_len = n;
	p->pos = end + 1;
	return TL_OK;
}

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * Converts a number that already matched the JSON grammar, without strtod
 * (which follows the locale). Up to 15 significant digits and |exponent| <= 22
 * the result is correctly rounded (Clinger's fast path); beyond that long
 * double arithmetic is close enough for our data (confidences, offsets).
 */
double tl_json_number_value(const char *s, size_t n)
{
	bool neg = s[0] == '-', frac = false;
	uint64_t mant = 0;
	long double all = 0;
	int digits = 0;
	long exp10 = 0;
	size_t i = neg;
	for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
		if (s[i] == '.') {
			frac = true;
			continue;
		}
		int d = s[i] - '0';
		if (digits || d)
			digits++;
		if (digits <= 19)
			mant = mant * 10 + (uint64_t)d;
		all = all * 10 + d;
		if (frac)
			exp10--;
	}
	if (i < n) {
		bool eneg = s[++i] == '-';
		long e = 0;
		if (s[i] == '-' || s[i] == '+')
			i++;
		for (; i < n; i++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		exp10 += eneg ? -e : e;
	}
	double v;
	if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
		v = exp10 < 0 ? (double)mant / pow10_exact[-exp10]
			      : (double)mant * pow10_exact[exp10];
	} else if (all == 0 || exp10 < -400) {
		v = 0;
	} else if (exp10 > 400) {
		v = HUGE_VAL;
	} else {
		for (; exp10 > 0; exp10--)
			all *= 10;
		for (; exp10 < 0; exp10++)
			all /= 10;
		v = (double)all;
	}
	return neg ? -v : v;
}

static int parse_number(parser *p, tl_json *v)
{
	const unsigned char *s = p->text;
	size_t i = p->pos, n = p->len;
	if (s[i] == '-')
		i++;
	if (i < n && s[i] == '0') {
		i++;
		if (i < n && s[i] >= '0' && s[i] <= '9')
			return fail_at(p, i, "numbers must not have leading zeros");
	} else if (i < n && s[i] >= '1' && s[i] <= '9') {
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	} else {
		return fail_at(p, i, "expected a digit in a number");
	}
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return fail_at(p, i, "expected a digit after the decimal point");
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return fail_at(p, i, "expected a digit in the exponent");
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	size_t len = i - p->pos;
	char *text = arena_alloc(p->doc, len + 1);
	if (!text)
		return fail_nomem(p);
	memcpy(text, s + p->pos, len);
	text[len] = '\0';
	v->type = TL_JSON_NUMBER;
	v->u.str = text;
	v->len = len;
	v->number = tl_json_number_value(text, len);
	p->pos = i;
	return TL_OK;
}

static int parse_literal(parser *p, tl_json *v)
{
	static const struct {
		const char *word;
		tl_json_type type;
	} words[] = {{"true", TL_JSON_TRUE}, {"false", TL_JSON_FALSE}, {"null", TL_JSON_NULL}};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t n = strlen(words[k].word);
		if (p->len - p->pos >= n && memcmp(p->text + p->pos, words[k].word, n) == 0) {
			size_t after = p->pos + n;
			if (after < p->len && ((p->text[after] >= 'a' && p->text[after] <= 'z') ||
					       (p->text[after] >= '0' && p->text[after] <= '9')))
				break;
			v->type = words[k].type;
			p->pos = after;
			return TL_OK;
		}
	}
	return fail_at(p, p->pos, "expected a value: an object, array, string, number, true, "
		       "false or null");
}

/* ## Containers */

static int push_val(parser *p, const tl_json *v)
{
	tl_json_doc *d = p->doc;
	void *vals = tl_array_grow(d->vals, &d->cap_vals, d->n_vals, 16, sizeof *d->vals);
	if (!vals)
		return fail_nomem(p);
	d->vals = vals;
	d->vals[d->n_vals++] = *v;
	return TL_OK;
}

static int cmp_key_ref(const void *a, const void *b)
{
	const key_ref *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

static int duplicate_key(parser *p, const key_ref *k, const frame *f)
{
	return tl_error_set(p->err, TL_EINPUT, "%s:%zu:%zu: the object starting here has the key "
			    "\"%.64s\" twice; keep one", p->name, f->line, f->column, k->key);
}

/* Rejects duplicate keys: pairwise on hashes for small objects, by sorting for
 * large ones, so hostile objects stay O(n log n). */
static int check_duplicates(parser *p, const key_ref *keys, size_t n, const frame *f)
{
	if (n < 2)
		return TL_OK;
	if (n <= 32) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; j < i; j++)
				if (keys[i].hash == keys[j].hash &&
				    cmp_key_ref(&keys[i], &keys[j]) == 0)
					return duplicate_key(p, &keys[i], f);
		return TL_OK;
	}
	key_ref *sorted = malloc(n * sizeof *sorted);
	if (!sorted)
		return fail_nomem(p);
	memcpy(sorted, keys, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_key_ref);
	int rc = TL_OK;
	for (size_t i = 1; i < n && rc == TL_OK; i++)
		if (cmp_key_ref(&sorted[i - 1], &sorted[i]) == 0)
			rc = duplicate_key(p, &sorted[i], f);
	free(sorted);
	return rc;
}

/* Closes the innermost container: moves its items from the stack into the arena. */
static int close_frame(parser *p, tl_json *v)
{
	tl_json_doc *d = p->doc;
	frame f = d->frames[--d->n_frames];
	size_t n = d->n_vals - f.first_val;
	memset(v, 0, sizeof *v);
	v->type = f.type;
	v->len = n;
	v->line = f.line;
	v->column = f.column;
	if (f.type == TL_JSON_ARRAY) {
		tl_json *items = NULL;
		if (n) {
			items = arena_alloc(d, n * sizeof *items);
			if (!items)
				return fail_nomem(p);
			memcpy(items, d->vals + f.first_val, n * sizeof *items);
		}
		v->u.items = items;
	} else {
		const key_ref *keys = d->keys + f.first_key;
		int rc = check_duplicates(p, keys, n, &f);
		if (rc != TL_OK)
			return rc;
		tl_json_member *m = NULL;
		if (n) {
			m = arena_alloc(d, n * sizeof *m);
			if (!m)
				return fail_nomem(p);
			for (size_t i = 0; i < n; i++) {
				m[i].key = keys[i].key;
				m[i].key_len = keys[i].len;
				m[i].value = d->vals[f.first_val + i];
			}
		}
		v->u.members = m;
		d->n_keys = f.first_key;
	}
	d->n_vals = f.first_val;
	return TL_OK;
}

static int open_frame(parser *p, tl_json_type type)
{
	tl_json_doc *d = p->doc;
	if (d->n_frames >= p->max_depth)
		return fail_at(p, p->pos, "nesting is too deep");
	void *frames = tl_array_grow(d->frames, &d->cap_frames, d->n_frames, 16, sizeof *d->frames);
	if (!frames)
		return fail_nomem(p);
	d->frames = frames;
	frame *f = &d->frames[d->n_frames++];
	f->type = type;
	f->first_val = d->n_vals;
	f->first_key = d->n_keys;
	here(p, &f->line, &f->column);
	p->pos++;
	return TL_OK;
}

/* Parses "key" : and pushes the key; leaves pos at the value. */
static int parse_key(parser *p)
{
	skip_ws(p);
	if (p->pos >= p->len || p->text[p->pos] != '"')
		return fail_at(p, p->pos, "expected an object key in double quotes");
	key_ref k;
	int rc = parse_string(p, &k.key, &k.len);
	if (rc != TL_OK)
		return rc;
	k.hash = 2166136261u;
	for (size_t i = 0; i < k.len; i++)
		k.hash = (k.hash ^ (unsigned char)k.key[i]) * 16777619u;
	tl_json_doc *d = p->doc;
	void *keys = tl_array_grow(d->keys, &d->cap_keys, d->n_keys, 16, sizeof *d->keys);
	if (!keys)
		return fail_nomem(p);
	d->keys = keys;
	d->keys[d->n_keys++] = k;
	skip_ws(p);
	if (p->pos >= p->len || p->text[p->pos] != ':')
		return fail_at(p, p->pos, "expected ':' after an object key");
	p->pos++;
	return TL_OK;
}

/*
 * After a complete value: decides what the enclosing container expects next.
 * Returns 1 when a new value must be parsed, 0 when the document is complete,
 * or a negative code.
 */
static int after_value(parser *p, tl_json *v)
{
	for (;;) {
		int rc = push_val(p, v);
		if (rc != TL_OK)
			return rc;
		tl_json_doc *d = p->doc;
		if (d->n_frames == 0)
			return 0;
		frame *f = &d->frames[d->n_frames - 1];
		char close = f->type == TL_JSON_ARRAY ? ']' : '}';
		skip_ws(p);
		if (p->pos < p->len && p->text[p->pos] == ',') {
			p->pos++;
			if (f->type == TL_JSON_OBJECT && (rc = parse_key(p)) != TL_OK)
				return rc;
			return 1;
		}
		if (p->pos >= p->len || p->text[p->pos] != close)
			return fail_at(p, p->pos, f->type == TL_JSON_ARRAY
					   ? "expected ',' or ']' after an array item"
					   : "expected ',' or '}' after an object member");
		p->pos++;
		rc = close_frame(p, v);
		if (rc != TL_OK)
			return rc;
	}
}

static int parse_document(parser *p)
{
	tl_json v;
	for (;;) {
		skip_ws(p);
		memset(&v, 0, sizeof v);
		here(p, &v.line, &v.column);
		if (p->pos >= p->len)
			return fail_at(p, p->pos, "expected a value");
		unsigned char c = p->text[p->pos];
		int rc;
		if (c == '{' || c == '[') {
			tl_json_type type = c == '{' ? TL_JSON_OBJECT : TL_JSON_ARRAY;
			if ((rc = open_frame(p, type)) != TL_OK)
				return rc;
			skip_ws(p);
			if (p->pos < p->len && p->text[p->pos] == (c == '{' ? '}' : ']')) {
				p->pos++;
				if ((rc = close_frame(p, &v)) != TL_OK)
					return rc;
			} else {
				if (type == TL_JSON_OBJECT && (rc = parse_key(p)) != TL_OK)
					return rc;
				continue;
			}
		} else if (c == '"') {
			v.type = TL_JSON_STRING;
			if ((rc = parse_string(p, &v.u.str, &v.len)) != TL_OK)
				return rc;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			if ((rc = parse_number(p, &v)) != TL_OK)
				return rc;
		} else if (c == ']' || c == '}') {
			return fail_at(p, p->pos, "expected a value (a trailing comma?)");
		} else if ((rc = parse_literal(p, &v)) != TL_OK) {
			return rc;
		}
		rc = after_value(p, &v);
		if (rc <= 0)
			return rc;
	}
}

int tl_json_parse(tl_json_doc *doc, const char *text, size_t len, const char *name,
		  size_t first_line, size_t max_depth, const tl_json **root, tl_error *err)
{
	arena_reset(doc);
	parser p = {.doc = doc, .text = (const unsigned char *)text, .len = len,
		    .name = name ? name : "<json>", .first_line = first_line ? first_line : 1,
		    .max_depth = max_depth ? max_depth : TL_JSON_DEFAULT_DEPTH, .err = err};
	p.line = p.first_line;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		return fail_at(&p, 0, "byte order mark at the start; save the file as UTF-8 "
			       "without BOM");
	int rc = parse_document(&p);
	if (rc != TL_OK)
		return rc;
	skip_ws(&p);
	if (p.pos < p.len)
		return fail_at(&p, p.pos, "unexpected text after the JSON value");
	*root = &doc->vals[0];
	return TL_OK;
}

const tl_json *tl_json_get(const tl_json *obj, const char *key)
{
	if (!obj || obj->type != TL_JSON_OBJECT)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < obj->len; i++) {
		const tl_json_member *m = &obj->u.members[i];
		if (m->key_len == n && memcmp(m->key, key, n) == 0)
			return &m->value;
	}
	return NULL;
}

bool tl_json_size(const tl_json *v, size_t *out)
{
	if (!v || v->type != TL_JSON_NUMBER || v->u.str[0] == '-')
		return false;
	size_t r = 0;
	for (size_t i = 0; i < v->len; i++) {
		char c = v->u.str[i];
		if (c < '0' || c > '9')
			return false;
		if (r > (SIZE_MAX - (size_t)(c - '0')) / 10)
			return false;
		r = r * 10 + (size_t)(c - '0');
	}
	*out = r;
	return true;
}

bool tl_json_is_text(const tl_json *v)
{
	return v && v->type == TL_JSON_STRING && strlen(v->u.str) == v->len;
}
