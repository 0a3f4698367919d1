/*
 * extract_arena.c - the scratch memory of one article's extraction (see
 * extract_arena.h): blocks of 64 KiB (or one block for a larger request),
 * filled front to back, all released by one reset or free. The mentions of
 * an article take a few hundred small strings; one malloc() per block
 * replaces a malloc() and a free() per string. Owns its blocks only.
 */
#include <assert.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "extract_arena.h"
#include "hash.h"

#define BLOCK_BYTES ((size_t)64 * 1024)
#define ALIGN TL_XARENA_ALIGN

struct tl_xarena_block {
	tl_xarena_block *next; /* the block filled before this one */
	size_t cap;
	alignas(max_align_t) unsigned char data[];
};

void *tl_xarena_alloc_slow(tl_xarena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (need < n)
		return NULL;
	if (a->next && (size_t)(a->end - a->next) >= need) {
		void *p = a->next;
		a->next += need;
		return p;
	}
	/* A new block: the rest of the current one is left unused. */
	size_t cap = need > BLOCK_BYTES ? need : BLOCK_BYTES;
	if (cap > SIZE_MAX - sizeof(tl_xarena_block))
		return NULL;
	tl_xarena_block *nb = malloc(sizeof *nb + cap);
	if (!nb)
		return NULL;
	nb->next = a->head;
	nb->cap = cap;
	a->head = nb;
	a->next = nb->data + need;
	a->end = nb->data + cap;
	return nb->data;
}

static void free_chain(tl_xarena_block *b)
{
	while (b) {
		tl_xarena_block *next = b->next;
		free(b);
		b = next;
	}
}

void tl_xarena_reset(tl_xarena *a)
{
	if (!a->head)
		return;
	free_chain(a->head->next);
	a->head->next = NULL;
	a->next = a->head->data;
	a->end = a->head->data + a->head->cap;
}

void tl_xarena_free(tl_xarena *a)
{
	free_chain(a->head);
	a->head = NULL;
	a->next = a->end = NULL;
}

int tl_xarena_add_slow(tl_xarena *a, tl_strings *set, char *s)
{
	/* The capacity is implied by count: TL_XARENA_SET_FIRST, then doubled
	 * at each power of two; the old array stays in the arena. */
	size_t c = set->count;
	if (c == 0 || (c >= TL_XARENA_SET_FIRST && (c & (c - 1)) == 0)) {
		size_t cap = c ? c * 2 : TL_XARENA_SET_FIRST;
		if (cap > SIZE_MAX / sizeof *set->items)
			return TL_ENOMEM;
		char **items = tl_xarena_alloc(a, cap * sizeof *items);
		if (!items)
			return TL_ENOMEM;
		if (c)
			memcpy(items, set->items, c * sizeof *items);
		set->items = items;
	}
	set->items[set->count++] = s;
	return TL_OK;
}

int tl_xarena_push(tl_xarena *a, tl_strings *set, const char *s, size_t n)
{
	if (!a)
		return tl_strings_push(set, s, n);
	char *copy = tl_xarena_strndup(a, s, n);
	return copy ? tl_xarena_add(a, set, copy) : TL_ENOMEM;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The first eight bytes of s as a big-endian number, zero-padded after its
 * end: numbers compare as strcmp() compares those bytes. The strings of an
 * arena set are followed by eight zero bytes: one load makes the number. */
static uint64_t prefix_key(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t k;
	memcpy(&k, s, 8);
	return __builtin_bswap64(k);
#else
	uint64_t k = 0;
	int i = 0;
	for (; i < 8 && s[i]; i++)
		k = k << 8 | (unsigned char)s[i];
	return k << (8 * (8 - i));
#endif
}

#ifndef NDEBUG
/* Whether s is followed by zeros up to its eighth byte (for assert()). */
static bool zero_padded(const char *s)
{
	for (size_t k = strlen(s); k < 8; k++)
		if (s[k])
			return false;
	return true;
}
#endif

/* strcmp(x, y) < 0, given their prefix keys. */
static bool keyed_less(uint64_t kx, const char *x, uint64_t ky, const char *y)
{
	if (kx != ky)
		return kx < ky;
	/* Same first eight bytes: a string that ended in them ended at the same place. */
	return (kx & 0xff) && strcmp(x + 8, y + 8) < 0;
}

void tl_xarena_finish(tl_xarena *a, tl_strings *set)
{
	if (!a) {
		tl_strings_finish(set);
		return;
	}
	size_t n = set->count;
	if (n < 2)
		return;
	char **v = set->items;
	if (n <= 32) {
		/* Insertion sort on prefix keys that drops a string equal to one
		 * already placed (found where it would go: the rare duplicate is
		 * moved back out): the sets of a mention are small, and their
		 * words mostly differ in the first eight bytes. */
		uint64_t key[32];
		size_t w = 0; /* v[0..w) are sorted and unique, key[0..w) their keys */
		for (size_t i = 0; i < n; i++) {
			char *x = v[i]; /* v[w..i] are free: x is held here */
			assert(zero_padded(x));
			uint64_t kx = prefix_key(x);
			size_t j = w;
			while (j > 0 && keyed_less(kx, x, key[j - 1], v[j - 1])) {
				v[j] = v[j - 1];
				key[j] = key[j - 1];
				j--;
			}
			/* v[j - 1] <= x: equal when their keys are and a string that
			 * goes on past them goes on alike. */
			if (j > 0 && key[j - 1] == kx &&
			    (!(kx & 0xff) || strcmp(v[j - 1] + 8, x + 8) == 0)) {
				for (size_t k = j; k < w; k++) {
					v[k] = v[k + 1];
					key[k] = key[k + 1];
				}
				continue;
			}
			v[j] = x;
			key[j] = kx;
			w++;
		}
		set->count = w;
		return;
	}
	qsort(v, n, sizeof *v, cmp_str);
	size_t w = 1;
	for (size_t r = 1; r < n; r++)
		if (strcmp(v[r], v[w - 1]) != 0)
			v[w++] = v[r];
	set->count = w;
}
