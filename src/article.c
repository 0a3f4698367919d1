/*
 * article.c - reads one article: its bytes, its header block or front matter
 * (Title/Source/Date/Published/URL), its publication date and its cleaned
 * body (text.c). Dates come, first found wins, from: meta->date (--date or a
 * manifest row), a Date:/Published: header or front-matter date:, a dateline
 * ("LONDON, June 11 (Reuters) -", on one of the first six lines of the
 * cleaned body) whose year comes from the file name, a date
 * in the file name (2025-06-11-x.txt, 20250611-x.txt), and with infer_date
 * the latest full date written in the text. A dateline without a year in the
 * file name is skipped: guessing the year could shift every event by a year.
 * Lazy corpora read each file twice: once for the date and warnings
 * (tl_article_read_released, which cleans the body only when the date has to be
 * looked for in it), after which they keep only a small record, and once when
 * they make the article again (tl_article_restore: the header gives the title,
 * source and url no manifest gave, found at the spans the first read recorded
 * without parsing it again, the bytes stay and tl_article_tag cleans the
 * body, the date kept). Bodies are cleaned without their sentence split,
 * which tl_article_sentences() makes for the readers that need it. The
 * tl_article owns every string and buffer it points to; this file keeps no
 * other state and parses dates with plain code (no PCRE2, no locale); files
 * are read by article_file.c, header blocks parsed by article_header.c, and a
 * large file (TL_ARTICLE_LARGE) is read by its first bytes and in pieces
 * (article_stream.c) when its header and date allow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "article_header.h"
#include "ascii.h"
#include "buf.h"
#include "date.h"
#include "error.h"

/* ## Small helpers */

static bool ieq(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tl_to_lower((unsigned char)s[i]) != (unsigned char)lit[i])
			return false;
	return true;
}

static char *dup_span(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static const char *label(const char *path, const char *name)
{
	return path ? path : name ? name : "(input)";
}

/* ## Dates */

static bool valid_date(int y, int m, int d)
{
	return tl_date_valid((tl_date){y, m, d});
}

/* Reads exactly n digits at s; -1 when they are not all digits. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!tl_is_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A month name or abbreviation at s ("June", "Jun", "Jun.", "Sept."): returns the bytes
 * used and sets *month, or 0. The name must not run on into more letters. */
static size_t month_at(const char *s, size_t n, int *month)
{
	static const char *const names[] = {"january", "february", "march", "april", "may",
					    "june", "july", "august", "september", "october",
					    "november", "december"};
	size_t w = 0;
	while (w < n && tl_is_alpha((unsigned char)s[w]))
		w++;
	if (w < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		bool full = ieq(s, w, names[m]);
		bool abbr =
		    (w == 3 && ieq(s, 3, (char[]){names[m][0], names[m][1], names[m][2], 0})) ||
		    (m == 8 && ieq(s, w, "sept"));
		if (full || abbr) {
			*month = m + 1;
			return w + (!full && w < n && s[w] == '.');
		}
	}
	return 0;
}

/* 1 or 2 digits, optionally followed by st/nd/rd/th; returns bytes used or 0. */
static size_t day_at(const char *s, size_t n, int *day)
{
	size_t k = 0;
	while (k < n && k < 3 && tl_is_digit((unsigned char)s[k]))
		k++;
	if (k == 0 || k > 2)
		return 0;
	*day = digits(s, k);
	if (k + 2 <= n && (ieq(s + k, 2, "st") || ieq(s + k, 2, "nd") || ieq(s + k, 2, "rd") ||
			   ieq(s + k, 2, "th")))
		k += 2;
	if (k < n && (tl_is_alpha((unsigned char)s[k]) || tl_is_digit((unsigned char)s[k])))
		return 0;
	return k;
}

/* Exactly 4 digits not followed by another digit; returns 4 or 0. */
static size_t year_at(const char *s, size_t n, int *year)
{
	if (n < 4 || (n > 4 && tl_is_digit((unsigned char)s[4])))
		return 0;
	*year = digits(s, 4);
	return *year >= 1 ? 4 : 0;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && tl_is_blank((unsigned char)s[i]))
		i++;
	return i;
}

/* "June 11, 2025" (day_first false) or "11 June, 2025" (day_first true) at s, the
 * comma optional; returns the bytes used or 0. */
static size_t written_date(const char *s, size_t n, bool day_first, tl_date *out)
{
	int m = 0, d = 0, y = 0;
	size_t i = day_first ? day_at(s, n, &d) : month_at(s, n, &m), k;
	if (!i || i >= n || s[i] != ' ')
		return 0;
	i = skip_spaces(s, n, i);
	if (!(k = day_first ? month_at(s + i, n - i, &m) : day_at(s + i, n - i, &d)))
		return 0;
	i += k;
	if (i < n && s[i] == ',')
		i++;
	i = skip_spaces(s, n, i);
	if (!(k = year_at(s + i, n - i, &y)) || !valid_date(y, m, d))
		return 0;
	*out = (tl_date){y, m, d};
	return i + k;
}

bool tl_article_parse_date(const char *s, size_t n, tl_date *out)
{
	while (n > 0 && (tl_is_blank((unsigned char)*s) || *s == '"' || *s == '\''))
		s++, n--;
	while (n > 0 && (tl_is_blank((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	if (n >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
	    (n == 10 || !tl_is_digit((unsigned char)s[10]))) {
		int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
		if (y < 0 || m < 0 || d < 0 || !valid_date(y, m, d))
			return false;
		*out = (tl_date){y, m, d};
		return true;
	}
	/* An optional weekday: "Wednesday, June 11, 2025". */
	static const char *const weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	size_t w = 0;
	while (w < n && tl_is_alpha((unsigned char)s[w]))
		w++;
	for (size_t i = 0; w >= 3 && i < 7; i++) {
		if (ieq(s, 3, weekdays[i])) {
			size_t k = w + (w < n && (s[w] == ',' || s[w] == '.'));
			k = skip_spaces(s, n, k);
			s += k, n -= k;
			break;
		}
	}
	tl_date d;
	size_t used = written_date(s, n, false, &d);
	if (!used)
		used = written_date(s, n, true, &d);
	if (!used || (used < n && tl_is_digit((unsigned char)s[used])))
		return false;
	*out = d;
	return true;
}

/* ## Datelines and file names */

/* "WASHINGTON, June 11 (Reuters) -" at s[0..e): the month and day, or false. The place
 * starts with a word in capitals. */
static bool dateline_at(const char *s, size_t e, int *month, int *day)
{
	size_t w = 0;
	while (w < e && (tl_is_upper((unsigned char)s[w]) || s[w] == '/' || s[w] == '.'))
		w++;
	if (w < 2 || (w < e && tl_is_alpha((unsigned char)s[w])))
		return false;
	for (size_t i = w; i + 2 < e; i++) {
		if (s[i] != ',' || s[i + 1] != ' ')
			continue;
		size_t k = skip_spaces(s, e, i + 1), used;
		int m, d;
		if (!(used = month_at(s + k, e - k, &m)))
			continue;
		k = skip_spaces(s, e, k + used);
		if (!(used = day_at(s + k, e - k, &d)))
			continue;
		k = skip_spaces(s, e, k + used);
		if (k < e && s[k] == '(') {
			const char *close = memchr(s + k, ')', e - k);
			if (!close)
				continue;
			k = skip_spaces(s, e, (size_t)(close - s) + 1);
		}
		if (k < e && s[k] == '-') {
			*month = m;
			*day = d;
			return true;
		}
	}
	return false;
}

/* A dateline on one of the first lines of the clean body (web furniture is blanked
 * there, and dashes are folded to '-'), or false. */
static bool find_dateline(const tl_text *t, int *month, int *day)
{
	line l;
	size_t pos = 0;
	for (int lines = 0; lines < 6 && tl_next_line(t->clean, t->len, pos, &l); pos = l.next) {
		if (tl_line_blank(t->clean, &l))
			continue;
		lines++;
		size_t a = skip_spaces(t->clean, l.end, l.start);
		size_t e = l.end < a + 160 ? l.end : a + 160;
		if (dateline_at(t->clean + a, e - a, month, day))
			return true;
	}
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* A date in a file name: 2025-06-11, 2025_06_11, 2025.06.11 or 20250611, not inside a
 * longer run of digits. *year_only gets a lone 19xx/20xx/21xx year when there is no date. */
static bool filename_date(const char *path, tl_date *out, int *year_only)
{
	const char *b = base_name(path);
	size_t n = strlen(b);
	*year_only = 0;
	for (size_t i = 0; i < n; i++) {
		if (!tl_is_digit((unsigned char)b[i]) || (i > 0 && tl_is_digit((unsigned char)b[i - 1])))
			continue;
		size_t run = i;
		while (run < n && tl_is_digit((unsigned char)b[run]))
			run++;
		run -= i;
		int y = -1, m = -1, d = -1;
		if (run == 4 && i + 10 <= n && strchr("-_.", b[i + 4]) && b[i + 7] == b[i + 4] &&
		    (i + 10 == n || !tl_is_digit((unsigned char)b[i + 10]))) {
			y = digits(b + i, 4), m = digits(b + i + 5, 2), d = digits(b + i + 8, 2);
		} else if (run == 8) {
			y = digits(b + i, 4), m = digits(b + i + 4, 2), d = digits(b + i + 6, 2);
		}
		if (y >= 1000 && valid_date(y, m, d)) {
			*out = (tl_date){y, m, d};
			return true;
		}
		if (run == 4 && !*year_only && (y = digits(b + i, 4)) >= 1900 && y <= 2199)
			*year_only = y;
	}
	return false;
}

/* The latest full date ("June 11, 2025", "11 June 2025") in clean text. */
static bool infer_date(const tl_text *t, tl_date *out, size_t *at)
{
	bool found = false;
	const char *c = t->clean;
	for (size_t i = 0; i < t->len; i++) {
		if (i > 0 &&
		    (tl_is_alpha((unsigned char)c[i - 1]) || tl_is_digit((unsigned char)c[i - 1])))
			continue;
		tl_date d;
		size_t used = 0;
		if (tl_is_alpha((unsigned char)c[i]))
			used = written_date(c + i, t->len - i, false, &d);
		else if (tl_is_digit((unsigned char)c[i]))
			used = written_date(c + i, t->len - i, true, &d);
		if (used && (!found || tl_date_compare(d, *out) > 0)) {
			*out = d;
			*at = i;
			found = true;
		}
	}
	return found;
}

/* ## Building an article */

/* Appends one line to a->warnings. */
static int add_warning(tl_article *a, const char *text)
{
	tl_buf b = TL_BUF_INIT;
	int rc = a->warnings ? tl_buf_printf(&b, "%s\n", a->warnings) : TL_OK;
	if (rc == TL_OK)
		rc = tl_buf_puts(&b, text);
	if (rc != TL_OK) {
		tl_buf_free(&b);
		return TL_ENOMEM;
	}
	free(a->warnings);
	a->warnings = tl_buf_detach(&b);
	return TL_OK;
}

static const char *const how_to_date =
	"give one with --date YYYY-MM-DD, a manifest row (--manifest), a 'Date: YYYY-MM-DD' "
	"line at the top of the file, or a date in the file name (2025-06-11-name.txt)";

/* Sets a->date and a->date_source by the precedence rules. */
static int resolve_date(tl_article *a, const header *h, const tl_article_meta *meta,
			tl_error *err)
{
	const char *file = a->path ? a->path : a->origin;
	const char *who = label(file, a->name);
	if (meta && meta->date) {
		if (!tl_article_parse_date(meta->date, strlen(meta->date), &a->date))
			return tl_error_set(err, TL_EDATE,
			                    "%s: the date '%s' is not a real calendar "
			                    "day; write it as YYYY-MM-DD",
			                    who, meta->date);
		a->date_source = meta->date_source ? meta->date_source : TL_DATE_OPTION;
		return TL_OK;
	}
	if (h->date.s) {
		if (!tl_article_parse_date(h->date.s, h->date.n, &a->date))
			return tl_error_set(err, TL_EDATE, "%s:%zu: the date '%.*s' is not a date; "
					    "write it as YYYY-MM-DD or 'June 11, 2025', or give "
					    "--date YYYY-MM-DD", who, h->date.line,
					    (int)(h->date.n > 60 ? 60 : h->date.n), h->date.s);
		a->date_source = TL_DATE_HEADER;
		return TL_OK;
	}
	tl_date fd = {0, 0, 0};
	int year_only = 0, dm = 0, dd = 0;
	bool has_file_date = file && filename_date(file, &fd, &year_only);
	bool has_dateline = find_dateline(&a->text, &dm, &dd);
	int year = has_file_date ? fd.year : year_only;
	if (has_dateline && year) {
		/* A dateline half a year after the file date belongs to the year before. */
		if (has_file_date && (dm - fd.month) * 31 + (dd - fd.day) > 6 * 31)
			year--;
		if (valid_date(year, dm, dd)) {
			a->date = (tl_date){year, dm, dd};
			a->date_source = TL_DATE_DATELINE;
			return TL_OK;
		}
	}
	if (has_file_date) {
		a->date = fd;
		a->date_source = TL_DATE_FILENAME;
		return TL_OK;
	}
	if (meta && meta->infer_date) {
		size_t at = 0;
		if (infer_date(&a->text, &a->date, &at)) {
			char msg[TL_ERROR_MESSAGE_MAX];
			snprintf(msg, sizeof msg, "%s: no publication date given; --infer-date "
				 "inferred %04d-%02d-%02d, the latest full date in the text (at "
				 "byte %zu); give --date to override", who, a->date.year,
				 a->date.month, a->date.day, tl_text_orig_start(&a->text, at));
			a->date_source = TL_DATE_INFERRED;
			return add_warning(a, msg);
		}
		return tl_error_set(err, TL_ENODATE,
		                    "%s: no publication date, and --infer-date "
		                    "found no full date (like 'June 11, 2025') in the text; %s",
		                    who, how_to_date);
	}
	return tl_error_set(err, TL_ENODATE, "%s: no publication date%s; %s; or use --infer-date "
			    "to guess it from the text", who,
			    has_dateline ? " (the dateline has a month and day but no year)" : "",
			    how_to_date);
}

/* Makes s valid UTF-8 in place, as exporters need: bytes outside a valid sequence become
 * '?', control characters (tabs, line breaks from a manifest field) spaces. */
static void sanitize(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		if (*p >= 0x20 && *p < 0x7f) { /* printable ASCII, nearly all: as it is */
			p++;
			continue;
		}
		size_t len = *p < 0x80			 ? 1
			     : *p >= 0xc2 && *p <= 0xdf ? 2
			     : *p >= 0xe0 && *p <= 0xef ? 3
			     : *p >= 0xf0 && *p <= 0xf4 ? 4
							 : 0;
		size_t k = 1;
		while (k < len && (p[k] & 0xc0) == 0x80)
			k++;
		bool bad = len == 0 || k < len || (p[0] == 0xe0 && p[1] < 0xa0) ||
			   (p[0] == 0xed && p[1] >= 0xa0) || (p[0] == 0xf0 && p[1] < 0x90) ||
			   (p[0] == 0xf4 && p[1] >= 0x90);
		if (bad) {
			*p++ = '?';
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
		p += len;
	}
}

static int set_meta_string(char **slot, const char *meta_value, const field *f)
{
	if (meta_value)
		*slot = strdup(meta_value);
	else if (f->s && f->n)
		*slot = dup_span(f->s, f->n);
	else
		return TL_OK;
	if (!*slot)
		return TL_ENOMEM;
	sanitize(*slot);
	return TL_OK;
}

/* Builds an article from raw (taken over: freed on failure too); from_file tells whether
 * path is the file raw was read from (else it only names the bytes). With released set
 * (from_file only) the article comes back as tl_article_release() leaves it, without
 * title, source and url, and the body is cleaned only when its date may come from the
 * text (a dateline, --infer-date): with a date from meta or the header, one read-only
 * pass finds the same warnings. */
static tl_article *build(char *raw, size_t len, const char *path, bool from_file,
			 const char *name, const tl_article_meta *meta, bool released,
			 int body_fd, bool *retry, tl_error *err)
{
	tl_article *a = calloc(1, sizeof *a);
	if (!a) {
		free(raw);
		tl_error_nomem(err);
		return NULL;
	}
	a->raw = raw;
	a->raw_len = len;
	raw[len] = '\0';
	char **slot = from_file ? &a->path : &a->origin;
	*slot = path ? strdup(path) : NULL;
	if (name) {
		a->name = strdup(name);
	} else {
		const char *b = base_name(path ? path : "stdin");
		const char *dot = strrchr(b, '.');
		a->name = dup_span(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
	}
	if ((path && !*slot) || !a->name) {
		tl_error_nomem(err);
		goto fail;
	}
	header h;
	tl_parse_header(raw, len, &h);
	a->body_start = h.body_start;
	a->spans = tl_header_spans_of(&h, raw);
	bool date_known = (meta && meta->date) || h.date.s;
	if (body_fd >= 0) {
		/* raw is the start of a large file: enough when the header ends in it and the
		 * date needs no look at the body; the warnings come from the file itself */
		if (!date_known || h.unclosed || h.body_start >= len) {
			*retry = true;
			goto fail;
		}
		if (tl_article_stream_warnings(body_fd, h.body_start, path, &a->warnings,
					       err) != TL_OK)
			goto fail;
	} else if (released && date_known) {
		if (tl_text_warnings(raw + h.body_start, len - h.body_start, h.body_start, path,
				     &a->warnings) != TL_OK) {
			tl_error_nomem(err);
			goto fail;
		}
	} else {
		/* Sentences are made by tl_article_sentences() for the readers that need
		 * them: tagging never reads them (~4.4 instructions per byte). */
		if (tl_text_clean_unsplit(raw + h.body_start, len - h.body_start,
					  h.body_start, path, &a->text, err) != TL_OK)
			goto fail;
		if (a->text.warnings && !(a->warnings = strdup(a->text.warnings))) {
			tl_error_nomem(err);
			goto fail;
		}
	}
	if (h.unclosed) {
		char msg[TL_ERROR_MESSAGE_MAX];
		snprintf(msg, sizeof msg, "%s: front matter opened with '---' is never closed; "
			 "read the whole file as body text; close it with a '---' line",
			 label(path, name));
		if (add_warning(a, msg) != TL_OK) {
			tl_error_nomem(err);
			goto fail;
		}
	}
	int rc = resolve_date(a, &h, meta, err);
	if (rc == TL_ENOMEM)
		tl_error_nomem(err);
	if (rc != TL_OK)
		goto fail;
	if (!released &&
	    (set_meta_string(&a->title, meta ? meta->title : NULL, &h.title) != TL_OK ||
	     set_meta_string(&a->source, meta ? meta->source : NULL, &h.source) != TL_OK ||
	     set_meta_string(&a->url, meta ? meta->url : NULL, &h.url) != TL_OK)) {
		tl_error_nomem(err);
		goto fail;
	}
	if (released)
		tl_article_release(a);
	return a;
fail:
	tl_article_free(a);
	return NULL;
}

TL_EXPORT tl_article *tl_article_from_bytes(const char *bytes, size_t len, const char *path,
					    const char *name, const tl_article_meta *meta,
					    tl_error *err)
{
	if (len >= TL_TEXT_MAX) {
		tl_error_set(err, TL_EINPUT, "%s: %zu bytes is too large for one article (limit "
			     "1 GiB); split the file", label(path, name), len);
		return NULL;
	}
	char *raw = malloc(len + 1);
	if (!raw) {
		tl_error_nomem(err);
		return NULL;
	}
	if (len)
		memcpy(raw, bytes, len);
	return build(raw, len, path, false, name, meta, false, -1, NULL, err);
}

TL_EXPORT tl_article *tl_article_read(const char *path, const char *name,
				      const tl_article_meta *meta, tl_error *err)
{
	char *data = NULL;
	size_t len = 0;
	if (tl_article_read_file(path, &data, &len, err) != TL_OK)
		return NULL;
	return build(data, len, path, true, name, meta, false, -1, NULL, err);
}

tl_article *tl_article_read_sized(const char *path, const char *name,
				  const tl_article_meta *meta, size_t known_size, tl_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int fd;
	tl_file_info info;
	if (tl_article_read_file_large(path, SIZE_MAX, 0, known_size, &data, &len, &fd, &info,
				       err) != TL_OK)
		return NULL;
	return build(data, len, path, true, name, meta, false, -1, NULL, err);
}

/* The first TL_ARTICLE_PREFIX bytes of a large file, cut after their last line feed (so
 * the header is parsed from whole lines): false when there is none. */
static bool whole_lines(char *data, size_t *len)
{
	while (*len > 0 && data[*len - 1] != '\n')
		(*len)--;
	return *len > 0;
}

tl_article *tl_article_read_released(const char *path, const tl_article_meta *meta,
				     tl_error *err)
{
	tl_file_info info;
	return tl_article_read_released_info(path, meta, &info, err);
}

tl_article *tl_article_read_released_info(const char *path, const tl_article_meta *meta,
					  tl_file_info *info, tl_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int fd = -1;
	if (tl_article_read_file_large(path, TL_ARTICLE_LARGE, TL_ARTICLE_PREFIX, 0, &data, &len,
				       &fd, info, err) != TL_OK)
		return NULL;
	if (fd >= 0) {
		/* A large file: its header from its first bytes, its warnings read in pieces,
		 * unless the header runs on or the date is to be found in the body. */
		bool retry = !whole_lines(data, &len);
		tl_article *a = NULL;
		if (retry)
			free(data);
		else /* build() takes data over */
			a = build(data, len, path, true, NULL, meta, true, fd, &retry, err);
		close(fd);
		if (!retry)
			return a;
		data = NULL;
		if (tl_article_read_file(path, &data, &len, err) != TL_OK)
			return NULL;
		info->size = len;
	}
	return build(data, len, path, true, NULL, meta, true, -1, NULL, err);
}

tl_article *tl_article_restore(const char *path, const char *name, tl_date date,
			       tl_date_source date_source, const tl_article_meta *meta,
			       const char *warnings, const tl_header_spans *spans,
			       tl_error *err)
{
	return tl_article_restore_sized(path, name, date, date_source, meta, warnings, spans, 0,
					err);
}

tl_article *tl_article_restore_sized(const char *path, const char *name, tl_date date,
				     tl_date_source date_source, const tl_article_meta *meta,
				     const char *warnings, const tl_header_spans *spans,
				     size_t known_size, tl_error *err)
{
	tl_article *a = calloc(1, sizeof *a);
	if (!a) {
		tl_error_nomem(err);
		return NULL;
	}
	a->date = date;
	a->date_source = date_source;
	bool ok = (a->path = strdup(path)) && (a->name = strdup(name)) &&
		  (!warnings || (a->warnings = strdup(warnings)));
	header h = {0};
	if (ok) {
		tl_error ignored;
		int fd = -1;
		tl_file_info info;
		int rc = tl_article_read_file_large(path, TL_ARTICLE_LARGE, TL_ARTICLE_PREFIX,
						    known_size, &a->raw, &a->raw_len, &fd, &info,
						    &ignored);
		if (fd >= 0) {
			close(fd);
			/* a large file: its header from its first bytes, where the first read
			 * found it; the body is read when tagged */
			if (tl_header_from_spans(spans, a->raw, a->raw_len, &h)) {
				a->large = info.size;
			} else {
				free(a->raw);
				a->raw = NULL;
				rc = tl_article_read_file(path, &a->raw, &a->raw_len, &ignored);
			}
		}
		if (rc == TL_OK) {
			a->raw[a->raw_len] = '\0';
			if (!a->large && !tl_header_from_spans(spans, a->raw, a->raw_len, &h))
				tl_parse_header(a->raw, a->raw_len, &h);
			a->body_start = h.body_start;
			a->spans = tl_header_spans_of(&h, a->raw);
		}
		ok = rc != TL_ENOMEM;
	}
	ok = ok && set_meta_string(&a->title, meta->title, &h.title) == TL_OK &&
	     set_meta_string(&a->source, meta->source, &h.source) == TL_OK &&
	     set_meta_string(&a->url, meta->url, &h.url) == TL_OK;
	if (ok && a->large) {
		free(a->raw);
		a->raw = NULL;
		a->raw_len = 0;
	}
	if (!ok) {
		tl_article_free(a);
		tl_error_nomem(err);
		return NULL;
	}
	return a;
}

TL_EXPORT void tl_article_free(tl_article *a)
{
	if (!a)
		return;
	free(a->path);
	free(a->origin);
	free(a->name);
	free(a->raw);
	free(a->title);
	free(a->source);
	free(a->url);
	tl_text_free(&a->text);
	free(a->timexes);
	free(a->timex_clean);
	free(a->warnings);
	free(a);
}

TL_EXPORT const char *tl_article_name(const tl_article *a) { return a->name; }
TL_EXPORT const char *tl_article_path(const tl_article *a) { return a->path; }
TL_EXPORT tl_date tl_article_date(const tl_article *a) { return a->date; }
TL_EXPORT tl_date_source tl_article_date_source(const tl_article *a) { return a->date_source; }
TL_EXPORT const char *tl_article_title(const tl_article *a) { return a->title; }
TL_EXPORT const char *tl_article_source(const tl_article *a) { return a->source; }
TL_EXPORT const char *tl_article_url(const tl_article *a) { return a->url; }
TL_EXPORT const char *tl_article_warnings(const tl_article *a) { return a->warnings; }

TL_EXPORT const char *tl_article_bytes(const tl_article *a, size_t *len)
{
	if (len)
		*len = a->raw_len;
	return a->raw;
}

TL_EXPORT size_t tl_article_size(const tl_article *a)
{
	return a->raw ? a->raw_len : a->large;
}

TL_EXPORT const char *tl_date_source_name(tl_date_source source)
{
	static const char *const names[] = {"none", "option", "manifest", "header",
					    "dateline", "filename", "inferred"};
	return (unsigned)source < sizeof names / sizeof names[0] ? names[source] : "none";
}

TL_EXPORT void tl_article_release(tl_article *a)
{
	if (!a || !a->path)
		return; /* built from bytes: nothing to read back, keep the text */
	free(a->raw);
	a->raw = NULL;
	a->raw_len = 0;
	tl_text_free(&a->text);
	free(a->timexes);
	a->timexes = NULL;
	free(a->timex_clean);
	a->timex_clean = NULL;
	a->n_timexes = 0;
	a->tagged = false;
}

/* Reads a released article's file again, unless tl_article_restore() did: its bytes and
 * clean body (the date and metadata found the first time stay). */
static int reload(tl_article *a, tl_error *err)
{
	if (!a->raw) {
		char *raw = NULL;
		size_t len = 0;
		int rc = tl_article_read_file(a->path, &raw, &len, err);
		if (rc != TL_OK)
			return rc;
		raw[len] = '\0';
		header h;
		if (!tl_header_from_spans(&a->spans, raw, len, &h))
			tl_parse_header(raw, len, &h);
		a->raw = raw;
		a->raw_len = len;
		a->body_start = h.body_start;
	}
	int rc = tl_text_clean_unsplit(a->raw + a->body_start, a->raw_len - a->body_start,
				       a->body_start, a->path, &a->text, err);
	if (rc != TL_OK) {
		free(a->raw);
		a->raw = NULL;
		a->raw_len = 0;
	}
	return rc;
}

TL_EXPORT int tl_article_tag(tl_article *a, const tl_tagger *tagger, tl_error *err)
{
	return tl_article_tag_in(a, tagger, NULL, err);
}

TL_EXPORT int tl_article_tag_in(tl_article *a, const tl_tagger *tagger, tl_tag_workspace *ws,
				tl_error *err)
{
	if (a->tagged)
		return TL_OK;
	if (!a->text.clean) {
		int rc = reload(a, err);
		if (rc != TL_OK)
			return rc;
	}
	tl_timex *t = NULL;
	size_t n = 0;
	int rc = tl_tag_text_in(tagger, ws, a->text.clean, a->text.len, a->date, &t, &n, err);
	if (rc != TL_OK)
		return rc;
	/* The extractor works on the clean text: keep the tagger's offsets too. */
	tl_span *clean = n ? malloc(n * sizeof *clean) : NULL;
	if (n && !clean) {
		free(t);
		return tl_error_nomem(err);
	}
	for (size_t i = 0; i < n; i++) {
		clean[i].start = t[i].start;
		clean[i].end = t[i].end;
		size_t s, e;
		tl_text_orig_span(&a->text, t[i].start, t[i].end, &s, &e);
		t[i].start = s;
		t[i].end = e;
	}
	free(a->timex_clean);
	a->timex_clean = clean;
	a->timexes = t;
	a->n_timexes = n;
	a->tagged = true;
	return TL_OK;
}

int tl_article_sentences(tl_article *a, tl_error *err)
{
	return tl_text_split(&a->text) == TL_OK ? TL_OK : tl_error_nomem(err);
}

TL_EXPORT size_t tl_article_timex_count(const tl_article *a) { return a->n_timexes; }

TL_EXPORT const tl_timex *tl_article_timex(const tl_article *a, size_t i)
{
	return i < a->n_timexes ? &a->timexes[i] : NULL;
}
