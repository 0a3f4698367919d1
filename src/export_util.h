/*
 * export_util.h - helpers shared by the exporters (export_*.c): checked
 * day steps on tl_date (through date.c), ISO formatting, the
 * text clean-up every format applies to untrusted strings (invalid UTF-8 ->
 * U+FFFD, CR/CRLF -> LF, other control characters -> space), locale-free
 * number formatting, and the single checked write of a finished buffer. The
 * helpers own no memory beyond the tl_buf a caller passes in.
 */
#ifndef TL_EXPORT_UTIL_H
#define TL_EXPORT_UTIL_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "date.h"
#include "event.h"

/* Room for "YYYY-MM-DD" plus NUL. */
#define TL_ISO_DATE_SIZE 11

/* d moved by days (may be negative). Returns false when d is invalid or the
 * result leaves years 1..9999. */
bool tl_export_date_add(tl_date d, int days, tl_date *out);

/* "YYYY-MM-DD" into out[TL_ISO_DATE_SIZE]; "" when d is not valid. */
void tl_export_date_iso(tl_date d, char out[TL_ISO_DATE_SIZE]);

/*
 * The calendar interval an event is exported with: [*first, *end) with end
 * exclusive and strictly after first. Uses the event's own interval when it is
 * valid; when end_date is missing or not after first, end is first + 1 day.
 * Returns false when the event has no calendar position.
 */
bool tl_export_event_interval(const tl_event *e, tl_date *first, tl_date *end);

/* True for events an ICS export leaves out unless include_vague: grain year or
 * coarser, or no calendar position. */
bool tl_export_event_vague(const tl_event *e);

/* "done", "planned", "negated". Static string. */
const char *tl_export_status_name(tl_event_status status);

/* A confidence in [0, 1] as "0.85" into out[8], without printf's locale-aware
 * %f (values outside [0, 1] and NaN are clamped). */
void tl_export_confidence(double confidence, char out[8]);

/* What tl_export_clean() does besides repairing UTF-8. */
enum tl_clean_flags {
	TL_CLEAN_TEXT = 0,     /* CRLF and CR -> LF; other controls but TAB -> space */
	TL_CLEAN_ONE_LINE = 1, /* as TEXT, and LF and TAB -> space too */
	TL_CLEAN_UTF8 = 2      /* only repair UTF-8; controls stay (JSON escapes them) */
};

/* Appends s (NULL is treated as "") cleaned as flags say; invalid UTF-8 bytes
 * (overlong, surrogates, past U+10FFFF, truncated) each become U+FFFD. */
int tl_export_clean(tl_buf *b, const char *s, enum tl_clean_flags flags);

/* Writes b to out, flushes, and checks both: TL_EIO with a message naming
 * what (e.g. "iCalendar") on failure. */
int tl_export_write(const tl_buf *b, FILE *out, const char *what, tl_error *err);

#endif
