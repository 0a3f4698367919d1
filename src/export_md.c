/*
 * export_md.c - the Markdown exporter: a readable chronology. "# name", then
 * per event a heading "## <value> — <title>" (the span in brackets when the
 * grain is coarser than a day), a status line, one bullet per mention (outlet
 * linked to its URL, document, article date, the quoted sentence) and, when
 * the sources disagree, a bold "Conflict:" line. Text from articles is put on
 * one line and its Markdown punctuation is backslash-escaped (CommonMark
 * allows that for any ASCII punctuation), so a headline cannot open a link,
 * an emphasis, an HTML tag or (on GitHub) a "$" math span. The document is
 * built in a tl_buf owned here (with a scratch buffer for text that cleaning
 * changes, export_text.h) and written in blocks of about a megabyte; escaped
 * text is written in place after one growth for its worst case (sixteen bytes
 * at once where they hold no punctuation), without printf.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "error.h"
#include "export.h"
#include "export_text.h"
#include "export_util.h"

typedef struct md {
	tl_buf out;
	tl_buf scratch;
	int rc;
} md;

/* Appends s[0..n) (inline, so that a literal is copied without a call). */
static inline void put_n(md *m, const char *s, size_t n)
{
	if (m->rc != TL_OK)
		return;
	if (tl_buf_grow(&m->out, n) != TL_OK) {
		m->rc = TL_ENOMEM;
		return;
	}
	memcpy(m->out.data + m->out.len, s, n);
	m->out.len += n;
	m->out.data[m->out.len] = '\0';
}

static inline void put(md *m, const char *s)
{
	put_n(m, s, strlen(s));
}

/* A count in decimal, without printf. */
static void put_count(md *m, size_t value)
{
	char digits[24];
	size_t n = sizeof digits;
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	put_n(m, digits + n, sizeof digits - n);
}

/* Room for n more bytes at the end of m->out; NULL (rc set) when there is
 * none or an earlier step failed. Finish with done(). */
static char *reserve(md *m, size_t n)
{
	if (m->rc != TL_OK)
		return NULL;
	if (tl_buf_grow(&m->out, n) != TL_OK) {
		m->rc = TL_ENOMEM;
		return NULL;
	}
	return m->out.data + m->out.len;
}

static void done(md *m, char *end)
{
	m->out.len = (size_t)(end - m->out.data);
	m->out.data[m->out.len] = '\0';
}

/* Cleans s onto one line (into m->scratch when it changes), without leading
 * or trailing spaces; returns the start and sets *n. */
static const char *one_line(md *m, const char *s, size_t *n)
{
	*n = 0;
	const char *p;
	size_t len;
	if (m->rc != TL_OK)
		return "";
	m->rc = tl_export_clean_view(s, TL_CLEAN_ONE_LINE, &m->scratch, &p, &len);
	if (m->rc != TL_OK)
		return "";
	while (len && *p == ' ')
		p++, len--;
	while (len && p[len - 1] == ' ')
		len--;
	*n = len;
	return p;
}

/* The ASCII punctuation text() puts a backslash before: \`*_[]<>|#~$ */
static const bool markdown_punct[256] = {
	['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true, ['['] = true, [']'] = true,
	['<'] = true,  ['>'] = true, ['|'] = true, ['#'] = true, ['~'] = true, ['$'] = true};

/* Untrusted text on one line with Markdown punctuation escaped. */
static void text(md *m, const char *s)
{
	size_t n;
	const char *p = one_line(m, s, &n);
	char *o = n <= SIZE_MAX / 2 - 1 ? reserve(m, 2 * n) : NULL;
	if (!o) {
		if (m->rc == TL_OK)
			m->rc = TL_ENOMEM;
		return;
	}
	size_t i = 0;
#ifdef __SSE2__
	/* sixteen bytes without punctuation (most of them) are copied at once */
	static const char punct[] = "\\`*_[]<>|#~$";
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i hit = _mm_setzero_si128();
		for (size_t k = 0; k < sizeof punct - 1; k++)
			hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(punct[k])));
		if (!_mm_movemask_epi8(hit)) {
			_mm_storeu_si128((__m128i *)(void *)o, x);
			o += 16;
			continue;
		}
		for (size_t k = i; k < i + 16; k++) {
			if (markdown_punct[(unsigned char)p[k]])
				*o++ = '\\';
			*o++ = p[k];
		}
	}
#endif
	for (; i < n; i++) {
		if (markdown_punct[(unsigned char)p[i]])
			*o++ = '\\';
		*o++ = p[i];
	}
	done(m, o);
}

/* A code span: backslash escapes do not work inside one, so backticks (the
 * only character that could end it) become apostrophes. */
static void code(md *m, const char *s)
{
	size_t n;
	const char *p = one_line(m, s, &n);
	char *o = n <= SIZE_MAX - 3 ? reserve(m, n + 2) : NULL;
	if (!o) {
		if (m->rc == TL_OK)
			m->rc = TL_ENOMEM;
		return;
	}
	*o++ = '`';
	for (size_t i = 0; i < n; i++)
		o[i] = p[i] == '`' ? '\'' : p[i];
	o += n;
	*o++ = '`';
	done(m, o);
}

/* A link target: bytes that could end it or break the line are %-encoded. */
static void url(md *m, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *o = n <= SIZE_MAX / 3 - 1 ? reserve(m, 3 * n) : NULL;
	if (!o) {
		if (m->rc == TL_OK)
			m->rc = TL_ENOMEM;
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("()<>\"\\`", *p)) {
			o[0] = '%';
			o[1] = hex[*p >> 4];
			o[2] = hex[*p & 15];
			o += 3;
		} else {
			*o++ = (char)*p;
		}
	}
	done(m, o);
}

static void heading(md *m, const tl_event *e)
{
	tl_date first, end, last;
	char a[TL_ISO_DATE_SIZE], b[TL_ISO_DATE_SIZE];
	put(m, "## ");
	text(m, e->value[0] ? e->value : "undated");
	if (e->mod[0]) {
		put(m, " (");
		text(m, e->mod);
		put(m, ")");
	}
	if (e->grain != TL_GRAIN_DAY && e->grain < TL_GRAIN_PART_OF_DAY &&
	    tl_export_event_interval(e, &first, &end) && tl_export_date_add(end, -1, &last)) {
		tl_export_date_iso(first, a);
		tl_export_date_iso(last, b);
		put(m, " [");
		put(m, a);
		put(m, " – ");
		put(m, b);
		put(m, "]");
	}
	put(m, " — ");
	text(m, e->title && e->title[0] ? e->title : "(untitled)");
	put(m, "\n\n");
}

static void status_line(md *m, const tl_event *e)
{
	char confidence[8];
	tl_export_confidence(e->confidence, confidence);
	put(m, "*");
	put(m, tl_export_status_name(e->status));
	put(m, ", confidence ");
	put(m, confidence);
	put(m, ", ");
	put_count(m, e->n_mentions);
	put(m, e->n_mentions == 1 ? " mention" : " mentions");
	put(m, "*");
	if (e->actors.count) {
		put(m, " · Actors: ");
		for (size_t i = 0; i < e->actors.count; i++) {
			if (i)
				put(m, ", ");
			text(m, e->actors.items[i]);
		}
	}
	put(m, "\n\n");
}

static void mention(md *m, const tl_mention *x)
{
	char date[TL_ISO_DATE_SIZE];
	tl_export_date_iso(x->article_date, date);
	put(m, "- ");
	bool has_source = x->source && x->source[0];
	bool has_url = x->url && x->url[0];
	if (has_url)
		put(m, "[");
	if (has_source)
		text(m, x->source);
	else
		code(m, x->doc);
	if (has_url) {
		put(m, "](");
		url(m, x->url);
		put(m, ")");
	}
	if (has_source) {
		put(m, " (");
		code(m, x->doc);
		put(m, ")");
	}
	if (date[0]) {
		put(m, ", ");
		put(m, date);
	}
	put(m, ": “");
	text(m, x->sentence);
	put(m, "”\n");
}

static void event(md *m, const tl_event *e)
{
	heading(m, e);
	status_line(m, e);
	for (size_t j = 0; j < e->n_mentions; j++) {
		tl_mention scratch;
		mention(m, tl_event_mention(e, j, &scratch));
	}
	if (e->n_mentions)
		put(m, "\n");
	if (e->conflict && e->conflict[0]) {
		put(m, "**Conflict:** ");
		text(m, e->conflict);
		put(m, "\n\n");
	}
}

int tl_export_md(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		 tl_error *err)
{
	(void)options;
	if (!timeline)
		return tl_error_set(err, TL_EUSAGE, "Markdown export: no timeline");
	md m = {TL_BUF_INIT, TL_BUF_INIT, TL_OK};
	put(&m, "# ");
	text(&m, timeline->name && timeline->name[0] ? timeline->name : "timeline");
	put(&m, "\n\n");
	char stamp[TL_ISO_DATE_SIZE];
	tl_export_date_iso(timeline->stamp, stamp);
	put_count(&m, timeline->n_events);
	put(&m, timeline->n_events == 1 ? " event" : " events");
	if (stamp[0]) {
		put(&m, ", sources up to ");
		put(&m, stamp);
	}
	put(&m, ".\n\n");
	/* Written in blocks of about a megabyte: memory follows one event. */
	int rc = TL_OK;
	for (size_t i = 0; i < timeline->n_events && m.rc == TL_OK && rc == TL_OK; i++) {
		event(&m, &timeline->events[i]);
		if (m.rc == TL_OK && m.out.len >= ((size_t)1 << 20)) {
			rc = tl_export_write(&m.out, out, "Markdown", err);
			tl_buf_reset(&m.out);
		}
	}
	if (rc == TL_OK)
		rc = m.rc == TL_OK ? tl_export_write(&m.out, out, "Markdown", err)
				   : tl_error_nomem(err);
	tl_buf_free(&m.out);
	tl_buf_free(&m.scratch);
	return rc;
}
