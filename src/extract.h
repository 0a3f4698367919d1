/*
 * extract.h - the first half of the event stage: turns the tagged sentences
 * of one article into event mentions (tl_mention, event.h). For every
 * DATE/TIME timex it builds a short headline (the clause that holds the date,
 * the date phrase and connectives removed), the actors, keywords and figures
 * of that clause, a status (done, planned, negated) and a confidence; generic
 * or non-event dates (publication datelines, durations, sets, PRESENT_REF,
 * decades) score below TL_EXTRACT_FLOOR and are not emitted. Durations lend
 * their figure ("90-day") to the dated mention of their clause. The stage is
 * extract.c (articles, mentions) with clause.c, headline.c,
 * extract_features.c and lexicon.c; it keeps no state (lexicon.c builds a
 * read-only word index once); every mention it returns is owned by the caller
 * (the strings it builds on the way live in a per-article arena,
 * extract_arena.h, which the map step writes from directly and the build
 * interns from, through tl_extract_article_in()).
 */
#ifndef TL_EXTRACT_H
#define TL_EXTRACT_H

#include <stddef.h>

#include "article.h"
#include "buf.h"
#include "event.h"
#include "interval.h" /* tl_extract_interval(), tl_extract_day_number() */

/* Mentions scoring below this are not emitted at all. */
#define TL_EXTRACT_FLOOR 0.1

/* Sentences longer than this (bytes) are cut into pieces at spaces outside
 * timexes: each piece is handled, and kept as evidence, as a sentence. */
#define TL_SENTENCE_MAX 1000

/* Longest title in bytes before "…" is added. */
#define TL_TITLE_MAX 100

/* A timex placed in a whitespace-folded sentence. */
typedef struct tl_sentence_timex {
	size_t start, end;     /* offsets into the folded sentence */
	const tl_timex *timex; /* value, type, grain, mod */
} tl_sentence_timex;

/*
 * Extracts the mentions of a tagged article: *out is a malloc()ed array of
 * *count mentions in text order (NULL when none), each owned by the caller
 * (tl_mention_free_fields() then free(*out)). An article without sentences
 * yields no mentions. Returns TL_OK or TL_ENOMEM (nothing is returned then).
 */
int tl_extract_article(const tl_article *article, tl_mention **out, size_t *count,
		       tl_error *err);

/*
 * tl_extract_article() without the copies, for the build (timeline.c): the
 * mentions' strings and string sets, doc, source and url included, are put
 * in arena, which the caller owns and keeps until it is done with them;
 * those mentions must never reach tl_mention_free_fields() (extract_arena.h).
 * Mentions that share a string (the sentence, the article's doc, source and
 * url, a clause's headline and sets) share its pointer. *out (the mentions)
 * and *lens (the lengths of each one's strings, mention_jsonl.h; article and
 * head_plain unset) are malloc()ed arrays of *count items for the caller to
 * free(), NULL when none. Returns TL_OK or TL_ENOMEM (nothing is returned
 * then, and the arena may hold what was built).
 */
struct tl_xarena;
struct tl_mention_lens;
int tl_extract_article_in(struct tl_xarena *arena, const tl_article *art, tl_mention **out,
			  struct tl_mention_lens **lens, size_t *count, tl_error *err);

/*
 * Appends the mentions of a tagged article to out as JSON Lines (one
 * tl_mention_jsonl_put() record and a newline each), exactly the lines
 * tl_extract_article()'s mentions would give, without handing any mention
 * out: their strings live in a per-article arena, freed on return. Returns
 * TL_OK, TL_ENOMEM or TL_EINTERNAL (out may then hold part of the lines).
 */
int tl_extract_article_jsonl(const tl_article *art, tl_buf *out, tl_error *err);

/*
 * The sentence-level core: fills the sentence-derived fields of m (sentence,
 * text, title, type, value, mod, grain, interval, actors, keywords, figures,
 * status, confidence) for timex tx[anchor] of the folded sentence s[0..len),
 * whose other timexes are tx[0..n). dct is the article date. The caller sets
 * doc, source, url, article_date and offsets. On failure m is left empty.
 */
int tl_extract_sentence(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
			size_t anchor, tl_date dct, tl_mention *m);

/* Appends the keywords of text[0..len) to out: lower-case content words,
 * stopwords dropped, lightly stemmed ("tariffs" -> "tariff"), a few news
 * synonyms folded ("duties", "levy" -> "tariff"). Unsorted: call
 * tl_strings_finish(). Returns TL_OK or TL_ENOMEM. */
int tl_extract_keywords(const char *text, size_t len, tl_strings *out);

/* The headline alone (malloc()ed; NULL when out of memory). */
char *tl_extract_title(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		       size_t anchor);

#endif
