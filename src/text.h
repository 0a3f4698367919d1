/*
 * text.h - the cleaned body of an article with a map back to the original
 * bytes. Cleaning removes a UTF-8 BOM and CRs, folds curly quotes and dashes
 * to ASCII, joins print hyphenation across line breaks ("dis-\nclose"),
 * replaces invalid UTF-8 and NUL bytes, and blanks web-page cruft lines ("Top
 * of page", "Comments", "Image Source: ..."); then it splits the clean text
 * into sentences. A tl_text owns its clean copy, its offset map and its
 * sentence list; tl_text_free() releases them. Read offsets through
 * tl_text_orig_start()/tl_text_orig_end() (O(log runs)), or both ends of a span
 * through tl_text_orig_span(), not through runs.
 */
#ifndef TL_TEXT_H
#define TL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

/* The largest input tl_text_clean() accepts (1 GiB): offsets are stored in 30 bits. */
#define TL_TEXT_MAX ((size_t)1 << 30)

typedef struct tl_span {
	size_t start; /* offsets into tl_text.clean, end exclusive */
	size_t end;
} tl_span;

/*
 * One stretch of the offset map: clean bytes from clean up to the next run's start each
 * stand for w original bytes, the first at file offset base + (orig & 0x3fffffff) and
 * each following w bytes further on, where w - 1 = orig >> 30 ('"' folded from
 * "\xe2\x80\x9c" has w = 3). Plain text is one run; a CR, a folded character or a
 * joined hyphen starts a new one. At most one run per clean byte (8 bytes), usually far
 * fewer.
 */
typedef struct tl_run {
	uint32_t clean;
	uint32_t orig;
} tl_run;

typedef struct tl_text {
	char *clean;       /* NUL-terminated cleaned text, valid UTF-8 */
	size_t len;        /* bytes in clean, not counting the NUL */
	size_t base;       /* file offset of the first input byte */
	size_t raw_len;    /* input bytes cleaned */
	tl_run *runs;      /* the offset map, sorted by clean; runs[0].clean == 0 (NULL when
			    * len is 0). Read it through tl_text_orig_start()/_end(). */
	size_t n_runs;
	tl_span *sentences; /* prose sentences in text order (cruft lines excluded) */
	size_t n_sentences;
	bool split;        /* sentences is filled in (see tl_text_split()) */
	char *warnings;    /* NULL or a newline-separated list for the user */
} tl_text;

/*
 * Cleans raw[0..len), which sits at byte offset base in the original file (so
 * that mapped offsets are file offsets), and splits it into sentences. path is
 * used in warnings only (may be NULL). len must be below TL_TEXT_MAX
 * (TL_EINPUT otherwise). On failure *out is left empty.
 *
 * Hyphenation rule: a '-' at the end of a line, right after a letter and
 * before a lowercase letter on the next line, is dropped with the line break
 * ("dis-\nclose" -> "disclose") unless the left part is a single letter, part
 * of a longer compound, or a common first half of compounds (rare, self,
 * well, non, long, ...): then only the line break goes ("rare-\nearth" ->
 * "rare-earth"). Before an uppercase letter or a digit, or after a digit, the
 * hyphen is always kept ("Sino-\nAmerican", "mid-\n2025", "90-\nday").
 * Blanks at the start of the next line go with the line break.
 *
 * Sentences end at . ! ? (plus closing quotes or brackets) followed by space
 * and an uppercase letter, digit, quote or bracket, unless the word before
 * the period is an abbreviation (Mr., Jan., No. 5, U.S., a.m., initials);
 * dotted abbreviations and Inc./Ltd./Jr. still end a sentence before a
 * typical sentence opener ("... in the U.S. The ..."). A paragraph break (an
 * empty or blank line) always ends a sentence, so a headline on its own line
 * is its own sentence; a single line break ends one only after a line without
 * final punctuation that is in Title Case or capitals, or before a dateline
 * or byline ("LONDON, June 11 -", "By ...") - print text wraps anywhere.
 */
int tl_text_clean(const char *raw, size_t len, size_t base, const char *path, tl_text *out,
		  tl_error *err);

/*
 * Sets *warnings to what tl_text_clean() would put in tl_text.warnings for the same
 * arguments (invalid UTF-8 and NUL bytes, counted the same way), or NULL when it would
 * warn about nothing, without cleaning: one read-only pass, for callers that need the
 * warnings now and the clean text later. The caller frees *warnings. Returns TL_OK or
 * TL_ENOMEM.
 */
int tl_text_warnings(const char *raw, size_t len, size_t base, const char *path,
		     char **warnings);

/*
 * tl_text_warnings() for a text read in pieces: start with a zeroed tl_text_damage,
 * pass each piece in order to tl_text_damage_add() (cut the pieces after an ASCII byte,
 * a line feed say, so that no UTF-8 sequence is cut), then tl_text_damage_warnings()
 * sets *warnings as tl_text_warnings() would for the whole (TL_OK or TL_ENOMEM).
 */
typedef struct tl_text_damage {
	size_t n_invalid, first_invalid; /* first_*: offsets from the text's first byte */
	size_t n_nul, first_nul;
	size_t at; /* bytes counted so far */
} tl_text_damage;

void tl_text_damage_add(tl_text_damage *d, const char *raw, size_t len);
int tl_text_damage_warnings(const tl_text_damage *d, size_t base, const char *path,
			    char **warnings);

/* tl_text_clean() without the sentence split, for callers that only tag: call
 * tl_text_split() before reading sentences. */
int tl_text_clean_unsplit(const char *raw, size_t len, size_t base, const char *path,
			  tl_text *out, tl_error *err);

/* Splits text->clean into sentences unless that was done; TL_OK or TL_ENOMEM. */
int tl_text_split(tl_text *text);

void tl_text_free(tl_text *text);

/* The packing of tl_run.orig: the offset in the low 30 bits, the width - 1 above. */
#define TL_RUN_OFF_BITS 30
#define TL_RUN_OFF_MASK ((UINT32_C(1) << TL_RUN_OFF_BITS) - 1)

/* The run holding clean[i] (i < len): the last run starting at or before i. Inline,
 * like the two maps below, as they run for every span tagged. */
static inline const tl_run *tl_text_run_of(const tl_text *text, size_t i)
{
	size_t lo = 0, hi = text->n_runs;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (text->runs[mid].clean <= i)
			lo = mid;
		else
			hi = mid;
	}
	return &text->runs[lo];
}

/* Maps a clean offset to the file offset of its first original byte; clean_start == len
 * (or more) maps just past the cleaned region. */
static inline size_t tl_text_orig_start(const tl_text *text, size_t clean_start)
{
	if (clean_start >= text->len)
		return text->base + text->raw_len;
	const tl_run *r = tl_text_run_of(text, clean_start);
	size_t w = (r->orig >> TL_RUN_OFF_BITS) + 1;
	return text->base + (r->orig & TL_RUN_OFF_MASK) + w * (clean_start - r->clean);
}

/* Maps the end of a clean-text span [start, end) to original file offsets. The end maps
 * to the byte just past the original bytes of clean[end - 1], so CRs, joined
 * hyphens or cruft after the span are never included. clean_end == 0 maps like
 * tl_text_orig_start(text, 0). */
static inline size_t tl_text_orig_end(const tl_text *text, size_t clean_end)
{
	if (clean_end == 0 || text->len == 0)
		return tl_text_orig_start(text, 0);
	if (clean_end > text->len)
		clean_end = text->len;
	const tl_run *r = tl_text_run_of(text, clean_end - 1);
	size_t w = (r->orig >> TL_RUN_OFF_BITS) + 1;
	return text->base + (r->orig & TL_RUN_OFF_MASK) + w * (clean_end - r->clean);
}

/* Both ends of the clean span [clean_start, clean_end) as tl_text_orig_start() and
 * tl_text_orig_end() map them, with one search when the span lies in one run (nearly
 * always: runs end only at CRs, folded characters and joined hyphens). */
static inline void tl_text_orig_span(const tl_text *text, size_t clean_start, size_t clean_end,
                                     size_t *orig_start, size_t *orig_end)
{
	if (clean_start >= text->len || clean_end <= clean_start || clean_end > text->len) {
		*orig_start = tl_text_orig_start(text, clean_start);
		*orig_end = tl_text_orig_end(text, clean_end);
		return;
	}
	const tl_run *r = tl_text_run_of(text, clean_start);
	size_t w = (r->orig >> TL_RUN_OFF_BITS) + 1;
	size_t at = text->base + (r->orig & TL_RUN_OFF_MASK);
	*orig_start = at + w * (clean_start - r->clean);
	if (r + 1 < text->runs + text->n_runs && r[1].clean <= clean_end - 1) {
		*orig_end = tl_text_orig_end(text, clean_end); /* the span crosses a run */
		return;
	}
	*orig_end = at + w * (clean_end - r->clean);
}

#endif
