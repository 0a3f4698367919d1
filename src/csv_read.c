/*
 * csv_read.c - the RFC 4180 reader behind manifests (see csv_read.h). It scans
 * the borrowed text once, copying field bytes into the record's buffer; the
 * record owns that buffer and its offset array. No global state.
 */
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "error.h"

void tl_csv_init(tl_csv *csv, const char *s, size_t len)
{
	csv->s = s;
	csv->len = len;
	csv->pos = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	csv->line = 1;
}

static int start_field(tl_csv_record *rec)
{
	size_t *offs = tl_array_grow(rec->offs, &rec->cap, rec->count, 8, sizeof *offs);
	if (!offs)
		return TL_ENOMEM;
	rec->offs = offs;
	if (rec->count > 0 && tl_buf_putc(&rec->text, '\0') != TL_OK)
		return TL_ENOMEM;
	rec->offs[rec->count++] = rec->text.len;
	return TL_OK;
}

/* Consumes a line break at pos (LF, CRLF or CR); returns false when there is none. */
static bool line_break(tl_csv *csv)
{
	const char *s = csv->s;
	if (csv->pos >= csv->len || (s[csv->pos] != '\n' && s[csv->pos] != '\r'))
		return false;
	if (s[csv->pos] == '\r' && csv->pos + 1 < csv->len && s[csv->pos + 1] == '\n')
		csv->pos++;
	csv->pos++;
	csv->line++;
	return true;
}

/* Skips the rest of a bad record up to and including its line break. */
static void skip_line(tl_csv *csv)
{
	while (csv->pos < csv->len && !line_break(csv))
		csv->pos++;
}

/* Reads a quoted field whose opening quote is at pos. */
static int quoted(tl_csv *csv, tl_csv_record *rec, tl_error *err)
{
	const char *s = csv->s;
	size_t open_line = csv->line;
	csv->pos++;
	for (;;) {
		if (csv->pos >= csv->len)
			return tl_error_set(err, TL_EINPUT,
			                    "a quoted field opened on line %zu is "
			                    "never closed; close it with a double quote",
			                    open_line);
		char c = s[csv->pos];
		if (c == '"') {
			if (csv->pos + 1 < csv->len && s[csv->pos + 1] == '"') {
				csv->pos += 2;
				if (tl_buf_putc(&rec->text, '"') != TL_OK)
					return TL_ENOMEM;
				continue;
			}
			csv->pos++;
			break;
		}
		if (c == '\n' ||
		    (c == '\r' && !(csv->pos + 1 < csv->len && s[csv->pos + 1] == '\n')))
			csv->line++;
		rec->has_nul |= c == '\0';
		if (tl_buf_putc(&rec->text, c) != TL_OK)
			return TL_ENOMEM;
		csv->pos++;
	}
	while (csv->pos < csv->len && (s[csv->pos] == ' ' || s[csv->pos] == '\t'))
		csv->pos++;
	if (csv->pos < csv->len && s[csv->pos] != ',' && s[csv->pos] != '\n' &&
	    s[csv->pos] != '\r') {
		skip_line(csv);
		return tl_error_set(err, TL_EINPUT, "text after a closing double quote; put the "
				    "whole field in quotes and double any quote inside it");
	}
	return TL_OK;
}

int tl_csv_next(tl_csv *csv, tl_csv_record *rec, tl_error *err)
{
	rec->count = 0;
	rec->has_nul = false;
	tl_buf_reset(&rec->text);
	if (csv->pos >= csv->len)
		return 0;
	rec->line = csv->line;
	const char *s = csv->s;
	for (;;) {
		if (start_field(rec) != TL_OK)
			return TL_ENOMEM;
		if (csv->pos < csv->len && s[csv->pos] == '"') {
			int rc = quoted(csv, rec, err);
			if (rc != TL_OK)
				return rc;
		} else {
			size_t a = csv->pos;
			while (csv->pos < csv->len && s[csv->pos] != ',' && s[csv->pos] != '\n' &&
			       s[csv->pos] != '\r')
				csv->pos++;
			rec->has_nul |= memchr(s + a, '\0', csv->pos - a) != NULL;
			if (tl_buf_append(&rec->text, s + a, csv->pos - a) != TL_OK)
				return TL_ENOMEM;
		}
		if (csv->pos < csv->len && s[csv->pos] == ',') {
			csv->pos++;
			continue;
		}
		line_break(csv);
		break;
	}
	if (!rec->text.data && tl_buf_puts(&rec->text, "") != TL_OK)
		return TL_ENOMEM;
	return 1;
}

const char *tl_csv_field(const tl_csv_record *rec, size_t i)
{
	return i < rec->count && rec->text.data ? rec->text.data + rec->offs[i] : "";
}

void tl_csv_record_free(tl_csv_record *rec)
{
	free(rec->offs);
	tl_buf_free(&rec->text);
	memset(rec, 0, sizeof *rec);
}
