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
#include <sys/types.h>

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
	size_t large;    /* restored without its bytes because the file is large (its
			  * size): tl_article_tag() reads it whole, `tag` in windows */
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

/* tl_article_read() of a regular file whose size a stat() of the corpus's folder walk
 * found (known_size, or 0 when unknown): read without fstat(), the read that gives its
 * last byte the last one. For corpora that read each file once (defer_reads). */
tl_article *tl_article_read_sized(const char *path, const char *name,
				  const tl_article_meta *meta, size_t known_size, tl_error *err);

/* tl_article_read_released() that also says what it learnt of the file (its id and
 * size; see tl_file_info below), so that a corpus needs no stat() of its own. */
typedef struct tl_file_info tl_file_info;
tl_article *tl_article_read_released_info(const char *path, const tl_article_meta *meta,
					  tl_file_info *info, tl_error *err);

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

/* tl_article_restore() of a regular file whose size the first read found (known_size,
 * or 0 when unknown): read without fstat(), and the read that gives its last byte is
 * the last one. */
tl_article *tl_article_restore_sized(const char *path, const char *name, tl_date date,
				     tl_date_source date_source, const tl_article_meta *meta,
				     const char *warnings, const tl_header_spans *spans,
				     size_t known_size, tl_error *err);

/* Reads the file at path into *out (malloc()ed, with one spare byte after *out_len for
 * a NUL), naming path in any error: TL_OK, TL_EIO (cannot open or read, a folder),
 * TL_EINPUT (1 GiB or more) or TL_ENOMEM. article_file.c. */
int tl_article_read_file(const char *path, char **out, size_t *out_len, tl_error *err);

/* What reading a file learnt of it: its id (0, 0 when no fstat() was made) and size. */
struct tl_file_info {
	dev_t dev;
	ino_t ino;
	size_t size;
};

/* tl_article_read_file(), except that a regular file of at least large bytes (and more
 * than prefix) is not read whole: *out then holds its first prefix bytes and *fd (else
 * -1) the open file, which the caller closes. known_size: the size of the file, a
 * regular one, found earlier (no fstat() then), or 0. *info: what was learnt of the
 * file. article_file.c. */
int tl_article_read_file_large(const char *path, size_t large, size_t prefix,
			       size_t known_size, char **out, size_t *out_len, int *fd,
			       tl_file_info *info, tl_error *err);

/* Files of this size or more are read and tagged in windows (article_stream.c) when a
 * lazy corpus loads them and `tag` writes them, so that memory does not grow with the
 * file; their first TL_ARTICLE_PREFIX bytes must hold the header block. */
#ifndef TL_ARTICLE_LARGE /* (a build may make them small to try windows on any corpus) */
#define TL_ARTICLE_LARGE ((size_t)16 << 20)
#define TL_ARTICLE_PREFIX ((size_t)64 << 10)
#define TL_ARTICLE_WINDOW ((size_t)4 << 20)
#endif

/* Counts the invalid UTF-8 and NUL bytes of the open file fd from offset from to its end
 * in pieces and sets *warnings as tl_text_warnings() would for those bytes read whole
 * (base = from). TL_OK, TL_EIO or TL_ENOMEM. article_stream.c. */
int tl_article_stream_warnings(int fd, size_t from, const char *path, char **warnings,
			       tl_error *err);

/* Tags an article that a lazy corpus left unread because it is large (its large field)
 * window by window, each cut at a blank line, and hands each window's timexes (file
 * offsets, in order) to write with the window's bytes: raw holds the file's bytes
 * [raw_at, raw_at + raw_len), which include [done, upto): the part of the body this
 * window covers. window is the size a window aims at (TL_ARTICLE_WINDOW; tests make it
 * small). The timexes are what tl_article_tag() would find. article_stream.c. */
typedef int (*tl_window_writer)(void *userdata, const char *raw, size_t raw_at,
				size_t raw_len, size_t done, size_t upto, const tl_timex *t,
				size_t n, tl_error *err);
int tl_article_tag_windows(const tl_article *a, const tl_tagger *tagger, size_t window,
			   tl_window_writer write, void *userdata, tl_error *err);

/* Splits the article's clean text into sentences (tl_text_split()) unless done:
 * articles are cleaned without them (tagging never reads them), so every reader of
 * text.sentences calls this first. */
int tl_article_sentences(tl_article *a, tl_error *err);

/* tl_article_write_tags() for an article restored without its bytes (large), its file
 * tagged in windows of about window bytes (tests make them small); the same bytes
 * written. tag_output.c. */
int tl_write_tags_windowed(FILE *out, const tl_article *a, const tl_tagger *tagger,
			   bool timeml, size_t window, tl_error *err);

#endif
