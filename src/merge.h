/*
 * merge.h - the second half of the event stage: groups event mentions from
 * many articles into the events of one chronology (see event.h). The merge is
 * a deterministic function of the SET of mentions: it sorts them canonically,
 * drops copies (same doc, start, end), weighs keywords and actors by their
 * rarity over the set (IDF), then clusters greedily in a fixed order, compar-
 * ing a mention only with the clusters of nearby months (blocking by date).
 * So merge(A + B) + C == merge(A + (B + C)) when partial results are
 * flattened back to mentions (tl_merge_flatten) and merged again: that is the
 * reduce step of map/reduce. This module keeps no state.
 *
 * Event ids: FNV-1a 64 of the anchor mention, the earliest published one
 * (article date, then doc, then offset): its doc, its sentence and the offset
 * and length of its date within the sentence. Rebuilding the corpus, or
 * adding later articles, keeps the id; an earlier article reporting the same
 * event becomes the new anchor.
 */
#ifndef TL_MERGE_H
#define TL_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "hash.h"

/* A mention joins a cluster whose date is compatible when the IDF-weighted
 * cosine similarity of their actors and keywords (and, at half weight, the
 * other words of their sentences) reaches TL_MERGE_JOIN; TL_MERGE_JOIN_DAY
 * when both give the same day and the cluster has no mention of its article
 * yet. Tuned on samples/ with scripts/score-chronology. */
#define TL_MERGE_JOIN 0.3
#define TL_MERGE_JOIN_DAY 0.06
/* Day-level mentions up to TL_MERGE_CONFLICT_DAYS apart join as a date
 * conflict when their similarity reaches TL_MERGE_CONFLICT. */
#define TL_MERGE_CONFLICT 0.3
#define TL_MERGE_CONFLICT_DAYS 3

/* Whether two TIMEX3 values can name the same happening: the calendar
 * interval of one contains the other's ("2025-06-05" and "2025-W23"). */
bool tl_merge_values_compatible(const char *a, const char *b);

/* Canonical mention order: doc, start, end, then every other field, so that
 * copies of one mention always sort the same way. */
int tl_mention_compare(const tl_mention *a, const tl_mention *b);
/* The same order for pooled mentions. */
int tl_mref_compare(const tl_mref *a, const tl_mref *b);

/*
 * Merges the pooled mentions refs[0..n) (event.h) into events. Always
 * consumes the array (malloc()ed; also on failure); the pool they point
 * into must outlive the events, and nothing may be interned into it while
 * the merge runs (it fills in the bodies' dates in place). On success
 * *events is a malloc()ed array of *n_events events sorted by (first,
 * value, id), each with the references of its mentions (free with
 * tl_event_free_fields(), then free()). Returns TL_OK or TL_ENOMEM.
 */
int tl_merge_refs(tl_mref *refs, size_t n, tl_event **events, size_t *n_events, tl_error *err);

/* The words of a pooled sentence, tl_extract_keywords() of it finished
 * (sorted, unique) and pooled (strings and array), found before the merge
 * (the build finds them on its threads): the merge then does not. */
typedef struct tl_sentence_words {
	const char *sentence; /* pooled */
	tl_strings words;
} tl_sentence_words;

/* tl_merge_refs() given the words of some of the sentences, words[0..n_words)
 * (any order, repeats allowed; malloc()ed, consumed also on failure). The
 * events are the same as without them. */
int tl_merge_refs_words(tl_mref *refs, size_t n, tl_sentence_words *words, size_t n_words,
			tl_event **events, size_t *n_events, tl_error *err);

/* The same for mentions[0..n), which are interned into pool first and
 * freed (the array too; also on failure). */
int tl_merge_mentions(tl_mention *mentions, size_t n, tl_strpool *pool, tl_event **events,
		      size_t *n_events, tl_error *err);

/* Moves the references of events[0..n) (made by the merge) into a new
 * array *out of *count (events and their array are consumed, also on
 * failure); they keep pointing into their pool, which must outlive them.
 * Returns TL_OK or TL_ENOMEM (TL_EINTERNAL for an event owning its
 * mentions). */
int tl_merge_flatten(tl_event *events, size_t n, tl_mref **out, size_t *count,
		     tl_error *err);

/* The id an event anchored at m gets: 16 lower-case hex digits and a NUL. */
void tl_merge_event_id(const tl_mention *m, char id[17]);

#endif
