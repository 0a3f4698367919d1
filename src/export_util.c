/*
 * export_util.c - helpers shared by the exporters (see export_util.h): checked
 * day steps on top of date.c (libical's arithmetic, no time zone involved), UTF-8 repair and control-character clean-up of untrusted text, and the
 * one checked write of a finished output buffer. Owns no memory.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "error.h"
#include "export_util.h"

bool tl_export_date_add(tl_date d, int days, tl_date *out)
{
	if (!tl_date_valid(d))
		return false;
	tl_date r = tl_date_add_days(d, days);
	if (!tl_date_valid(r))
		return false;
	*out = r;
	return true;
}

void tl_export_date_iso(tl_date d, char out[TL_ISO_DATE_SIZE])
{
	if (!tl_date_valid(d)) {
		out[0] = '\0';
		return;
	}
	/* Digits by hand: the ranges are checked above, and snprintf's truncation
	 * warning cannot see them. */
	int fields[3] = {d.year, d.month, d.day};
	char *p = out;
	for (int f = 0; f < 3; f++) {
		int width = f == 0 ? 4 : 2, v = fields[f];
		for (int i = width - 1; i >= 0; i--, v /= 10)
			p[i] = (char)('0' + v % 10);
		p += width;
		*p++ = f < 2 ? '-' : '\0';
	}
}

bool tl_export_event_interval(const tl_event *e, tl_date *first, tl_date *end)
{
	if (e->grain == TL_GRAIN_NONE || !tl_date_valid(e->first))
		return false;
	*first = e->first;
	if (tl_date_valid(e->end_date) && tl_date_compare(e->end_date, e->first) > 0) {
		*end = e->end_date;
		return true;
	}
	return tl_export_date_add(e->first, 1, end);
}

bool tl_export_event_vague(const tl_event *e)
{
	tl_date first, end;
	return e->grain <= TL_GRAIN_YEAR || !tl_export_event_interval(e, &first, &end);
}

const char *tl_export_status_name(tl_event_status status)
{
	switch (status) {
	case TL_STATUS_DONE:
		return "done";
	case TL_STATUS_PLANNED:
		return "planned";
	case TL_STATUS_NEGATED:
		return "negated";
	}
	return "done";
}

void tl_export_confidence(double confidence, char out[8])
{
	/* Integer hundredths: the decimal point is ours, never the locale's. */
	int hundredths = 0;
	if (confidence >= 1.0)
		hundredths = 100;
	else if (confidence > 0.0)
		hundredths = (int)(confidence * 100.0 + 0.5);
	out[0] = (char)('0' + hundredths / 100);
	out[1] = '.';
	out[2] = (char)('0' + hundredths / 10 % 10);
	out[3] = (char)('0' + hundredths % 10);
	out[4] = '\0';
}

int tl_export_clean(tl_buf *b, const char *s, enum tl_clean_flags flags)
{
	static const char replacement[] = "\xef\xbf\xbd";
	bool fold_lines = flags == TL_CLEAN_ONE_LINE;
	if (!s)
		s = "";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		int rc;
		unsigned char c = p[i];
		size_t len = tl_utf8_sequence(p + i, n - i);
		if (len == 0) {
			rc = tl_buf_append(b, replacement, 3);
			len = 1;
		} else if (flags == TL_CLEAN_UTF8) {
			rc = tl_buf_append(b, s + i, len);
		} else if (c == '\r' || c == '\n') {
			rc = tl_buf_putc(b, fold_lines ? ' ' : '\n');
			if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
				len = 2;
		} else if (c == '\t') {
			rc = tl_buf_putc(b, fold_lines ? ' ' : '\t');
		} else if (c < 0x20 || c == 0x7f) {
			rc = tl_buf_putc(b, ' ');
		} else {
			rc = tl_buf_append(b, s + i, len);
		}
		if (rc != TL_OK)
			return rc;
		i += len;
	}
	return TL_OK;
}

int tl_export_write(const tl_buf *b, FILE *out, const char *what, tl_error *err)
{
	if (!out)
		return tl_error_set(err, TL_EUSAGE, "%s export: no output stream", what);
	errno = 0;
	size_t n = b->len;
	if ((n && fwrite(b->data, 1, n, out) != n) || fflush(out) != 0 || ferror(out)) {
		int e = errno;
		return tl_error_set(err, TL_EIO, "cannot write the %s output: %s; check the disk "
				    "space and the output path", what,
				    e ? strerror(e) : "write error");
	}
	return TL_OK;
}
