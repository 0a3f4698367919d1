/*
 * merge_candidates.c - inverted indexes over the day buckets of the merge's
 * clustering (see merge_candidates.h): per bucket, a hash table from term id
 * to a run of postings (the term's weight in one compared member of one
 * cluster of the window, where that cluster and member are, and the
 * member's squared norm). Owns the indexes (struct cands) and the spare
 * ones; reads the work state (merge_work.h) and never changes it.
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "merge_candidates.h"

size_t tl_merge_index_min = 4;

/* One compared member's weight for one term: slot = the cluster's position
 * in its bucket * MAX_COMPARED + the member's rank among the compared; and
 * that member's squared norm, for bounds (a float: see reaches()). */
typedef struct posting {
	double w;
	uint32_t slot;
	float norm2;
} posting;

/* A table slot: a term (id + 1, 0 for an empty slot) and its postings,
 * post[off..off + len) with room for cap: one cache line holds both. */
typedef struct run {
	uint32_t key, off, len, cap;
} run;

struct bucket_index {
	run *runs;        /* open addressing by term */
	size_t cap, used; /* cap a power of two, at most half used */
	posting *post;    /* the runs, one after another; a full run moves to the end */
	size_t n_post, cap_post;
	size_t rebuild_at; /* n_post from which the index is built again */
};

/* Postings the live indexes may hold (16 bytes each) before those of days
 * the processing order has passed are dropped. */
#define CANDS_HELD ((size_t)1 << 21)

/* Postings of clusters that left the window, and runs left behind when
 * they moved, are dropped by building the index again once they may be
 * most of it (and there are at least this many). */
#define REBUILD_SLACK 4096

static size_t slot_of(uint32_t key, size_t cap)
{
	return (size_t)(((uint64_t)key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
}

static int grow_table(bucket_index *ix)
{
	size_t cap = ix->cap ? ix->cap * 2 : 256;
	run *runs = calloc(cap, sizeof *runs);
	if (!runs)
		return TL_ENOMEM;
	for (size_t k = 0; k < ix->cap; k++) {
		if (!ix->runs[k].key)
			continue;
		size_t j = slot_of(ix->runs[k].key, cap);
		while (runs[j].key)
			j = (j + 1) & (cap - 1);
		runs[j] = ix->runs[k];
	}
	free(ix->runs);
	ix->runs = runs;
	ix->cap = cap;
	return TL_OK;
}

/* The run of term id, or NULL when absent. */
static const run *find(const bucket_index *ix, size_t id)
{
	uint32_t key = (uint32_t)id + 1;
	for (size_t j = slot_of(key, ix->cap);; j = (j + 1) & (ix->cap - 1)) {
		if (ix->runs[j].key == key)
			return &ix->runs[j];
		if (!ix->runs[j].key)
			return NULL;
	}
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
 * it) may give a similarity of floor > 0 or more. It may not when the dot
 * product is 0 (the similarity is 0) or certainly too small: its square
 * under floor^2 * na * nb by a relative 1e-5, far above the rounding of
 * the float (2^-24) and of these few operations.
 */
static bool reaches(double dot, double na, float nb, double floor)
{
	return dot > 0 && !(dot * dot < floor * floor * (na * (double)nb) * (1 - 1e-5));
}

/* A squared norm as a float no larger than needed for reaches(): clamped
 * to the float range (a smaller norm only makes the bound weaker). */
static float norm_f(double n)
{
	return n < FLT_MAX ? (float)n : FLT_MAX;
}

static int add_posting(bucket_index *ix, size_t id, double w, size_t slot, float norm2)
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
	}
	run *r = &ix->runs[j];
	if (r->len == r->cap && move_run(ix, r) != TL_OK)
		return TL_ENOMEM;
	ix->post[r->off + r->len++] = (posting){w, (uint32_t)slot, norm2};
	return TL_OK;
}

/* Adds the terms of the k-th compared member of the cluster at position pos
 * of bucket b. */
static int add_member(bucket_index *ix, const work *w, size_t b, size_t pos, size_t k)
{
	const cluster *cl = &w->clusters[w->buckets[b].v[pos]];
	const termset *set = cl->compared[k];
	float norm2 = norm_f(set->norm2);
	for (size_t t = 0; t < set->n_terms; t++)
		if (add_posting(ix, set->ids[t], term_weight(w->idf, set, t),
				pos * MAX_COMPARED + k, norm2) != TL_OK)
			return TL_ENOMEM;
	return TL_OK;
}

static size_t window_start(const sizes *bucket)
{
	return bucket->n > MAX_CANDIDATES ? bucket->n - MAX_CANDIDATES : 0;
}

/* (Re)builds the index of bucket b from the clusters of its window. */
static int build(bucket_index *ix, const work *w, size_t b)
{
	if (ix->cap)
		memset(ix->runs, 0, ix->cap * sizeof *ix->runs);
	ix->used = 0;
	ix->n_post = 0;
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
	free(ix->post);
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
	return TL_OK;
}

void tl_merge_cands_free(cands *cx)
{
	if (cx->index)
		for (size_t k = 0; k < cx->n_live; k++)
			index_free(cx->index[cx->live[k]]);
	for (size_t k = 0; k < cx->n_spare; k++)
		index_free(cx->spare[k]);
	free(cx->index);
	free(cx->live);
	memset(cx, 0, sizeof *cx);
}

void tl_merge_cands_drop_below(cands *cx, size_t b)
{
	if (cx->held <= CANDS_HELD)
		return;
	size_t kept = 0;
	for (size_t k = 0; k < cx->n_live; k++) {
		uint32_t at = cx->live[k];
		if (at < b) {
			bucket_index *ix = cx->index[at];
			cx->held -= ix->cap_post;
			if (cx->n_spare < CANDS_SPARES)
				cx->spare[cx->n_spare++] = ix;
			else
				index_free(ix);
			cx->index[at] = NULL;
		} else {
			cx->live[kept++] = at;
		}
	}
	cx->n_live = kept;
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
		cx->held += ix->cap_post;
		ix->rebuild_at = 0; /* a spare holds another bucket's postings */
	}
	if (!ix->rebuild_at || ix->n_post >= ix->rebuild_at) {
		size_t before = ix->cap_post;
		int rc = build(ix, w, b);
		cx->held += ix->cap_post - before;
		if (rc != TL_OK)
			return rc;
	}
	size_t lo = window_start(&w->buckets[b]);
	cx->lo = lo;
	cx->n_hit = 0;
	if (!ix->used)
		return TL_OK;
	/* Term by term in id order: each dot product adds its shared terms in
	 * the order the dense scoring does, the others adding nothing. */
	for (size_t t = 0; t < set->n_terms; t++) {
		const run *rn = find(ix, set->ids[t]);
		if (!rn)
			continue;
		double x = term_weight(w->idf, set, t);
		for (const posting *q = ix->post + rn->off, *end = q + rn->len; q < end; q++) {
			size_t pos = q->slot / MAX_COMPARED;
			if (pos < lo)
				continue; /* left the window */
			size_t r = pos - lo, k = q->slot % MAX_COMPARED;
			if (!cx->seen[r]) {
				cx->seen[r] = 1;
				cx->hit[cx->n_hit++] = (uint32_t)r;
				for (size_t m = 0; m < MAX_COMPARED; m++)
					cx->dot[r][m] = 0;
			}
			cx->dot[r][k] += x * q->w;
			cx->norm2[r][k] = q->norm2;
		}
	}
	size_t kept = 0;
	for (size_t h = 0; h < cx->n_hit; h++) {
		size_t r = cx->hit[h];
		bool reach = false;
		cx->seen[r] = 0;
		for (size_t k = 0; k < MAX_COMPARED; k++)
			reach = reach || reaches(cx->dot[r][k], set->norm2, cx->norm2[r][k], floor);
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
	size_t pos = w->buckets[b].n - 1, before = ix->cap_post;
	const cluster *cl = &w->clusters[w->buckets[b].v[pos]];
	int rc = TL_OK;
	for (size_t k = 0; k < cl->n_compared && rc == TL_OK; k++)
		rc = add_member(ix, w, b, pos, k);
	cx->held += ix->cap_post - before;
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
	size_t before = ix->cap_post;
	int rc = add_member(ix, w, b, lo, w->clusters[c].n_compared - 1);
	cx->held += ix->cap_post - before;
	return rc;
}
