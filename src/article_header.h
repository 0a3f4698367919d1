/*
 * article_header.h - the lines of a text and the header block or front matter
 * of an article's file (article_header.c), for article.c.
 */
#ifndef TL_ARTICLE_HEADER_H
#define TL_ARTICLE_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "article.h"

typedef struct line {
	size_t start, end, next; /* end excludes the line break; next is the following line */
} line;

typedef struct field {
	const char *s; /* points into raw; NULL when absent */
	size_t n;
	size_t line;   /* 1-based line number */
} field;

typedef struct header {
	size_t body_start;
	field date, title, source, url;
	bool unclosed;  /* "---" front matter never closed */
} header;

/* The line of s[0..len) starting at pos into *l; false at the end. */
bool tl_next_line(const char *s, size_t len, size_t pos, line *l);

/* True when the line holds only blanks. */
bool tl_line_blank(const char *s, const line *l);

/* Parses the header block ("Key: value" lines, then a blank line) or "---" front
 * matter at the start of s[0..len) into *h (see article.c for the keys). */
void tl_parse_header(const char *s, size_t len, header *h);

/* The spans of h in a file: UINT32_MAX as body_start when one does not fit. */
tl_header_spans tl_header_spans_of(const header *h, const char *raw);

/* The header of raw[0..len) from spans recorded by an earlier read; false when there
 * are none or they do not fit in the bytes (the file changed): parse it then. */
bool tl_header_from_spans(const tl_header_spans *sp, const char *raw, size_t len, header *h);

#endif
