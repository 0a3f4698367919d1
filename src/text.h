/*
 * text.h - the cleaned body of an article with a map back to the original
 * bytes. Cleaning removes a UTF-8 BOM and CRs, folds curly quotes and dashes
 * to ASCII, joins print hyphenation across line breaks ("dis-\nclose"),
 * replaces invalid UTF-8 and NUL bytes, and blanks web-page cruft lines ("Top
 * of page", "Comments", "Image Source: ..."). A tl_text owns its clean copy,
 * its offset map and its sentence list; tl_text_free() releases them.
 */
#ifndef TL_TEXT_H
#define TL_TEXT_H

#include <stddef.h>

#include "timeline.h"

typedef struct tl_span {
	size_t start; /* offsets into tl_text.clean, end exclusive */
	size_t end;
} tl_span;

typedef struct tl_text {
	char *clean;       /* NUL-terminated cleaned text, valid UTF-8 */
	size_t len;        /* bytes in clean, not counting the NUL */
	size_t *orig;      /* len + 1 entries: orig[i] = byte offset in the original input
			    * of clean[i]; orig[len] = offset just past the cleaned region */
	tl_span *sentences; /* prose sentences in text order (cruft lines excluded) */
	size_t n_sentences;
	char *warnings;    /* NULL or a newline-separated list for the user */
} tl_text;

/*
 * Cleans raw[0..len), which sits at byte offset base in the original file (so
 * that orig[] are file offsets), and splits it into sentences. path is used in
 * warnings only (may be NULL). On failure *out is left empty.
 */
int tl_text_clean(const char *raw, size_t len, size_t base, const char *path, tl_text *out,
		  tl_error *err);

void tl_text_free(tl_text *text);

/* Maps a clean-text span [start, end) to original file offsets. The end maps
 * to the byte just past the original bytes of clean[end - 1], so CRs, joined
 * hyphens or cruft after the span are never included. */
size_t tl_text_orig_start(const tl_text *text, size_t clean_start);
size_t tl_text_orig_end(const tl_text *text, size_t clean_end);

#endif
