/*
 * article.h - the body of struct tl_article (public and opaque in timeline.h)
 * so that library modules can read it directly. An article owns its path,
 * name, original bytes, metadata strings, cleaned text and timexes. It is
 * built by article.c, which also parses the header block / front matter,
 * datelines and file-name dates (see tl_article_read in timeline.h).
 */
#ifndef TL_ARTICLE_H
#define TL_ARTICLE_H

#include "text.h"
#include "timeline.h"

struct tl_article {
	char *path;      /* NULL when built from bytes */
	char *name;      /* document id */
	char *raw;       /* original bytes, NUL-terminated after raw_len */
	size_t raw_len;
	size_t body_start; /* offset of the body after a header block / front matter */
	tl_date date;
	tl_date_source date_source;
	char *title, *source, *url; /* NULL when unknown */
	tl_text text;    /* cleaned body; offsets map into raw */
	bool tagged;
	tl_timex *timexes; /* offsets into raw */
	size_t n_timexes;
	char *warnings;
};

#endif
