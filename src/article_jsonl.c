/*
 * article_jsonl.c - reads articles from JSON Lines, one article per line:
 * {"id", "date", "text", "source"?, "url"?, "title"?}. This is the input of
 * the map step (`timeline extract`) over huge corpora: the reader streams, so
 * memory holds one line and one article at a time whatever the corpus size.
 * The usual record (a flat object of string or null members) is decoded by a
 * fast scanner of its own; any other line, and every line that is not a
 * valid article, goes through the strict JSON reader (json_read.c), which
 * also words every error, so both paths accept and reject the same lines. A
 * tl_article_reader owns its FILE (unless it is stdin), its line buffer, the
 * buffer of decoded strings and its JSON document; each article it returns
 * belongs to the caller.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "buf.h"
#include "error.h"
#include "json_read.h"

struct tl_article_reader {
	FILE *file;
	char *name;      /* the path, for messages */
	char *line;      /* getline buffer */
	size_t line_cap;
	size_t line_no;
	tl_json_doc *doc;
	tl_buf strings;  /* the fast path's decoded strings, each NUL-terminated */
	bool infer_date;
};

TL_EXPORT tl_article_reader *tl_article_reader_open(const char *path, bool infer_date,
						    tl_error *err)
{
	tl_article_reader *r = calloc(1, sizeof *r);
	if (!r) {
		tl_error_nomem(err);
		return NULL;
	}
	r->infer_date = infer_date;
	bool is_stdin = strcmp(path, "-") == 0;
	r->name = strdup(is_stdin ? "standard input" : path);
	r->doc = tl_json_doc_new();
	if (!r->name || !r->doc) {
		tl_error_nomem(err);
		goto fail;
	}
	r->file = is_stdin ? stdin : fopen(path, "rb");
	if (!r->file) {
		tl_error_set(err, TL_EIO, "%s: cannot open: %s", path, strerror(errno));
		goto fail;
	}
	return r;
fail:
	tl_article_reader_free(r);
	return NULL;
}

TL_EXPORT void tl_article_reader_free(tl_article_reader *r)
{
	if (!r)
		return;
	if (r->file && r->file != stdin)
		fclose(r->file);
	free(r->name);
	free(r->line);
	tl_buf_free(&r->strings);
	tl_json_doc_free(r->doc);
	free(r);
}

/* The string member key of obj, or NULL when absent; *bad set when not a string. */
static const char *text_member(const tl_json *obj, const char *key, bool *bad)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v || v->type == TL_JSON_NULL)
		return NULL;
	if (!tl_json_is_text(v)) {
		*bad = true;
		return NULL;
	}
	return v->u.str;
}

/* The members of one record an article is made of (NULL when absent or null). */
typedef struct record {
	const char *id, *date, *title, *source, *url;
	const char *text;
	size_t text_len;
} record;

/* Builds the article of a usable record; NULL with err set when it cannot be built. */
static tl_article *article_from(tl_article_reader *r, const record *rec, tl_error *err)
{
	tl_article_meta meta = {
		.date = rec->date,
		.date_source = TL_DATE_MANIFEST,
		.title = rec->title,
		.source = rec->source,
		.url = rec->url,
		.infer_date = r->infer_date,
	};
	tl_error inner = {0};
	tl_article *a = tl_article_from_bytes(rec->text, rec->text_len, NULL, rec->id, &meta,
					      &inner);
	if (!a)
		tl_error_set(err, inner.code, "%s:%zu: article \"%s\": %s", r->name, r->line_no,
			     rec->id, inner.message);
	return a;
}

/* Builds the article of one parsed line; NULL with err set when the record is unusable. */
static tl_article *article_of(tl_article_reader *r, const tl_json *root, tl_error *err)
{
	if (root->type != TL_JSON_OBJECT) {
		tl_error_set(err, TL_EINPUT, "%s:%zu: expected one JSON object per line", r->name,
			     r->line_no);
		return NULL;
	}
	bool bad = false;
	const tl_json *text = tl_json_get(root, "text");
	record rec = {
		.id = text_member(root, "id", &bad),
		.date = text_member(root, "date", &bad),
		.title = text_member(root, "title", &bad),
		.source = text_member(root, "source", &bad),
		.url = text_member(root, "url", &bad),
	};
	if (bad || !rec.id || !*rec.id || !text || text->type != TL_JSON_STRING) {
		tl_error_set(err, TL_EINPUT,
			     "%s:%zu: an article needs \"id\" and \"text\" strings (and \"date\" "
			     "YYYY-MM-DD; \"source\", \"url\", \"title\" are optional strings)",
			     r->name, r->line_no);
		return NULL;
	}
	rec.text = text->u.str;
	rec.text_len = text->len;
	return article_from(r, &rec, err);
}

/* ## Fast path: a flat object of string and null members */

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each of the eight bytes of x that is '"', '\\', a control byte or
 * >= 0x80, and maybe of some bytes after the first such (SWAR: a borrow runs only
 * from a byte that stops towards the later ones). Zero when none stops. */
static uint64_t word_stops(uint64_t x)
{
	uint64_t quote = x ^ (ONES * '"'), backslash = x ^ (ONES * '\\');
	uint64_t low = (x - ONES * 0x20) & ~x;
	uint64_t hits = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash);
	return (low | hits | x) & HIGHS;
}

/* The index of the first byte at or after p in s[0..n) that ends a run of plain
 * string bytes ('"', '\\', a control byte or >= 0x80), or n: sixteen bytes at a time
 * with SSE2 (a signed compare below 0x20 also catches the bytes >= 0x80), then eight. */
static size_t plain_end(const char *s, size_t n, size_t p)
{
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
		      space = _mm_set1_epi8(0x20);
	for (; p + 16 <= n; p += 16) {
		__m128i v = _mm_loadu_si128((const void *)(s + p));
		__m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
							 _mm_cmpeq_epi8(v, backslash)),
					    _mm_cmplt_epi8(v, space));
		unsigned m = (unsigned)_mm_movemask_epi8(stop);
		if (m)
			return p + (size_t)__builtin_ctz(m);
	}
#endif
	for (uint64_t x; p + 8 <= n; p += 8) {
		memcpy(&x, s + p, 8);
		uint64_t stops = word_stops(x);
		if (stops) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return p + (size_t)__builtin_ctzll(stops) / 8; /* the first stop */
#else
			break;
#endif
		}
	}
	while (p < n && (unsigned char)s[p] >= 0x20 && (unsigned char)s[p] < 0x80 && s[p] != '"' &&
	       s[p] != '\\')
		p++;
	return p;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code unit of the \uXXXX escape at s[i] (i at the backslash), or -1. */
static long hex_escape(const char *s, size_t n, size_t i)
{
	if (n - i < 6 || s[i] != '\\' || s[i + 1] != 'u')
		return -1;
	long v = 0;
	for (size_t k = 2; k < 6; k++) {
		int d = hex_digit((unsigned char)s[i + k]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static size_t put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Decodes the string whose opening quote is at s[*i] onto out, NUL-terminated,
 * and moves *i past its closing quote. False for anything the strict reader
 * would reject or that the fast path leaves to it (\u0000): control bytes,
 * invalid UTF-8, unknown escapes, lone surrogates, no closing quote. Decoding
 * never makes a string longer (an escape is at least as long as what it
 * stands for), so the room for the rest of the line is made once and the
 * bytes are written straight into it: no tl_buf call per run or escape.
 */
static bool decode_string(const char *s, size_t n, size_t *i, tl_buf *out)
{
	static const char unescape[0x80] = {['"'] = '"', ['\\'] = '\\', ['/'] = '/',
					    ['b'] = '\b', ['f'] = '\f', ['n'] = '\n',
					    ['r'] = '\r', ['t'] = '\t'};
	size_t p = *i + 1;
	if (p > n || tl_buf_grow(out, n - p + 1) != TL_OK)
		return false;
	char *o = out->data + out->len;
	bool ok = false;
	for (;;) {
		size_t run = plain_end(s, n, p);
		memcpy(o, s + p, run - p);
		o += run - p;
		p = run;
		if (p >= n)
			break;
		unsigned char c = (unsigned char)s[p];
		if (c == '"') {
			*o++ = '\0';
			*i = p + 1;
			ok = true;
			break;
		}
		if (c < 0x20)
			break;
		if (c >= 0x80) {
			size_t k = tl_utf8_sequence((const unsigned char *)s + p, n - p);
			if (!k)
				break;
			memcpy(o, s + p, k);
			o += k;
			p += k;
			continue;
		}
		/* A backslash. */
		if (p + 1 >= n)
			break;
		unsigned char e = (unsigned char)s[p + 1];
		if (e < 0x80 && unescape[e]) {
			*o++ = unescape[e];
			p += 2;
			continue;
		}
		long cp = hex_escape(s, n, p);
		if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
			break; /* no \uXXXX, a lone low surrogate, or \u0000: left to the
				* strict reader */
		p += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			long lo = hex_escape(s, n, p);
			if (lo < 0xDC00 || lo > 0xDFFF)
				break;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			p += 6;
		}
		o += put_utf8(o, (unsigned long)cp);
	}
	if (ok)
		out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	return ok;
}

#define MAX_MEMBERS 32

/*
 * Reads s[0..n) as a flat JSON object whose members are all strings or null,
 * with plain ASCII keys, no key twice, and makes *rec of it, the strings
 * decoded into r->strings. False for any other line, and for records the
 * strict path must judge (no "id" or "text", an empty "id"): the caller then
 * parses the line with json_read.c.
 */
static bool fast_record(tl_article_reader *r, const char *s, size_t n, record *rec)
{
	static const char *const names[] = {"id", "date", "title", "source", "url", "text"};
	static const size_t name_len[] = {2, 4, 5, 6, 3, 4};
	enum { N_NAMES = sizeof names / sizeof names[0] };
	size_t off[N_NAMES], len[N_NAMES];
	bool have[N_NAMES] = {false};
	size_t key_at[MAX_MEMBERS], key_len[MAX_MEMBERS], n_keys = 0;
	tl_buf_reset(&r->strings);
	size_t i = skip_ws(s, n, 0);
	if (i >= n || s[i] != '{')
		return false;
	i = skip_ws(s, n, i + 1);
	for (;;) {
		if (i >= n || s[i] != '"' || n_keys == MAX_MEMBERS)
			return false;
		size_t ks = ++i;
		while (i < n && s[i] != '"' && s[i] != '\\' && (unsigned char)s[i] >= 0x20 &&
		       (unsigned char)s[i] < 0x80)
			i++;
		if (i >= n || s[i] != '"')
			return false;
		size_t kl = i - ks;
		for (size_t k = 0; k < n_keys; k++)
			if (key_len[k] == kl && memcmp(s + key_at[k], s + ks, kl) == 0)
				return false; /* a duplicate key: the strict reader says so */
		key_at[n_keys] = ks;
		key_len[n_keys++] = kl;
		int which = -1;
		for (int k = 0; k < N_NAMES; k++)
			if (name_len[k] == kl && memcmp(names[k], s + ks, kl) == 0)
				which = k;
		i = skip_ws(s, n, i + 1);
		if (i >= n || s[i] != ':')
			return false;
		i = skip_ws(s, n, i + 1);
		if (i < n && s[i] == '"') {
			size_t start = r->strings.len;
			if (!decode_string(s, n, &i, &r->strings))
				return false;
			if (which >= 0) {
				have[which] = true;
				off[which] = start;
				len[which] = r->strings.len - 1 - start;
			}
		} else if (n - i >= 4 && memcmp(s + i, "null", 4) == 0) {
			i += 4; /* a null member counts as absent */
		} else {
			return false;
		}
		i = skip_ws(s, n, i);
		if (i < n && s[i] == ',') {
			i = skip_ws(s, n, i + 1);
			continue;
		}
		if (i < n && s[i] == '}')
			break;
		return false;
	}
	if (skip_ws(s, n, i + 1) != n || !have[0] || len[0] == 0 || !have[5])
		return false;
	const char *base = r->strings.data;
	const char **dst[] = {&rec->id, &rec->date, &rec->title, &rec->source, &rec->url,
			      &rec->text};
	for (int k = 0; k < N_NAMES; k++)
		*dst[k] = have[k] ? base + off[k] : NULL;
	rec->text_len = len[5];
	return true;
}

TL_EXPORT int tl_article_reader_next(tl_article_reader *r, tl_article **out, tl_error *err)
{
	*out = NULL;
	for (;;) {
		errno = 0;
		ssize_t n = getline(&r->line, &r->line_cap, r->file);
		if (n < 0) {
			if (ferror(r->file))
				return tl_error_set(err, TL_EIO, "%s: read error: %s", r->name,
						    strerror(errno ? errno : EIO));
			return 0;
		}
		r->line_no++;
		size_t len = (size_t)n;
		while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r' ||
			       r->line[len - 1] == ' ' || r->line[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		record rec;
		if (fast_record(r, r->line, len, &rec)) {
			*out = article_from(r, &rec, err);
			return *out ? 1 : (err ? err->code : TL_EINPUT);
		}
		const tl_json *root = NULL;
		int rc = tl_json_parse(r->doc, r->line, len, r->name, r->line_no, 0, &root, err);
		if (rc != TL_OK)
			return rc;
		*out = article_of(r, root, err);
		return *out ? 1 : (err ? err->code : TL_EINPUT);
	}
}
