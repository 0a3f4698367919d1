/*
 * merge_candidates.c - inverted indexes over the day buckets of the merge's
 * clustering (see merge_candidates.h): per bucket, a hash table from term id
 * to a run of postings (the term's kind in one compared member of one
 * cluster of the window and where that cluster and member are), with a
 * small filter in front of it, and the members' squared norms. Owns the
 * indexes (struct cands) and the spare ones; reads the work state
 * (merge_work.h) and never changes it.
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "merge_candidates.h"

size_t tl_merge_index_min = 4;

/* cands.met holds a bit per compared member. */
_Static_assert(MAX_COMPARED <= 8, "MAX_COMPARED must fit the bits of cands.met");

/* One term of one compared member (4 bytes): slot * 4 + the term's kind in
 * the member, where slot = the cluster's position in its bucket *
 * MAX_COMPARED + the member's rank among the compared. The member's squared
 * norm is kept once (bucket_index.norms), not per term. The term's
 * weight in the member is not kept: it is its kind's scale times the IDF
 * of the run's term (term_weight()), made where it is read with the same
 * multiplication, so the same bits. */
typedef uint32_t posting;

/* A table slot: a term (id + 1, 0 for an empty slot) and its postings,
 * post[off..off + len) with room for cap: one cache line holds both. */
typedef struct run {
	uint32_t key, off, len, cap;
} run;

struct bucket_index {
	run *runs;        /* open addressing by term */
	size_t cap, used; /* cap a power of two, at most half used */
	/* A filter in front of the table (two bits per term in one word, at
	 * least 8 bits per term): many terms of an item are in no member of
	 * the window (ext25: 64%, a year of the 1 GB extract: 28%), and the
	 * filter, 32 times smaller than the table, says so for most of them
	 * without the cache misses of a probe. cap / 16 words. */
	uint64_t *filter;
	posting *post;    /* the runs, one after another; a full run moves to the end */
	size_t n_post, cap_post;
	/* The squared norm of each compared member of the window, for bounds
	 * (a float: see reaches()), at norm_at(): a ring of cap_norms (a power
	 * of two, at least the window's size) clusters, whose positions are
	 * distinct modulo it, so a cluster that joins the window takes the
	 * place of one that left. At most MAX_CANDIDATES clusters: small
	 * windows take little. */
	float *norms;
	size_t cap_norms;
	size_t rebuild_at; /* n_post from which the index is built again */
};

/* Bytes the live indexes may hold (index_bytes(): table, filter, postings,
 * norms) before those of days the processing order has passed are dropped.
 * A dropped index is built again when a coarser item or a conflict compares
 * with its day (once per class of items and for the conflicts): the budget
 * counts what the indexes take, so that a corpus whose indexes fit keeps
 * them all (the build of corpus-5 holds at most 18 MB: 2,184 builds, where
 * a budget of 2M postings, tables not counted, made 6,132). */
#define CANDS_HELD ((size_t)24 << 20)

/* Postings of clusters that left the window, and runs left behind when
 * they moved, are dropped by building the index again once they may be
 * most of it (and there are at least this many). */
#define REBUILD_SLACK 4096

/* A key's slot in a table of any capacity, before masking. */
static uint32_t slot_hash(uint32_t key)
{
	return (uint32_t)(((uint64_t)key * UINT64_C(0x9E3779B97F4A7C15)) >> 32);
}

static size_t slot_of(uint32_t key, size_t cap)
{
	return slot_hash(key) & (cap - 1);
}

/* The filter's word for key (the table has cap slots), before masking,
 * and its two bits there, from another hash than the slot's. */
static uint32_t filter_hash(uint32_t key)
{
	return (uint32_t)(((uint64_t)key * UINT64_C(0xC2B2AE3D27D4EB4F)) >> 32);
}

static size_t filter_word(uint32_t key, size_t cap)
{
	return filter_hash(key) & (cap / 16 - 1);
}

static uint64_t filter_bits(uint32_t key)
{
	uint64_t h = (uint64_t)key * UINT64_C(0x9E3779B97F4A7C15);
	return ((uint64_t)1 << (h >> 58)) | ((uint64_t)1 << ((h >> 52) & 63));
}

static void filter_add(uint64_t *filter, uint32_t key, size_t cap)
{
	filter[filter_word(key, cap)] |= filter_bits(key);
}

/* The hashes of one term of an item, made once for all the buckets it is
 * looked up in: slot_hash(), filter_hash() and filter_bits() of its key. */
struct term_hash {
	uint64_t bits;
	uint32_t slot, word;
};

static int grow_table(bucket_index *ix)
{
	size_t cap = ix->cap ? ix->cap * 2 : 256;
	run *runs = calloc(cap, sizeof *runs);
	uint64_t *filter = calloc(cap / 16, sizeof *filter);
	if (!runs || !filter) {
		free(runs);
		free(filter);
		return TL_ENOMEM;
	}
	for (size_t k = 0; k < ix->cap; k++) {
		if (!ix->runs[k].key)
			continue;
		size_t j = slot_of(ix->runs[k].key, cap);
		while (runs[j].key)
			j = (j + 1) & (cap - 1);
		runs[j] = ix->runs[k];
		filter_add(filter, runs[j].key, cap);
	}
	free(ix->runs);
	free(ix->filter);
	ix->runs = runs;
	ix->filter = filter;
	ix->cap = cap;
	return TL_OK;
}

/* The run of term id, whose key's slot_hash() is slot, or NULL when
 * absent (the filter is asked first, by the caller). */
static const run *find(const bucket_index *ix, size_t id, uint32_t slot)
{
	uint32_t key = (uint32_t)id + 1;
	for (size_t j = slot & (ix->cap - 1);; j = (j + 1) & (ix->cap - 1)) {
		if (ix->runs[j].key == key)
			return &ix->runs[j];
		if (!ix->runs[j].key)
			return NULL;
	}
}

/* The bytes ix holds (cands.held): its table, filter, postings and norms. */
static size_t index_bytes(const bucket_index *ix)
{
	return ix->cap * sizeof *ix->runs + ix->cap / 16 * sizeof *ix->filter +
	       ix->cap_post * sizeof *ix->post + ix->cap_norms * MAX_COMPARED * sizeof *ix->norms;
}

/* Moves the full run r to the end of the postings with twice the room. */
static int move_run(bucket_index *ix, run *r)
{
	size_t cap = r->cap ? 2 * (size_t)r->cap : 4;
	if (ix->n_post + cap >= UINT32_MAX)
		return TL_ENOMEM; /* runs are placed with uint32_t */
	while (ix->cap_post < ix->n_post + cap) {
		posting *p = tl_array_grow(ix->post, &ix->cap_post, ix->cap_post, 1024, sizeof *p);
		if (!p)
			return TL_ENOMEM;
		ix->post = p;
	}
	if (r->len)
		memcpy(ix->post + ix->n_post, ix->post + r->off, r->len * sizeof *ix->post);
	r->off = (uint32_t)ix->n_post;
	r->cap = (uint32_t)cap;
	ix->n_post += cap;
	return TL_OK;
}

/*
 * Whether a dot product with a member of squared norm nb (as norm_f() keeps
 * it) may give a similarity of floor > 0 or more, given lim = floor^2 *
 * na * (1 - 1e-5) (reach_limit()). It may not when the dot product is 0
 * (the similarity is 0) or certainly too small: its square under floor^2
 * * na * nb by a relative 1e-5, far above the rounding of the float
 * (2^-24) and of these few operations (whatever their order). Without
 * branches: most meetings do not reach.
 */
static bool reaches(double dot, double lim, float nb)
{
	return (dot > 0) & !(dot * dot < lim * (double)nb);
}

static double reach_limit(double na, double floor)
{
	return floor * floor * na * (1 - 1e-5);
}

/* A squared norm as a float no larger than needed for reaches(): clamped
 * to the float range (a smaller norm only makes the bound weaker). */
static float norm_f(double n)
{
	return n < FLT_MAX ? (float)n : FLT_MAX;
}

/* Where the squared norm of the k-th compared member of the cluster at
 * position pos of the bucket is in ix->norms. */
static size_t norm_at(const bucket_index *ix, size_t pos, size_t k)
{
	return (pos & (ix->cap_norms - 1)) * MAX_COMPARED + k;
}

/* Makes the ring of norms hold the window [lo, end) of the bucket, moving
 * the entries of its positions to a larger ring when it must grow. */
static int norms_room(bucket_index *ix, size_t lo, size_t end)
{
	if (end - lo <= ix->cap_norms)
		return TL_OK;
	size_t cap = ix->cap_norms ? ix->cap_norms : 4;
	while (cap < end - lo)
		cap *= 2;
	float *v = malloc(cap * MAX_COMPARED * sizeof *v);
	if (!v)
		return TL_ENOMEM;
	for (size_t pos = lo; ix->cap_norms && pos < end; pos++)
		memcpy(v + (pos & (cap - 1)) * MAX_COMPARED, ix->norms + norm_at(ix, pos, 0),
		       MAX_COMPARED * sizeof *v);
	free(ix->norms);
	ix->norms = v;
	ix->cap_norms = cap;
	return TL_OK;
}

static int add_posting(bucket_index *ix, size_t id, unsigned kind, size_t slot)
{
	if ((ix->used + 1) * 2 > ix->cap && grow_table(ix) != TL_OK)
		return TL_ENOMEM;
	uint32_t key = (uint32_t)id + 1;
	size_t j = slot_of(key, ix->cap);
	while (ix->runs[j].key && ix->runs[j].key != key)
		j = (j + 1) & (ix->cap - 1);
	if (!ix->runs[j].key) {
		ix->runs[j] = (run){key, 0, 0, 0};
		ix->used++;
		filter_add(ix->filter, key, ix->cap);
	}
	run *r = &ix->runs[j];
	if (r->len == r->cap && move_run(ix, r) != TL_OK)
		return TL_ENOMEM;
	ix->post[r->off + r->len++] = (posting)(slot * 4 + kind);
	return TL_OK;
}

static size_t window_start(const sizes *bucket)
{
	return bucket->n > MAX_CANDIDATES ? bucket->n - MAX_CANDIDATES : 0;
}

/* Adds the terms of the k-th compared member of the cluster at position pos
 * of bucket b. */
static int add_member(bucket_index *ix, const work *w, size_t b, size_t pos, size_t k)
{
	const cluster *cl = &w->clusters[w->buckets[b].v[pos]];
	const termset *set = cluster_compared(w, cl, k);
	if (norms_room(ix, window_start(&w->buckets[b]), w->buckets[b].n) != TL_OK)
		return TL_ENOMEM;
	ix->norms[norm_at(ix, pos, k)] = norm_f(set->norm2);
	for (size_t t = 0; t < set->n_terms; t++)
		if (add_posting(ix, set->ids[t], term_kinds(set)[t], pos * MAX_COMPARED + k) != TL_OK)
			return TL_ENOMEM;
	return TL_OK;
}

/*
 * Makes ix an empty table with room for the terms of the window of bucket b
 * (of which most are distinct) and their runs, so that the build does not
 * grow them step by step from the small sizes a new index starts with. A
 * table much larger than needed (a spare's) is replaced rather than cleared.
 */
static int make_room(bucket_index *ix, const work *w, size_t b)
{
	const sizes *bucket = &w->buckets[b];
	size_t terms = 0;
	for (size_t pos = window_start(bucket); pos < bucket->n; pos++) {
		const cluster *cl = &w->clusters[bucket->v[pos]];
		for (size_t k = 0; k < cl->n_compared; k++)
			terms += cluster_compared(w, cl, k)->n_terms;
	}
	size_t cap = 256;
	while (cap < 2 * (terms - terms / 8))
		cap *= 2;
	if (ix->cap < cap || ix->cap > 4 * cap) {
		free(ix->runs);
		free(ix->filter);
		ix->runs = calloc(cap, sizeof *ix->runs);
		ix->filter = calloc(cap / 16, sizeof *ix->filter);
		ix->cap = ix->runs && ix->filter ? cap : 0;
		if (!ix->cap)
			return TL_ENOMEM;
	} else {
		memset(ix->runs, 0, ix->cap * sizeof *ix->runs);
		memset(ix->filter, 0, ix->cap / 16 * sizeof *ix->filter);
	}
	size_t cap_post = 1024;
	while (cap_post < 4 * terms)
		cap_post *= 2;
	if (ix->cap_post < cap_post) {
		posting *p = realloc(ix->post, cap_post * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		ix->post = p;
		ix->cap_post = cap_post;
	}
	return TL_OK;
}

/* (Re)builds the index of bucket b from the clusters of its window. */
static int build(bucket_index *ix, const work *w, size_t b)
{
	ix->used = 0;
	ix->n_post = 0;
	if (make_room(ix, w, b) != TL_OK)
		return TL_ENOMEM;
	const sizes *bucket = &w->buckets[b];
	for (size_t pos = window_start(bucket); pos < bucket->n; pos++) {
		const cluster *cl = &w->clusters[bucket->v[pos]];
		for (size_t k = 0; k < cl->n_compared; k++)
			if (add_member(ix, w, b, pos, k) != TL_OK)
				return TL_ENOMEM;
	}
	ix->rebuild_at = 3 * ix->n_post + REBUILD_SLACK;
	return TL_OK;
}

static void index_free(bucket_index *ix)
{
	if (!ix)
		return;
	free(ix->runs);
	free(ix->filter);
	free(ix->post);
	free(ix->norms);
	free(ix);
}

int tl_merge_cands_init(cands *cx, size_t n_buckets)
{
	memset(cx, 0, sizeof *cx);
	cx->index = calloc(n_buckets + 1, sizeof *cx->index);
	cx->live = malloc((n_buckets + 1) * sizeof *cx->live);
	if (!cx->index || !cx->live) {
		tl_merge_cands_free(cx);
		return TL_ENOMEM;
	}
	cx->n_buckets = n_buckets;
	cx->min_live = SIZE_MAX;
	return TL_OK;
}

void tl_merge_cands_free(cands *cx)
{
	if (cx->index)
		for (size_t k = 0; k < cx->n_live; k++)
			index_free(cx->index[cx->live[k]]);
	for (size_t k = 0; k < cx->n_spare; k++)
		index_free(cx->spare[k]);
	for (size_t k = 0; k < MAX_COMPARED; k++)
		free(cx->hash[k]);
	free(cx->index);
	free(cx->live);
	memset(cx, 0, sizeof *cx);
}

void tl_merge_cands_drop_below(cands *cx, size_t b)
{
	/* Called for every item: most calls have nothing to drop, and say so
	 * without a pass over the live indexes. */
	if (cx->held <= CANDS_HELD || b <= cx->min_live)
		return;
	size_t kept = 0;
	cx->min_live = SIZE_MAX;
	for (size_t k = 0; k < cx->n_live; k++) {
		uint32_t at = cx->live[k];
		if (at < b) {
			bucket_index *ix = cx->index[at];
			cx->held -= index_bytes(ix);
			if (cx->n_spare < CANDS_SPARES)
				cx->spare[cx->n_spare++] = ix;
			else
				index_free(ix);
			cx->index[at] = NULL;
		} else {
			cx->live[kept++] = at;
			cx->min_live = at < cx->min_live ? at : cx->min_live;
		}
	}
	cx->n_live = kept;
}

/* Terms of an item looked up in one step (see tl_merge_cands_dots). */
#define FOUND_BATCH 64

/*
 * Adds to cx the products of the item's terms at[0..n) (positions in set,
 * in id order) with the postings of their runs found[0..n): each dot
 * product adds its shared terms in the order the dense scoring does, the
 * others adding nothing. A posting's weight is made as term_weight() makes
 * it, from the same IDF (the run's term is the item's).
 */
static void walk(cands *cx, const work *w, const bucket_index *ix, const termset *set,
		 const uint32_t *at, const run *const *found, size_t n, size_t lo)
{
	size_t n_touched = cx->n_touched;
	for (size_t m = 0; m < n; m++) {
		size_t t = at[m];
		double idf = w->idf[set->ids[t]];
		double x = term_scales[term_kinds(set)[t]] * idf;
		const posting *q = ix->post + found[m]->off, *end = q + found[m]->len;
		for (; q < end; q++) {
			size_t pos = *q / (4 * MAX_COMPARED);
			if (pos < lo)
				continue; /* left the window */
			size_t r = pos - lo, k = *q / 4 % MAX_COMPARED;
			/* Without branches: a first meeting is unpredictable. */
			cx->touched[n_touched] = (uint32_t)r;
			n_touched += !cx->met[r];
			cx->met[r] |= (unsigned char)(1u << k);
			cx->dot[r][k] += x * (term_scales[*q % 4] * idf);
		}
	}
	cx->n_touched = n_touched;
}

int tl_merge_cands_dots(cands *cx, const work *w, size_t b, const termset *set, double floor)
{
	bucket_index *ix = cx->index[b];
	if (!ix) {
		ix = cx->n_spare ? cx->spare[--cx->n_spare] : calloc(1, sizeof *ix);
		if (!ix)
			return TL_ENOMEM;
		cx->index[b] = ix;
		cx->live[cx->n_live++] = (uint32_t)b;
		cx->min_live = b < cx->min_live ? b : cx->min_live;
		cx->held += index_bytes(ix);
		ix->rebuild_at = 0; /* a spare holds another bucket's postings */
	}
	if (!ix->rebuild_at || ix->n_post >= ix->rebuild_at) {
		size_t before = index_bytes(ix);
		int rc = build(ix, w, b);
		cx->held = cx->held - before + index_bytes(ix); /* a spare's table may shrink */
		if (rc != TL_OK)
			return rc;
	}
	/* The dot products of the last walk, read by its caller, are zeroed
	 * only now. */
	for (size_t h = 0; h < cx->n_touched; h++)
		for (size_t k = 0; k < MAX_COMPARED; k++)
			cx->dot[cx->touched[h]][k] = 0;
	cx->n_touched = 0;
	size_t lo = window_start(&w->buckets[b]);
	cx->lo = lo;
	cx->n_hit = 0;
	if (!ix->used)
		return TL_OK;
	size_t at_hash = 0;
	while (at_hash < MAX_COMPARED && cx->hashed[at_hash] != set)
		at_hash++;
	if (at_hash == MAX_COMPARED) {
		at_hash = cx->next_hash;
		cx->next_hash = (at_hash + 1) % MAX_COMPARED;
		cx->hashed[at_hash] = NULL;
		while (cx->cap_hash[at_hash] < set->n_terms) {
			struct term_hash *h = tl_array_grow(cx->hash[at_hash], &cx->cap_hash[at_hash],
							    cx->cap_hash[at_hash], 64, sizeof *h);
			if (!h)
				return TL_ENOMEM;
			cx->hash[at_hash] = h;
		}
		for (size_t t = 0; t < set->n_terms; t++) {
			uint32_t key = set->ids[t] + 1;
			cx->hash[at_hash][t] = (struct term_hash){filter_bits(key), slot_hash(key),
								  filter_hash(key)};
		}
		cx->hashed[at_hash] = set;
	}
	const struct term_hash *hash = cx->hash[at_hash];
	size_t slot_mask = ix->cap - 1, word_mask = ix->cap / 16 - 1;
	/* The runs of the item's terms, found in steps so that the cache
	 * misses of one term's probe and postings overlap those of the
	 * others: the filter, then a prefetch of each slot left; the probes,
	 * then a prefetch of each run's postings; then the walk. */
	const uint32_t *ids = set->ids;
	for (size_t t0 = 0; t0 < set->n_terms; t0 += FOUND_BATCH) {
		size_t t1 = set->n_terms - t0 < FOUND_BATCH ? set->n_terms : t0 + FOUND_BATCH;
		uint32_t at[FOUND_BATCH];
		const run *found[FOUND_BATCH];
		size_t n_may = 0, n_found = 0;
		for (size_t t = t0; t < t1; t++) {
			/* Whether the term may be in the table (when not, it
			 * certainly is not). */
			uint64_t bits = hash[t].bits;
			if ((ix->filter[hash[t].word & word_mask] & bits) != bits)
				continue;
			__builtin_prefetch(&ix->runs[hash[t].slot & slot_mask]);
			at[n_may++] = (uint32_t)t;
		}
		for (size_t m = 0; m < n_may; m++) {
			const run *rn = find(ix, ids[at[m]], hash[at[m]].slot);
			if (!rn)
				continue;
			__builtin_prefetch(ix->post + rn->off);
			at[n_found] = at[m];
			found[n_found++] = rn;
		}
		walk(cx, w, ix, set, at, found, n_found, lo);
	}
	size_t kept = 0;
	double lim = reach_limit(set->norm2, floor);
	for (size_t h = 0; h < cx->n_touched; h++) {
		size_t r = cx->touched[h];
		bool reach = false;
		/* The members not met have a dot product of 0: they cannot. */
		for (unsigned met = cx->met[r]; met; met &= met - 1) {
			unsigned k = (unsigned)__builtin_ctz(met);
			reach |= reaches(cx->dot[r][k], lim, ix->norms[norm_at(ix, lo + r, k)]);
		}
		cx->met[r] = 0;
		cx->hit[kept] = (uint32_t)r;
		kept += reach;
	}
	cx->n_hit = kept;
	return TL_OK;
}

int tl_merge_cands_added(cands *cx, const work *w, size_t b)
{
	bucket_index *ix = cx->index[b];
	if (!ix)
		return TL_OK;
	size_t pos = w->buckets[b].n - 1, before = index_bytes(ix);
	const cluster *cl = &w->clusters[w->buckets[b].v[pos]];
	int rc = TL_OK;
	for (size_t k = 0; k < cl->n_compared && rc == TL_OK; k++)
		rc = add_member(ix, w, b, pos, k);
	cx->held += index_bytes(ix) - before;
	return rc;
}

int tl_merge_cands_compared(cands *cx, const work *w, size_t b, size_t c)
{
	bucket_index *ix = cx->index[b];
	if (!ix)
		return TL_OK;
	/* Clusters join a bucket in id order: find c's position by bisection. */
	const sizes *bucket = &w->buckets[b];
	size_t lo = window_start(bucket), hi = bucket->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bucket->v[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == bucket->n || bucket->v[lo] != c)
		return TL_OK; /* out of the window: never compared with again */
	size_t before = index_bytes(ix);
	int rc = add_member(ix, w, b, lo, w->clusters[c].n_compared - 1);
	cx->held += index_bytes(ix) - before;
	return rc;
}
