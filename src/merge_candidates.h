/*
 * merge_candidates.h - inverted indexes over the day buckets of the merge's
 * clustering (merge_cluster.c): per bucket, from term id to the clusters of
 * its window (the newest MAX_CANDIDATES) whose compared members hold the
 * term. One walk over an item's terms gives its dot product with every
 * compared member that shares a term, added in the order the dense scoring
 * adds them (term id), so the values are the same to the bit; the clusters
 * it does not reach share nothing with the item: they score 0, below every
 * join threshold, and need no scoring at all. Indexes are built when a
 * large bucket is first compared with, kept true as its clusters grow
 * (tl_merge_cands_added, tl_merge_cands_compared), rebuilt when postings
 * of clusters that left the window (and space left behind by postings that
 * moved) may be most of them, and dropped once the processing order has
 * passed their day. Private to merge_cluster.c.
 */
#ifndef TL_MERGE_CANDIDATES_H
#define TL_MERGE_CANDIDATES_H

#include <stddef.h>
#include <stdint.h>

#include "merge_work.h"

/* Buckets whose window holds fewer clusters than this are scored directly
 * (the dense path in merge_cluster.c): indexing them costs more than it
 * saves. Tests set it (1: index every bucket, SIZE_MAX: none) to check both
 * paths give the same clusters; the merge only reads it. */
extern size_t tl_merge_index_min;

typedef struct bucket_index bucket_index;

/* The indexes of one clustering pass and the result of the last walk. */
/* Dropped indexes kept for reuse (their tables and postings stay allocated). */
#define CANDS_SPARES 16

typedef struct cands {
	bucket_index **index; /* per bucket, or NULL when not built; owned */
	size_t n_buckets;
	uint32_t *live;       /* buckets whose index is built */
	size_t n_live;
	size_t min_live;      /* the lowest of them (SIZE_MAX when none): nothing to
			       * drop below it */
	size_t held;          /* bytes allocated by the live indexes */
	bucket_index *spare[CANDS_SPARES]; /* owned */
	size_t n_spare;
	/* The last tl_merge_cands_dots(): the clusters that may reach its
	 * floor (in no particular order) by position in the window and, per
	 * position, the dot product of the item with each of its compared
	 * members (0 for those sharing nothing). */
	uint32_t hit[MAX_CANDIDATES];
	double dot[MAX_CANDIDATES][MAX_COMPARED]; /* 0 but in the rows touched */
	size_t n_hit;
	/* Every position the last walk met (a superset of hit): their rows of
	 * dot are zeroed at the start of the next. One more than the window:
	 * the walk writes a position before it knows whether to count it. */
	uint32_t touched[MAX_CANDIDATES + 1];
	size_t n_touched;
	size_t lo; /* the window's first position in the bucket: hit[k] + lo is a position */
	/* Scratch, zero between calls: per position, a bit per compared member
	 * the walk met (only their dot products may be above 0). */
	unsigned char met[MAX_CANDIDATES];
	/* The hashes of the terms of the last term sets walked (hashed[k]),
	 * which an item coarser than a day walks in every bucket of its date,
	 * and a cluster's compared members in every day near its own (the
	 * conflicts): per term, its slot and filter word before masking and
	 * its filter bits (merge_candidates.c). Replaced in turn (next_hash).
	 * Owned. */
	const termset *hashed[MAX_COMPARED];
	struct term_hash *hash[MAX_COMPARED];
	size_t cap_hash[MAX_COMPARED];
	size_t next_hash;
} cands;

/* Indexes for w's buckets (w->n_days of them), none built yet. */
int tl_merge_cands_init(cands *cx, size_t n_buckets);
void tl_merge_cands_free(cands *cx);

/* Whether bucket b is large enough to be compared through its index. */
static inline bool tl_merge_cands_use(const work *w, size_t b)
{
	size_t n = w->buckets[b].n;
	return (n < MAX_CANDIDATES ? n : MAX_CANDIDATES) >= tl_merge_index_min &&
	       n < (size_t)UINT32_MAX / (4 * MAX_COMPARED) && w->n_ids < UINT32_MAX;
}

/* Fills cx->hit, cx->dot for the term set of an item against the window of
 * bucket b (building its index if needed): the clusters with a compared
 * member whose similarity with it may reach floor > 0; for the others it is
 * 0 (no term in common) or certainly below floor. TL_OK or TL_ENOMEM. */
int tl_merge_cands_dots(cands *cx, const work *w, size_t b, const termset *set, double floor);

/* The newest cluster of bucket b was just appended to it. */
int tl_merge_cands_added(cands *cx, const work *w, size_t b);

/* Cluster c of bucket b just got a compared member (its last). */
int tl_merge_cands_compared(cands *cx, const work *w, size_t b, size_t c);

/* Drops the indexes of the buckets below b when the live ones hold more
 * than CANDS_HELD bytes (below it, they serve the next class of items). */
void tl_merge_cands_drop_below(cands *cx, size_t b);

#endif
