/*
 * merge.c - groups the mentions of many articles into events (see merge.h).
 * Steps: canonical sort and de-duplication, dates placed and the keys
 * (value and title) of coarse mentions interned (here); IDF weights of keywords
 * and actors over the mention set (merge_weigh.c); greedy clustering in a
 * fixed order, finest dates first, each mention compared only with clusters
 * anchored on the days its date covers, then date conflicts joined
 * (merge_cluster.c); one event per cluster with the value the mentions agree
 * on, the conflicts they show and a stable id (merge_event.c). Works on
 * references to pooled mentions (event.h: 16 bytes each, the texts shared
 * by copies held once in the pool). Owns, while running, the work state
 * (merge_work.h); the references move into the events it returns.
 */
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "extract.h"
#include "hash.h"
#include "merge.h"
#include "merge_work.h"

int tl_merge_sizes_push(sizes *s, size_t x)
{
	size_t cap = s->cap;
	uint32_t *v = s->n == cap && cap >= UINT32_MAX / 2 ? NULL
		: tl_array_grow(s->v, &cap, s->n, 4, sizeof *v);
	if (!v)
		return TL_ENOMEM;
	s->v = v;
	s->cap = (uint32_t)cap;
	s->v[s->n++] = (uint32_t)x;
	return TL_OK;
}

/* Bits sorted per pass of the radix sorts (sort_events, sort_by_sentence). */
#define RADIX_DIGIT 11

/* ## Order */

/* A mention's place: document (none first), then start, then end. */
static inline int cmp_place(const char *doc_a, size_t start_a, size_t end_a, const char *doc_b,
                            size_t start_b, size_t end_b)
{
	int c = cmp_null_str(doc_a, doc_b);
	if (!c)
		c = cmp_size(start_a, start_b);
	if (!c)
		c = cmp_size(end_a, end_b);
	return c;
}

static int cmp_strings(const tl_strings *a, const tl_strings *b)
{
	if (a->items == b->items)
		return cmp_size(a->count, b->count); /* one pooled array, or both empty */
	for (size_t i = 0; i < a->count && i < b->count; i++) {
		int c = strcmp(a->items[i], b->items[i]);
		if (c)
			return c;
	}
	return cmp_size(a->count, b->count);
}

/* Canonical order of two mentions given as their head fields (ha, hb) and
 * the rest (a, b: their own head fields are not read). */
static inline int compare_parts(const tl_mhead *ha, const tl_mbody *a, const tl_mhead *hb,
				const tl_mbody *b)
{
	int c = cmp_place(ha->doc, a->start, a->end, hb->doc, b->start, b->end);
	if (!c)
		c = strcmp(a->value, b->value);
	if (!c)
		c = cmp_null_str(a->title, b->title);
	if (!c)
		c = cmp_null_str(a->sentence, b->sentence);
	if (!c)
		c = cmp_null_str(a->text, b->text);
	if (!c)
		c = cmp_date(ha->article_date, hb->article_date);
	if (!c)
		c = cmp_size(a->sentence_start, b->sentence_start);
	if (!c)
		c = cmp_null_str(ha->source, hb->source);
	if (!c)
		c = cmp_null_str(ha->url, hb->url);
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

/* A body borrowing the fields of m (not pooled). */
static tl_mbody body_of(const tl_mention *m)
{
	return (tl_mbody){m->text, m->sentence, m->title, m->value, m->mod, m->actors,
			  m->keywords, m->figures, m->start, m->end, m->sentence_start,
			  m->sentence_end, m->first, m->end_date, m->confidence,
			  (unsigned char)m->type, (unsigned char)m->grain, (unsigned char)m->status};
}

int tl_mention_compare(const tl_mention *a, const tl_mention *b)
{
	tl_mhead ha = {a->doc, a->source, a->url, a->article_date};
	tl_mhead hb = {b->doc, b->source, b->url, b->article_date};
	tl_mbody ba = body_of(a), bb = body_of(b);
	return compare_parts(&ha, &ba, &hb, &bb);
}

int tl_mref_compare(const tl_mref *a, const tl_mref *b)
{
	if (a->head == b->head && a->body == b->body)
		return 0;
	return compare_parts(a->head, a->body, b->head, b->body);
}

/* The canonical order of two references (tl_mref_compare), place first. */
static inline int compare_refs(const tl_mref *a, const tl_mref *b)
{
	int c = cmp_place(a->head->doc, a->body->start, a->body->end, b->head->doc,
			  b->body->start, b->body->end);
	return c ? c : tl_mref_compare(a, b);
}

/* A mention's place in the canonical order, sorted instead of the mentions. */
typedef struct place_key {
	const char *doc;
	size_t start, end, index;
} place_key;

/* Canonical order (tl_mention_compare) of the keys' mentions, then input
 * order: the order a stable sort of the mentions gives. */
static inline bool place_less(const place_key *a, const place_key *b, const tl_mref *ms)
{
	int c = cmp_place(a->doc, a->start, a->end, b->doc, b->start, b->end);
	if (!c)
		c = tl_mref_compare(&ms[a->index], &ms[b->index]);
	return c ? c < 0 : a->index < b->index;
}

static inline void swap_places(place_key *a, place_key *b)
{
	place_key t = *a;
	*a = *b;
	*b = t;
}

static void sift_places(place_key *v, size_t root, size_t n, const tl_mref *ms)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && place_less(&v[child], &v[child + 1], ms))
			child++;
		if (!place_less(&v[root], &v[child], ms))
			return;
		swap_places(&v[root], &v[child]);
	}
}

/* Sorts distinct keys in place (the index differs): quicksort, insertion
 * sort on short ranges, heap sort once depth runs out (as sort_u64() in
 * merge_cluster.c). */
static void sort_places(place_key *v, size_t n, unsigned depth, const tl_mref *ms)
{
	while (n > 16) {
		if (depth == 0) {
			for (size_t i = n / 2; i-- > 0;)
				sift_places(v, i, n, ms);
			for (size_t i = n; i-- > 1;) {
				swap_places(&v[0], &v[i]);
				sift_places(v, 0, i, ms);
			}
			return;
		}
		depth--;
		size_t mid = n / 2;
		if (place_less(&v[mid], &v[0], ms))
			swap_places(&v[mid], &v[0]);
		if (place_less(&v[n - 1], &v[mid], ms)) {
			swap_places(&v[n - 1], &v[mid]);
			if (place_less(&v[mid], &v[0], ms))
				swap_places(&v[mid], &v[0]);
		}
		place_key pivot = v[mid];
		size_t i = 0, j = n - 1;
		for (;;) {
			while (place_less(&v[i], &pivot, ms))
				i++;
			while (place_less(&pivot, &v[j], ms))
				j--;
			if (i >= j)
				break;
			swap_places(&v[i], &v[j]);
			i++;
			j--;
		}
		size_t left = j + 1;
		if (left < n - left) {
			sort_places(v, left, depth, ms);
			v += left;
			n -= left;
		} else {
			sort_places(v + left, n - left, depth, ms);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		place_key x = v[i];
		size_t j = i;
		for (; j > 0 && place_less(&x, &v[j - 1], ms); j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Sorts the mentions *io[0..n) into canonical order, copies in input order,
 * as a stable qsort() with tl_mref_compare() would: keys are sorted, then
 * the references are gathered in order into the keys' own block (the array
 * *io is replaced). TL_OK or TL_ENOMEM (the mentions untouched).
 */
static int sort_mentions(tl_mref **io, size_t n)
{
	tl_mref *ms = *io;
	/* A build gives its mentions in order, doc by doc, and so does a merge of
	 * JSON Lines written in order: then there is nothing to do (the order is
	 * total, input order breaking ties: strictly increasing is sorted). */
	size_t in_order = 1;
	while (in_order < n && compare_refs(&ms[in_order - 1], &ms[in_order]) < 0)
		in_order++;
	if (in_order >= n)
		return TL_OK;
	place_key *keys = malloc((n + 1) * sizeof *keys);
	if (!keys)
		return TL_ENOMEM;
	tl_memory_advise_huge(keys, (n + 1) * sizeof *keys); /* read at random below */
	unsigned depth = 0;
	for (size_t i = 0; i < n; i++) {
		keys[i] = (place_key){ms[i].head->doc, ms[i].body->start, ms[i].body->end, i};
		if (i && !(i & (i - 1)))
			depth += 2;
	}
	sort_places(keys, n, depth, ms);
	/* Reference p goes to bytes [16p, 16p + 16) of the block, which belonged
	 * to key p / 2, read already: no second array, and the writes are in
	 * order (moving along the permutation's cycles instead is a chain of
	 * cache misses, one per mention). */
	_Static_assert(sizeof(place_key) >= 2 * sizeof(tl_mref), "a key holds two references");
	char *block = (char *)keys;
	for (size_t p = 0; p < n; p++) {
		if (p + 8 < n)
			__builtin_prefetch(&ms[keys[p + 8].index]);
		memcpy(block + p * sizeof(tl_mref), &ms[keys[p].index], sizeof(tl_mref));
	}
	tl_mref *sorted = realloc(keys, (n + 1) * sizeof *sorted);
	free(ms);
	*io = sorted ? sorted : (tl_mref *)(void *)block; /* if shrinking fails, the block stays */
	return TL_OK;
}

int tl_merge_cmp_published(const tl_mention *a, const tl_mention *b)
{
	int c = cmp_date(a->article_date, b->article_date);
	if (!c)
		c = cmp_place(a->doc, a->start, a->end, b->doc, b->start, b->end);
	return c;
}

/* ## Coarse keys */

/* The slot of a pooled key's address in a table of cap slots, before probing. */
static size_t coarse_hash(const char *key, size_t cap)
{
	return (size_t)((uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15) >> 32) & (cap - 1);
}

/* *value = where the pooled key's 1 + index in w->coarse_lists is (0 when
 * the key is new), found by address: the pool gave equal keys one copy, so
 * the key's text is not hashed a second time. */
static int coarse_slot(work *w, const char *key, uint32_t **value)
{
	if ((w->coarse.count + 1) * 2 > w->coarse.cap) {
		size_t cap = w->coarse.cap ? 2 * w->coarse.cap : 64;
		const char **keys = calloc(cap, sizeof *keys);
		uint32_t *values = malloc(cap * sizeof *values);
		if (!keys || !values) {
			free(keys);
			free(values);
			return TL_ENOMEM;
		}
		for (size_t k = 0; k < w->coarse.cap; k++) {
			if (!w->coarse.keys[k])
				continue;
			size_t j = coarse_hash(w->coarse.keys[k], cap);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = w->coarse.keys[k];
			values[j] = w->coarse.values[k];
		}
		free(w->coarse.keys);
		free(w->coarse.values);
		w->coarse.keys = keys;
		w->coarse.values = values;
		w->coarse.cap = cap;
	}
	size_t j = coarse_hash(key, w->coarse.cap);
	while (w->coarse.keys[j] && w->coarse.keys[j] != key)
		j = (j + 1) & (w->coarse.cap - 1);
	if (!w->coarse.keys[j]) {
		w->coarse.keys[j] = key;
		w->coarse.values[j] = 0;
		w->coarse.count++;
	}
	*value = &w->coarse.values[j];
	return TL_OK;
}

/*
 * Coarse and unplaced mentions ("this year", "2024") join only copies of
 * themselves (same value and headline), so the many of them never meet
 * all the others: the key is the value and the title, interned (equal keys
 * get one pooled copy, hence one list of clusters).
 */
int tl_merge_coarse_key(work *w, item *it)
{
	const tl_mbody *m = item_mention(w, it);
	const char *title = m->title ? m->title : "";
	size_t a = strlen(m->value), b = strlen(title);
	w->key.len = 0;
	if (tl_buf_grow(&w->key, a + b + 2) != TL_OK)
		return TL_ENOMEM;
	memcpy(w->key.data, m->value, a);
	w->key.data[a] = '\n';
	memcpy(w->key.data + a + 1, title, b);
	const char *key = tl_strpool_intern(w->coarse_keys, w->key.data, a + b + 1);
	uint32_t *slot;
	if (!key || coarse_slot(w, key, &slot) != TL_OK)
		return TL_ENOMEM;
	if (!*slot) {
		sizes *l = tl_array_grow(w->coarse_lists, &w->cap_coarse, w->n_coarse, 64, sizeof *l);
		if (!l)
			return TL_ENOMEM;
		w->coarse_lists = l;
		memset(&w->coarse_lists[w->n_coarse], 0, sizeof *w->coarse_lists);
		*slot = (uint32_t)++w->n_coarse;
	}
	it->coarse = *slot;
	return TL_OK;
}

/* ## Dates */

static int grain_class(const tl_mbody *m, bool placed)
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

/* The interval of a value, found once per distinct value (place_all). */
typedef struct placing {
	tl_date first, end;
	tl_grain grain;
	bool placed;
	long first_day, end_day;
} placing;

static void place(item *it, tl_mbody *m, const placing *p)
{
	if (p->placed) {
		m->first = p->first;
		m->end_date = p->end;
		if (m->grain == TL_GRAIN_NONE)
			m->grain = p->grain;
	}
	it->cls = (unsigned char)grain_class(m, p->placed);
}

/*
 * Places every item (class; its interval is its value's) and numbers the
 * distinct values in first-seen order (items[i].value, w->values and their
 * intervals: the processing order ranks them). A value's interval is
 * parsed once, however many mentions give it.
 */
static int place_all(work *w)
{
	tl_strmap ids = TL_STRMAP_INIT; /* value (borrowed from the mentions) -> 1 + id */
	/* Values are pooled (one address per text): a small cache by address
	 * answers most lookups without hashing the text again. */
	struct {
		const char *value;
		size_t id1;
	} seen[1024];
	memset(seen, 0, sizeof seen);
	placing *places = NULL;
	size_t cap = 0;
	int rc = TL_OK;
	for (size_t i = 0; i < w->n && rc == TL_OK; i++) {
		const char *value = w->mentions[i].body->value;
		size_t at = (size_t)((uint64_t)(uintptr_t)value * UINT64_C(0x9E3779B97F4A7C15) >> 54);
		if (seen[at].value == value) {
			w->items[i].value = (uint32_t)(seen[at].id1 - 1);
			place(&w->items[i], w->mentions[i].body, &places[seen[at].id1 - 1]);
			continue;
		}
		size_t *id;
		if ((rc = tl_strmap_upsert(&ids, value, &id)) != TL_OK)
			break;
		if (!*id) {
			if (w->n_values == cap) {
				cap = cap ? cap * 2 : 64;
				placing *p = realloc(places, cap * sizeof *p);
				const char **v = p ? realloc(w->values, cap * sizeof *v) : NULL;
				if (p)
					places = p;
				if (v)
					w->values = v;
				long *f = v ? realloc(w->value_first, cap * sizeof *f) : NULL;
				if (f)
					w->value_first = f;
				long *e = f ? realloc(w->value_end, cap * sizeof *e) : NULL;
				if (!e) {
					rc = TL_ENOMEM;
					break;
				}
				w->value_end = e;
			}
			placing *p = &places[w->n_values];
			p->placed = tl_extract_interval(value, &p->first, &p->end, &p->grain) == TL_OK;
			if (p->placed) {
				p->first_day = tl_extract_day_number(p->first);
				p->end_day = tl_extract_day_number(p->end);
			}
			w->values[w->n_values] = value;
			w->value_first[w->n_values] = p->placed ? p->first_day : 0;
			w->value_end[w->n_values] = p->placed ? p->end_day : 0;
			*id = ++w->n_values;
		}
		seen[at].value = value;
		seen[at].id1 = *id;
		w->items[i].value = (uint32_t)(*id - 1);
		place(&w->items[i], w->mentions[i].body, &places[*id - 1]);
	}
	tl_strmap_free(&ids);
	free(places);
	return rc;
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

/* Where an event's members lie in the laid-out member array. */
typedef struct span {
	size_t at, count;
} span;

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

/* An event and its place in the array, for sort_events(). */
typedef struct event_at {
	const tl_event *e;
	size_t at;
} event_at;

/* cmp_event(), then the place: the order a stable sort gives. */
static bool event_before(const event_at *a, const event_at *b)
{
	int c = cmp_event(a->e, b->e);
	return c ? c < 0 : a->at < b->at;
}

static int cmp_event_at(const void *a, const void *b)
{
	return event_before(a, b) ? -1 : event_before(b, a) ? 1 : 0;
}

/* Turns the digit counts of a radix pass into the place where each digit's
 * keys start (count has 1 << RADIX_DIGIT entries). */
static void radix_starts(size_t *count)
{
	size_t at = 0;
	for (size_t d = 0; d < (size_t)1 << RADIX_DIGIT; d++) {
		size_t c = count[d];
		count[d] = at;
		at += c;
	}
}

/*
 * Sorts events[0..n) as a stable qsort() with cmp_event() would: by date
 * first, as one number (packed_date(), whose order is that of the dates but
 * for clamped ones, which it may tie), with a stable radix sort on that
 * number (RADIX_DIGIT bits a pass); then each run of one number by
 * cmp_event() and place, most of them a few events long; then the events
 * are moved along the cycles of that order (no second array of events).
 * TL_OK or TL_ENOMEM (the events untouched).
 */
static int sort_events(tl_event *evs, size_t n)
{
	uint64_t *key = malloc((2 * n + 1) * sizeof *key);
	event_at *run = malloc((n + 1) * sizeof *run);
	if (!key || !run) {
		free(key);
		free(run);
		return TL_ENOMEM;
	}
	uint64_t differ = 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t d = (uint32_t)packed_date(evs[k].first) ^ UINT32_C(0x80000000);
		key[k] = (uint64_t)d << 32 | k;
		differ |= (key[k] ^ key[0]) >> 32;
	}
	uint64_t *src = key, *dst = key + n, mask = ((uint64_t)1 << RADIX_DIGIT) - 1;
	for (size_t shift = 32; shift < 64 && differ >> (shift - 32); shift += RADIX_DIGIT) {
		size_t count[(size_t)1 << RADIX_DIGIT] = {0};
		for (size_t k = 0; k < n; k++)
			count[src[k] >> shift & mask]++;
		radix_starts(count);
		for (size_t k = 0; k < n; k++)
			dst[count[src[k] >> shift & mask]++] = src[k];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	/* src[k] becomes the place of the event that goes to k */
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && src[hi] >> 32 == src[lo] >> 32; hi++)
			;
		size_t m = hi - lo;
		for (size_t k = 0; k < m; k++)
			run[k] = (event_at){&evs[(uint32_t)src[lo + k]], (uint32_t)src[lo + k]};
		if (m > 16) {
			qsort(run, m, sizeof *run, cmp_event_at);
		} else {
			for (size_t k = 1; k < m; k++) {
				event_at x = run[k];
				size_t j = k;
				for (; j > 0 && event_before(&x, &run[j - 1]); j--)
					run[j] = run[j - 1];
				run[j] = x;
			}
		}
		for (size_t k = 0; k < m; k++)
			src[lo + k] = run[k].at;
	}
	free(run);
	for (size_t i = 0; i < n; i++) {
		if (src[i] == i)
			continue;
		tl_event first = evs[i];
		for (size_t j = i;;) {
			size_t from = (size_t)src[j];
			src[j] = j;
			if (from == i) {
				evs[j] = first;
				break;
			}
			evs[j] = evs[from];
			j = from;
		}
	}
	free(key);
	return TL_OK;
}

/* Frees what only the clustering needs (the index of clusters by day and
 * key, their document sets and signatures) and the items, keeping each
 * item's term set in w->set_of: the layout needs no more. */
static int work_free_clustering(work *w)
{
	w->set_of = malloc((w->n + 1) * sizeof *w->set_of);
	if (!w->set_of)
		return TL_ENOMEM;
	for (size_t i = 0; i < w->n; i++)
		w->set_of[i] = w->items[i].set;
	free(w->items);
	w->items = NULL;
	for (size_t c = 0; c < w->n_clusters; c++) {
		free(w->clusters[c].docs.v);
		w->clusters[c].docs = (sizes){NULL, 0, 0};
	}
	free(w->csig);
	w->csig = NULL;
	for (size_t d = 0; w->buckets && d < w->n_days; d++)
		free(w->buckets[d].v);
	free(w->buckets);
	w->buckets = NULL;
	free(w->days);
	w->days = NULL;
	free(w->value_day);
	w->value_day = NULL;
	for (size_t k = 0; k < w->n_coarse; k++)
		free(w->coarse_lists[k].v);
	free(w->coarse_lists);
	w->coarse_lists = NULL;
	w->n_coarse = 0;
	free(w->dense);
	w->dense = NULL;
	return TL_OK;
}

static void work_free(work *w)
{
	free(w->items);
	free(w->set_of);
	tl_merge_blocks_free(&w->blocks);
	free(w->sets);
	free(w->idf);
	free(w->rare);
	for (size_t c = 0; c < w->n_clusters; c++) {
		free(w->clusters[c].members.v);
		free(w->clusters[c].docs.v);
	}
	free(w->clusters);
	free(w->csig);
	free(w->values);
	free(w->value_first);
	free(w->value_end);
	for (size_t d = 0; w->buckets && d < w->n_days; d++)
		free(w->buckets[d].v);
	free(w->buckets);
	free(w->days);
	free(w->value_day);
	for (size_t k = 0; k < w->n_coarse; k++)
		free(w->coarse_lists[k].v);
	free(w->coarse_lists);
	free(w->dense);
	free(w->coarse.keys);
	free(w->coarse.values);
	tl_strpool_free(w->coarse_keys);
	tl_buf_free(&w->key);
}

static bool same_place(const tl_mref *a, const tl_mref *b)
{
	return cmp_null_str(a->head->doc, b->head->doc) == 0 && a->body->start == b->body->start &&
	       a->body->end == b->body->end;
}

int tl_merge_mentions(tl_mention *mentions, size_t n, tl_strpool *pool, tl_event **events,
		      size_t *n_events, tl_error *err)
{
	*events = NULL;
	*n_events = 0;
	tl_mref *refs = malloc((n + 1) * sizeof *refs);
	int rc = refs ? TL_OK : TL_ENOMEM;
	for (size_t i = 0; i < n && rc == TL_OK; i++)
		rc = tl_mref_intern(pool, &mentions[i], &refs[i]);
	for (size_t i = 0; i < n; i++)
		tl_mention_free_fields(&mentions[i]);
	free(mentions);
	if (rc != TL_OK) {
		free(refs);
		return tl_error_nomem(err);
	}
	return tl_merge_refs(refs, n, events, n_events, err);
}

int tl_merge_refs(tl_mref *mentions, size_t n, tl_event **events, size_t *n_events,
		  tl_error *err)
{
	return tl_merge_refs_words(mentions, n, NULL, 0, events, n_events, err);
}

static int cmp_sentence_words(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const tl_sentence_words *)a)->sentence;
	uintptr_t y = (uintptr_t)((const tl_sentence_words *)b)->sentence;
	return (x > y) - (x < y);
}

/*
 * Sorts v[0..n) by sentence address: a radix sort (least significant digit
 * first) over the bits in which the addresses differ, a few passes instead
 * of a comparison sort of tens of thousands of entries. Repeats of a
 * sentence hold the same words, so their order does not matter. Falls back
 * to qsort() when the scratch array cannot be allocated.
 */
static void sort_by_sentence(tl_sentence_words *v, size_t n)
{
	tl_sentence_words *tmp = malloc(n * sizeof *tmp);
	if (!tmp) {
		qsort(v, n, sizeof *v, cmp_sentence_words);
		return;
	}
	uintptr_t first = (uintptr_t)v[0].sentence, differ = 0;
	for (size_t k = 1; k < n; k++)
		differ |= (uintptr_t)v[k].sentence ^ first;
	size_t from = 0;
	while (from < sizeof differ * CHAR_BIT && !(differ >> from & 1))
		from++;
	tl_sentence_words *src = v, *dst = tmp;
	for (size_t shift = from; shift < sizeof differ * CHAR_BIT && differ >> shift;
	     shift += RADIX_DIGIT) {
		size_t count[(size_t)1 << RADIX_DIGIT] = {0};
		uintptr_t mask = ((uintptr_t)1 << RADIX_DIGIT) - 1;
		for (size_t k = 0; k < n; k++)
			count[(uintptr_t)src[k].sentence >> shift & mask]++;
		radix_starts(count);
		for (size_t k = 0; k < n; k++)
			dst[count[(uintptr_t)src[k].sentence >> shift & mask]++] = src[k];
		tl_sentence_words *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
	free(tmp);
}

int tl_merge_refs_words(tl_mref *mentions, size_t n, tl_sentence_words *words, size_t n_words,
			tl_event **events, size_t *n_events, tl_error *err)
{
	*events = NULL;
	*n_events = 0;
	if (n == 0) {
		free(mentions);
		free(words);
		return TL_OK;
	}
	if (sort_mentions(&mentions, n) != TL_OK) {
		free(mentions);
		free(words);
		return tl_error_nomem(err);
	}
	/* Looked up by sentence (merge_weigh.c): sorted by address, one each. */
	if (n_words > 1)
		sort_by_sentence(words, n_words);
	size_t distinct = 0;
	for (size_t k = 0; k < n_words; k++)
		if (!distinct || words[k].sentence != words[distinct - 1].sentence)
			words[distinct++] = words[k];
	n_words = distinct;
	size_t kept = 0;
	for (size_t r = 0; r < n; r++)
		if (!kept || !same_place(&mentions[kept - 1], &mentions[r]))
			mentions[kept++] = mentions[r];
	n = kept;
	if (n > MAX_ITEMS) {
		free(mentions);
		free(words);
		return tl_error_set(err, TL_ENOMEM, "merge: more than %zu distinct mentions; "
				    "merge them in parts (docs/MAPREDUCE.md)", MAX_ITEMS);
	}
	work w;
	memset(&w, 0, sizeof w);
	tl_event *evs = NULL;
	size_t n_evs = 0;
	w.items = calloc(n, sizeof *w.items);
	if (w.items)
		tl_memory_advise_huge(w.items, n * sizeof *w.items); /* visited out of order */
	w.coarse_keys = tl_strpool_new();
	int rc = w.items && w.coarse_keys ? TL_OK : TL_ENOMEM;
	w.words = words;
	w.n_words = n_words;
	if (rc == TL_OK) {
		w.n = n;
		w.mentions = mentions;
		for (size_t i = 0; i < n && rc == TL_OK; i++) {
			w.items[i].doc = i == 0 ? 0
				: w.items[i - 1].doc + (cmp_null_str(mentions[i - 1].head->doc,
								    mentions[i].head->doc) != 0);
		}
		rc = place_all(&w);
		for (size_t i = 0; i < n && rc == TL_OK; i++)
			if (w.items[i].cls >= 3)
				rc = tl_merge_coarse_key(&w, &w.items[i]);
		if (rc == TL_OK)
			rc = tl_merge_weigh(&w);
	}
	if (rc == TL_OK)
		rc = tl_merge_cluster(&w);
	free(words); /* the weights are known */
	w.words = NULL;
	w.n_words = 0;
	if (rc == TL_OK)
		rc = work_free_clustering(&w);
	/* The members of each cluster in the order its event lists them, all in
	 * one array (4 bytes a mention) with their centrality, so that the work
	 * state is freed before the events are built. */
	uint32_t *laid = rc == TL_OK ? malloc((n + 1) * sizeof *laid) : NULL;
	double *central = rc == TL_OK ? malloc((n + 1) * sizeof *central) : NULL;
	span *spans = rc == TL_OK ? malloc((w.n_clusters + 1) * sizeof *spans) : NULL;
	double *scratch = rc == TL_OK ? calloc((w.n_ids + 1) * CENTRAL_PEERS, sizeof *scratch)
				      : NULL;
	size_t n_spans = 0, placed = 0;
	if (rc == TL_OK && (!laid || !central || !spans || !scratch))
		rc = TL_ENOMEM;
	for (size_t c = 0; c < w.n_clusters && rc == TL_OK; c++) {
		cluster *cl = &w.clusters[c];
		if (!cl->members.n)
			continue; /* joined into another by join_conflicts() */
		if (cl->members.n > n - placed) {
			rc = TL_EINTERNAL;
			break;
		}
		tl_merge_order_members(&w, cl, central + placed, scratch);
		memcpy(laid + placed, cl->members.v, cl->members.n * sizeof *laid);
		spans[n_spans++] = (span){placed, cl->members.n};
		placed += cl->members.n;
		free(cl->members.v);
		cl->members = (sizes){NULL, 0, 0};
	}
	if (rc == TL_OK && placed != n)
		rc = TL_EINTERNAL; /* every mention is in exactly one cluster */
	free(scratch);
	work_free(&w); /* memory for the events instead */
	evs = rc == TL_OK ? calloc(n_spans + 1, sizeof *evs) : NULL;
	event_scratch *es = rc == TL_OK ? tl_merge_event_scratch_new() : NULL;
	if (rc == TL_OK && (!evs || !es))
		rc = TL_ENOMEM;
	/* Each event gathers its references in order (reads at random, writes
	 * in order; no permutation of the whole array). */
	for (size_t e = 0; e < n_spans && rc == TL_OK; e++) {
		size_t at = spans[e].at, count = spans[e].count;
		tl_mref *ms = malloc(count * sizeof *ms);
		if (!ms) {
			rc = TL_ENOMEM;
			break;
		}
		for (size_t k = 0; k < count; k++)
			ms[k] = mentions[laid[at + k]];
		if ((rc = tl_merge_build_event(es, ms, central + at, count, &evs[n_evs])) != TL_OK) {
			free(ms);
			break;
		}
		n_evs++;
	}
	tl_merge_event_scratch_free(es);
	free(laid);
	free(central);
	free(spans);
	free(mentions);
	if (rc != TL_OK) {
		for (size_t e = 0; e < n_evs; e++)
			tl_event_free_fields(&evs[e]);
		free(evs);
		if (rc == TL_EINTERNAL)
			return tl_error_set(err, rc, "merge: the clusters do not hold every mention "
					    "once; this is a bug, please report it with the input");
		return tl_error_nomem(err);
	}
	if (n_evs > 1 && sort_events(evs, n_evs) != TL_OK) {
		for (size_t e = 0; e < n_evs; e++)
			tl_event_free_fields(&evs[e]);
		free(evs);
		return tl_error_nomem(err);
	}
	*events = evs;
	*n_events = n_evs;
	return TL_OK;
}

int tl_merge_flatten(tl_event *events, size_t n, tl_mref **out, size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	size_t total = 0;
	bool owning = false;
	for (size_t e = 0; e < n; e++) {
		total += events[e].n_mentions;
		owning |= events[e].mentions != NULL;
	}
	tl_mref *ms = owning ? NULL : malloc((total + 1) * sizeof *ms);
	if (!ms) {
		for (size_t e = 0; e < n; e++)
			tl_event_free_fields(&events[e]);
		free(events);
		if (owning)
			return tl_error_set(err, TL_EINTERNAL, "merge: only merged events can be "
					    "flattened to references; this is a bug");
		return tl_error_nomem(err);
	}
	size_t k = 0;
	for (size_t e = 0; e < n; e++) {
		for (size_t i = 0; i < events[e].n_mentions; i++)
			ms[k++] = events[e].refs[i];
		tl_event_free_fields(&events[e]);
	}
	free(events);
	*out = ms;
	*count = total;
	return TL_OK;
}
