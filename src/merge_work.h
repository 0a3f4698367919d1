/*
 * merge_work.h - the working state the merge modules share while one merge
 * runs: per mention a reference to the pooled mention (event.h) and a small
 * item (its value's number, whose interval is kept per value, its document
 * and the index of its term set), per distinct text a term set (its
 * terms, in blocks the work state owns, and signature), the IDF of every
 * term id, the clusters being built and the date buckets that index them. merge.c drives a merge and owns the work struct
 * (work_free);
 * merge_weigh.c fills in the terms, merge_cluster.c the clusters and
 * merge_event.c turns clusters into events. Private to those files.
 */
#ifndef TL_MERGE_WORK_H
#define TL_MERGE_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "event.h"
#include "hash.h"

/* Members compared with a new mention, per cluster, and clusters per day (or
 * value) bucket: they bound the work on huge days to linear time. */
#define MAX_COMPARED 4
#define MAX_CANDIDATES 256

/* Clause keywords and actors in at most 1 of RARE_SHARE mentions (or at most
 * RARE_MIN) go into signatures. Above the same-day threshold, two mentions
 * sharing none of them are not compared: what they share is too common, or
 * only in the rest of the sentence, to reach it. */
#define RARE_SHARE 20
#define RARE_MIN 8
#define SIG_WORDS 4 /* 256 bits */

/* The weighted terms of one text: items whose mentions share the sentence,
 * keywords and actors (one pooled text copied by many outlets) share one.
 * Its keywords, sentence context and actors are ids in one block of
 * w->blocks: n_terms ids (interned keywords and actors), by id, then their
 * kinds (term_kinds()); 5 bytes a term. A term's weight is its kind's
 * scale times its id's IDF (term_weight()), made when it is read; its
 * signature (a bit per rare clause term or actor: "nothing in common") is
 * made when its item is assigned (tl_merge_item_sig()). */
typedef struct termset {
	uint32_t *ids;
	size_t n_terms;
	double norm2;
} termset;

/* Term kinds and their scales: the rest of the sentence counts half,
 * naming the same actors more. */
enum { TERM_CLAUSE, TERM_CONTEXT, TERM_ACTOR };
static const double term_scales[3] = {1.0, 0.5, 1.5};

/* The kinds of the terms of s, after their ids. */
static inline unsigned char *term_kinds(const termset *s)
{
	return (unsigned char *)(s->ids + s->n_terms);
}

/* The weight of the k-th term of s, given the IDF of every id. */
static inline double term_weight(const double *idf, const termset *s, size_t k)
{
	return term_scales[term_kinds(s)[k]] * idf[s->ids[k]];
}

/* Blocks of memory handed out in order (the term sets' arrays): no header
 * or rounding per set, all freed at once. */
typedef struct term_blocks {
	char **chunks; /* each owned */
	size_t n_chunks, cap_chunks;
	char *next;
	size_t left;
} term_blocks;

/* Per mention (items[i] is that of mentions[i]), kept small (20 bytes):
 * the merge holds one per mention. Its interval is that of its value
 * (item_first, item_end). */
typedef struct item {
	uint32_t value;  /* its value's number (work.values) */
	uint32_t set;    /* index in work.sets; items with one text share it */
	uint32_t coarse; /* coarse or unplaced mentions: 1 + index of the value and title
			  * in work.coarse_lists (equal keys, equal index); else 0 */
	uint32_t doc;    /* document number: mentions are sorted by doc */
	unsigned char cls; /* 0 day or finer, 1 week, 2 month, 3 coarser, 4 no interval */
} item;

/* Items are numbered with uint32_t. */
#define MAX_ITEMS ((size_t)UINT32_MAX - 1)

/* A list of item, cluster or document numbers (all below MAX_ITEMS). */
typedef struct sizes {
	uint32_t *v;
	uint32_t n, cap;
} sizes;

/* One cluster (120 bytes: the merge holds one per event, millions of
 * them on a full extract). Its signature (the rare terms of the members
 * compared, the first MAX_COMPARED, or-ed) is kept apart, in work.csig. */
typedef struct cluster {
	sizes members; /* item indices in joining order; [0] is the anchor of the date */
	sizes docs;    /* hash set of doc + 1 (open addressing; cap a power of two), made
			* for a second doc: until then (cap 0), n is the one doc + 1 or 0 */
	/* Copied from the members so that scoring does not chase them: the
	 * anchor's interval, class and coarse key, and the term sets (indices
	 * in work.sets: cluster_compared()) of the first MAX_COMPARED members
	 * that no earlier one shares. */
	long first, end;
	double norm2[MAX_COMPARED]; /* theirs, for bounds without reading them */
	/* The last score against them (merge_cluster.c): twins, which share one
	 * term set, score the same while the compared members stay. memo_set
	 * is that term set's index + 1 (0: none yet); memo_day whether the
	 * floor was TL_MERGE_JOIN_DAY (else TL_MERGE_JOIN). */
	double memo_best;
	uint32_t compared[MAX_COMPARED];
	uint32_t memo_set;
	uint32_t coarse;
	uint32_t n_docs;
	unsigned char cls, n_compared, memo_compared, memo_day;
} cluster;

/* The signature of cluster c (SIG_WORDS words). */
#define CLUSTER_SIG(w, c) ((w)->csig + (size_t)(c) * SIG_WORDS)

typedef struct work {
	tl_mref *mentions;    /* in canonical order; not owned */
	item *items;          /* one per mention */
	uint32_t *set_of;     /* per item: its term set (items[i].set), once the
			       * items are freed for the layout (merge.c) */
	size_t n;
	termset *sets;    /* distinct texts (merge_weigh.c) */
	size_t n_sets;
	term_blocks blocks; /* the sets' terms */
	const char **values; /* per value number: the value (in a mention) */
	long *value_first, *value_end; /* per value number: day numbers of its interval,
					* end exclusive; 0, 0 when it has none */
	size_t n_values;
	cluster *clusters;
	size_t n_clusters, cap_clusters;
	uint64_t *csig;   /* per cluster: its signature (SIG_WORDS words, CLUSTER_SIG),
			   * packed so that candidates are screened without touching them */
	long *days;       /* sorted distinct first days of the placed mentions */
	uint32_t *value_day; /* per value number: the index in days of its first day
			      * (day_lower()), for values of a class below 3 */
	sizes *buckets;   /* per day: the clusters anchored on it */
	size_t n_days;
	tl_strpool *coarse_keys; /* value and title of coarse or unplaced mentions */
	struct {          /* pooled key -> 1 + index in coarse_lists, by address (one
			   * copy per key): open addressing, cap 0 or a power of two */
		const char **keys;
		uint32_t *values;
		size_t cap, count;
	} coarse;
	sizes *coarse_lists; /* per key: the clusters of its mentions */
	size_t n_coarse, cap_coarse;
	tl_buf key;       /* scratch for a coarse key */
	double *dense;    /* per term id: the weight in the item being assigned, else 0 */
	size_t n_ids;     /* distinct terms */
	double *idf;      /* per term id: ln(1 + n / its document frequency) */
	unsigned char *rare; /* per term id: 1 when its clause or actor uses sign */
	uint64_t item_sig[SIG_WORDS]; /* that of the item being assigned (merge_cluster.c) */
	const struct tl_sentence_words *words; size_t n_words; /* given (merge.h), by sentence */
} work;

static inline int cmp_null_str(const char *a, const char *b)
{
	if (a == b)
		return 0; /* pooled strings (event.h): equal text, one pointer */
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static inline int cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

static inline int cmp_long(long a, long b)
{
	return (a > b) - (a < b);
}

static inline int cmp_date(tl_date a, tl_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

/* The order of dates (cmp_date) as one number: month and day are 0..31 and
 * the year fits (dates read or made are four-digit years, or 0 when
 * unknown; others are clamped, which can only tie them). */
static inline int32_t packed_date(tl_date d)
{
	long y = d.year < -4000000 ? -4000000 : d.year > 4000000 ? 4000000 : d.year;
	int m = d.month < 0 ? 0 : d.month > 15 ? 15 : d.month;
	int day = d.day < 0 ? 0 : d.day > 31 ? 31 : d.day;
	return (int32_t)(y * 512 + m * 32 + day);
}

/* Whether one of two day intervals [af, ae) and [bf, be) contains the other. */
static inline bool nested(long af, long ae, long bf, long be)
{
	return (af <= bf && be <= ae) || (bf <= af && ae <= be);
}

/* merge.c */
int tl_merge_sizes_push(sizes *s, size_t x);
/* Sets it->coarse (its value and title, interned) for a coarse or unplaced item. */
int tl_merge_coarse_key(work *w, item *it);
/* Publication order: article date, doc, offset. The earliest is the anchor. */
int tl_merge_cmp_published(const tl_mention *a, const tl_mention *b);

/* merge_weigh.c: IDF weights of every item's terms over the whole set. */
int tl_merge_weigh(work *w);
/* Frees the term sets' blocks. */
void tl_merge_blocks_free(term_blocks *b);
/* sig = the signature of the term set s: a bit per rare (w->rare) clause
 * term or actor. */
void tl_merge_item_sig(const work *w, const termset *s, uint64_t sig[SIG_WORDS]);
/* IDF-weighted cosine of the terms of a and b (idf per id); with floor > 0,
 * a value certainly below floor may come back as 0. */
double tl_merge_similarity(const double *idf, const termset *a, const termset *b, double floor);
/* The same with a's weights scattered in dense[id] (0 for absent ids). */
double tl_merge_similarity_dense(const double *idf, const double *dense, const termset *a,
				 const termset *b, double floor);

/*
 * shared[i] = the dot product of b (idf per id) with the i-th of stride items whose
 * weights are interleaved in dense[id * stride + i] (0 for absent ids): one
 * pass over b for all of them. Each sum adds the products in id order, +0
 * for the others, so it is what the merge over two term arrays gives.
 * Inline so that a constant stride unrolls the inner loop.
 */
static inline void tl_merge_dots_interleaved(const double *idf, const double *dense,
					     size_t stride, const termset *b, double *shared)
{
	for (size_t i = 0; i < stride; i++)
		shared[i] = 0;
	for (size_t j = 0; j < b->n_terms; j++) {
		const double *d = dense + (size_t)b->ids[j] * stride;
		double wj = term_weight(idf, b, j);
		for (size_t i = 0; i < stride; i++)
			shared[i] += d[i] * wj;
	}
}
/* The similarity of a and b given their dot product (as tl_merge_similarity). */
double tl_merge_cosine(double shared, const termset *a, const termset *b, double floor);
/* The same given the squared norms of a and b (the copies clusters keep):
 * their term sets are not read. */
double tl_merge_cosine_norms(double shared, double na, double nb, double floor);

/* The mention of an item, without its head fields (event.h: the body). */
static inline tl_mbody *item_mention(const work *w, const item *it)
{
	return w->mentions[it - w->items].body;
}

/* The interval of an item (day numbers, end exclusive; 0, 0 when none). */
static inline long item_first(const work *w, const item *it)
{
	return w->value_first[it->value];
}

static inline long item_end(const work *w, const item *it)
{
	return w->value_end[it->value];
}

/* The term set of an item. */
static inline const termset *item_set(const work *w, const item *it)
{
	return &w->sets[it->set];
}

/* The term set of the k-th compared member of cl. */
static inline const termset *cluster_compared(const work *w, const cluster *cl, size_t k)
{
	return &w->sets[cl->compared[k]];
}

/*
 * Items come in an order of their own (processing_order), their term sets
 * scattered: the cache misses of reaching the terms of one (item, its set,
 * its terms, their rarity and IDF: each needs the one before) are started
 * a few items ahead of its assignment (merge_cluster.c). next[0..n) are
 * the items to come.
 */
static inline void tl_merge_prefetch_items(const work *w, const uint32_t *next, size_t n)
{
	if (n > 12)
		__builtin_prefetch(&w->items[next[12]]);
	if (n > 6)
		__builtin_prefetch(&w->sets[w->items[next[6]].set]);
	if (n > 3) {
		const termset *s = &w->sets[w->items[next[3]].set];
		__builtin_prefetch(s->ids);
		__builtin_prefetch(s->ids + s->n_terms);
	}
	if (n > 1) {
		const termset *s = &w->sets[w->items[next[1]].set];
		for (size_t t = 0; t < s->n_terms; t++) {
			__builtin_prefetch(&w->rare[s->ids[t]]);
			__builtin_prefetch(&w->idf[s->ids[t]]);
		}
	}
}

/* merge_cluster.c */
/* Clusters every item of w (greedy pass, then date conflicts joined). */
int tl_merge_cluster(work *w);

/* merge_event.c */
bool tl_merge_is_percent(const char *f);
/* Peers each member's representativeness is measured against. */
#define CENTRAL_PEERS (2 * MAX_COMPARED)
/* Sorts the members of c as the event lists them (by doc, start) and sets
 * central[0..members.n) to how representative each is (reads w->set_of, not
 * the items). scratch: zeroed,
 * (n_ids + 1) * CENTRAL_PEERS doubles, left zeroed. */
void tl_merge_order_members(const work *w, cluster *c, double *central, double *scratch);
/* The scratch arrays of tl_merge_build_event(), kept from one event to the
 * next (no allocation per event for them). NULL when out of memory. */
typedef struct event_scratch event_scratch;
event_scratch *tl_merge_event_scratch_new(void);
void tl_merge_event_scratch_free(event_scratch *s);
/* Builds e from refs[0..n) (sorted by doc, start), which it takes over on success. */
int tl_merge_build_event(event_scratch *s, tl_mref *refs, const double *central, size_t n,
			 tl_event *e);

#endif
