/*
 * export_csv.c - the CSV exporter (RFC 4180): UTF-8, one header row, CRLF
 * after every record, one row per event in timeline order. A cell is quoted
 * when it holds a comma, a double quote, CR or LF, and inner quotes are
 * doubled. Spreadsheet formula injection: a text cell that would start with
 * =, +, -, @, TAB or CR gets a single quote ' put in front of it, inside the
 * cell, so spreadsheet programs show it as text instead of running it. The
 * date cells are never touched (they are ISO dates or empty). Options: excel
 * starts the file with a UTF-8 byte order mark. The file is built in a tl_buf
 * owned here and written in blocks of about a megabyte; each cell is cleaned
 * (tl_export_clean_view: text that needs no change is not copied) and then
 * written in place after one growth, and the "; "-joined lists remember their
 * pieces, so no pass over the output goes byte by byte through a call.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export.h"
#include "export_text.h"
#include "export_util.h"

static const char header[] = "start_date,end_date,value,granularity,title,actors,sources,"
			     "mentions,conflict,confidence,evidence\r\n";

/* Appends one cell (cleaned), neutralized unless raw, quoted when needed:
 * written in place after one growth for its worst case. */
static int put_cell(tl_buf *out, const char *value, bool raw, tl_buf *scratch)
{
	const char *s;
	size_t n;
	if (tl_export_clean_view(value, TL_CLEAN_TEXT, scratch, &s, &n) != TL_OK)
		return TL_ENOMEM;
	bool neutralize = !raw && n && strchr("=+-@\t\r", s[0]);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (n > (SIZE_MAX - 4) / 2 || tl_buf_grow(out, 2 * n + 3) != TL_OK)
		return TL_ENOMEM;
	char *o = out->data + out->len;
	if (quote)
		*o++ = '"';
	if (neutralize)
		*o++ = '\'';
	const char *q, *end = s + n;
	while (quote && (q = memchr(s, '"', (size_t)(end - s)))) { /* doubled inside */
		memcpy(o, s, (size_t)(q - s) + 1);
		o += q - s + 1;
		*o++ = '"';
		s = q + 1;
	}
	memcpy(o, s, (size_t)(end - s));
	o += end - s;
	if (quote)
		*o++ = '"';
	*o = '\0';
	out->len = (size_t)(o - out->data);
	return TL_OK;
}

/* The pieces a "; "-joined list splits into, as offsets into it. */
typedef struct piece {
	size_t at, len;
} piece;

typedef struct row_bufs {
	tl_buf list;
	tl_buf scratch;
	piece *pieces;
	size_t n_pieces, cap_pieces;
} row_bufs;

/*
 * Appends item to rb->list (joined with "; ") unless it is already there,
 * that is equal to one of the pieces the list splits into at "; ". The
 * pieces are kept as items are added (those of the list are those of its
 * items: the separator always splits, and empty pieces never match), so the
 * list is not split again for every item.
 */
static int join_unique(row_bufs *rb, const char *item)
{
	if (!item || !item[0])
		return TL_OK;
	size_t n = strlen(item);
	for (size_t i = 0; i < rb->n_pieces; i++) {
		const piece *p = &rb->pieces[i];
		const char *text = rb->list.data + p->at;
		/* names often share their first bytes (a0000420, a0000421) */
		if (p->len == n && text[n - 1] == item[n - 1] && memcmp(text, item, n) == 0)
			return TL_OK;
	}
	if (rb->list.len && tl_buf_append(&rb->list, "; ", 2) != TL_OK)
		return TL_ENOMEM;
	size_t at = rb->list.len;
	if (tl_buf_append(&rb->list, item, n) != TL_OK)
		return TL_ENOMEM;
	const char *p = item;
	while (*p) {
		const char *sep = strstr(p, "; ");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		piece *grown = tl_array_grow(rb->pieces, &rb->cap_pieces, rb->n_pieces, 16,
					     sizeof *grown);
		if (!grown)
			return TL_ENOMEM;
		rb->pieces = grown;
		rb->pieces[rb->n_pieces++] = (piece){at + (size_t)(p - item), len};
		p = sep ? sep + 2 : p + len;
	}
	return TL_OK;
}

/* Empties the list. */
static void list_reset(row_bufs *rb)
{
	tl_buf_reset(&rb->list);
	rb->n_pieces = 0;
}

/* ",<digits>," for a count, without printf. */
static int put_count(tl_buf *out, size_t value)
{
	char digits[24];
	size_t n = sizeof digits;
	digits[--n] = ',';
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	digits[--n] = ',';
	return tl_buf_append(out, digits + n, sizeof digits - n);
}

static int put_row(tl_buf *out, const tl_event *e, row_bufs *rb)
{
	char start[TL_ISO_DATE_SIZE] = "", last[TL_ISO_DATE_SIZE] = "";
	tl_date first, end, inclusive;
	if (tl_export_event_interval(e, &first, &end) && tl_export_date_add(end, -1, &inclusive)) {
		tl_export_date_iso(first, start);
		tl_export_date_iso(inclusive, last);
	}
	char confidence[8];
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

	list_reset(rb);
	for (size_t i = 0; i < e->actors.count && rc == TL_OK; i++)
		rc = join_unique(rb, e->actors.items[i]);
	if (rc == TL_OK)
		rc = put_cell(out, rb->list.data, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');

	list_reset(rb);
	for (size_t j = 0; j < e->n_mentions && rc == TL_OK; j++) {
		tl_mention scratch;
		const tl_mention *m = tl_event_mention(e, j, &scratch);
		rc = join_unique(rb, m->source && m->source[0] ? m->source : m->doc);
	}
	if (rc == TL_OK)
		rc = put_cell(out, rb->list.data, false, &rb->scratch);
	if (rc == TL_OK)
		rc = put_count(out, e->n_mentions);
	if (rc == TL_OK)
		rc = put_cell(out, e->conflict, false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');
	if (rc == TL_OK)
		rc = tl_buf_puts(out, confidence);
	if (rc == TL_OK)
		rc = tl_buf_putc(out, ',');
	tl_mention lead;
	if (rc == TL_OK)
		rc = put_cell(out, e->n_mentions ? tl_event_mention(e, 0, &lead)->sentence : NULL,
			      false, &rb->scratch);
	if (rc == TL_OK)
		rc = tl_buf_append(out, "\r\n", 2);
	return rc;
}

int tl_export_csv(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err)
{
	if (!timeline)
		return tl_error_set(err, TL_EUSAGE, "CSV export: no timeline");
	tl_buf b = TL_BUF_INIT;
	row_bufs rb = {TL_BUF_INIT, TL_BUF_INIT, NULL, 0, 0};
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
	free(rb.pieces);
	tl_buf_free(&b);
	return rc;
}
