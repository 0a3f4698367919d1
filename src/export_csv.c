/*
 * export_csv.c - the CSV exporter (RFC 4180): UTF-8, one header row, CRLF
 * after every record, one row per event in timeline order. A cell is quoted
 * when it holds a comma, a double quote, CR or LF, and inner quotes are
 * doubled. Spreadsheet formula injection: a text cell that would start with
 * =, +, -, @, TAB or CR gets a single quote ' put in front of it, inside the
 * cell, so spreadsheet programs show it as text instead of running it. The
 * date cells are never touched (they are ISO dates or empty). Options: excel
 * starts the file with a UTF-8 byte order mark. The whole file is built in one
 * tl_buf owned here and written once.
 */
#include <string.h>

#include "error.h"
#include "export.h"
#include "export_util.h"

static const char header[] = "start_date,end_date,value,granularity,title,actors,sources,"
			     "mentions,conflict,confidence,evidence\r\n";

/* Appends one cell (cleaned), neutralized unless raw, quoted when needed. */
static int put_cell(tl_buf *out, const char *value, bool raw, tl_buf *scratch)
{
	tl_buf_reset(scratch);
	if (tl_export_clean(scratch, value, TL_CLEAN_TEXT) != TL_OK)
		return TL_ENOMEM;
	const char *s = scratch->data ? scratch->data : "";
	bool neutralize = !raw && s[0] && strchr("=+-@\t\r", s[0]);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	int rc = quote ? tl_buf_putc(out, '"') : TL_OK;
	if (rc == TL_OK && neutralize)
		rc = tl_buf_putc(out, '\'');
	for (const char *p = s; *p && rc == TL_OK; p++) {
		if (*p == '"')
			rc = tl_buf_putc(out, '"');
		if (rc == TL_OK)
			rc = tl_buf_putc(out, *p);
	}
	if (rc == TL_OK && quote)
		rc = tl_buf_putc(out, '"');
	return rc;
}

/* Appends item to list (joined with "; ") unless it is already there. */
static int join_unique(tl_buf *list, const char *item)
{
	if (!item || !item[0])
		return TL_OK;
	size_t n = strlen(item);
	const char *p = list->data;
	while (p && *p) {
		const char *sep = strstr(p, "; ");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		if (len == n && memcmp(p, item, n) == 0)
			return TL_OK;
		p = sep ? sep + 2 : p + len;
	}
	if (list->len && tl_buf_puts(list, "; ") != TL_OK)
		return TL_ENOMEM;
	return tl_buf_puts(list, item);
}

typedef struct row_bufs {
	tl_buf list;
	tl_buf scratch;
} row_bufs;

static int put_row(tl_buf *out, const tl_event *e, row_bufs *rb)
{
	char start[TL_ISO_DATE_SIZE] = "", last[TL_ISO_DATE_SIZE] = "";
	tl_date first, end, inclusive;
	if (tl_export_event_interval(e, &first, &end) && tl_export_date_add(end, -1, &inclusive)) {
		tl_export_date_iso(first, start);
		tl_export_date_iso(inclusive, last);
	}
	char count[32], confidence[8];
	snprintf(count, sizeof count, "%zu", e->n_mentions);
	tl_export_confidence(e->confidence, confidence);

	int rc = put_cell(out, start, true, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');
	if (rc == TL_OK)
		rc = put_cell(out, last, true, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');
	if (rc == TL_OK)
		rc = put_cell(out, e->value, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');
	if (rc == TL_OK)
		rc = put_cell(out, tl_grain_name(e->grain), false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');
	if (rc == TL_OK)
		rc = put_cell(out, e->title, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');

	tl_buf_reset(&rb->list);
	for (size_t i = 0; i < e->actors.count && rc == TL_OK; i++)
		rc = join_unique(&rb->list, e->actors.items[i]);
	if (rc == TL_OK)
		rc = put_cell(out, rb->list.data, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');

	tl_buf_reset(&rb->list);
	for (size_t j = 0; j < e->n_mentions && rc == TL_OK; j++) {
		tl_mention scratch;
		const tl_mention *m = tl_event_mention(e, j, &scratch);
		rc = join_unique(&rb->list, m->source && m->source[0] ? m->source : m->doc);
	}
	if (rc == TL_OK)
		rc = put_cell(out, rb->list.data, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_printf(out, ",%s,", count);
	if (rc == TL_OK)
		rc = put_cell(out, e->conflict, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_printf(out, ",%s,", confidence);
	tl_mention lead;
	if (rc == TL_OK)
		rc = put_cell(out, e->n_mentions ? tl_event_mention(e, 0, &lead)->sentence : NULL,
			      false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_puts(out, "\r\n");
	return rc;
}

int tl_export_csv(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err)
{
	if (!timeline)
		return tl_error_set(err, TL_EUSAGE, "CSV export: no timeline");
	tl_buf b = TL_BUF_INIT;
	row_bufs rb = {TL_BUF_INIT, TL_BUF_INIT};
	int rc = TL_OK;
	if (options && options->excel)
		rc = tl_buf_puts(&b, "\xef\xbb\xbf");
	if (rc == TL_OK)
		rc = tl_buf_puts(&b, header);
	/* Written in blocks of about a megabyte: memory follows one row. */
	for (size_t i = 0; i < timeline->n_events && rc == TL_OK; i++) {
		if ((rc = put_row(&b, &timeline->events[i], &rb)) != TL_OK)
			break;
		if (b.len >= ((size_t)1 << 20)) {
			rc = tl_export_write(&b, out, "CSV", err);
			tl_buf_reset(&b);
			if (rc != TL_OK)
				break;
		}
	}
	if (rc == TL_OK)
		rc = tl_export_write(&b, out, "CSV", err);
	else if (rc == TL_ENOMEM)
		rc = tl_error_nomem(err);
	tl_buf_free(&rb.list);
	tl_buf_free(&rb.scratch);
	tl_buf_free(&b);
	return rc;
}
