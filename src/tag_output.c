/*
 * tag_output.c - writes an article's timexes as JSON Lines (the shape
 * ../shared/tools/timex_score.py reads, with byte offsets) or as TimeML with
 * inline TIMEX3 tags. Builds each document in a tl_buf and writes it with one
 * fwrite, so a failed write is detected in one place; JSON Lines are formatted
 * in place without printf (strings through buf.c's one JSON escaper, numbers
 * two digits at a time, the text that is the same on every line of an article
 * made once and copied in fixed 16-byte moves, the buffer sized once per
 * article). Owns nothing beyond the call.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "article.h"
#include "buf.h"
#include "error.h"

static int write_bytes(FILE *out, const char *data, size_t len, const char *name,
		       tl_error *err)
{
	if (len && fwrite(data, 1, len, out) != len)
		return tl_error_set(err, TL_EIO, "%s: write error while writing its tags",
				    name);
	return TL_OK;
}

/* The number of decimal digits of v (1 for 0). */
static size_t decimal_digits(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
	/* from the bit length: log10(2) ~ 1233 / 4096 gives the digits or one more */
	static const uint64_t pow10[20] = {
		UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000),
		UINT64_C(100000), UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000),
		UINT64_C(1000000000), UINT64_C(10000000000), UINT64_C(100000000000),
		UINT64_C(1000000000000), UINT64_C(10000000000000), UINT64_C(100000000000000),
		UINT64_C(1000000000000000), UINT64_C(10000000000000000),
		UINT64_C(100000000000000000), UINT64_C(1000000000000000000),
		UINT64_C(10000000000000000000),
	};
	size_t bits = 64 - (size_t)__builtin_clzll(v | 1);
	size_t t = bits * 1233 >> 12;
	return t + ((v | 1) >= pow10[t]); /* v | 1: 0 has one digit */
#else
	size_t n = 1;
	for (uint64_t p10 = 10; n < 20 && v >= p10; p10 *= 10)
		n++;
	return n;
#endif
}

static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
				  "25262728293031323334353637383940414243444546474849"
				  "50515253545556575859606162636465666768697071727374"
				  "75767778798081828384858687888990919293949596979899";

/* put_size() for any v: two digits per division, in 32-bit arithmetic while v fits
 * (offsets below 1 GiB always do). */
static size_t put_size_long(char *d, size_t v)
{
	size_t n = decimal_digits(v);
	char *p = d + n;
	while (v > UINT32_MAX) {
		size_t r = v % 100;
		v /= 100;
		*--p = digit_pairs[2 * r + 1];
		*--p = digit_pairs[2 * r];
	}
	uint32_t u = (uint32_t)v;
	while (u >= 100) {
		uint32_t r = u % 100;
		u /= 100;
		p -= 2;
		memcpy(p, digit_pairs + 2 * r, 2);
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	return n;
}

/* Writes v in decimal at d and returns the digits written (at most 20). Offsets in an
 * article of under 10 kB take the inline branch: no loop, no digit count, no call. */
static inline size_t put_size(char *d, size_t v)
{
	if (v >= 10000)
		return put_size_long(d, v);
	uint32_t u = (uint32_t)v;
	if (u < 10) {
		d[0] = (char)('0' + u);
		return 1;
	}
	if (u < 100) {
		memcpy(d, digit_pairs + 2 * u, 2);
		return 2;
	}
	uint32_t hi = u / 100, lo = u % 100;
	if (hi < 10) {
		d[0] = (char)('0' + hi);
		memcpy(d + 1, digit_pairs + 2 * lo, 2);
		return 3;
	}
	memcpy(d, digit_pairs + 2 * hi, 2);
	memcpy(d + 2, digit_pairs + 2 * lo, 2);
	return 4;
}

/* Pieces are copied with fixed-size moves, not memcpy() calls: the first PIECE_SLACK
 * bytes at once, then 16 at a time. The copy reads and writes up to PIECE_SLACK - 1
 * bytes past the piece: its buffer holds them, the line's reserve covers them, and the
 * next piece or the NUL overwrites them. */
#define PIECE_SLACK 32

/*
 * A run of bytes every line of the article writes the same way, kept with room to be
 * copied with put_piece(): the line's head ({"doc":"NAME","start":), and per
 * type and grain the literal text around the name ("," "type":"DATE","value":" and
 * ,"grain":"day"}\n). Made once per article (set is false until then).
 */
typedef struct piece {
	char s[64];
	size_t len;
	bool set;
} piece;

/* Copies p (of len bytes, with PIECE_SLACK readable bytes after them) to d. */
static size_t put_piece(char *d, const char *p, size_t len)
{
	memcpy(d, p, PIECE_SLACK);
	for (size_t k = PIECE_SLACK; k < len; k += 16)
		memcpy(d + k, p + k, 16);
	return len;
}

/* Sets p to a + name + b; false when it would not fit (the caller writes it piece by
 * piece then). */
static bool make_piece(piece *p, const char *a, const char *name, const char *b)
{
	size_t na = strlen(a), nn = strlen(name), nb = strlen(b);
	if (na + nn + nb + PIECE_SLACK > sizeof p->s)
		return false;
	memset(p->s, 0, sizeof p->s);
	memcpy(p->s, a, na);
	memcpy(p->s + na, name, nn);
	memcpy(p->s + na + nn, b, nb);
	p->len = na + nn + nb;
	p->set = true;
	return true;
}

static size_t put_lit(char *d, const char *s, size_t n)
{
	memcpy(d, s, n);
	return n;
}

/* strnlen(v, cap) for cap >= 8, eight bytes at a time on little-endian machines (a
 * TIMEX3 value is short: usually one or two words are looked at). */
static size_t field_length(const char *v, size_t cap)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	size_t i = 0;
	for (; i + 8 <= cap; i += 8) {
		uint64_t x;
		memcpy(&x, v + i, 8);
		/* the lowest flagged byte is the first zero (borrows only flag bytes above it) */
		uint64_t zero = (x - ones) & ~x & highs;
		if (zero)
			return i + (size_t)__builtin_ctzll(zero) / 8;
	}
	return i + strnlen(v + i, cap - i);
#else
	return strnlen(v, cap);
#endif
}

/* ,"key":"val" for a non-empty NUL-terminated field of at most cap bytes (not escaped,
 * as the field holds only TIMEX3 attribute letters and digits). */
static size_t put_field(char *d, const char *key, size_t key_len, const char *val, size_t cap)
{
	if (!val[0])
		return 0; /* the usual case: the attribute is not set */
	size_t n = strnlen(val, cap);
	size_t at = put_lit(d, key, key_len);
	at += put_lit(d + at, val, n);
	d[at++] = '"';
	return at;
}

#define LIT_ARGS(s) s, sizeof s - 1

#define N_TYPES (TL_TIMEX_SET + 1)
#define N_GRAINS (TL_GRAIN_TIME + 1)

#define TYPE_OPEN "\",\"type\":\""
#define TYPE_CLOSE "\",\"value\":\""
#define GRAIN_OPEN ",\"grain\":\""
#define GRAIN_CLOSE "\"}\n"

/* The cached piece for type ("," "type":"NAME","value":"), made on first use, or NULL
 * for a type outside the enum or a name too long for a piece (written slowly). */
static const piece *type_piece(piece cache[N_TYPES], tl_timex_type type)
{
	if ((unsigned)type >= N_TYPES)
		return NULL;
	piece *p = &cache[type];
	if (p->set || make_piece(p, TYPE_OPEN, tl_timex_type_name(type), TYPE_CLOSE))
		return p;
	return NULL;
}

/* The cached end of a line for grain: ,"grain":"NAME"}\n, or }\n for TL_GRAIN_NONE or
 * an empty name; NULL as for type_piece(). */
static const piece *grain_piece(piece cache[N_GRAINS], tl_grain grain)
{
	if ((unsigned)grain >= N_GRAINS)
		return NULL;
	piece *p = &cache[grain];
	if (p->set)
		return p;
	const char *name = grain == TL_GRAIN_NONE ? "" : tl_grain_name(grain);
	if (!name[0] ? make_piece(p, "", "", "}\n") : make_piece(p, GRAIN_OPEN, name, GRAIN_CLOSE))
		return p;
	return NULL;
}

/* The type part of a line without a piece. */
static size_t put_type_slowly(char *d, tl_timex_type type)
{
	const char *name = tl_timex_type_name(type);
	size_t at = put_lit(d, LIT_ARGS(TYPE_OPEN));
	at += put_lit(d + at, name, strlen(name));
	return at + put_lit(d + at, LIT_ARGS(TYPE_CLOSE));
}

/* The end of a line without a piece. */
static size_t put_grain_end_slowly(char *d, tl_grain grain)
{
	const char *name = grain == TL_GRAIN_NONE ? "" : tl_grain_name(grain);
	if (!name[0])
		return put_lit(d, LIT_ARGS("}\n"));
	size_t at = put_lit(d, LIT_ARGS(GRAIN_OPEN));
	at += put_lit(d + at, name, strlen(name));
	return at + put_lit(d + at, LIT_ARGS(GRAIN_CLOSE));
}

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* Writes s[0..n) escaped at d (at most 6 * n bytes). Out of line, so that the SSE2 test
 * of put_json_short() stays small enough to be inlined. */
static NOINLINE size_t put_json(char *d, const char *s, size_t n)
{
	return (size_t)(tl_json_escape_inline(d, s, n, TL_JSON_INVALID_ESCAPED) - d);
}


/* put_json() for a string with avail readable bytes at s: a plain one of at most 16
 * bytes (32) is tested in one SSE2 step (two) when 16 (32) bytes may be read, and
 * stored with one move (two; the bytes past n land in the line's reserve and are
 * overwritten). */
static inline size_t put_json_short(char *d, const char *s, size_t n, size_t avail)
{
#ifdef __SSE2__
	if (n <= 16 && avail >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned want = (1u << n) - 1;
		if (!(tl_json_special16(v) & want)) {
			_mm_storeu_si128((__m128i *)(void *)d, v);
			return n;
		}
	} else if (n <= 32 && avail >= 32) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
		unsigned want = (1u << (n - 16)) - 1;
		if (!tl_json_special16(v) && !(tl_json_special16(w) & want)) {
			_mm_storeu_si128((__m128i *)(void *)d, v);
			_mm_storeu_si128((__m128i *)(void *)(d + 16), w);
			return n;
		}
	}
#else
	(void)avail;
#endif
	return put_json(d, s, n);
}

/* The length of a TIMEX3 value (a NUL-terminated array of TL_VALUE_MAX >= 16 bytes): its
 * first sixteen bytes in one SSE2 step. */
static size_t value_length(const char *v, size_t cap)
{
	_Static_assert(TL_VALUE_MAX >= 16, "value_length() reads 16 bytes of a value");
#ifdef __SSE2__
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)v);
	unsigned zeros = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_setzero_si128()));
	if (zeros)
		return (size_t)__builtin_ctz(zeros);
#endif
	return field_length(v, cap);
}

/* The JSON Lines of one article: in the stack array local while they fit (the lines of
 * a typical article do: no allocation per article), else in a malloc()ed copy that
 * grows by doubling. Not NUL-terminated. */
typedef struct lines {
	char *data; /* local or malloc()ed */
	size_t len, cap;
	char local[16384];
} lines;

/* Makes room for more than need bytes after l->len; TL_OK or TL_ENOMEM. */
static int lines_reserve(lines *l, size_t need)
{
	if (l->cap - l->len > need)
		return TL_OK;
	if (need > SIZE_MAX / 4 - l->len)
		return TL_ENOMEM;
	size_t cap = l->cap;
	while (cap - l->len <= need)
		cap *= 2;
	char *p = l->data == l->local ? malloc(cap) : realloc(l->data, cap);
	if (!p)
		return TL_ENOMEM;
	if (l->data == l->local)
		memcpy(p, l->local, l->len);
	l->data = p;
	l->cap = cap;
	return TL_OK;
}

/*
 * The JSON Lines are formatted straight into the buffer (no printf): the escaped
 * document name and the text around each type and grain name are made once per article
 * (the head in a stack buffer unless the name is long), the buffer is sized for a
 * typical line per timex up front (on the stack unless the article has many), and each
 * line's bound is reserved with one compare and filled in place.
 */
/* The lines of the timexes t[0..n) of the document name, whose text is read from raw,
 * the file's bytes [raw_at, raw_at + raw_len). */
static int write_lines(FILE *out, const char *name, const char *raw, size_t raw_at,
		       size_t raw_len, const tl_timex *timexes, size_t n_timexes, tl_error *err)
{
	if (n_timexes == 0)
		return TL_OK; /* nothing to write */
	lines b;
	b.data = b.local;
	b.len = 0;
	b.cap = sizeof b.local;
	char head_local[256];
	char *head = head_local; /* {"doc":"NAME","start": then PIECE_SLACK zeros */
	size_t name_len = strlen(name), head_len;
	piece types[N_TYPES], grains[N_GRAINS];
	for (size_t i = 0; i < N_TYPES; i++)
		types[i].set = false;
	for (size_t i = 0; i < N_GRAINS; i++)
		grains[i].set = false;
	if (name_len > (SIZE_MAX - 64) / 6)
		return tl_error_nomem(err);
	size_t head_cap = 6 * name_len + sizeof "{\"doc\":\"\",\"start\":" + PIECE_SLACK;
	if (head_cap > sizeof head_local && !(head = malloc(head_cap)))
		return tl_error_nomem(err);
	head_len = put_lit(head, LIT_ARGS("{\"doc\":\""));
	head_len += put_json(head + head_len, name, name_len);
	head_len += put_lit(head + head_len, LIT_ARGS("\",\"start\":"));
	memset(head + head_len, 0, PIECE_SLACK); /* the copy reads past head_len */
	int rc = TL_OK;
	if (n_timexes < SIZE_MAX / 2 / (head_len + 160))
		rc = lines_reserve(&b, n_timexes * (head_len + 160));
	for (size_t i = 0; i < n_timexes && rc == TL_OK; i++) {
		const tl_timex *t = &timexes[i];
		size_t text_len = t->end - t->start;
		size_t value_len = value_length(t->value, sizeof t->value);
		if (text_len > (SIZE_MAX - head_len - 512) / 6) {
			rc = TL_ENOMEM;
			break;
		}
		const piece *type = type_piece(types, t->type);
		const piece *grain = grain_piece(grains, t->grain);
		size_t slow = (type ? 0 : strlen(tl_timex_type_name(t->type))) +
			      (grain ? 0 : strlen(tl_grain_name(t->grain)));
		/* pieces hold under 64 bytes; 200 covers the literals, 64 the over-copies */
		size_t need = head_len + 6 * text_len + 6 * value_len + slow + 2 * 64 +
		              sizeof t->mod + sizeof t->quant + sizeof t->freq + 264;
		if (b.cap - b.len <= need && (rc = lines_reserve(&b, need)) != TL_OK)
			break; /* (sized up front: the call is rarely made) */
		char *d = b.data + b.len;
		size_t at = put_piece(d, head, head_len);
		at += put_size(d + at, t->start);
		at += put_lit(d + at, LIT_ARGS(",\"end\":"));
		at += put_size(d + at, t->end);
		at += put_lit(d + at, LIT_ARGS(",\"text\":\""));
		size_t off = t->start - raw_at;
		at += put_json_short(d + at, raw + off, text_len, off <= raw_len ? raw_len - off : 0);
		at += type ? put_piece(d + at, type->s, type->len)
			   : put_type_slowly(d + at, t->type);
		at += put_json_short(d + at, t->value, value_len, sizeof t->value);
		d[at++] = '"';
		at += put_field(d + at, LIT_ARGS(",\"mod\":\""), t->mod, sizeof t->mod);
		at += put_field(d + at, LIT_ARGS(",\"quant\":\""), t->quant, sizeof t->quant);
		at += put_field(d + at, LIT_ARGS(",\"freq\":\""), t->freq, sizeof t->freq);
		at += grain ? put_piece(d + at, grain->s, grain->len)
			    : put_grain_end_slowly(d + at, t->grain);
		b.len += at;
	}
	if (head != head_local)
		free(head);
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else
		rc = write_bytes(out, b.data, b.len, name, err);
	if (b.data != b.local)
		free(b.data);
	return rc;
}

TL_EXPORT int tl_write_tags_jsonl(FILE *out, const tl_article *a, tl_error *err)
{
	return write_lines(out, a->name, a->raw, 0, a->raw_len, a->timexes, a->n_timexes, err);
}

/* Length of the valid UTF-8 sequence at s[0..n) that XML 1.0 allows as a character
 * (no surrogates, no U+FFFE/U+FFFF, at most U+10FFFF), or 0. */
static size_t xml_char_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return len;
}

/* Escapes markup, and keeps the document well-formed XML whatever the bytes: control
 * characters XML 1.0 forbids (NUL included) become spaces and bytes that are not valid
 * UTF-8 become U+FFFD. The original file's bytes are not changed, only this copy. */
static int escape_xml(tl_buf *b, const char *s, size_t n)
{
	int rc = TL_OK;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n && rc == TL_OK;) {
		switch (s[i]) {
		case '<': rc = tl_buf_puts(b, "&lt;"); break;
		case '>': rc = tl_buf_puts(b, "&gt;"); break;
		case '&': rc = tl_buf_puts(b, "&amp;"); break;
		case '"': rc = tl_buf_puts(b, "&quot;"); break;
		case '\t': case '\n': case '\r': rc = tl_buf_putc(b, s[i]); break;
		default:
			if (u[i] < 0x20) {
				rc = tl_buf_putc(b, ' ');
			} else {
				size_t len = xml_char_len(u + i, n - i);
				if (len == 0) {
					rc = tl_buf_puts(b, "\xEF\xBF\xBD");
				} else {
					rc = tl_buf_append(b, s + i, len);
					i += len;
					continue;
				}
			}
		}
		i++;
	}
	return rc;
}

/* The TimeML document's start: its name and date, up to <TEXT>. */
static int timeml_head(tl_buf *b, const tl_article *a)
{
	int rc = TL_OK;
	rc |= tl_buf_puts(b, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
	rc |= escape_xml(b, a->name, strlen(a->name));
	rc |= tl_buf_printf(b, "</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
			    "value=\"%04d-%02d-%02d\" temporalFunction=\"false\" "
			    "functionInDocument=\"CREATION_TIME\">%04d%02d%02d</TIMEX3></DCT>\n<TEXT>",
			    a->date.year, a->date.month, a->date.day, a->date.year, a->date.month,
			    a->date.day);
	return rc;
}

/* The text of the file's bytes [*pos, upto) with the timexes t[0..n) inside it tagged,
 * numbered from *tid + 1; raw holds the bytes [raw_at, ...). Moves *pos and *tid on. */
static int timeml_text(tl_buf *b, const char *raw, size_t raw_at, size_t *pos, size_t upto,
		       const tl_timex *timexes, size_t n, size_t *tid)
{
	int rc = TL_OK;
	for (size_t i = 0; i < n && rc == TL_OK; i++) {
		const tl_timex *t = &timexes[i];
		rc |= escape_xml(b, raw + (*pos - raw_at), t->start - *pos);
		rc |= tl_buf_printf(b, "<TIMEX3 tid=\"t%zu\" type=\"%s\" value=\"", ++*tid,
				    tl_timex_type_name(t->type));
		rc |= escape_xml(b, t->value, strlen(t->value));
		rc |= tl_buf_putc(b, '"');
		if (t->mod[0])
			rc |= tl_buf_printf(b, " mod=\"%s\"", t->mod);
		if (t->quant[0])
			rc |= tl_buf_printf(b, " quant=\"%s\"", t->quant);
		if (t->freq[0])
			rc |= tl_buf_printf(b, " freq=\"%s\"", t->freq);
		rc |= tl_buf_putc(b, '>');
		rc |= escape_xml(b, raw + (t->start - raw_at), t->end - t->start);
		rc |= tl_buf_puts(b, "</TIMEX3>");
		*pos = t->end;
	}
	rc |= escape_xml(b, raw + (*pos - raw_at), upto - *pos);
	*pos = upto;
	return rc;
}

static const char timeml_tail[] = "</TEXT>\n</TimeML>\n";

TL_EXPORT int tl_write_tags_timeml(FILE *out, const tl_article *a, tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	size_t pos = a->body_start, tid = 0;
	int rc = timeml_head(&b, a);
	rc |= timeml_text(&b, a->raw, 0, &pos, a->raw_len, a->timexes, a->n_timexes, &tid);
	rc |= tl_buf_puts(&b, timeml_tail);
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else
		rc = write_bytes(out, b.data, b.len, a->name, err);
	tl_buf_free(&b);
	return rc;
}

/* ## Written window by window (article_stream.c) */

typedef struct window_out {
	FILE *out;
	const tl_article *a;
	bool timeml;
	size_t pos, tid; /* TimeML: the text written up to pos, the timexes numbered */
} window_out;

static int write_window(void *userdata, const char *raw, size_t raw_at, size_t raw_len,
			size_t done, size_t upto, const tl_timex *t, size_t n, tl_error *err)
{
	window_out *w = userdata;
	(void)done;
	if (!w->timeml)
		return write_lines(w->out, w->a->name, raw, raw_at, raw_len, t, n, err);
	tl_buf b = TL_BUF_INIT;
	int rc = timeml_text(&b, raw, raw_at, &w->pos, upto, t, n, &w->tid);
	rc = rc != TL_OK ? tl_error_nomem(err) : write_bytes(w->out, b.data, b.len, w->a->name,
							      err);
	tl_buf_free(&b);
	return rc;
}

int tl_write_tags_windowed(FILE *out, const tl_article *a, const tl_tagger *tagger,
			   bool timeml, size_t window, tl_error *err)
{
	window_out w = {out, a, timeml, a->body_start, 0};
	tl_buf b = TL_BUF_INIT;
	int rc = TL_OK;
	if (timeml) {
		rc = timeml_head(&b, a) != TL_OK ? tl_error_nomem(err)
						 : write_bytes(out, b.data, b.len, a->name, err);
		tl_buf_free(&b);
	}
	if (rc == TL_OK)
		rc = tl_article_tag_windows(a, tagger, window, write_window, &w, err);
	if (rc == TL_OK && timeml)
		rc = write_bytes(out, timeml_tail, sizeof timeml_tail - 1, a->name, err);
	return rc;
}

TL_EXPORT int tl_article_write_tags(FILE *out, tl_article *a, const tl_tagger *tagger,
				    bool timeml, tl_error *err)
{
	if (a->large && !a->raw && !a->tagged && a->path)
		return tl_write_tags_windowed(out, a, tagger, timeml, TL_ARTICLE_WINDOW, err);
	int rc = tl_article_tag(a, tagger, err);
	if (rc != TL_OK)
		return rc;
	return timeml ? tl_write_tags_timeml(out, a, err) : tl_write_tags_jsonl(out, a, err);
}
