/*
 * mention_jsonl.h - the map step's record writer: one event mention (event.h)
 * as one line of JSON, byte for byte what json_model.c's tl_mention_to_json()
 * writes and reads back, formatted by hand for speed. Owns nothing but a
 * static table of enum names, filled once and only read after.
 */
#ifndef TL_MENTION_JSONL_H
#define TL_MENTION_JSONL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "event.h"

/* Appends m as one JSON object (no newline) to b. Returns TL_OK or
 * TL_ENOMEM (b unchanged then). m->doc must be set. */
int tl_mention_jsonl_put(tl_buf *b, const tl_mention *m);

/* What the extractor knows of a mention's strings (extract.c): the lengths
 * of its text, sentence and title, and of its article's doc, source and url
 * (0 when NULL), with whether those three need no escape (printable ASCII
 * but '"' and '\\'), found once per article; and, when article is not NULL,
 * the members source, url and article_date of its record, written once per
 * article by tl_mention_jsonl_article_part(). */
typedef struct tl_mention_lens {
	size_t text, sentence, title;
	size_t doc, source, url;
	bool head_plain;
	const char *article;
	size_t article_n;
} tl_mention_lens;

/* Room for tl_mention_jsonl_article_part() with a source and url of these
 * lengths. */
size_t tl_mention_jsonl_article_room(size_t source_n, size_t url_n);

/* Writes at out what tl_mention_jsonl_put() writes for the members source,
 * url and article_date of a mention with these (source, url NULL or of the
 * given lengths); returns its length. */
size_t tl_mention_jsonl_article_part(char *out, const char *source, size_t source_n,
				     const char *url, size_t url_n, tl_date article_date);

/* Whether s[0..n) goes into a JSON string as it is (printable ASCII but '"'
 * and '\\'). */
bool tl_mention_jsonl_plain(const char *s, size_t n);

/* tl_mention_jsonl_put() of a mention as the extractor makes it in its arena
 * (extract.c), the lengths of its strings given: its keywords are lower-case
 * ASCII letters (tl_features_find()), copied with no escape test (asserted
 * in debug builds); the items of its sets (actors, keywords, figures) are
 * arena strings, followed by eight zero bytes (extract_arena.h), whose ends
 * are found eight bytes a step; its text and title are made of the bytes of
 * its sentence, spaces and "\xE2\x80\xA6" (headline.c), so that when the
 * sentence needs no escape (printable ASCII but '"' and '\\'), neither does
 * any of the three: they are copied; its figures are made of digits, '.',
 * ',', '-', '$', '%' and unit words, under 80 bytes (extract_features.c),
 * and its keywords under 48 letters: both are copied too. */
int tl_mention_jsonl_put_extracted(tl_buf *b, const tl_mention *m, const tl_mention_lens *lens);

#endif
