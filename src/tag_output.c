/*
 * tag_output.c - writes an article's timexes as JSON Lines (the shape
 * ../shared/tools/timex_score.py reads, with byte offsets) or as TimeML with
 * inline TIMEX3 tags. Builds each document in a tl_buf and writes it with one
 * fwrite, so a failed write is detected in one place; JSON Lines are formatted
 * in place without printf (a table says which bytes need no escaping, numbers
 * are written two digits at a time, the buffer is sized once per article).
 * Owns nothing beyond the call.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "error.h"

static int write_buf(FILE *out, const tl_buf *b, const tl_article *a, tl_error *err)
{
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return tl_error_set(err, TL_EIO, "%s: write error while writing its tags",
				    a->name);
	return TL_OK;
}

/* Writes s[0..n) as the inside of a JSON string at d (the one writer in buf.c)
 * and returns the bytes written (at most 6 * n). */
static size_t json_escape_to(char *d, const char *s, size_t n)
{
	return (size_t)(tl_json_escape_to(d, s, n, TL_JSON_INVALID_ESCAPED) - d);
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

/* Writes v in decimal at d and returns the digits written (at most 20), two digits per
 * division. */
static size_t put_size(char *d, size_t v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	size_t n = decimal_digits(v);
	char *p = d + n;
	while (v >= 100) {
		size_t r = v % 100;
		v /= 100;
		*--p = pairs[2 * r + 1];
		*--p = pairs[2 * r];
	}
	if (v >= 10) {
		*--p = pairs[2 * v + 1];
		*--p = pairs[2 * v];
	} else {
		*--p = (char)('0' + v);
	}
	return n;
}

static size_t put_lit(char *d, const char *s, size_t n)
{
	memcpy(d, s, n);
	return n;
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

/* A name from tl_timex_type_name() or tl_grain_name() with its length, looked up once
 * per article (len is SIZE_MAX until then). The last slot of each cache is for values
 * outside the enum, looked up every time. */
typedef struct name {
	const char *s;
	size_t len;
} name;

#define N_TYPES (TL_TIMEX_SET + 1)
#define N_GRAINS (TL_GRAIN_TIME + 1)

static const name *type_name(name cache[N_TYPES + 1], tl_timex_type type)
{
	name *nm = &cache[(unsigned)type < N_TYPES ? (unsigned)type : N_TYPES];
	if (nm->len == SIZE_MAX || nm == &cache[N_TYPES]) {
		nm->s = tl_timex_type_name(type);
		nm->len = strlen(nm->s);
	}
	return nm;
}

/* For a grain other than TL_GRAIN_NONE. */
static const name *grain_name(name cache[N_GRAINS + 1], tl_grain grain)
{
	name *nm = &cache[(unsigned)grain < N_GRAINS ? (unsigned)grain : N_GRAINS];
	if (nm->len == SIZE_MAX || nm == &cache[N_GRAINS]) {
		nm->s = tl_grain_name(grain);
		nm->len = strlen(nm->s);
	}
	return nm;
}

/*
 * The JSON Lines are formatted straight into the buffer (no printf): the escaped
 * document name is computed once per article, the buffer is sized for a typical line
 * per timex up front, and each line's bound is reserved with one tl_buf_grow() (which
 * then only compares) and filled in place.
 */
TL_EXPORT int tl_write_tags_jsonl(FILE *out, const tl_article *a, tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	tl_buf head = TL_BUF_INIT; /* {"doc":"NAME","start": */
	name types[N_TYPES + 1], grains[N_GRAINS + 1];
	for (size_t i = 0; i <= N_TYPES; i++)
		types[i] = (name){NULL, SIZE_MAX};
	for (size_t i = 0; i <= N_GRAINS; i++)
		grains[i] = (name){NULL, SIZE_MAX};
	int rc = TL_OK;
	if (a->n_timexes) {
		rc |= tl_buf_puts(&head, "{\"doc\":\"");
		rc |= tl_buf_json_escape(&head, a->name, strlen(a->name));
		rc |= tl_buf_puts(&head, "\",\"start\":");
		if (rc == TL_OK && a->n_timexes < SIZE_MAX / 2 / (head.len + 160))
			rc = tl_buf_grow(&b, a->n_timexes * (head.len + 160));
	}
	for (size_t i = 0; i < a->n_timexes && rc == TL_OK; i++) {
		const tl_timex *t = &a->timexes[i];
		size_t text_len = t->end - t->start;
		size_t value_len = strnlen(t->value, sizeof t->value);
		const name *type = type_name(types, t->type);
		const name *grain = t->grain != TL_GRAIN_NONE ? grain_name(grains, t->grain) : NULL;
		if (text_len > (SIZE_MAX - head.len - 512) / 6) {
			rc = TL_ENOMEM;
			break;
		}
		size_t need = head.len + 6 * text_len + 6 * value_len + type->len +
		              (grain ? grain->len : 0) + sizeof t->mod +
		              sizeof t->quant + sizeof t->freq + 200;
		if (b.cap - b.len <= need && (rc = tl_buf_grow(&b, need)) != TL_OK)
			break; /* (sized up front: the call is rarely made) */
		char *d = b.data + b.len;
		size_t at = put_lit(d, head.data, head.len);
		at += put_size(d + at, t->start);
		at += put_lit(d + at, LIT_ARGS(",\"end\":"));
		at += put_size(d + at, t->end);
		at += put_lit(d + at, LIT_ARGS(",\"text\":\""));
		at += json_escape_to(d + at, a->raw + t->start, text_len);
		at += put_lit(d + at, LIT_ARGS("\",\"type\":\""));
		at += put_lit(d + at, type->s, type->len);
		at += put_lit(d + at, LIT_ARGS("\",\"value\":\""));
		at += json_escape_to(d + at, t->value, value_len);
		d[at++] = '"';
		at += put_field(d + at, LIT_ARGS(",\"mod\":\""), t->mod, sizeof t->mod);
		at += put_field(d + at, LIT_ARGS(",\"quant\":\""), t->quant, sizeof t->quant);
		at += put_field(d + at, LIT_ARGS(",\"freq\":\""), t->freq, sizeof t->freq);
		if (grain && grain->len) {
			at += put_lit(d + at, LIT_ARGS(",\"grain\":\""));
			at += put_lit(d + at, grain->s, grain->len);
			d[at++] = '"';
		}
		at += put_lit(d + at, LIT_ARGS("}\n"));
		b.len += at;
		b.data[b.len] = '\0';
	}
	tl_buf_free(&head);
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else
		rc = write_buf(out, &b, a, err);
	tl_buf_free(&b);
	return rc;
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

TL_EXPORT int tl_write_tags_timeml(FILE *out, const tl_article *a, tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	int rc = TL_OK;
	rc |= tl_buf_puts(&b, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
	rc |= escape_xml(&b, a->name, strlen(a->name));
	rc |= tl_buf_printf(&b, "</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
			    "value=\"%04d-%02d-%02d\" temporalFunction=\"false\" "
			    "functionInDocument=\"CREATION_TIME\">%04d%02d%02d</TIMEX3></DCT>\n<TEXT>",
			    a->date.year, a->date.month, a->date.day, a->date.year, a->date.month,
			    a->date.day);
	size_t pos = a->body_start;
	for (size_t i = 0; i < a->n_timexes && rc == TL_OK; i++) {
		const tl_timex *t = &a->timexes[i];
		rc |= escape_xml(&b, a->raw + pos, t->start - pos);
		rc |= tl_buf_printf(&b, "<TIMEX3 tid=\"t%zu\" type=\"%s\" value=\"", i + 1,
				    tl_timex_type_name(t->type));
		rc |= escape_xml(&b, t->value, strlen(t->value));
		rc |= tl_buf_putc(&b, '"');
		if (t->mod[0])
			rc |= tl_buf_printf(&b, " mod=\"%s\"", t->mod);
		if (t->quant[0])
			rc |= tl_buf_printf(&b, " quant=\"%s\"", t->quant);
		if (t->freq[0])
			rc |= tl_buf_printf(&b, " freq=\"%s\"", t->freq);
		rc |= tl_buf_putc(&b, '>');
		rc |= escape_xml(&b, a->raw + t->start, t->end - t->start);
		rc |= tl_buf_puts(&b, "</TIMEX3>");
		pos = t->end;
	}
	rc |= escape_xml(&b, a->raw + pos, a->raw_len - pos);
	rc |= tl_buf_puts(&b, "</TEXT>\n</TimeML>\n");
	if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else
		rc = write_buf(out, &b, a, err);
	tl_buf_free(&b);
	return rc;
}
