/*
 * export_md.c - the Markdown exporter: a readable chronology. "# name", then
 * per event a heading "## <value> — <title>" (the span in brackets when the
 * grain is coarser than a day), a status line, one bullet per mention (outlet
 * linked to its URL, document, article date, the quoted sentence) and, when
 * the sources disagree, a bold "Conflict:" line. Text from articles is put on
 * one line and its Markdown punctuation is backslash-escaped (CommonMark
 * allows that for any ASCII punctuation), so a headline cannot open a link,
 * an emphasis, an HTML tag or (on GitHub) a "$" math span. The document is built in one tl_buf owned here
 * and written once.
 */
#include <string.h>

#include "error.h"
#include "export.h"
#include "export_util.h"

typedef struct md {
	tl_buf out;
	tl_buf scratch;
	int rc;
} md;

static void put(md *m, const char *s)
{
	if (m->rc == TL_OK)
		m->rc = tl_buf_puts(&m->out, s);
}

/* Cleans s onto one line into m->scratch, without leading or trailing
 * spaces; returns the start and sets *n. */
static const char *one_line(md *m, const char *s, size_t *n)
{
	*n = 0;
	if (m->rc != TL_OK)
		return "";
	tl_buf_reset(&m->scratch);
	m->rc = tl_export_clean(&m->scratch, s, TL_CLEAN_ONE_LINE);
	if (m->rc != TL_OK || !m->scratch.len)
		return "";
	const char *p = m->scratch.data;
	size_t len = m->scratch.len;
	while (len && *p == ' ')
		p++, len--;
	while (len && p[len - 1] == ' ')
		len--;
	*n = len;
	return p;
}

/* Untrusted text on one line with Markdown punctuation escaped. */
static void text(md *m, const char *s)
{
	size_t n;
	const char *p = one_line(m, s, &n);
	for (size_t i = 0; i < n && m->rc == TL_OK; i++) {
		if (strchr("\\`*_[]<>|#~$", p[i]))
			m->rc = tl_buf_putc(&m->out, '\\');
		if (m->rc == TL_OK)
			m->rc = tl_buf_putc(&m->out, p[i]);
	}
}

/* A code span: backslash escapes do not work inside one, so backticks (the
 * only character that could end it) become apostrophes. */
static void code(md *m, const char *s)
{
	size_t n;
	const char *p = one_line(m, s, &n);
	put(m, "`");
	for (size_t i = 0; i < n && m->rc == TL_OK; i++)
		m->rc = tl_buf_putc(&m->out, p[i] == '`' ? '\'' : p[i]);
	put(m, "`");
}

/* A link target: bytes that could end it or break the line are %-encoded. */
static void url(md *m, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p && m->rc == TL_OK; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("()<>\"\\`", *p)) {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			m->rc = tl_buf_append(&m->out, esc, 3);
		} else {
			m->rc = tl_buf_putc(&m->out, (char)*p);
		}
	}
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
		if (m->rc == TL_OK)
			m->rc = tl_buf_printf(&m->out, " [%s – %s]", a, b);
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
	if (m->rc == TL_OK)
		m->rc = tl_buf_printf(&m->out, ", %zu mention%s", e->n_mentions,
				      e->n_mentions == 1 ? "" : "s");
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
	if (m.rc == TL_OK)
		m.rc = tl_buf_printf(&m.out, "%zu event%s", timeline->n_events,
				     timeline->n_events == 1 ? "" : "s");
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
