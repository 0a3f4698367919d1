/*
 * merge_weigh.c - the similarity of two mentions for the merge: every
 * mention's clause keywords, the other words of its sentence (half weight)
 * and its actors (more weight) are interned to ids and weighed by their
 * rarity over the whole mention set (IDF, ln(1 + n / df)); similarity is the
 * cosine of two such weighted term lists. Rare clause terms and actors also
 * set bits of a small signature, so clusters sharing none are never
 * compared. Mentions of one text (same pooled sentence, keywords and
 * actors) share one term set. The words of a sentence are found here
 * unless the caller gave them (w->words: the build finds them on its
 * threads). Owns, while weighing, the intern tables; the term sets belong
 * to the work state (merge_work.h), their terms to its blocks (5 bytes a
 * term, id and kind: the weights are made when read, from the IDF the work
 * state keeps; no allocation per set).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "extract.h"
#include "extract_arena.h"
#include "extract_features.h"
#include "hash.h"
#include "merge.h"
#include "merge_work.h"

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
static double cosine_norms(double shared, double na, double nb, double floor)
{
	if (shared <= 0)
		return 0; /* what shared / root gives */
	double p = na * nb;
	if (floor > 0 && shared * shared < floor * floor * p * (1 - 1e-9))
		return 0;
	return shared / square_root(p);
}

static double cosine(double shared, const termset *a, const termset *b, double floor)
{
	return cosine_norms(shared, a->norm2, b->norm2, floor);
}

/* IDF-weighted cosine of the terms of a and b (see cosine() for floor). */
double tl_merge_similarity(const double *idf, const termset *a, const termset *b, double floor)
{
	if (a->norm2 <= 0 || b->norm2 <= 0)
		return 0;
	double shared = 0;
	const uint32_t *ia = a->ids, *ib = b->ids;
	size_t i = 0, j = 0;
	while (i < a->n_terms && j < b->n_terms) {
		if (ia[i] == ib[j]) {
			shared += term_weight(idf, a, i) * term_weight(idf, b, j);
			i++;
			j++;
		} else if (ia[i] < ib[j])
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
double tl_merge_similarity_dense(const double *idf, const double *dense, const termset *a,
				 const termset *b, double floor)
{
	if (a->norm2 <= 0 || b->norm2 <= 0)
		return 0;
	double shared = 0;
	for (size_t j = 0; j < b->n_terms; j++)
		shared += dense[b->ids[j]] * term_weight(idf, b, j);
	return cosine(shared, a, b, floor);
}

/* The similarity of a and b given their dot product (see cosine() for floor). */
double tl_merge_cosine(double shared, const termset *a, const termset *b, double floor)
{
	return tl_merge_cosine_norms(shared, a->norm2, b->norm2, floor);
}

double tl_merge_cosine_norms(double shared, double na, double nb, double floor)
{
	if (na <= 0 || nb <= 0)
		return 0;
	return cosine_norms(shared, na, nb, floor);
}

/* Pooled strings (one pointer for one text) -> id + 1: open addressing over
 * cap (0 or a power of two, at most half full) slots, NULL key empty. It
 * answers before the string map for the terms that come from the pool. */
typedef struct ptr_ids {
	const char **keys;
	size_t *ids;
	size_t cap, count;
} ptr_ids;

static size_t ptr_slot(const ptr_ids *p, const char *key)
{
	uint64_t h = (uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(h >> 32) & (p->cap - 1);
}

/* The id + 1 of key, or 0 when it is not there. */
static size_t ptr_get(const ptr_ids *p, const char *key)
{
	if (!p->cap)
		return 0;
	for (size_t k = ptr_slot(p, key); p->keys[k]; k = (k + 1) & (p->cap - 1))
		if (p->keys[k] == key)
			return p->ids[k];
	return 0;
}

static int ptr_put(ptr_ids *p, const char *key, size_t id1)
{
	if ((p->count + 1) * 2 > p->cap) {
		ptr_ids grown = {NULL, NULL, p->cap ? p->cap * 2 : 1024, p->count};
		grown.keys = calloc(grown.cap, sizeof *grown.keys);
		grown.ids = malloc(grown.cap * sizeof *grown.ids);
		if (!grown.keys || !grown.ids) {
			free(grown.keys);
			free(grown.ids);
			return TL_ENOMEM;
		}
		for (size_t k = 0; k < p->cap; k++) {
			if (!p->keys[k])
				continue;
			size_t j = ptr_slot(&grown, p->keys[k]);
			while (grown.keys[j])
				j = (j + 1) & (grown.cap - 1);
			grown.keys[j] = p->keys[k];
			grown.ids[j] = p->ids[k];
		}
		free(p->keys);
		free(p->ids);
		*p = grown;
	}
	size_t k = ptr_slot(p, key);
	while (p->keys[k])
		k = (k + 1) & (p->cap - 1);
	p->keys[k] = key;
	p->ids[k] = id1;
	p->count++;
	return TL_OK;
}

/* Terms of one kind (keywords, actors) by text -> id + 1: open addressing
 * over cap (0 or a power of two, at most half full) slots holding the
 * term's hash (tl_hash_bytes, never 0; 0 empty) and id + 1; the text is
 * that of the id (terms.keys). */
typedef struct text_ids {
	uint64_t *hashes;
	size_t *ids;
	size_t cap, count;
} text_ids;

/* Interned terms: a map per kind (keywords, actors) to ids, each id's document
 * frequency and its own copy of the term (the key the map compares with), so
 * that the words of a sentence can be freed once its mentions are interned.
 * Pooled terms are found by address first (ptr_ids): the same ids. */
typedef struct terms {
	text_ids keywords, actors;
	ptr_ids pooled_keywords, pooled_actors;
	size_t *df;
	char **keys;                /* per id, owned */
	size_t n, cap;
	/* The terms of the item being interned (ids and kinds), before they
	 * are copied into its set's block. */
	uint32_t *item_ids;
	unsigned char *item_kinds;
	size_t n_item, cap_item;
} terms;

static int text_ids_grow(text_ids *m)
{
	text_ids grown = {NULL, NULL, m->cap ? m->cap * 2 : 1024, m->count};
	grown.hashes = calloc(grown.cap, sizeof *grown.hashes);
	grown.ids = malloc(grown.cap * sizeof *grown.ids);
	if (!grown.hashes || !grown.ids) {
		free(grown.hashes);
		free(grown.ids);
		return TL_ENOMEM;
	}
	for (size_t k = 0; k < m->cap; k++) {
		if (!m->hashes[k])
			continue;
		size_t j = (size_t)m->hashes[k] & (grown.cap - 1);
		while (grown.hashes[j])
			j = (j + 1) & (grown.cap - 1);
		grown.hashes[j] = m->hashes[k];
		grown.ids[j] = m->ids[k];
	}
	free(m->hashes);
	free(m->ids);
	*m = grown;
	return TL_OK;
}

static void text_ids_free(text_ids *m)
{
	free(m->hashes);
	free(m->ids);
}

/* The id of key (interned on first sight); counts one more mention holding it. */
static int intern(terms *t, text_ids *map, const char *key, size_t *id)
{
	size_t len = strlen(key);
	uint64_t h = tl_hash_bytes(key, len, 0);
	if ((map->count + 1) * 2 > map->cap && text_ids_grow(map) != TL_OK)
		return TL_ENOMEM;
	size_t k = (size_t)h & (map->cap - 1);
	for (; map->hashes[k]; k = (k + 1) & (map->cap - 1)) {
		if (map->hashes[k] == h && strcmp(t->keys[map->ids[k] - 1], key) == 0) {
			*id = map->ids[k] - 1;
			t->df[*id]++;
			return TL_OK;
		}
	}
	if (t->n >= UINT32_MAX - 1)
		return TL_ENOMEM; /* term sets hold 32-bit ids */
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
	char *copy = malloc(len + 1);
	if (!copy)
		return TL_ENOMEM;
	memcpy(copy, key, len + 1);
	t->keys[t->n] = copy;
	t->df[t->n] = 1;
	map->hashes[k] = h;
	map->ids[k] = ++t->n;
	map->count++;
	*id = t->n - 1;
	return TL_OK;
}

/* Appends the term key (pooled: its address names it) of a kind (TERM_*,
 * merge_work.h) to the item's terms (t->item_ids, t->item_kinds: room made
 * by intern_item). */
static int push_term(terms *t, text_ids *map, ptr_ids *by_address, const char *key, bool pooled,
		     unsigned char kind)
{
	size_t id, id1 = pooled ? ptr_get(by_address, key) : 0;
	if (id1) {
		id = id1 - 1;
		t->df[id]++;
	} else if (intern(t, map, key, &id) != TL_OK ||
		   (pooled && ptr_put(by_address, key, id + 1) != TL_OK)) {
		return TL_ENOMEM;
	}
	t->item_ids[t->n_item] = (uint32_t)id;
	t->item_kinds[t->n_item++] = kind;
	return TL_OK;
}

void tl_merge_item_sig(const work *w, const termset *s, uint64_t sig[SIG_WORDS])
{
	const unsigned char *kinds = term_kinds(s);
	for (int k = 0; k < SIG_WORDS; k++)
		sig[k] = 0;
	for (size_t k = 0; k < s->n_terms; k++) {
		uint32_t id = s->ids[k];
		if (kinds[k] == TERM_CONTEXT || !w->rare[id])
			continue;
		uint64_t bit = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15) >> 56;
		sig[bit >> 6] |= UINT64_C(1) << (bit & 63);
	}
}

void tl_merge_blocks_free(term_blocks *b)
{
	for (size_t k = 0; k < b->n_chunks; k++)
		free(b->chunks[k]);
	free(b->chunks);
	memset(b, 0, sizeof *b);
}

#define BLOCK_CHUNK ((size_t)1 << 20)

/* n bytes aligned for eight, from the current chunk of b or a new one;
 * NULL when out of memory. */
static void *block_alloc(term_blocks *b, size_t n)
{
	n = (n + 7) / 8 * 8;
	if (b->left < n) {
		size_t size = n > BLOCK_CHUNK / 4 ? n : BLOCK_CHUNK;
		char **chunks = tl_array_grow(b->chunks, &b->cap_chunks, b->n_chunks, 16,
					      sizeof *chunks);
		if (!chunks)
			return NULL;
		b->chunks = chunks;
		char *chunk = malloc(size);
		if (!chunk)
			return NULL;
		b->chunks[b->n_chunks++] = chunk;
		if (size != BLOCK_CHUNK)
			return chunk; /* a large set alone; the current chunk stays */
		b->next = chunk;
		b->left = size;
	}
	char *p = b->next;
	b->next += n;
	b->left -= n;
	return p;
}

/*
 * Interns the terms of the mention m in the order clause keywords, context
 * (the words of the sentence, sent, that the clause does not have: weaker
 * evidence), actors; it->terms gets their ids, with the scale in w. The
 * mention's strings are pooled, and so are sent's when sent_pooled.
 */
static int intern_item(terms *t, term_blocks *blocks, termset *it, const tl_mbody *m,
		       const tl_strings *sent, bool sent_pooled)
{
	size_t bound = m->keywords.count + sent->count + m->actors.count;
	if (bound > t->cap_item) {
		size_t cap = bound > 2 * t->cap_item ? bound : 2 * t->cap_item;
		uint32_t *ids = realloc(t->item_ids, cap * sizeof *ids);
		if (ids)
			t->item_ids = ids;
		unsigned char *kinds = ids ? realloc(t->item_kinds, cap) : NULL;
		if (!kinds)
			return TL_ENOMEM;
		t->item_kinds = kinds;
		t->cap_item = cap;
	}
	t->n_item = 0;
	for (size_t k = 0; k < m->keywords.count; k++)
		if (push_term(t, &t->keywords, &t->pooled_keywords, m->keywords.items[k], true,
			      TERM_CLAUSE) != TL_OK)
			return TL_ENOMEM;
	/* Both sets are sorted by strcmp: one merge walk subtracts the clause. */
	size_t j = 0;
	for (size_t k = 0; k < sent->count; k++) {
		int c = 1;
		while (j < m->keywords.count &&
		       (c = m->keywords.items[j] == sent->items[k]
				    ? 0 : strcmp(m->keywords.items[j], sent->items[k])) < 0)
			j++;
		if (j < m->keywords.count && c == 0)
			continue;
		if (push_term(t, &t->keywords, &t->pooled_keywords, sent->items[k], sent_pooled,
			      TERM_CONTEXT) != TL_OK)
			return TL_ENOMEM;
	}
	for (size_t k = 0; k < m->actors.count; k++)
		if (push_term(t, &t->actors, &t->pooled_actors, m->actors.items[k], true,
			      TERM_ACTOR) != TL_OK)
			return TL_ENOMEM;
	/* The bound counted the clause's words twice: the block takes what
	 * was found (never less than one term's room: w is not NULL). */
	size_t n = t->n_item;
	uint32_t *block = block_alloc(blocks, (n ? n : 1) * (sizeof(uint32_t) + 1));
	if (!block)
		return TL_ENOMEM;
	it->ids = block;
	it->n_terms = n;
	if (n) {
		memcpy(it->ids, t->item_ids, n * sizeof *it->ids);
		memcpy(term_kinds(it), t->item_kinds, n);
	}
	return TL_OK;
}

/* A term with its kind, for sorting a set's terms by id. */
typedef struct term {
	uint32_t id;
	unsigned char kind;
} term;

static int cmp_term(const void *a, const void *b)
{
	const term *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Sums the squared IDF weights of it's terms (idf[id] = ln(1 + n / df))
 * and sorts the terms by id; scratch holds room for the largest set's
 * terms. */
static void weigh_item(termset *it, const double *idf, term *scratch)
{
	uint32_t *ids = it->ids;
	unsigned char *kinds = term_kinds(it);
	it->norm2 = 0;
	for (size_t k = 0; k < it->n_terms; k++) {
		double w = term_weight(idf, it, k);
		it->norm2 += w * w;
	}
	/* Ids are distinct within an item: any sort gives the same order. */
	if (it->n_terms > 32) {
		for (size_t k = 0; k < it->n_terms; k++)
			scratch[k] = (term){ids[k], kinds[k]};
		qsort(scratch, it->n_terms, sizeof *scratch, cmp_term);
		for (size_t k = 0; k < it->n_terms; k++) {
			ids[k] = scratch[k].id;
			kinds[k] = scratch[k].kind;
		}
		return;
	}
	for (size_t k = 1; k < it->n_terms; k++) {
		uint32_t x = ids[k];
		unsigned char xk = kinds[k];
		size_t j = k;
		while (j > 0 && ids[j - 1] > x) {
			ids[j] = ids[j - 1];
			kinds[j] = kinds[j - 1];
			j--;
		}
		ids[j] = x;
		kinds[j] = xk;
	}
}

static bool same_sentence(const tl_mbody *a, const tl_mbody *b)
{
	return a->sentence && b->sentence && strcmp(a->sentence, b->sentence) == 0;
}

/* The words the terms of an item come from: mentions with equal ones (the
 * same pooled sentence, keyword and actor arrays: one report copied by many
 * outlets) get equal terms, so they are computed once. */
static uint64_t source_hash(const tl_mbody *m)
{
	uintptr_t parts[5] = {(uintptr_t)m->sentence, (uintptr_t)m->keywords.items,
			      m->keywords.count, (uintptr_t)m->actors.items, m->actors.count};
	uint64_t h = UINT64_C(0x9e3779b97f4a7c15);
	for (int k = 0; k < 5; k++) {
		h = (h ^ (uint64_t)parts[k]) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 29;
	}
	return h;
}

static bool same_source(const tl_mbody *a, const tl_mbody *b)
{
	return a->sentence == b->sentence && a->keywords.items == b->keywords.items &&
	       a->keywords.count == b->keywords.count && a->actors.items == b->actors.items &&
	       a->actors.count == b->actors.count;
}

/* The first item of each distinct source: open addressing over cap (0 or a
 * power of two, at most half full) slots, item index + 1 in the low 32 bits
 * and the top of the source hash above them (probes skip other sources
 * without reading their mentions), 0 empty. It grows with the distinct
 * sources, not with the items (millions of copies have a few sources). */
typedef struct twins {
	uint64_t *slots;
	size_t cap, count;
} twins;

static int twins_grow(const work *w, twins *tw)
{
	size_t cap = tw->cap ? tw->cap * 2 : 1024;
	uint64_t *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return TL_ENOMEM;
	for (size_t k = 0; k < tw->cap; k++) {
		if (!tw->slots[k])
			continue;
		size_t j = (size_t)(tw->slots[k] & UINT32_MAX) - 1;
		size_t q = (size_t)source_hash(w->mentions[j].body) & (cap - 1);
		while (slots[q])
			q = (q + 1) & (cap - 1);
		slots[q] = tw->slots[k];
	}
	free(tw->slots);
	tw->slots = slots;
	tw->cap = cap;
	return TL_OK;
}

/* *set = the term set of an earlier item with the same source as item i,
 * or SIZE_MAX (then i is recorded). TL_OK or TL_ENOMEM. */
static int find_twin(const work *w, twins *tw, size_t i, size_t *set)
{
	if ((tw->count + 1) * 2 > tw->cap && twins_grow(w, tw) != TL_OK)
		return TL_ENOMEM;
	const tl_mbody *m = w->mentions[i].body;
	uint64_t h = source_hash(m);
	size_t cap = tw->cap, k = (size_t)h & (cap - 1);
	for (; tw->slots[k]; k = (k + 1) & (cap - 1)) {
		size_t j = (size_t)(tw->slots[k] & UINT32_MAX) - 1;
		if (tw->slots[k] >> 32 == h >> 32 && same_source(w->mentions[j].body, m)) {
			*set = w->items[j].set;
			return TL_OK;
		}
	}
	tw->slots[k] = (h >> 32 << 32) | (i + 1);
	tw->count++;
	*set = SIZE_MAX;
	return TL_OK;
}

/* Item i takes over the (still unweighed) term set of a twin; the document
 * frequencies count it as the twin was counted. */
static void share_terms(work *w, terms *t, size_t i, size_t set)
{
	const termset *ts = &w->sets[set];
	w->items[i].set = (uint32_t)set;
	for (size_t k = 0; k < ts->n_terms; k++)
		t->df[ts->ids[k]]++;
}

/* A new, empty term set for item i. */
static int new_set(work *w, size_t i, size_t *cap)
{
	termset *sets = tl_array_grow(w->sets, cap, w->n_sets, 1024, sizeof *sets);
	if (!sets)
		return TL_ENOMEM;
	w->sets = sets;
	memset(&w->sets[w->n_sets], 0, sizeof *w->sets);
	w->items[i].set = (uint32_t)w->n_sets++;
	return TL_OK;
}

/*
 * Weighs every item's terms by IDF over the whole mention set. The keywords
 * of a sentence are found once for the mentions it holds (they sort next to
 * each other) and freed when the next sentence starts: the terms keep their
 * own copies. Items with a twin share its term set, weighed once.
 */
/* The words given for the pooled sentence s (w->words, sorted by sentence),
 * or NULL. */
static const tl_strings *given_words(const work *w, const char *s)
{
	size_t lo = 0, hi = w->n_words;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)w->words[mid].sentence < (uintptr_t)s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n_words && w->words[lo].sentence == s ? &w->words[lo].words : NULL;
}

int tl_merge_weigh(work *w)
{
	terms t;
	memset(&t, 0, sizeof t);
	tl_strings found = {NULL, 0}; /* the words of sent_of's sentence, when found here */
	tl_xarena arena = TL_XARENA_INIT; /* holds found */
	const tl_strings *sent = &found;
	const tl_mbody *sent_of = NULL; /* the mention sent was found for */
	size_t cap_sets = 0;
	twins tw = {NULL, 0, 0};
	int rc = TL_OK;
	for (size_t i = 0; i < w->n && rc == TL_OK; i++) {
		const tl_mbody *m = w->mentions[i].body;
		size_t twin;
		if ((rc = find_twin(w, &tw, i, &twin)) != TL_OK)
			break;
		if (twin != SIZE_MAX) {
			share_terms(w, &t, i, twin);
			continue;
		}
		if ((rc = new_set(w, i, &cap_sets)) != TL_OK)
			break;
		if (!sent_of || !same_sentence(sent_of, m)) {
			tl_xarena_reset(&arena);
			found = (tl_strings){NULL, 0};
			sent = &found;
			const tl_strings *given = m->sentence ? given_words(w, m->sentence) : NULL;
			if (given) {
				sent = given;
			} else if (m->sentence) {
				rc = tl_extract_keywords_in(&arena, m->sentence,
							    strlen(m->sentence), &found);
				tl_xarena_finish(&arena, &found);
			}
			sent_of = m;
		}
		if (rc == TL_OK)
			rc = intern_item(&t, &w->blocks, &w->sets[w->items[i].set], m, sent,
					 sent != &found);
	}
	free(tw.slots);
	tl_xarena_free(&arena);
	if (rc == TL_OK && w->n_sets < cap_sets) {
		termset *fit = realloc(w->sets, (w->n_sets + 1) * sizeof *fit);
		if (fit)
			w->sets = fit;
	}
	size_t longest = 0;
	for (size_t k = 0; k < w->n_sets && rc == TL_OK; k++)
		longest = w->sets[k].n_terms > longest ? w->sets[k].n_terms : longest;
	double *idf = rc == TL_OK ? malloc((t.n + 1) * sizeof *idf) : NULL;
	term *scratch = rc == TL_OK ? malloc((longest + 1) * sizeof *scratch) : NULL;
	if (rc == TL_OK && (!idf || !scratch))
		rc = TL_ENOMEM;
	for (size_t k = 0; k < t.n && rc == TL_OK; k++)
		idf[k] = ln(1.0 + (double)w->n / (double)t.df[k]);
	for (size_t k = 0; k < w->n_sets && rc == TL_OK; k++)
		weigh_item(&w->sets[k], idf, scratch);
	w->idf = idf; /* the weights are made from it where they are read */
	/* Clause terms and actors in at most RARE_MIN or 1 of RARE_SHARE
	 * mentions sign their items (tl_merge_item_sig). */
	w->rare = rc == TL_OK ? malloc(t.n + 1) : NULL;
	if (rc == TL_OK && !w->rare)
		rc = TL_ENOMEM;
	for (size_t k = 0; k < t.n && rc == TL_OK; k++)
		w->rare[k] = t.df[k] <= RARE_MIN || t.df[k] <= w->n / RARE_SHARE;
	free(scratch);
	free(t.item_ids);
	free(t.item_kinds);
	w->n_ids = t.n;
	text_ids_free(&t.keywords);
	text_ids_free(&t.actors);
	free(t.pooled_keywords.keys);
	free(t.pooled_keywords.ids);
	free(t.pooled_actors.keys);
	free(t.pooled_actors.ids);
	for (size_t k = 0; k < t.n; k++)
		free(t.keys[k]);
	free(t.keys);
	free(t.df);
	return rc;
}
