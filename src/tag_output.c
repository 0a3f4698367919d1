/*
 * tag_output.c - writes an article's timexes as JSON Lines (the shape
 * ../shared/tools/timex_score.py reads, with byte offsets) or as TimeML with
 * inline TIMEX3 tags. Builds each document in a tl_buf and writes it with one
 * fwrite, so a failed write is detected in one place. Owns nothing beyond the
 * call.
 */
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

TL_EXPORT int tl_write_tags_jsonl(FILE *out, const tl_article *a, tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	int rc = TL_OK;
	for (size_t i = 0; i < a->n_timexes && rc == TL_OK; i++) {
		const tl_timex *t = &a->timexes[i];
		rc |= tl_buf_puts(&b, "{\"doc\":\"");
		rc |= tl_buf_json_escape(&b, a->name, strlen(a->name));
		rc |= tl_buf_printf(&b, "\",\"start\":%zu,\"end\":%zu,\"text\":\"", t->start, t->end);
		rc |= tl_buf_json_escape(&b, a->raw + t->start, t->end - t->start);
		rc |= tl_buf_printf(&b, "\",\"type\":\"%s\",\"value\":\"", tl_timex_type_name(t->type));
		rc |= tl_buf_json_escape(&b, t->value, strlen(t->value));
		rc |= tl_buf_putc(&b, '"');
		if (t->mod[0])
			rc |= tl_buf_printf(&b, ",\"mod\":\"%s\"", t->mod);
		if (t->quant[0])
			rc |= tl_buf_printf(&b, ",\"quant\":\"%s\"", t->quant);
		if (t->freq[0])
			rc |= tl_buf_printf(&b, ",\"freq\":\"%s\"", t->freq);
		if (t->grain != TL_GRAIN_NONE)
			rc |= tl_buf_printf(&b, ",\"grain\":\"%s\"", tl_grain_name(t->grain));
		rc |= tl_buf_puts(&b, "}\n");
	}
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
