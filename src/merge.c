/*
 * merge.c - groups the mentions of many articles into events (see merge.h).
 * Steps: canonical sort and de-duplication; IDF weights of keywords and
 * actors over the mention set; greedy clustering in a fixed order (finest
 * dates first), each mention compared only with clusters anchored on the
 * days its date covers (coarser than a month: only with the same value), so
 * a day-level mention meets only the clusters of its own day;
 * then one event per cluster with the value the mentions agree on, the
 * conflicts they show and a stable id. Owns, while running, the work arrays
 * below; the mentions move into the events it returns.
 */
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "buf.h"
#include "error.h"
#include "extract.h"
#include "hash.h"
#include "merge.h"

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

static bool sig_meet(const uint64_t *a, const uint64_t *b)
{
	for (int k = 0; k < SIG_WORDS; k++)
		if (a[k] & b[k])
			return true;
	return false;
}

/* Whether two signatures may be compared: they meet, or one is empty (only common words). */
static bool sig_may_match(const uint64_t *a, const uint64_t *b)
{
	bool ea = true, eb = true;
	for (int k = 0; k < SIG_WORDS; k++) {
		ea = ea && !a[k];
		eb = eb && !b[k];
	}
	return ea || eb || sig_meet(a, b);
}

static void sig_or(uint64_t *a, const uint64_t *b)
{
	for (int k = 0; k < SIG_WORDS; k++)
		a[k] |= b[k];
}

typedef struct term {
	size_t id; /* interned keyword or actor */
	double w;
} term;

typedef struct item {
	tl_mention *m;
	term *terms;     /* keywords, sentence context and actors as weighted ids, by id */
	size_t n_terms;
	double norm2;
	uint64_t sig[SIG_WORDS]; /* a bit per rare clause term or actor: "nothing in common" */
	char *coarse_key; /* value and title of coarse or unplaced mentions */
	size_t doc;      /* document number: mentions are sorted by doc */
	long first, end; /* day numbers of the interval; end exclusive; 0, 0 when none */
	int cls;         /* 0 day or finer, 1 week, 2 month, 3 coarser, 4 no interval */
} item;

typedef struct sizes {
	size_t *v;
	size_t n, cap;
} sizes;

typedef struct cluster {
	sizes members; /* item indices in joining order; [0] is the anchor of the date */
	sizes docs;    /* hash set of doc + 1 (open addressing; cap a power of two) */
	size_t n_docs;
	uint64_t sig[SIG_WORDS]; /* the members compared (the first MAX_COMPARED), or-ed */
} cluster;

typedef struct work {
	item *items;
	size_t n;
	cluster *clusters;
	size_t n_clusters, cap_clusters;
	long *days;       /* sorted distinct first days of the placed mentions */
	sizes *buckets;   /* per day: the clusters anchored on it */
	size_t n_days;
	tl_strmap coarse; /* value -> 1 + index in coarse_lists */
	sizes *coarse_lists;
	size_t n_coarse;
	double *dense;    /* per term id: the weight in the item being assigned, else 0 */
	size_t n_ids;     /* distinct terms */
} work;

static int sizes_push(sizes *s, size_t x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4;
		size_t *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return TL_ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = x;
	return TL_OK;
}

/* ## Order */

static int cmp_null_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

static int cmp_date(tl_date a, tl_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

static int cmp_strings(const tl_strings *a, const tl_strings *b)
{
	for (size_t i = 0; i < a->count && i < b->count; i++) {
		int c = strcmp(a->items[i], b->items[i]);
		if (c)
			return c;
	}
	return cmp_size(a->count, b->count);
}

int tl_mention_compare(const tl_mention *a, const tl_mention *b)
{
	int c = cmp_null_str(a->doc, b->doc);
	if (!c)
		c = cmp_size(a->start, b->start);
	if (!c)
		c = cmp_size(a->end, b->end);
	if (!c)
		c = strcmp(a->value, b->value);
	if (!c)
		c = cmp_null_str(a->title, b->title);
	if (!c)
		c = cmp_null_str(a->sentence, b->sentence);
	if (!c)
		c = cmp_null_str(a->text, b->text);
	if (!c)
		c = cmp_date(a->article_date, b->article_date);
	if (!c)
		c = cmp_size(a->sentence_start, b->sentence_start);
	if (!c)
		c = cmp_null_str(a->source, b->source);
	if (!c)
		c = cmp_null_str(a->url, b->url);
	if (!c)
		c = strcmp(a->mod, b->mod);
	if (!c)
		c = (a->type > b->type) - (a->type < b->type);
	if (!c)
		c = (a->grain > b->grain) - (a->grain < b->grain);
	if (!c)
		c = (a->status > b->status) - (a->status < b->status);
	if (!c)
		c = (a->confidence > b->confidence) - (a->confidence < b->confidence);
	if (!c)
		c = cmp_strings(&a->actors, &b->actors);
	if (!c)
		c = cmp_strings(&a->keywords, &b->keywords);
	if (!c)
		c = cmp_strings(&a->figures, &b->figures);
	return c;
}

static int cmp_mention(const void *a, const void *b)
{
	return tl_mention_compare(a, b);
}

/* Publication order: article date, doc, offset. The earliest is the anchor. */
static int cmp_published(const tl_mention *a, const tl_mention *b)
{
	int c = cmp_date(a->article_date, b->article_date);
	if (!c)
		c = cmp_null_str(a->doc, b->doc);
	if (!c)
		c = cmp_size(a->start, b->start);
	if (!c)
		c = cmp_size(a->end, b->end);
	return c;
}

static int cmp_long(long a, long b)
{
	return (a > b) - (a < b);
}

/* Processing order: finest dates first, then by date, value, publication. */
static int cmp_processing(const item *a, const item *b)
{
	int c = a->cls - b->cls;
	if (!c)
		c = cmp_long(a->first, b->first);
	if (!c)
		c = cmp_long(b->end, a->end);
	if (!c)
		c = strcmp(a->m->value, b->m->value);
	if (!c)
		c = cmp_published(a->m, b->m);
	return c;
}

/* qsort has no context argument: sort an index array through a small merge sort. */
static void sort_indices(size_t *v, size_t *tmp, size_t n, const item *items)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_indices(v, tmp, h, items);
	sort_indices(v + h, tmp, n - h, items);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = cmp_processing(&items[v[j]], &items[v[i]]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* ## Dates */

static int grain_class(const tl_mention *m, bool placed)
{
	if (!placed)
		return 4;
	if (m->grain >= TL_GRAIN_DAY)
		return 0;
	if (m->grain == TL_GRAIN_WEEK || m->grain == TL_GRAIN_WEEKEND)
		return 1;
	if (m->grain == TL_GRAIN_MONTH)
		return 2;
	return 3;
}

static void place(item *it)
{
	tl_mention *m = it->m;
	tl_date first, end;
	tl_grain g;
	bool placed = tl_extract_interval(m->value, &first, &end, &g) == TL_OK;
	if (placed) {
		m->first = first;
		m->end_date = end;
		if (m->grain == TL_GRAIN_NONE)
			m->grain = g;
		it->first = tl_extract_day_number(first);
		it->end = tl_extract_day_number(end);
	} else {
		it->first = it->end = 0;
	}
	it->cls = grain_class(m, placed);
}

static bool nested(long af, long ae, long bf, long be)
{
	return (af <= bf && be <= ae) || (bf <= af && ae <= be);
}

bool tl_merge_values_compatible(const char *a, const char *b)
{
	tl_date af, ae, bf, be;
	tl_grain g;
	if (tl_extract_interval(a, &af, &ae, &g) != TL_OK ||
	    tl_extract_interval(b, &bf, &be, &g) != TL_OK)
		return strcmp(a, b) == 0;
	return nested(tl_extract_day_number(af), tl_extract_day_number(ae),
		      tl_extract_day_number(bf), tl_extract_day_number(be));
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

/* ## Similarity */

/* Natural logarithm of x > 0 without libm: halve into [1, 2), then the atanh series. */
static double ln(double x)
{
	double k = 0;
	while (x >= 2) {
		x /= 2;
		k++;
	}
	while (x < 1) {
		x *= 2;
		k--;
	}
	double y = (x - 1) / (x + 1), y2 = y * y, power = y, sum = 0;
	for (int i = 1; i < 40; i += 2) {
		sum += power / i;
		power *= y2;
	}
	return 2 * sum + k * 0.69314718055994530942;
}

/* Square root of x >= 0 by Newton's method (no libm). */
static double square_root(double x)
{
	if (x <= 0)
		return 0;
	double r = x > 1 ? x : 1;
	for (int i = 0; i < 200; i++) {
		double next = 0.5 * (r + x / r);
		if (next >= r)
			break;
		r = next;
	}
	return r;
}

/*
 * The cosine of a and b given their dot product. With floor > 0, a value
 * certainly below floor (by a margin far above rounding) comes back as 0
 * without the square root: callers only compare those with floor.
 */
static double cosine(double shared, const item *a, const item *b, double floor)
{
	if (shared <= 0)
		return 0; /* what shared / root gives */
	double p = a->norm2 * b->norm2;
	if (floor > 0 && shared * shared < floor * floor * p * (1 - 1e-9))
		return 0;
	return shared / square_root(p);
}

/* IDF-weighted cosine of the terms of a and b (see cosine() for floor). */
static double similarity(const item *a, const item *b, double floor)
{
	if (a->norm2 <= 0 || b->norm2 <= 0)
		return 0;
	double shared = 0;
	size_t i = 0, j = 0;
	while (i < a->n_terms && j < b->n_terms) {
		if (a->terms[i].id == b->terms[j].id)
			shared += a->terms[i++].w * b->terms[j++].w;
		else if (a->terms[i].id < b->terms[j].id)
			i++;
		else
			j++;
	}
	return cosine(shared, a, b, floor);
}

/*
 * The same for a whose weights are scattered in dense (dense[id], 0 for
 * absent ids): one pass over b. The products of shared ids are added in the
 * same (id) order, and the others add +0, so the value is the same.
 */
static double similarity_dense(const double *dense, const item *a, const item *b, double floor)
{
	if (a->norm2 <= 0 || b->norm2 <= 0)
		return 0;
	double shared = 0;
	for (size_t j = 0; j < b->n_terms; j++)
		shared += dense[b->terms[j].id] * b->terms[j].w;
	return cosine(shared, a, b, floor);
}

/* Interned terms: a map per kind (keywords, actors) to ids, each id's document
 * frequency and its own copy of the term (the key the map borrows), so that
 * the words of a sentence can be freed once its mentions are interned. */
typedef struct terms {
	tl_strmap keywords, actors; /* term -> id + 1 */
	size_t *df;
	char **keys;                /* per id, owned */
	size_t n, cap;
} terms;

/* The id of key (interned on first sight); counts one more mention holding it. */
static int intern(terms *t, tl_strmap *map, const char *key, size_t *id)
{
	const size_t *found = tl_strmap_get(map, key);
	if (found) {
		*id = *found - 1;
		t->df[*id]++;
		return TL_OK;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		size_t *df = realloc(t->df, cap * sizeof *df);
		if (!df)
			return TL_ENOMEM;
		t->df = df;
		char **keys = realloc(t->keys, cap * sizeof *keys);
		if (!keys)
			return TL_ENOMEM;
		t->keys = keys;
		t->cap = cap;
	}
	char *copy = strdup(key);
	size_t *v;
	if (!copy)
		return TL_ENOMEM;
	if (tl_strmap_upsert(map, copy, &v) != TL_OK) {
		free(copy);
		return TL_ENOMEM;
	}
	t->keys[t->n] = copy;
	t->df[t->n] = 1;
	*v = ++t->n;
	*id = *v - 1;
	return TL_OK;
}

/* Term kinds, kept in term.w until the weights are known: the scale of each. */
#define SCALE_CLAUSE 1.0  /* clause keywords */
#define SCALE_CONTEXT 0.5 /* the rest of the sentence counts half */
#define SCALE_ACTOR 1.5   /* naming the same actors, more */

static int push_term(terms *t, tl_strmap *map, const char *key, double scale, item *it)
{
	size_t id;
	if (intern(t, map, key, &id) != TL_OK)
		return TL_ENOMEM;
	it->terms[it->n_terms].id = id;
	it->terms[it->n_terms++].w = scale;
	return TL_OK;
}

/*
 * Interns the terms of one item in the order clause keywords, context (the
 * words of the sentence, sent, that the clause does not have: weaker
 * evidence), actors; it->terms gets their ids, with the scale in w.
 */
static int intern_item(terms *t, item *it, const tl_strings *sent)
{
	const tl_mention *m = it->m;
	it->terms = malloc((m->keywords.count + sent->count + m->actors.count + 1) *
			   sizeof *it->terms);
	if (!it->terms)
		return TL_ENOMEM;
	it->n_terms = 0;
	for (size_t k = 0; k < m->keywords.count; k++)
		if (push_term(t, &t->keywords, m->keywords.items[k], SCALE_CLAUSE, it) != TL_OK)
			return TL_ENOMEM;
	/* Both sets are sorted by strcmp: one merge walk subtracts the clause. */
	size_t j = 0;
	for (size_t k = 0; k < sent->count; k++) {
		int c = 1;
		while (j < m->keywords.count &&
		       (c = strcmp(m->keywords.items[j], sent->items[k])) < 0)
			j++;
		if (j < m->keywords.count && c == 0)
			continue;
		if (push_term(t, &t->keywords, sent->items[k], SCALE_CONTEXT, it) != TL_OK)
			return TL_ENOMEM;
	}
	for (size_t k = 0; k < m->actors.count; k++)
		if (push_term(t, &t->actors, m->actors.items[k], SCALE_ACTOR, it) != TL_OK)
			return TL_ENOMEM;
	/* The bound counted the clause's words twice: give the excess back (if
	 * shrinking fails, the larger block stays in use). */
	term *fit = realloc(it->terms, (it->n_terms + 1) * sizeof *fit);
	if (fit)
		it->terms = fit;
	return TL_OK;
}

static int cmp_term(const void *a, const void *b)
{
	const term *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Turns the scales of it->terms into IDF weights (idf[id] = ln(1 + n / df)),
 * signs the rare clause terms and actors, and sorts the terms by id. */
static void weigh_item(item *it, const terms *t, const double *idf, size_t n)
{
	it->norm2 = 0;
	for (size_t k = 0; k < it->n_terms; k++) {
		term *tm = &it->terms[k];
		size_t df = t->df[tm->id];
		double w = tm->w * idf[tm->id];
		if (tm->w != SCALE_CONTEXT && (df <= RARE_MIN || df <= n / RARE_SHARE)) {
			uint64_t bit = (uint64_t)tm->id * UINT64_C(0x9E3779B97F4A7C15) >> 56;
			it->sig[bit >> 6] |= UINT64_C(1) << (bit & 63);
		}
		tm->w = w;
		it->norm2 += w * w;
	}
	/* Ids are distinct within an item: any sort gives the same order. */
	if (it->n_terms > 32) {
		qsort(it->terms, it->n_terms, sizeof *it->terms, cmp_term);
		return;
	}
	for (size_t k = 1; k < it->n_terms; k++) {
		term x = it->terms[k];
		size_t j = k;
		while (j > 0 && it->terms[j - 1].id > x.id) {
			it->terms[j] = it->terms[j - 1];
			j--;
		}
		it->terms[j] = x;
	}
}

static bool same_sentence(const tl_mention *a, const tl_mention *b)
{
	return a->sentence && b->sentence && strcmp(a->sentence, b->sentence) == 0;
}

/*
 * Weighs every item's terms by IDF over the whole mention set. The keywords
 * of a sentence are found once for the mentions it holds (they sort next to
 * each other) and freed when the next sentence starts: the terms keep their
 * own copies.
 */
static int weigh(work *w)
{
	terms t = {TL_STRMAP_INIT, TL_STRMAP_INIT, NULL, NULL, 0, 0};
	tl_strings sent = {NULL, 0};
	int rc = TL_OK;
	for (size_t i = 0; i < w->n && rc == TL_OK; i++) {
		const tl_mention *m = w->items[i].m;
		if (i == 0 || !same_sentence(w->items[i - 1].m, m)) {
			tl_strings_free(&sent);
			if (m->sentence) {
				rc = tl_extract_keywords(m->sentence, strlen(m->sentence), &sent);
				tl_strings_finish(&sent);
			}
		}
		if (rc == TL_OK)
			rc = intern_item(&t, &w->items[i], &sent);
	}
	tl_strings_free(&sent);
	double *idf = rc == TL_OK ? malloc((t.n + 1) * sizeof *idf) : NULL;
	if (rc == TL_OK && !idf)
		rc = TL_ENOMEM;
	for (size_t k = 0; k < t.n && rc == TL_OK; k++)
		idf[k] = ln(1.0 + (double)w->n / (double)t.df[k]);
	for (size_t i = 0; i < w->n && rc == TL_OK; i++)
		weigh_item(&w->items[i], &t, idf, w->n);
	free(idf);
	w->n_ids = t.n;
	tl_strmap_free(&t.keywords);
	tl_strmap_free(&t.actors);
	for (size_t k = 0; k < t.n; k++)
		free(t.keys[k]);
	free(t.keys);
	free(t.df);
	return rc;
}

/* ## Clustering */

static bool has_doc(const cluster *c, size_t doc)
{
	if (!c->docs.cap)
		return false;
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
	if ((c->n_docs + 1) * 2 > c->docs.cap) {
		size_t cap = c->docs.cap ? c->docs.cap * 2 : 8;
		size_t *v = calloc(cap, sizeof *v);
		if (!v)
			return TL_ENOMEM;
		for (size_t i = 0; i < c->docs.cap; i++) {
			if (!c->docs.v[i])
				continue;
			size_t j = ((c->docs.v[i] - 1) * 0x9E3779B97F4A7C15u) & (cap - 1);
			while (v[j])
				j = (j + 1) & (cap - 1);
			v[j] = c->docs.v[i];
		}
		free(c->docs.v);
		c->docs.v = v;
		c->docs.cap = cap;
	}
	size_t mask = c->docs.cap - 1, j = (doc * 0x9E3779B97F4A7C15u) & mask;
	while (c->docs.v[j])
		j = (j + 1) & mask;
	c->docs.v[j] = doc + 1;
	c->n_docs++;
	return TL_OK;
}

/* The best similarity between the first members of two clusters (see cosine() for floor). */
static double best_similarity(const work *w, const size_t *a, size_t na, const cluster *cl,
			      double floor)
{
	double best = 0;
	size_t nb = cl->members.n < MAX_COMPARED ? cl->members.n : MAX_COMPARED;
	na = na < MAX_COMPARED ? na : MAX_COMPARED;
	for (size_t i = 0; i < na; i++) {
		for (size_t k = 0; k < nb; k++) {
			double s = similarity(&w->items[a[i]], &w->items[cl->members.v[k]], floor);
			if (s > best)
				best = s;
		}
	}
	return best;
}

/* The same for item i, whose weights are in w->dense. */
static double best_similarity_dense(const work *w, size_t i, const cluster *cl, double floor)
{
	double best = 0;
	size_t nb = cl->members.n < MAX_COMPARED ? cl->members.n : MAX_COMPARED;
	for (size_t k = 0; k < nb; k++) {
		double s = similarity_dense(w->dense, &w->items[i], &w->items[cl->members.v[k]],
					    floor);
		if (s > best)
			best = s;
	}
	return best;
}

/* How well item i fits cluster c: its similarity, or -1 when it may not join. */
static double fit(const work *w, size_t i, size_t c)
{
	const item *it = &w->items[i];
	const cluster *cl = &w->clusters[c];
	const item *anchor = &w->items[cl->members.v[0]];
	bool compatible;
	if (it->cls >= 3 || anchor->cls >= 3)
		compatible = it->cls == anchor->cls && it->coarse_key && anchor->coarse_key &&
			     strcmp(it->coarse_key, anchor->coarse_key) == 0;
	else
		compatible = nested(it->first, it->end, anchor->first, anchor->end);
	if (!compatible)
		return -1;
	/* The same day from another article is evidence of its own. */
	double join = it->cls == 0 && anchor->cls == 0 && !has_doc(cl, it->doc)
			      ? TL_MERGE_JOIN_DAY
			      : TL_MERGE_JOIN;
	if (join >= TL_MERGE_JOIN && !sig_may_match(it->sig, cl->sig))
		return -1;
	double best = best_similarity_dense(w, i, cl, join);
	return best >= join ? best : -1;
}

static int new_cluster(work *w, size_t i, size_t *id)
{
	if (w->n_clusters == w->cap_clusters) {
		size_t cap = w->cap_clusters ? w->cap_clusters * 2 : 64;
		cluster *c = realloc(w->clusters, cap * sizeof *c);
		if (!c)
			return TL_ENOMEM;
		w->clusters = c;
		w->cap_clusters = cap;
	}
	cluster *c = &w->clusters[w->n_clusters];
	memset(c, 0, sizeof *c);
	memcpy(c->sig, w->items[i].sig, sizeof c->sig);
	if (sizes_push(&c->members, i) != TL_OK || add_doc(c, w->items[i].doc) != TL_OK)
		return TL_ENOMEM;
	*id = w->n_clusters++;
	return TL_OK;
}

/*
 * Coarse and unplaced mentions ("this year", "2024") join only copies of
 * themselves (same value and headline), so the many of them never meet
 * all the others: the key is the value and the title.
 */
static int set_coarse_key(item *it)
{
	const char *title = it->m->title ? it->m->title : "";
	size_t a = strlen(it->m->value), b = strlen(title);
	it->coarse_key = malloc(a + b + 2);
	if (!it->coarse_key)
		return TL_ENOMEM;
	memcpy(it->coarse_key, it->m->value, a);
	it->coarse_key[a] = '\n';
	memcpy(it->coarse_key + a + 1, title, b + 1);
	return TL_OK;
}

/* The list of clusters a coarse or unplaced mention is compared with. */
static int coarse_list(work *w, const char *value, sizes **list)
{
	size_t *slot;
	if (tl_strmap_upsert(&w->coarse, value, &slot) != TL_OK)
		return TL_ENOMEM;
	if (!*slot) {
		sizes *l = realloc(w->coarse_lists, (w->n_coarse + 1) * sizeof *l);
		if (!l)
			return TL_ENOMEM;
		w->coarse_lists = l;
		memset(&l[w->n_coarse], 0, sizeof *l);
		*slot = ++w->n_coarse;
	}
	*list = &w->coarse_lists[*slot - 1];
	return TL_OK;
}

/* Compares item i with the clusters of one bucket, the newest MAX_CANDIDATES of them. */
static void consider(const work *w, size_t i, const sizes *cands, double *best, size_t *best_c)
{
	size_t lo = cands->n > MAX_CANDIDATES ? cands->n - MAX_CANDIDATES : 0;
	for (size_t k = cands->n; k-- > lo;) {
		size_t c = cands->v[k];
		double f = fit(w, i, c);
		if (f > *best || (f == *best && f >= 0 && c < *best_c)) {
			*best = f;
			*best_c = c;
		}
	}
}

static int assign(work *w, size_t i)
{
	item *it = &w->items[i];
	double best = -1;
	size_t best_c = SIZE_MAX;
	sizes *list = NULL;
	if (it->cls >= 3 && coarse_list(w, it->coarse_key, &list) != TL_OK)
		return TL_ENOMEM;
	for (size_t k = 0; k < it->n_terms; k++)
		w->dense[it->terms[k].id] = it->terms[k].w;
	if (list) {
		consider(w, i, list, &best, &best_c);
	} else {
		/* Finer clusters come first, so those inside this date are all there is. */
		for (size_t d = day_lower(w, it->first); d < w->n_days && w->days[d] < it->end; d++)
			consider(w, i, &w->buckets[d], &best, &best_c);
	}
	for (size_t k = 0; k < it->n_terms; k++)
		w->dense[it->terms[k].id] = 0;
	if (best >= 0) {
		cluster *cl = &w->clusters[best_c];
		if (cl->members.n < MAX_COMPARED)
			sig_or(cl->sig, it->sig);
		if (add_doc(cl, it->doc) != TL_OK)
			return TL_ENOMEM;
		return sizes_push(&cl->members, i);
	}
	size_t id;
	if (new_cluster(w, i, &id) != TL_OK)
		return TL_ENOMEM;
	if (list)
		return sizes_push(list, id);
	return sizes_push(&w->buckets[day_lower(w, it->first)], id);
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

static bool is_percent(const char *f);

/* Whether both clusters give percentages and none in common: different rates, different events. */
static bool percents_differ(const work *w, const cluster *a, const cluster *b)
{
	bool a_has = false, b_has = false;
	for (size_t i = 0; i < a->members.n; i++) {
		const tl_strings *fa = &w->items[a->members.v[i]].m->figures;
		for (size_t f = 0; f < fa->count; f++) {
			if (!is_percent(fa->items[f]))
				continue;
			a_has = true;
			for (size_t j = 0; j < b->members.n; j++)
				if (tl_strings_has(&w->items[b->members.v[j]].m->figures,
						   fa->items[f]))
					return false;
		}
	}
	for (size_t j = 0; j < b->members.n && !b_has; j++) {
		const tl_strings *fb = &w->items[b->members.v[j]].m->figures;
		for (size_t f = 0; f < fb->count; f++)
			b_has = b_has || is_percent(fb->items[f]);
	}
	return a_has && b_has;
}

/* Candidate conflicts: day clusters a few days apart, no article in common, very similar. */
static int conflict_pairs(const work *w, pair **out, size_t *n_out)
{
	pair *pairs = NULL;
	size_t n = 0, cap = 0;
	for (size_t c = 0; c < w->n_clusters; c++) {
		const cluster *a = &w->clusters[c];
		const item *aa = &w->items[a->members.v[0]];
		if (aa->cls != 0)
			continue;
		for (size_t day = day_lower(w, aa->first - TL_MERGE_CONFLICT_DAYS);
		     day < w->n_days && w->days[day] <= aa->first + TL_MERGE_CONFLICT_DAYS; day++) {
			const sizes *bucket = &w->buckets[day];
			size_t first = bucket->n > MAX_CANDIDATES ? bucket->n - MAX_CANDIDATES : 0;
			for (size_t k = first; k < bucket->n; k++) {
				size_t d = bucket->v[k];
				const cluster *b = &w->clusters[d];
				const item *ba = &w->items[b->members.v[0]];
				long gap = ba->first - aa->first;
				if (d <= c || ba->cls != 0 || gap == 0 || gap > TL_MERGE_CONFLICT_DAYS ||
				    gap < -TL_MERGE_CONFLICT_DAYS || !sig_may_match(a->sig, b->sig) ||
				    share_doc(a, b) ||
				    percents_differ(w, a, b))
					continue;
				double sim = best_similarity(w, a->members.v, a->members.n, b,
							     TL_MERGE_CONFLICT);
				if (sim < TL_MERGE_CONFLICT)
					continue;
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					pair *p = realloc(pairs, cap * sizeof *p);
					if (!p) {
						free(pairs);
						return TL_ENOMEM;
					}
					pairs = p;
				}
				pairs[n].a = c;
				pairs[n].b = d;
				pairs[n++].sim = sim;
			}
		}
	}
	*out = pairs;
	*n_out = n;
	return TL_OK;
}

/*
 * Second pass: clusters of the same happening told with different days
 * (June 4 vs June 5) are joined, best pairs first, as long as no article
 * would tell it twice. The joined cluster keeps the lower id; the other is
 * left empty.
 */
static int join_conflicts(work *w)
{
	pair *pairs;
	size_t n;
	if (conflict_pairs(w, &pairs, &n) != TL_OK)
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
			rc = sizes_push(&ca->members, cb->members.v[i]);
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

static int cluster_all(work *w)
{
	w->days = malloc((w->n + 1) * sizeof *w->days);
	if (!w->days)
		return TL_ENOMEM;
	for (size_t i = 0; i < w->n; i++)
		if (w->items[i].cls < 3)
			w->days[w->n_days++] = w->items[i].first;
	qsort(w->days, w->n_days, sizeof *w->days, cmp_long_ptr);
	size_t distinct = 0;
	for (size_t i = 0; i < w->n_days; i++)
		if (i == 0 || w->days[i] != w->days[distinct - 1])
			w->days[distinct++] = w->days[i];
	w->n_days = distinct;
	w->buckets = calloc(w->n_days + 1, sizeof *w->buckets);
	w->dense = calloc(w->n_ids + 1, sizeof *w->dense);
	if (!w->buckets || !w->dense)
		return TL_ENOMEM;
	size_t *order = malloc((w->n + 1) * sizeof *order);
	size_t *tmp = malloc((w->n + 1) * sizeof *tmp);
	int rc = order && tmp ? TL_OK : TL_ENOMEM;
	if (rc == TL_OK) {
		for (size_t i = 0; i < w->n; i++)
			order[i] = i;
		sort_indices(order, tmp, w->n, w->items);
		for (size_t k = 0; k < w->n && rc == TL_OK; k++)
			rc = assign(w, order[k]);
	}
	if (rc == TL_OK)
		rc = join_conflicts(w);
	free(order);
	free(tmp);
	return rc;
}

/* ## Events */

/* Writes x in decimal at p (no NUL); returns the length. */
static size_t put_decimal(char *p, size_t x)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	for (size_t k = 0; k < n; k++)
		p[k] = tmp[n - 1 - k];
	return n;
}

void tl_merge_event_id(const tl_mention *m, char id[17])
{
	uint64_t h = TL_FNV1A64_INIT;
	const char *doc = m->doc ? m->doc : "";
	const char *sentence = m->sentence ? m->sentence : "";
	/* "OFFSET:LENGTH" of the date in its sentence, as "%zu:%zu" would write it. */
	char where[64];
	size_t n = put_decimal(where, m->start >= m->sentence_start
					      ? m->start - m->sentence_start : m->start);
	where[n++] = ':';
	n += put_decimal(where + n, m->end - m->start);
	h = tl_fnv1a64(h, doc, strlen(doc) + 1);
	h = tl_fnv1a64(h, sentence, strlen(sentence) + 1);
	h = tl_fnv1a64(h, where, n);
	static const char hex[] = "0123456789abcdef";
	for (int k = 15; k >= 0; k--) {
		id[k] = hex[h & 15];
		h >>= 4;
	}
	id[16] = '\0';
}

static int cmp_member(const void *a, const void *b)
{
	const tl_mention *x = a, *y = b;
	int c = cmp_null_str(x->doc, y->doc);
	if (!c)
		c = cmp_size(x->start, y->start);
	if (!c)
		c = tl_mention_compare(x, y);
	return c;
}

/* Distinct docs of members[0..n) (pointers into the mentions), sorted. */
static int docs_line(tl_buf *b, const tl_mention *const *ms, size_t n)
{
	const char *last = NULL;
	for (size_t k = 0; k < n; k++) {
		const char *d = ms[k]->doc ? ms[k]->doc : "?";
		if (last && strcmp(last, d) == 0)
			continue;
		if (tl_buf_puts(b, last ? ", " : "") != TL_OK || tl_buf_puts(b, d) != TL_OK)
			return TL_ENOMEM;
		last = d;
	}
	return TL_OK;
}

typedef struct group {
	const char *label;        /* a value or a figure */
	const tl_mention **ms;    /* members holding it, by doc */
	size_t n, n_docs;
	long day;
} group;

static int cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->n_docs != y->n_docs)
		return x->n_docs > y->n_docs ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(x->label, y->label);
}

static size_t distinct_docs(const tl_mention **ms, size_t n)
{
	size_t d = 0;
	for (size_t k = 0; k < n; k++)
		if (k == 0 || cmp_null_str(ms[k]->doc, ms[k - 1]->doc) != 0)
			d++;
	return d;
}

static int describe_groups(tl_buf *b, const char *what, group *g, size_t n)
{
	if (tl_buf_printf(b, "%s%s differ: ", b->len ? "; " : "", what) != TL_OK)
		return TL_ENOMEM;
	for (size_t k = 0; k < n; k++) {
		if (tl_buf_printf(b, "%s%s (", k ? " vs " : "", g[k].label) != TL_OK ||
		    docs_line(b, g[k].ms, g[k].n) != TL_OK || tl_buf_putc(b, ')') != TL_OK)
			return TL_ENOMEM;
	}
	return TL_OK;
}

/*
 * Groups the day-level members (days[k] != LONG_MIN) by day, largest group
 * first. Returns the number of groups; *groups and *pool are malloc()ed
 * (NULL when out of memory: the caller checks them).
 */
static size_t day_groups(tl_mention *ms, size_t n, const long *days, group **groups,
			 const tl_mention ***pool)
{
	*groups = calloc(n + 1, sizeof **groups);
	*pool = malloc((n + 1) * sizeof **pool);
	if (!*groups || !*pool)
		return 0;
	size_t ng = 0, used = 0;
	for (size_t k = 0; k < n; k++) {
		if (days[k] == LONG_MIN)
			continue;
		size_t g = 0;
		while (g < ng && (*groups)[g].day != days[k])
			g++;
		if (g == ng) {
			(*groups)[ng].day = days[k];
			(*groups)[ng].label = ms[k].value;
			ng++;
		}
	}
	for (size_t g = 0; g < ng; g++) {
		(*groups)[g].ms = *pool + used;
		for (size_t k = 0; k < n; k++)
			if (days[k] == (*groups)[g].day)
				(*pool)[used++] = &ms[k];
		(*groups)[g].n = (size_t)(*pool + used - (*groups)[g].ms);
		(*groups)[g].n_docs = distinct_docs((*groups)[g].ms, (*groups)[g].n);
	}
	qsort(*groups, ng, sizeof **groups, cmp_group);
	return ng;
}

static bool is_percent(const char *f)
{
	size_t n = strlen(f);
	return n > 1 && f[n - 1] == '%';
}

/* Percentages that some documents give and others contradict. */
static int figure_conflict(const tl_mention *ms, size_t n, tl_buf *out)
{
	/* Docs with percentages; each pair of such docs must share one. */
	size_t n_docs = 0;
	bool disjoint = false;
	for (size_t a = 0; a < n; a++) {
		if (a > 0 && cmp_null_str(ms[a].doc, ms[a - 1].doc) == 0)
			continue;
		n_docs++;
	}
	if (n_docs < 2)
		return TL_OK;
	/* Per doc: the members [lo, hi) (members are sorted by doc). */
	for (size_t a = 0; a < n && !disjoint;) {
		size_t ah = a;
		while (ah < n && cmp_null_str(ms[ah].doc, ms[a].doc) == 0)
			ah++;
		for (size_t b = ah; b < n && !disjoint;) {
			size_t bh = b;
			while (bh < n && cmp_null_str(ms[bh].doc, ms[b].doc) == 0)
				bh++;
			bool a_has = false, b_has = false, shared = false;
			for (size_t i = a; i < ah; i++)
				for (size_t f = 0; f < ms[i].figures.count; f++) {
					const char *x = ms[i].figures.items[f];
					if (!is_percent(x))
						continue;
					a_has = true;
					for (size_t j = b; j < bh; j++)
						if (tl_strings_has(&ms[j].figures, x))
							shared = true;
				}
			for (size_t j = b; j < bh; j++)
				for (size_t f = 0; f < ms[j].figures.count; f++)
					b_has = b_has || is_percent(ms[j].figures.items[f]);
			disjoint = a_has && b_has && !shared;
			b = bh;
		}
		a = ah;
	}
	if (!disjoint)
		return TL_OK;
	/* Every percentage not given by all of those docs, with its docs. */
	tl_strings all = {NULL, 0};
	for (size_t i = 0; i < n; i++)
		for (size_t f = 0; f < ms[i].figures.count; f++)
			if (is_percent(ms[i].figures.items[f]) &&
			    tl_strings_push(&all, ms[i].figures.items[f],
					    strlen(ms[i].figures.items[f])) != TL_OK) {
				tl_strings_free(&all);
				return TL_ENOMEM;
			}
	tl_strings_finish(&all);
	group *g = calloc(all.count + 1, sizeof *g);
	const tl_mention **pool = malloc((n * all.count + 1) * sizeof *pool);
	int rc = g && pool ? TL_OK : TL_ENOMEM;
	size_t ng = 0, used = 0, pct_docs = 0;
	for (size_t i = 0; i < n; i++) {
		bool has = false;
		for (size_t f = 0; f < ms[i].figures.count; f++)
			has = has || is_percent(ms[i].figures.items[f]);
		if (has && (i == 0 || cmp_null_str(ms[i].doc, ms[i - 1].doc) != 0 || !pct_docs))
			pct_docs++;
	}
	for (size_t v = 0; v < all.count && rc == TL_OK; v++) {
		group *gr = &g[ng];
		gr->label = all.items[v];
		gr->ms = pool + used;
		for (size_t i = 0; i < n; i++)
			if (tl_strings_has(&ms[i].figures, all.items[v]))
				pool[used++] = &ms[i];
		gr->n = (size_t)(pool + used - gr->ms);
		gr->n_docs = distinct_docs(gr->ms, gr->n);
		if (gr->n_docs < pct_docs)
			ng++;
		else
			used -= gr->n;
	}
	if (rc == TL_OK && ng >= 2) {
		qsort(g, ng, sizeof *g, cmp_group);
		rc = describe_groups(out, "figures", g, ng);
	}
	free(g);
	free(pool);
	tl_strings_free(&all);
	return rc;
}

static int union_strings(tl_strings *dst, const tl_mention *ms, size_t n, size_t which)
{
	for (size_t i = 0; i < n; i++) {
		const tl_strings *s = which == 0 ? &ms[i].actors : &ms[i].keywords;
		for (size_t k = 0; k < s->count; k++)
			if (tl_strings_push(dst, s->items[k], strlen(s->items[k])) != TL_OK)
				return TL_ENOMEM;
	}
	tl_strings_finish(dst);
	if (which == 0)
		tl_actors_collapse(dst);
	return TL_OK;
}

static long member_day(const tl_mention *m)
{
	if (m->grain < TL_GRAIN_DAY || !m->first.year)
		return LONG_MIN;
	return tl_extract_day_number(m->first);
}

/* The headline: the most central mention, then the most confident, then the earliest. */
static bool better_title(const tl_mention *a, double ca, const tl_mention *b, double cb)
{
	double sa = ca + 0.25 * a->confidence, sb = cb + 0.25 * b->confidence;
	if (sa != sb)
		return sa > sb;
	return cmp_published(a, b) < 0;
}

/* Builds event e from the mentions ms[0..n) (sorted by doc, start), which it takes over;
 * central[k] is how representative ms[k] is (see take_members). */
static int build_event(tl_mention *ms, const double *central, size_t n, tl_event *e)
{
	memset(e, 0, sizeof *e);
	long *days = malloc((n + 1) * sizeof *days);
	if (!days)
		return TL_ENOMEM;
	size_t anchor = 0;
	for (size_t k = 0; k < n; k++) {
		days[k] = member_day(&ms[k]);
		if (cmp_published(&ms[k], &ms[anchor]) < 0)
			anchor = k;
	}
	group *groups = NULL;
	const tl_mention **pool = NULL;
	size_t ng = day_groups(ms, n, days, &groups, &pool);
	tl_buf conflict = TL_BUF_INIT;
	int rc = groups && pool ? TL_OK : TL_ENOMEM;
	if (rc == TL_OK && ng >= 2)
		rc = describe_groups(&conflict, "dates", groups, ng);
	if (rc == TL_OK)
		rc = figure_conflict(ms, n, &conflict);
	/* The value: the finest one inside the day most documents give. */
	size_t chosen = SIZE_MAX;
	long day = ng ? groups[0].day : LONG_MIN;
	for (size_t k = 0; k < n && rc == TL_OK; k++) {
		if (day != LONG_MIN && ms[k].first.year &&
		    !nested(day, day + 1, tl_extract_day_number(ms[k].first),
			    tl_extract_day_number(ms[k].end_date)))
			continue;
		if (chosen == SIZE_MAX || ms[k].grain > ms[chosen].grain ||
		    (ms[k].grain == ms[chosen].grain && cmp_published(&ms[k], &ms[chosen]) < 0))
			chosen = k;
	}
	if (chosen == SIZE_MAX)
		chosen = anchor;
	size_t titled = chosen;
	for (size_t k = 0; k < n; k++)
		if (strcmp(ms[k].value, ms[chosen].value) == 0 &&
		    better_title(&ms[k], central[k], &ms[titled], central[titled]))
			titled = k;
	free(days);
	free(groups);
	free(pool);
	if (rc == TL_OK) {
		tl_merge_event_id(&ms[anchor], e->id);
		memcpy(e->value, ms[chosen].value, sizeof e->value);
		memcpy(e->mod, ms[chosen].mod, sizeof e->mod);
		e->grain = ms[chosen].grain;
		e->first = ms[chosen].first;
		e->end_date = ms[chosen].end_date;
		/* The status most mentions give; on a tie, the headline's. */
		size_t votes[3] = {0, 0, 0};
		for (size_t k = 0; k < n; k++)
			if ((unsigned)ms[k].status < 3)
				votes[ms[k].status]++;
		e->status = ms[titled].status;
		for (int st = 0; st < 3; st++)
			if (votes[st] > votes[e->status])
				e->status = (tl_event_status)st;
		e->title = strdup(ms[titled].title ? ms[titled].title : "");
		if (!e->title)
			rc = TL_ENOMEM;
	}
	if (rc == TL_OK)
		rc = union_strings(&e->actors, ms, n, 0);
	if (rc == TL_OK)
		rc = union_strings(&e->keywords, ms, n, 1);
	if (rc == TL_OK && conflict.len) {
		e->conflict = tl_buf_detach(&conflict);
		if (!e->conflict)
			rc = TL_ENOMEM;
	}
	tl_buf_free(&conflict);
	if (rc != TL_OK) {
		tl_event_free_fields(e);
		memset(e, 0, sizeof *e);
		return rc;
	}
	/* Confidence: noisy-or over documents of each document's best mention. */
	double miss = 1.0;
	for (size_t k = 0; k < n;) {
		double best = 0;
		size_t j = k;
		for (; j < n && cmp_null_str(ms[j].doc, ms[k].doc) == 0; j++)
			best = ms[j].confidence > best ? ms[j].confidence : best;
		miss *= 1.0 - (best > 1 ? 1 : best);
		k = j;
	}
	e->confidence = 1.0 - miss;
	e->mentions = ms;
	e->n_mentions = n;
	return TL_OK;
}

static int cmp_event(const void *a, const void *b)
{
	const tl_event *x = a, *y = b;
	int c = cmp_date(x->first, y->first);
	if (!c)
		c = strcmp(x->value, y->value);
	if (!c)
		c = strcmp(x->id, y->id);
	return c;
}

static void work_free(work *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->items[i].terms);
		free(w->items[i].coarse_key);
	}
	free(w->items);
	for (size_t c = 0; c < w->n_clusters; c++) {
		free(w->clusters[c].members.v);
		free(w->clusters[c].docs.v);
	}
	free(w->clusters);
	for (size_t d = 0; w->buckets && d < w->n_days; d++)
		free(w->buckets[d].v);
	free(w->buckets);
	free(w->days);
	for (size_t k = 0; k < w->n_coarse; k++)
		free(w->coarse_lists[k].v);
	free(w->coarse_lists);
	free(w->dense);
	tl_strmap_free(&w->coarse);
}

static bool same_place(const tl_mention *a, const tl_mention *b)
{
	return cmp_null_str(a->doc, b->doc) == 0 && a->start == b->start && a->end == b->end;
}

static void free_mentions(tl_mention *ms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tl_mention_free_fields(&ms[i]);
	free(ms);
}

static int cmp_item_member(const void *a, const void *b)
{
	const item *x = *(const item *const *)a, *y = *(const item *const *)b;
	return cmp_member(x->m, y->m);
}

/*
 * Moves the members of cluster c out of the mention array into a new array
 * sorted by (doc, start); *central gets, for each, its mean similarity to
 * the other members (the first MAX_COMPARED * 2 of them), which picks the
 * most representative headline.
 */
static tl_mention *take_members(work *w, const cluster *c, double **central)
{
	size_t n = c->members.n;
	tl_mention *ms = malloc(n * sizeof *ms);
	const item **its = malloc(n * sizeof *its);
	*central = calloc(n, sizeof **central);
	if (!ms || !its || !*central) {
		free(ms);
		free(its);
		free(*central);
		*central = NULL;
		return NULL;
	}
	for (size_t k = 0; k < n; k++)
		its[k] = &w->items[c->members.v[k]];
	qsort(its, n, sizeof *its, cmp_item_member);
	size_t cap = n < 2 * MAX_COMPARED ? n : 2 * MAX_COMPARED;
	for (size_t k = 0; k < n; k++) {
		double sum = 0;
		size_t cnt = 0;
		for (size_t j = 0; j < cap; j++) {
			if (j == k)
				continue;
			sum += similarity(its[k], its[j], 0);
			cnt++;
		}
		(*central)[k] = cnt ? sum / (double)cnt : 0;
	}
	for (size_t k = 0; k < n; k++) {
		ms[k] = *its[k]->m;
		memset(its[k]->m, 0, sizeof *its[k]->m);
	}
	free(its);
	return ms;
}

int tl_merge_mentions(tl_mention *mentions, size_t n, tl_event **events, size_t *n_events,
		      tl_error *err)
{
	*events = NULL;
	*n_events = 0;
	if (n == 0) {
		free(mentions);
		return TL_OK;
	}
	qsort(mentions, n, sizeof *mentions, cmp_mention);
	size_t kept = 0;
	for (size_t r = 0; r < n; r++) {
		if (kept && same_place(&mentions[kept - 1], &mentions[r]))
			tl_mention_free_fields(&mentions[r]);
		else
			mentions[kept++] = mentions[r];
	}
	n = kept;
	work w;
	memset(&w, 0, sizeof w);
	tl_event *evs = NULL;
	size_t n_evs = 0;
	w.items = calloc(n, sizeof *w.items);
	int rc = w.items ? TL_OK : TL_ENOMEM;
	if (rc == TL_OK) {
		w.n = n;
		for (size_t i = 0; i < n && rc == TL_OK; i++) {
			w.items[i].m = &mentions[i];
			w.items[i].doc = i == 0 ? 0
				: w.items[i - 1].doc + (cmp_null_str(mentions[i - 1].doc,
								    mentions[i].doc) != 0);
			place(&w.items[i]);
			if (w.items[i].cls >= 3)
				rc = set_coarse_key(&w.items[i]);
		}
		if (rc == TL_OK)
			rc = weigh(&w);
	}
	if (rc == TL_OK)
		rc = cluster_all(&w);
	if (rc == TL_OK) {
		evs = calloc(w.n_clusters + 1, sizeof *evs);
		rc = evs ? TL_OK : TL_ENOMEM;
	}
	for (size_t c = 0; c < w.n_clusters && rc == TL_OK; c++) {
		size_t count = w.clusters[c].members.n;
		if (!count)
			continue; /* joined into another by join_conflicts() */
		double *central;
		tl_mention *ms = take_members(&w, &w.clusters[c], &central);
		if (!ms) {
			rc = TL_ENOMEM;
			break;
		}
		rc = build_event(ms, central, count, &evs[n_evs]);
		free(central);
		if (rc != TL_OK)
			free_mentions(ms, count);
		else
			n_evs++;
	}
	work_free(&w);
	free_mentions(mentions, n);
	if (rc != TL_OK) {
		for (size_t e = 0; e < n_evs; e++)
			tl_event_free_fields(&evs[e]);
		free(evs);
		return tl_error_nomem(err);
	}
	qsort(evs, n_evs, sizeof *evs, cmp_event);
	*events = evs;
	*n_events = n_evs;
	return TL_OK;
}

int tl_merge_flatten(tl_event *events, size_t n, tl_mention **out, size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	size_t total = 0;
	for (size_t e = 0; e < n; e++)
		total += events[e].n_mentions;
	tl_mention *ms = malloc((total + 1) * sizeof *ms);
	if (!ms) {
		for (size_t e = 0; e < n; e++)
			tl_event_free_fields(&events[e]);
		free(events);
		return tl_error_nomem(err);
	}
	size_t k = 0;
	for (size_t e = 0; e < n; e++) {
		for (size_t i = 0; i < events[e].n_mentions; i++)
			ms[k++] = events[e].mentions[i];
		free(events[e].mentions);
		events[e].mentions = NULL;
		events[e].n_mentions = 0;
		tl_event_free_fields(&events[e]);
	}
	free(events);
	*out = ms;
	*count = total;
	return TL_OK;
}
