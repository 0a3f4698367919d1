/*
 * article.h - the body of struct tl_article (public and opaque in timeline.h)
 * so that library modules can read it directly. An article owns its path,
 * name, original bytes, metadata strings, cleaned text and timexes (in file
 * and in clean-text offsets). It is built by article.c, which also parses the
 * header block / front matter, datelines and file-name dates (see
 * tl_article_read in timeline.h and the comment at the top of article.c for
 * the exact rules).
 */
#ifndef TL_ARTICLE_H
#define TL_ARTICLE_H

#include <stdint.h>

#include "text.h"
#include "timeline.h"

/*
 * Where a file's header block put what tl_article_restore() needs (offsets into the
 * file), so that a lazy corpus's second read does not parse the header again. A field
 * absent or empty has n == 0. body_start == UINT32_MAX: not recorded (an offset did not
 * fit): the header is parsed again.
 */
typedef struct tl_header_spans {
	uint32_t body_start;
	uint16_t title, title_n, source, source_n, url, url_n;
} tl_header_spans;

struct tl_article {
	char *path;      /* the file read; NULL when built from bytes */
	char *origin;    /* from bytes: the path given to name them (messages, file-name
			  * dates), or NULL */
	char *name;      /* document id */
	char *raw;       /* original bytes, NUL-terminated after raw_len */
	size_t raw_len;
	size_t body_start; /* offset of the body after a header block / front matter */
	tl_header_spans spans; /* the header as the read that built the article found it */
	tl_date date;
	tl_date_source date_source;
	char *title, *source, *url; /* NULL when unknown */
	tl_text text;    /* cleaned body; offsets map into raw */
	bool tagged;
	tl_timex *timexes; /* offsets into raw */
	tl_span *timex_clean; /* the same timexes as offsets into text.clean, or NULL
			       * (articles built by hand); owned */
	size_t n_timexes;
	char *warnings;  /* NULL or newline-separated, each naming the file */
};

/*
 * Reads a date written the way article headers write them: "2025-06-11",
 * "2025-06-11T08:30:00Z", "2025/06/11", "June 11, 2025", "Jun. 11 2025",
 * "Wednesday, June 11, 2025", "11 June 2025". Trailing text after the year
 * (a time, a zone) is ignored. Returns false when s[0..n) is none of these or
 * not a real calendar day.
 */
bool tl_article_parse_date(const char *s, size_t n, tl_date *out);

/*
 * tl_article_read() followed by tl_article_release(), without the work the release
 * throws away: the body is cleaned only when the date has to be looked for in it
 * (warnings are found all the same), and title, source and url are left NULL (the
 * corpus finds them again with tl_article_restore). For corpora loaded lazily.
 */
tl_article *tl_article_read_released(const char *path, const tl_article_meta *meta,
				     tl_error *err);

/*
 * Makes again an article a lazy corpus loaded with tl_article_read_released() and then
 * kept only the record of: its path, name, date, date source, warnings and header spans
 * (the released article's spans, or NULL) as found then. The file is read again: title,
 * source and url come from meta (the manifest row) or else from its header, found at
 * the spans given (parsed again when spans is NULL, not recorded or past the end of the
 * file), and the bytes stay for tl_article_tag(), which cleans the body. When the file
 * cannot be read they stay NULL and tagging will read it again and say why. NULL only
 * when out of memory (err may be NULL).
 */
tl_article *tl_article_restore(const char *path, const char *name, tl_date date,
			       tl_date_source date_source, const tl_article_meta *meta,
			       const char *warnings, const tl_header_spans *spans,
			       tl_error *err);

/* Reads the file at path into *out (malloc()ed, with one spare byte after *out_len for
 * a NUL), naming path in any error: TL_OK, TL_EIO (cannot open or read, a folder),
 * TL_EINPUT (1 GiB or more) or TL_ENOMEM. article_file.c. */
int tl_article_read_file(const char *path, char **out, size_t *out_len, tl_error *err);

/* Splits the article's clean text into sentences (tl_text_split()) unless done:
 * articles are cleaned without them (tagging never reads them), so every reader of
 * text.sentences calls this first. */
int tl_article_sentences(tl_article *a, tl_error *err);

#endif
