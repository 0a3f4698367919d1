/*
 * merge_cluster.c - the clustering of the merge: items are taken in a fixed
 * order (finest dates first, then by date, value and publication) and each
 * joins the most similar compatible cluster or starts its own. A day-level
 * or finer item is compared only with the clusters anchored on the days its
 * date covers (day buckets), a coarser or unplaced one only with copies of
 * itself (same value and headline); then clusters of one happening told with
 * days a few apart are joined as date conflicts. Scoring skips what cannot
 * change a result: clusters whose signature misses that of an item coarser
 * than a day (screened in a packed copy of the signatures), members sharing
 * a term set with an earlier one (one text from many outlets), a twin
 * scored right after another reuses its score while the cluster's compared
 * members stay, and in buckets of a few clusters or more only those sharing
 * a term with the item are scored, from the dot products of a term index
 * (merge_candidates.c): the others score 0 and could never be chosen; nor
 * could those whose dot products are certainly too small for the lowest
 * threshold they might face (bounds from the members' norms). Owns
 * nothing beyond the work state it fills (merge_work.h) and, while it
 * runs, the bucket indexes.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hash.h"
#include "merge.h"
#include "merge_candidates.h"
#include "merge_work.h"

/* Whether two signatures may be compared: they meet, or one is empty (only
 * common words). One pass without branches: it runs for every candidate. */
static inline bool sig_may_match(const uint64_t *a, const uint64_t *b)
{
	uint64_t any_a = 0, any_b = 0, meet = 0;
	for (int k = 0; k < SIG_WORDS; k++) {
		any_a |= a[k];
		any_b |= b[k];
		meet |= a[k] & b[k];
	}
	return !any_a || !any_b || meet;
}

static void sig_or(uint64_t *a, const uint64_t *b)
{
	for (int k = 0; k < SIG_WORDS; k++)
		a[k] |= b[k];
}

/*
 * Processing order: finest dates first, then by date (first day, longest
 * first), value, publication (article date, doc, offset). An item's
 * interval is that of its value, so the class and the rank of the value in
 * (first day, longest first, strcmp) order make one integer, the major key:
 * the items are distributed by it (counting sort, in index order), then
 * each run of one major key is ordered by article date (as one number) and
 * item index, which stands for doc and offset since the items are in
 * canonical (doc, start, end) order and no two share a place. No key per
 * item is kept: 4 bytes a mention (the order itself).
 */

static void sift_down(uint64_t *v, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && v[child] < v[child + 1])
			child++;
		if (v[root] >= v[child])
			return;
		uint64_t t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

/* Sorts v[0..n) (distinct: one sorted order) ascending: quicksort on the
 * contiguous keys (median of three, Hoare partition, the smaller side
 * first), insertion sort on short ranges, heap sort once depth runs out. */
static void sort_u64(uint64_t *v, size_t n, unsigned depth)
{
	while (n > 16) {
		if (depth == 0) {
			for (size_t i = n / 2; i-- > 0;)
				sift_down(v, i, n);
			for (size_t i = n; i-- > 1;) {
				uint64_t t = v[0];
				v[0] = v[i];
				v[i] = t;
				sift_down(v, 0, i);
			}
			return;
		}
		depth--;
		size_t mid = n / 2;
		uint64_t t;
		if (v[mid] < v[0]) {
			t = v[mid]; v[mid] = v[0]; v[0] = t;
		}
		if (v[n - 1] < v[mid]) {
			t = v[n - 1]; v[n - 1] = v[mid]; v[mid] = t;
			if (v[mid] < v[0]) {
				t = v[mid]; v[mid] = v[0]; v[0] = t;
			}
		}
		uint64_t pivot = v[mid];
		size_t i = 0, j = n - 1;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i >= j)
				break;
			t = v[i]; v[i] = v[j]; v[j] = t;
			i++;
			j--;
		}
		size_t left = j + 1;
		if (left < n - left) {
			sort_u64(v, left, depth);
			v += left;
			n -= left;
		} else {
			sort_u64(v + left, n - left, depth);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;
		for (; j > 0 && x < v[j - 1]; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Orders the run order[0..n) (ascending indices of one major key) by
 * article date, then index; scratch holds n keys. */
static void order_run(const work *w, uint32_t *order, size_t n, uint64_t *scratch)
{
	bool sorted = true;
	int32_t last = 0;
	for (size_t k = 0; k < n; k++) {
		int32_t d = packed_date(w->mentions[order[k]].head->article_date);
		sorted = sorted && (k == 0 || d >= last);
		last = d;
		scratch[k] = (uint64_t)((uint32_t)d ^ UINT32_C(0x80000000)) << 32 | order[k];
	}
	if (sorted)
		return; /* already in (date, index) order */
	unsigned depth = 0;
	for (size_t m = n; m > 1; m /= 2)
		depth += 2;
	sort_u64(scratch, n, depth);
	for (size_t k = 0; k < n; k++)
		order[k] = (uint32_t)scratch[k];
}

typedef struct value_rank {
	const char *value;
	long first, end; /* the interval of its items */
	size_t id;
} value_rank;

static int cmp_value_rank(const void *x, const void *y)
{
	const value_rank *a = x, *b = y;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1; /* longest first */
	return strcmp(a->value, b->value);
}

/* order[0..n) gets the item indices in processing order. */
static int processing_order(const work *w, uint32_t *order)
{
	/* Values are numbered in first-seen order (merge.c): rank them. */
	size_t nv = w->n_values, n_major = 5 * nv; /* classes 0..4 */
	value_rank *values = malloc((nv + 1) * sizeof *values);
	size_t *rank = malloc((nv + 1) * sizeof *rank);
	size_t *fill = calloc(n_major + 1, sizeof *fill);
	int rc = values && rank && fill ? TL_OK : TL_ENOMEM;
	uint64_t *scratch = NULL;
	if (rc == TL_OK) {
		for (size_t k = 0; k < nv; k++)
			values[k] = (value_rank){w->values[k], 0, 0, k};
		for (size_t k = 0; k < nv; k++) {
			values[k].first = w->value_first[k];
			values[k].end = w->value_end[k];
		}
		/* ids -> ranks: values[k].id is the id of the k-th value in order */
		qsort(values, nv, sizeof *values, cmp_value_rank);
		for (size_t k = 0; k < nv; k++)
			rank[values[k].id] = k;
		/* counting sort by major key: fill[m] is where the next item of m goes */
		for (size_t i = 0; i < w->n; i++)
			fill[(size_t)w->items[i].cls * nv + rank[w->items[i].value]]++;
		size_t at = 0, longest = 0;
		for (size_t m = 0; m < n_major; m++) {
			size_t c = fill[m];
			fill[m] = at;
			at += c;
			longest = c > longest ? c : longest;
		}
		for (size_t i = 0; i < w->n; i++)
			order[fill[(size_t)w->items[i].cls * nv + rank[w->items[i].value]]++] = (uint32_t)i;
		/* now fill[m] is the end of run m */
		if (!(scratch = malloc((longest + 1) * sizeof *scratch)))
			rc = TL_ENOMEM;
		for (size_t m = 0, from = 0; m < n_major && rc == TL_OK; m++) {
			if (fill[m] - from > 1)
				order_run(w, order + from, fill[m] - from, scratch);
			from = fill[m];
		}
	}
	free(scratch);
	free(values);
	free(rank);
	free(fill);
	return rc;
}

/* Index of the first bucket day >= day. */
static size_t day_lower(const work *w, long day)
{
	size_t lo = 0, hi = w->n_days;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool has_doc(const cluster *c, size_t doc)
{
	if (!c->docs.cap)
		return c->docs.n == doc + 1; /* the one doc, kept in place */
	size_t mask = c->docs.cap - 1;
	for (size_t j = (doc * 0x9E3779B97F4A7C15u) & mask; c->docs.v[j]; j = (j + 1) & mask)
		if (c->docs.v[j] == doc + 1)
			return true;
	return false;
}

static int add_doc(cluster *c, size_t doc)
{
	if (has_doc(c, doc))
		return TL_OK;
	if (!c->docs.cap && !c->n_docs) {
		c->docs.n = (uint32_t)(doc + 1); /* most clusters have one doc: no table */
		c->n_docs = 1;
		return TL_OK;
	}
	if ((c->n_docs + 1) * 2 > c->docs.cap) {
		size_t cap = c->docs.cap ? (size_t)c->docs.cap * 2 : 8;
		if (cap > UINT32_MAX)
			return TL_ENOMEM;
		uint32_t *v = calloc(cap, sizeof *v);
		if (!v)
			return TL_ENOMEM;
		uint32_t one = (uint32_t)c->docs.n;
		size_t old = c->docs.cap ? c->docs.cap : 1;
		for (size_t i = 0; i < old; i++) {
			uint32_t d = c->docs.cap ? c->docs.v[i] : one;
			if (!d)
				continue;
			size_t j = ((d - 1) * 0x9E3779B97F4A7C15u) & (cap - 1);
			while (v[j])
				j = (j + 1) & (cap - 1);
			v[j] = d;
		}
		free(c->docs.v);
		c->docs.v = v;
		c->docs.cap = (uint32_t)cap;
	}
	size_t mask = c->docs.cap - 1, j = (doc * 0x9E3779B97F4A7C15u) & mask;
	while (c->docs.v[j])
		j = (j + 1) & mask;
	c->docs.v[j] = (uint32_t)(doc + 1);
	c->n_docs++;
	return TL_OK;
}

/* Whether items v[k] and some v[j], j < k, share one term set (twins, see
 * merge_weigh.c): then they have the same similarity to anything. */
static bool twin_before(const work *w, const uint32_t *v, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (w->items[v[j]].set == w->items[v[k]].set)
			return true;
	return false;
}

/*
 * The best similarity between the first members of clusters a and b (see
 * cosine() in merge_weigh.c for floor), twins once: each pair by a merge of
 * the two term arrays (tl_merge_similarity), which adds the products of
 * shared ids in id order as the index walk and the dense scoring do, so
 * the value is theirs to the bit. Only buckets too small to be indexed
 * come here: no dense array of every term id is needed.
 */
static double best_similarity(const work *w, const cluster *a, const cluster *b, double floor)
{
	double best = 0;
	size_t na = a->members.n < MAX_COMPARED ? a->members.n : MAX_COMPARED;
	size_t nb = b->members.n < MAX_COMPARED ? b->members.n : MAX_COMPARED;
	for (size_t k = 0; k < nb; k++) {
		if (twin_before(w, b->members.v, k))
			continue;
		const termset *bk = item_set(w, &w->items[b->members.v[k]]);
		for (size_t i = 0; i < na; i++) {
			if (twin_before(w, a->members.v, i))
				continue;
			double s = tl_merge_similarity(w->idf, item_set(w, &w->items[a->members.v[i]]),
						       bk, floor);
			if (s > best)
				best = s;
		}
	}
	return best;
}

/* Appends item i to the members of c, keeping the copies c holds true. */
static int push_member(work *w, cluster *c, size_t i)
{
	const item *it = &w->items[i];
	if (!c->members.n) {
		c->first = item_first(w, it);
		c->end = item_end(w, it);
		c->cls = it->cls;
		c->coarse = it->coarse;
	}
	if (c->members.n < MAX_COMPARED) {
		const termset *set = item_set(w, it);
		bool twin = false;
		for (size_t k = 0; k < c->n_compared; k++)
			twin = twin || c->compared[k] == it->set;
		if (!twin) {
			c->norm2[c->n_compared] = set->norm2;
			c->compared[c->n_compared++] = it->set;
		}
	}
	return tl_merge_sizes_push(&c->members, i);
}

/* The best similarity of item i, whose weights are in w->dense, with the
 * first members of cl (twins once: they score the same). */
static double best_similarity_dense(const work *w, size_t i, const cluster *cl, double floor)
{
	double best = 0;
	for (size_t k = 0; k < cl->n_compared; k++) {
		double s = tl_merge_similarity_dense(w->idf, w->dense, item_set(w, &w->items[i]),
						     cluster_compared(w, cl, k), floor);
		if (s > best)
			best = s;
	}
	return best;
}

/* Whether item it, the one being assigned (its signature in w->item_sig),
 * may join cluster cl at all, and with which similarity (*join):
 * compatible dates, and a signature in common when it must reach
 * TL_MERGE_JOIN. */
static bool may_join(const work *w, const item *it, size_t c, double *join)
{
	const cluster *cl = &w->clusters[c];
	bool compatible;
	if (it->cls >= 3 || cl->cls >= 3)
		compatible = it->cls == cl->cls && it->coarse && it->coarse == cl->coarse;
	else
		compatible = nested(item_first(w, it), item_end(w, it), cl->first, cl->end);
	if (!compatible)
		return false;
	/* The same day from another article is evidence of its own. */
	*join = it->cls == 0 && cl->cls == 0 && !has_doc(cl, it->doc) ? TL_MERGE_JOIN_DAY
								       : TL_MERGE_JOIN;
	return *join < TL_MERGE_JOIN || sig_may_match(w->item_sig, CLUSTER_SIG(w, c));
}

/* How well item i fits cluster c: its similarity, or -1 when it may not join. */
static double fit(work *w, size_t i, size_t c)
{
	const item *it = &w->items[i];
	cluster *cl = &w->clusters[c]; /* its anchor's fields are copies (push_member) */
	double join;
	if (!may_join(w, it, c, &join))
		return -1;
	/* Copies of one report come one after another in the processing order:
	 * the score of the previous one stands while the compared members do. */
	double best;
	bool day = join == TL_MERGE_JOIN_DAY;
	if (cl->memo_set == it->set + 1 && cl->memo_compared == cl->n_compared &&
	    cl->memo_day == day) {
		best = cl->memo_best;
	} else {
		best = best_similarity_dense(w, i, cl, join);
		cl->memo_set = it->set + 1;
		cl->memo_compared = cl->n_compared;
		cl->memo_day = day;
		cl->memo_best = best;
	}
	return best >= join ? best : -1;
}

static int new_cluster(work *w, size_t i, size_t *id)
{
	if (w->n_clusters == w->cap_clusters) {
		/* 152 bytes a cluster with its signature, millions of them on a
		 * full extract: past a million, grow by a quarter, not double (a
		 * block that large moves by remapping, not copying). */
		size_t cap = w->cap_clusters;
		cap = !cap ? 64 : cap < ((size_t)1 << 20) ? 2 * cap : cap + cap / 4;
		cluster *c = realloc(w->clusters, cap * sizeof *c);
		if (!c)
			return TL_ENOMEM;
		w->clusters = c;
		uint64_t *sig = realloc(w->csig, cap * SIG_WORDS * sizeof *sig);
		if (!sig)
			return TL_ENOMEM;
		w->csig = sig;
		w->cap_clusters = cap;
	}
	cluster *c = &w->clusters[w->n_clusters];
	memset(c, 0, sizeof *c);
	/* item i is being assigned */
	memcpy(CLUSTER_SIG(w, w->n_clusters), w->item_sig, sizeof w->item_sig);
	if (push_member(w, c, i) != TL_OK || add_doc(c, w->items[i].doc) != TL_OK)
		return TL_ENOMEM;
	*id = w->n_clusters++;
	return TL_OK;
}

/*
 * Whether a cosine with dot product dot and squared norms na, nb is
 * certainly below floor > 0: by a relative margin (1e-6) far above the
 * rounding of these few operations, so tl_merge_cosine() would give a value
 * below floor too (or 0), which can neither reach a threshold nor, being
 * below it, change a best that must reach it.
 */
static inline bool below(double dot, double na, double nb, double floor)
{
	return dot * dot < floor * floor * (na * nb) * (1 - 1e-6);
}

/* Cluster c with fit f becomes the best when it fits better, or as well
 * with a lower id: the result does not depend on the order of comparison. */
static inline void keep_best(size_t c, double f, double *best, size_t *best_c)
{
	if (f > *best || (f == *best && f >= 0 && c < *best_c)) {
		*best = f;
		*best_c = c;
	}
}

/*
 * Compares item i with the clusters of one bucket, the newest MAX_CANDIDATES
 * of them. An item coarser than a day must reach TL_MERGE_JOIN with every
 * cluster, so when it has a signature, the clusters whose signature (in
 * w->csig) is not empty and misses it are passed over without calling fit():
 * it would return -1 for them, which never changes the best.
 */
static void consider(work *w, size_t i, const sizes *list, double *best, size_t *best_c)
{
	size_t lo = list->n > MAX_CANDIDATES ? list->n - MAX_CANDIDATES : 0;
	const item *it = &w->items[i];
	const uint64_t *s = w->item_sig;
	uint64_t any = 0;
	for (int k = 0; k < SIG_WORDS; k++)
		any |= s[k];
	size_t kept[MAX_CANDIDATES], n_kept = 0;
	if (it->cls != 0 && any) {
		/* Without branches: most are passed over, unpredictably. */
		for (size_t k = list->n; k-- > lo;) {
			size_t c = list->v[k];
			const uint64_t *cs = w->csig + c * SIG_WORDS;
			uint64_t have = 0, meet = 0;
			for (int b = 0; b < SIG_WORDS; b++) {
				have |= cs[b];
				meet |= cs[b] & s[b];
			}
			kept[n_kept] = c;
			n_kept += (have == 0) | (meet != 0);
		}
	} else {
		for (size_t k = list->n; k-- > lo;)
			kept[n_kept++] = list->v[k];
	}
	for (size_t k = 0; k < n_kept; k++)
		keep_best(kept[k], fit(w, i, kept[k]), best, best_c);
}

/*
 * The same through the index of bucket b (merge_candidates.h): only the
 * clusters of the window sharing a term with item i are scored, from the
 * dot products the index gives. The others would score 0, below both join
 * thresholds: fit() gives them -1, which never changes the best. The
 * memo of fit() is not needed (nor changed: it stays true).
 */
static int consider_indexed(work *w, cands *cx, size_t i, size_t b, double *best,
			    size_t *best_c)
{
	const item *it = &w->items[i];
	const termset *set = item_set(w, it);
	/* The lowest threshold the item may meet (see may_join): the clusters
	 * that cannot reach it are left out. */
	double lowest = it->cls == 0 ? TL_MERGE_JOIN_DAY : TL_MERGE_JOIN;
	if (tl_merge_cands_dots(cx, w, b, set, lowest) != TL_OK)
		return TL_ENOMEM;
	const uint32_t *v = w->buckets[b].v + cx->lo;
	for (size_t h = 0; h < cx->n_hit; h++) {
		size_t r = cx->hit[h], c = v[r];
		const cluster *cl = &w->clusters[c];
		const double *dot = cx->dot[r];
		double join, sim = 0;
		if (!may_join(w, it, c, &join))
			continue;
		/* What best_similarity_dense() gives, from the same dot products,
		 * but for values below join: they do not count either way; nor
		 * do values certainly below the best so far (when the largest is,
		 * the cluster cannot become the best; when it is not, it is
		 * made). */
		double need = *best > join ? *best : join;
		for (size_t k = 0; k < cl->n_compared; k++) {
			if (below(dot[k], set->norm2, cl->norm2[k], need))
				continue;
			double s = tl_merge_cosine_norms(dot[k], set->norm2, cl->norm2[k], join);
			if (s > sim)
				sim = s;
		}
		keep_best(c, sim >= join ? sim : -1, best, best_c);
	}
	return TL_OK;
}

/* Puts (set) or clears the weights of a term set in w->dense[id]. */
static void scatter(work *w, const termset *ts, bool set)
{
	for (size_t k = 0; k < ts->n_terms; k++)
		w->dense[ts->ids[k]] = set ? term_weight(w->idf, ts, k) : 0;
}

static int assign(work *w, cands *cx, size_t i)
{
	item *it = &w->items[i];
	double best = -1;
	size_t best_c = SIZE_MAX;
	sizes *list = it->coarse ? &w->coarse_lists[it->coarse - 1] : NULL;
	const termset *set = item_set(w, it);
	int rc = TL_OK;
	bool scattered = false; /* its weights in w->dense, for consider() */
	tl_merge_item_sig(w, set, w->item_sig);
	if (list) {
		scatter(w, set, true);
		scattered = true;
		consider(w, i, list, &best, &best_c);
	} else {
		/* Finer clusters come first, so those inside this date are all there is. */
		long end = item_end(w, it);
		size_t d = w->value_day[it->value]; /* day_lower(w, its first day) */
		/* Items come by first day within a class: indexes of earlier days
		 * are done with until the next class. */
		tl_merge_cands_drop_below(cx, d);
		for (; d < w->n_days && w->days[d] < end && rc == TL_OK; d++) {
			if (tl_merge_cands_use(w, d)) {
				rc = consider_indexed(w, cx, i, d, &best, &best_c);
				continue;
			}
			if (!scattered)
				scatter(w, set, true);
			scattered = true;
			consider(w, i, &w->buckets[d], &best, &best_c);
		}
	}
	if (scattered)
		scatter(w, set, false);
	if (rc != TL_OK)
		return rc;
	if (best >= 0) {
		cluster *cl = &w->clusters[best_c];
		if (cl->members.n < MAX_COMPARED) {
			sig_or(CLUSTER_SIG(w, best_c), w->item_sig);
		}
		size_t compared = cl->n_compared;
		if (add_doc(cl, it->doc) != TL_OK || push_member(w, cl, i) != TL_OK)
			return TL_ENOMEM;
		if (cl->n_compared == compared || cl->coarse)
			return TL_OK;
		/* Clusters without a coarse key are in the bucket of their first day. */
		return tl_merge_cands_compared(cx, w, day_lower(w, cl->first), best_c);
	}
	size_t id;
	if (new_cluster(w, i, &id) != TL_OK)
		return TL_ENOMEM;
	if (list)
		return tl_merge_sizes_push(list, id);
	size_t d = w->value_day[it->value];
	if (tl_merge_sizes_push(&w->buckets[d], id) != TL_OK)
		return TL_ENOMEM;
	return tl_merge_cands_added(cx, w, d);
}

typedef struct pair {
	size_t a, b; /* cluster ids, a < b */
	double sim;
} pair;

static int cmp_pair(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->sim != q->sim)
		return p->sim > q->sim ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

static bool share_doc(const cluster *a, const cluster *b)
{
	if (a->n_docs > b->n_docs) {
		const cluster *t = a;
		a = b;
		b = t;
	}
	if (!a->docs.cap)
		return a->docs.n && has_doc(b, a->docs.n - 1);
	for (size_t i = 0; i < a->docs.cap; i++)
		if (a->docs.v[i] && has_doc(b, a->docs.v[i] - 1))
			return true;
	return false;
}

static size_t root_of(size_t *parent, size_t c)
{
	while (parent[c] != c)
		c = parent[c] = parent[parent[c]];
	return c;
}

/* Whether both clusters give percentages and none in common: different rates, different events. */
/* The distinct non-empty figure sets of c's members into out[0..*n), at
 * most cap (false when there are more). Copies of one report share one
 * pooled array: a cluster of a thousand copies has a handful of sets. */
static bool distinct_figures(const work *w, const cluster *c, const tl_strings **out, size_t cap,
			     size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < c->members.n; i++) {
		const tl_strings *f = &w->mentions[c->members.v[i]].body->figures;
		size_t k = 0;
		while (k < *n && !(out[k]->items == f->items && out[k]->count == f->count))
			k++;
		if (!f->count || k < *n)
			continue;
		if (*n == cap)
			return false;
		out[(*n)++] = f;
	}
	return true;
}

static bool percents_differ(const work *w, const cluster *a, const cluster *b)
{
	const tl_strings *sa[32], *sb[32];
	size_t na, nb;
	if (distinct_figures(w, a, sa, 32, &na) && distinct_figures(w, b, sb, 32, &nb)) {
		bool a_has = false, b_has = false;
		for (size_t i = 0; i < na; i++)
			for (size_t f = 0; f < sa[i]->count; f++) {
				if (!tl_merge_is_percent(sa[i]->items[f]))
					continue;
				a_has = true;
				for (size_t j = 0; j < nb; j++)
					if (tl_strings_has(sb[j], sa[i]->items[f]))
						return false;
			}
		for (size_t j = 0; j < nb && !b_has; j++)
			for (size_t f = 0; f < sb[j]->count; f++)
				b_has = b_has || tl_merge_is_percent(sb[j]->items[f]);
		return a_has && b_has;
	}
	/* Many distinct sets (mentions not from one pool): every member. */
	bool a_has = false, b_has = false;
	for (size_t i = 0; i < a->members.n; i++) {
		const tl_strings *fa = &w->mentions[a->members.v[i]].body->figures;
		for (size_t f = 0; f < fa->count; f++) {
			if (!tl_merge_is_percent(fa->items[f]))
				continue;
			a_has = true;
			for (size_t j = 0; j < b->members.n; j++)
				if (tl_strings_has(&w->mentions[b->members.v[j]].body->figures,
						   fa->items[f]))
					return false;
		}
	}
	for (size_t j = 0; j < b->members.n && !b_has; j++) {
		const tl_strings *fb = &w->mentions[b->members.v[j]].body->figures;
		for (size_t f = 0; f < fb->count; f++)
			b_has = b_has || tl_merge_is_percent(fb->items[f]);
	}
	return a_has && b_has;
}

/* A growing list of candidate conflicts. */
typedef struct pairs {
	pair *v;
	size_t n, cap;
} pair_list;

static int push_pair(pair_list *ps, size_t a, size_t b, double sim)
{
	pair *v = tl_array_grow(ps->v, &ps->cap, ps->n, 16, sizeof *v);
	if (!v)
		return TL_ENOMEM;
	ps->v = v;
	ps->v[ps->n++] = (pair){a, b, sim};
	return TL_OK;
}

/* Whether clusters a and b (ids c < d), similar enough, make a conflict. */
static bool may_conflict(const work *w, const cluster *a, const cluster *b, double sim)
{
	/* The cheap test first: the others walk every member. */
	return sim >= TL_MERGE_CONFLICT && !share_doc(a, b) && !percents_differ(w, a, b);
}

/* Per window position, the best similarity of cluster a with the cluster
 * there (scratch of conflicts_indexed). */
typedef struct conflict_scratch {
	double best[MAX_CANDIDATES];
	uint32_t at[MAX_CANDIDATES];
	unsigned char seen[MAX_CANDIDATES];
	size_t n;
} conflict_scratch;

/*
 * The conflicts of cluster c with the window of bucket b (another day a
 * few days away) through its index: the distinct compared members of a
 * cluster are its first MAX_COMPARED members less twins, as best_similarity()
 * takes them, and the dot products are those it computes, so the
 * similarities are the same; clusters sharing no term score 0 and are left
 * out as there.
 */
static int conflicts_indexed(const work *w, cands *cx, size_t c, size_t b, conflict_scratch *sc,
			     pair_list *ps)
{
	const cluster *a = &w->clusters[c];
	sc->n = 0;
	for (size_t i = 0; i < a->n_compared; i++) {
		if (tl_merge_cands_dots(cx, w, b, cluster_compared(w, a, i), TL_MERGE_CONFLICT) !=
		    TL_OK)
			return TL_ENOMEM;
		const uint32_t *v = w->buckets[b].v + cx->lo;
		for (size_t h = 0; h < cx->n_hit; h++) {
			size_t r = cx->hit[h], d = v[r];
			const cluster *o = &w->clusters[d];
			if (d <= c || o->cls != 0 ||
			    !sig_may_match(CLUSTER_SIG(w, c), CLUSTER_SIG(w, d)))
				continue;
			if (!sc->seen[r]) {
				sc->seen[r] = 1;
				sc->at[sc->n++] = (uint32_t)r;
				sc->best[r] = 0;
			}
			/* Values below the threshold make no conflict either way,
			 * and those certainly below the best so far do not change it. */
			double need = sc->best[r] > TL_MERGE_CONFLICT ? sc->best[r] : TL_MERGE_CONFLICT;
			for (size_t k = 0; k < o->n_compared; k++) {
				if (below(cx->dot[r][k], a->norm2[i], o->norm2[k], need))
					continue;
				double s = tl_merge_cosine_norms(cx->dot[r][k], a->norm2[i],
								 o->norm2[k], TL_MERGE_CONFLICT);
				if (s > sc->best[r])
					sc->best[r] = s;
			}
		}
	}
	/* The window does not move: cx->lo stands for every walk above. */
	int rc = TL_OK;
	for (size_t k = 0; k < sc->n; k++) {
		size_t r = sc->at[k], d = w->buckets[b].v[cx->lo + r];
		sc->seen[r] = 0;
		if (rc == TL_OK && may_conflict(w, a, &w->clusters[d], sc->best[r]))
			rc = push_pair(ps, c, d, sc->best[r]);
	}
	return rc;
}

/* Candidate conflicts: day clusters a few days apart, no article in common, very similar. */
static int conflict_pairs(const work *w, cands *cx, pair **out, size_t *n_out)
{
	pair_list ps = {NULL, 0, 0};
	conflict_scratch *sc = calloc(1, sizeof *sc);
	int rc = sc ? TL_OK : TL_ENOMEM;
	for (size_t c = 0; c < w->n_clusters && rc == TL_OK; c++) {
		/* The anchor's class and first day are copied in the cluster. */
		const cluster *a = &w->clusters[c];
		if (a->cls != 0)
			continue;
		size_t day = day_lower(w, a->first - TL_MERGE_CONFLICT_DAYS);
		/* Day clusters were made day by day: those of earlier days are done. */
		tl_merge_cands_drop_below(cx, day);
		for (; day < w->n_days && w->days[day] <= a->first + TL_MERGE_CONFLICT_DAYS &&
		       rc == TL_OK;
		     day++) {
			if (w->days[day] == a->first)
				continue; /* the same day: no conflict */
			/* Clusters join a bucket in id order: when its newest is not
			 * after c, none is, and pairs are only made with later ones
			 * (d > c below). Day clusters are made day by day, so this
			 * passes over most days before c's without a walk. */
			const sizes *bk = &w->buckets[day];
			if (!bk->n || bk->v[bk->n - 1] <= c)
				continue;
			if (tl_merge_cands_use(w, day)) {
				rc = conflicts_indexed(w, cx, c, day, sc, &ps);
				continue;
			}
			const sizes *bucket = &w->buckets[day];
			size_t first = bucket->n > MAX_CANDIDATES ? bucket->n - MAX_CANDIDATES : 0;
			for (size_t k = first; k < bucket->n && rc == TL_OK; k++) {
				size_t d = bucket->v[k];
				const cluster *b = &w->clusters[d];
				long gap = b->first - a->first;
				if (d <= c || b->cls != 0 || gap == 0 || gap > TL_MERGE_CONFLICT_DAYS ||
				    gap < -TL_MERGE_CONFLICT_DAYS ||
				    !sig_may_match(CLUSTER_SIG(w, c), CLUSTER_SIG(w, d)))
					continue;
				double sim = best_similarity(w, a, b, TL_MERGE_CONFLICT);
				if (may_conflict(w, a, b, sim))
					rc = push_pair(&ps, c, d, sim);
			}
		}
	}
	free(sc);
	if (rc != TL_OK) {
		free(ps.v);
		return rc;
	}
	*out = ps.v;
	*n_out = ps.n;
	return TL_OK;
}

/*
 * Second pass: clusters of the same happening told with different days
 * (June 4 vs June 5) are joined, best pairs first, as long as no article
 * would tell it twice. The joined cluster keeps the lower id; the other is
 * left empty.
 */
static int join_conflicts(work *w, cands *cx)
{
	pair *pairs;
	size_t n;
	int found = conflict_pairs(w, cx, &pairs, &n);
	tl_merge_cands_free(cx); /* the pairs are known: memory for the joins */
	if (found != TL_OK)
		return TL_ENOMEM;
	size_t *parent = malloc((w->n_clusters + 1) * sizeof *parent);
	if (!parent) {
		free(pairs);
		return TL_ENOMEM;
	}
	for (size_t c = 0; c < w->n_clusters; c++)
		parent[c] = c;
	if (n > 1)
		qsort(pairs, n, sizeof *pairs, cmp_pair);
	int rc = TL_OK;
	for (size_t k = 0; k < n && rc == TL_OK; k++) {
		size_t a = root_of(parent, pairs[k].a), b = root_of(parent, pairs[k].b);
		if (a == b)
			continue;
		if (a > b) {
			size_t t = a;
			a = b;
			b = t;
		}
		cluster *ca = &w->clusters[a], *cb = &w->clusters[b];
		if (share_doc(ca, cb))
			continue;
		for (size_t i = 0; i < cb->members.n && rc == TL_OK; i++) {
			rc = push_member(w, ca, cb->members.v[i]);
			if (rc == TL_OK)
				rc = add_doc(ca, w->items[cb->members.v[i]].doc);
		}
		cb->members.n = 0;
		parent[b] = a;
	}
	free(parent);
	free(pairs);
	return rc;
}

static int cmp_long_ptr(const void *a, const void *b)
{
	return cmp_long(*(const long *)a, *(const long *)b);
}

int tl_merge_cluster(work *w)
{
	/* An item's first day is its value's: the days are those of the values
	 * of the items of a class below 3, sorted once per value. */
	w->days = malloc((w->n_values + 1) * sizeof *w->days);
	bool *used = calloc(w->n_values + 1, sizeof *used);
	if (!w->days || !used) {
		free(used);
		return TL_ENOMEM;
	}
	for (size_t i = 0; i < w->n; i++)
		if (w->items[i].cls < 3)
			used[w->items[i].value] = true;
	for (size_t v = 0; v < w->n_values; v++)
		if (used[v])
			w->days[w->n_days++] = w->value_first[v];
	free(used);
	qsort(w->days, w->n_days, sizeof *w->days, cmp_long_ptr);
	size_t distinct = 0;
	for (size_t i = 0; i < w->n_days; i++)
		if (i == 0 || w->days[i] != w->days[distinct - 1])
			w->days[distinct++] = w->days[i];
	w->n_days = distinct;
	/* it had room for every value */
	long *fit = realloc(w->days, (distinct + 1) * sizeof *fit);
	if (fit)
		w->days = fit;
	w->buckets = calloc(w->n_days + 1, sizeof *w->buckets);
	w->dense = calloc(w->n_ids + 1, sizeof *w->dense);
	w->value_day = malloc((w->n_values + 1) * sizeof *w->value_day);
	if (!w->buckets || !w->dense || !w->value_day)
		return TL_ENOMEM;
	/* An item's first day is its value's: its bucket is found once per
	 * value, not by a bisection per item. */
	for (size_t v = 0; v < w->n_values; v++)
		w->value_day[v] = (uint32_t)day_lower(w, w->value_first[v]);
	uint32_t *order = malloc((w->n + 1) * sizeof *order);
	int rc = order ? processing_order(w, order) : TL_ENOMEM;
	cands cx;
	if (rc == TL_OK)
		rc = tl_merge_cands_init(&cx, w->n_days);
	if (rc == TL_OK) {
		for (size_t k = 0; k < w->n && rc == TL_OK; k++) {
			tl_merge_prefetch_items(w, order + k, w->n - k);
			rc = assign(w, &cx, order[k]);
		}
		/* The buckets are final: their indexes serve the conflicts, which
		 * need neither the order nor the dense weights: memory for them. */
		free(order);
		order = NULL;
		free(w->dense);
		w->dense = NULL;
		if (rc == TL_OK)
			rc = join_conflicts(w, &cx);
		tl_merge_cands_free(&cx);
	}
	free(order);
	return rc;
}