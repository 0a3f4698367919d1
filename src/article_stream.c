/*
 * article_stream.c - reads a large article file in pieces, so that memory does
 * not grow with the file: its invalid UTF-8 and NUL bytes are counted piece by
 * piece for the warnings (tl_article_stream_warnings), and its body is tagged
 * window by window (tl_article_tag_windows). A window ends at a blank line
 * ("\n\n" in the file) near the window size (further when a paragraph is
 * longer), and is cleaned and tagged with about a kilobyte of the text on each
 * side (whole lines) as context, the anchor, month and year of anaphora
 * carried from the window before (tl_tagger_run_part): no pattern, span,
 * sentence, hyphenated word or web-cruft list reaches across a blank line, the
 * cleaner starts each line afresh, and the normalizer reads 16 bytes around a
 * span, so the timexes are those of one pass over the whole body. Memory: one
 * window of the file (plus its context and the rest of a line that runs past
 * it), its clean copy and map, and its timexes. Owns the buffers of one call;
 * no state between calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "error.h"
#include "tagger.h"
#include "text.h"

/* Context taken on each side of a window (then out to the line's end or start). */
#define CONTEXT 1024

/* The bytes of a file from offset at, read forward into one growing buffer. */
typedef struct reader {
	int fd;
	const char *path;
	char *buf;
	size_t cap;
	size_t at;  /* file offset of buf[0] */
	size_t len; /* bytes in buf */
	bool eof;
} reader;

/* Reads until the buffer holds the file up to offset want (or the end); TL_OK, TL_EIO or
 * TL_ENOMEM. */
static int fill(reader *r, size_t want, tl_error *err)
{
	while (!r->eof && r->at + r->len < want) {
		if (r->len == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : (size_t)1 << 16;
			while (cap < want - r->at)
				cap *= 2;
			char *grown = realloc(r->buf, cap + 1);
			if (!grown)
				return tl_error_nomem(err);
			r->buf = grown;
			r->cap = cap;
		}
		ssize_t n = pread(r->fd, r->buf + r->len, r->cap - r->len, (off_t)(r->at + r->len));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return tl_error_set(err, TL_EIO, "%s: cannot read: %s; check the file",
					    r->path, strerror(errno));
		if (n == 0)
			r->eof = true;
		r->len += (size_t)n;
	}
	return TL_OK;
}

/* Drops the bytes before file offset keep (<= r->at + r->len). */
static void drop_before(reader *r, size_t keep)
{
	if (keep <= r->at)
		return;
	size_t gone = keep - r->at;
	memmove(r->buf, r->buf + gone, r->len - gone);
	r->len -= gone;
	r->at = keep;
}

int tl_article_stream_warnings(int fd, size_t from, const char *path, char **warnings,
			       tl_error *err)
{
	*warnings = NULL;
	reader r = {fd, path, NULL, 0, from, 0, false};
	tl_text_damage d = {0, 0, 0, 0, 0};
	size_t piece = (size_t)1 << 20;
	int rc = TL_OK;
	for (;;) {
		rc = fill(&r, r.at + r.len + piece, err);
		if (rc != TL_OK || r.len == 0)
			break;
		/* up to the last ASCII byte: no UTF-8 sequence is cut (none holds one) */
		size_t cut = r.len;
		if (!r.eof) {
			while (cut > 0 && (unsigned char)r.buf[cut - 1] >= 0x80)
				cut--;
			if (cut == 0) { /* no ASCII byte in this piece: read on */
				piece *= 2;
				continue;
			}
		}
		tl_text_damage_add(&d, r.buf, cut);
		drop_before(&r, r.at + cut);
		if (r.eof && r.len == 0)
			break;
	}
	free(r.buf);
	if (rc != TL_OK)
		return rc;
	if (tl_text_damage_warnings(&d, from, path, warnings) != TL_OK)
		return tl_error_nomem(err);
	return TL_OK;
}

/* The offset just past the last blank line ("\n\n") whose end lies in (lo, hi] of the
 * buffered file, or 0 when there is none. */
static size_t last_break(const reader *r, size_t lo, size_t hi)
{
	for (size_t p = hi; p >= lo + 2 && p > r->at + 1; p--)
		if (r->buf[p - 1 - r->at] == '\n' && r->buf[p - 2 - r->at] == '\n')
			return p;
	return 0;
}

/* The first clean offset of text whose original bytes start at file offset off or
 * later (text->len when none does): the map is monotonic. */
static size_t clean_at(const tl_text *text, size_t off)
{
	size_t lo = 0, hi = text->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tl_text_orig_start(text, mid) >= off)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Finds where the window starting at cut ends: just past a blank line near
 * cut + window, past the first one after it when the paragraph is longer, or the end of
 * the file. */
static int window_end(reader *r, size_t cut, size_t window, size_t *next, tl_error *err)
{
	int rc = fill(r, cut + window, err);
	if (rc != TL_OK)
		return rc;
	size_t end = r->at + r->len;
	if (r->eof && end <= cut + window) {
		*next = end;
		return TL_OK;
	}
	size_t p = last_break(r, cut, cut + window < end ? cut + window : end);
	size_t from = cut + window;
	while (p == 0) {
		rc = fill(r, from + window, err);
		if (rc != TL_OK)
			return rc;
		end = r->at + r->len;
		for (size_t q = from > cut + 2 ? from : cut + 2; q <= end && p == 0; q++)
			if (r->buf[q - 1 - r->at] == '\n' && r->buf[q - 2 - r->at] == '\n')
				p = q;
		if (p == 0 && r->eof)
			p = end;
		from = end;
	}
	*next = p;
	return TL_OK;
}

/* The end of the context after a window ending at next: CONTEXT bytes on, then to the
 * end of that line (or of the file). */
static int context_end(reader *r, size_t next, size_t *se, tl_error *err)
{
	int rc = fill(r, next + CONTEXT, err);
	if (rc != TL_OK)
		return rc;
	size_t p = next + CONTEXT;
	for (;;) {
		size_t end = r->at + r->len;
		while (p < end && r->buf[p - r->at] != '\n')
			p++;
		if (p < end || r->eof) {
			*se = p < end ? p + 1 : end;
			return TL_OK;
		}
		rc = fill(r, end + 4096, err);
		if (rc != TL_OK)
			return rc;
	}
}

/* Cleans and tags the window [cut, next) of the file with the context [ps, se) around
 * it, maps its timexes to file offsets and hands them to write. */
static int tag_window(const tl_article *a, const tl_tagger *tagger, reader *r, size_t ps,
		      size_t cut, size_t next, size_t se, tl_tagger_carry *carry,
		      tl_window_writer write, void *userdata, tl_error *err)
{
	tl_text text;
	int rc = tl_text_clean_unsplit(r->buf + (ps - r->at), se - ps, ps, a->path, &text, err);
	if (rc != TL_OK)
		return rc;
	size_t from = clean_at(&text, cut), to = clean_at(&text, next);
	tl_timex *t = NULL;
	size_t n = 0;
	rc = tl_tagger_run_part(tagger, text.clean, text.len, from, to, carry, &t, &n, err);
	if (rc == TL_OK) {
		for (size_t i = 0; i < n; i++) {
			size_t s, e;
			tl_text_orig_span(&text, t[i].start, t[i].end, &s, &e);
			t[i].start = s;
			t[i].end = e;
		}
		rc = write(userdata, r->buf, r->at, r->len, cut, next, t, n, err);
	}
	free(t);
	tl_text_free(&text);
	return rc;
}

int tl_article_tag_windows(const tl_article *a, const tl_tagger *tagger, size_t window,
			   tl_window_writer write, void *userdata, tl_error *err)
{
	if (!a->path || window == 0)
		return tl_error_set(err, TL_EUSAGE, "tagging in windows: no file to read");
	int fd = open(a->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return tl_error_set(err, TL_EIO, "%s: cannot open: %s; check the path and "
				    "permissions", a->path, strerror(errno));
	reader r = {fd, a->path, NULL, 0, a->body_start, 0, false};
	tl_tagger_carry carry;
	tl_tagger_carry_init(&carry, a->date);
	size_t prev = a->body_start, cut = a->body_start;
	int rc = TL_OK;
	for (;;) {
		size_t next = 0, se = 0;
		rc = window_end(&r, cut, window, &next, err);
		if (rc == TL_OK)
			rc = context_end(&r, next, &se, err);
		if (rc != TL_OK)
			break;
		/* the context before: CONTEXT bytes back, then to the start of that line,
		 * never before the window before (which starts a line) */
		size_t ps = cut;
		if (cut > a->body_start) {
			ps = cut - prev > CONTEXT ? cut - CONTEXT : prev;
			while (ps > prev && r.buf[ps - 1 - r.at] != '\n')
				ps--;
		}
		rc = tag_window(a, tagger, &r, ps, cut, next, se, &carry, write, userdata, err);
		if (rc != TL_OK || (r.eof && next >= r.at + r.len))
			break; /* the end of the file */
		prev = cut;
		cut = next;
		drop_before(&r, prev);
	}
	free(r.buf);
	close(fd);
	return rc;
}
