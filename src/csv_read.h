/*
 * csv_read.h - the RFC 4180 reader behind manifests: records end at LF, CRLF
 * or CR; fields are separated by commas; a field in double quotes may hold
 * commas, line breaks and doubled quotes (""). A UTF-8 BOM at the start is
 * skipped. The reader borrows the text it reads; a tl_csv_record owns its
 * field bytes and is reused from one record to the next (tl_csv_record_free()
 * releases it). No global state.
 */
#ifndef TL_CSV_READ_H
#define TL_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct tl_csv {
	const char *s; /* borrowed */
	size_t len;
	size_t pos;
	size_t line;   /* 1-based line of the next record */
} tl_csv;

typedef struct tl_csv_record {
	size_t line;    /* line on which the record starts */
	size_t count;   /* fields */
	size_t *offs;   /* offs[i]: start of field i in text.data (NUL-terminated) */
	size_t cap;
	tl_buf text;
	bool has_nul;   /* a field holds a NUL byte (it would be cut short) */
} tl_csv_record;

void tl_csv_init(tl_csv *csv, const char *s, size_t len);

/*
 * Reads the next record into rec. Returns 1 when a record was read, 0 at the
 * end of the text, TL_ENOMEM, or TL_EINPUT for a malformed record (a quoted
 * field never closed, text after a closing quote) with the reason in err (no
 * file name: the caller adds it and rec->line). After TL_EINPUT the reader has
 * skipped the bad record and may be called again.
 */
int tl_csv_next(tl_csv *csv, tl_csv_record *rec, tl_error *err);

/* Field i of rec, NUL-terminated ("" when i >= rec->count). */
const char *tl_csv_field(const tl_csv_record *rec, size_t i);

void tl_csv_record_free(tl_csv_record *rec);

#endif
