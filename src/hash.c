/*
 * hash.c - FNV-1a 64 hashing, an open-addressing string map (linear probing,
 * load kept under 1/2) and sorted unique string sets for the event stage (see
 * hash.h). The map owns only its slot array; tl_strings own their items.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hash.h"

uint64_t tl_fnv1a64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static size_t slot_of(const char *key, size_t cap)
{
	return (size_t)tl_fnv1a64(TL_FNV1A64_INIT, key, strlen(key)) & (cap - 1);
}

static int map_grow(tl_strmap *map)
{
	size_t cap = map->cap ? map->cap * 2 : 64;
	if (cap < map->cap)
		return TL_ENOMEM;
	tl_strmap_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return TL_ENOMEM;
	for (size_t i = 0; i < map->cap; i++) {
		if (!map->slots[i].key)
			continue;
		size_t j = slot_of(map->slots[i].key, cap);
		while (slots[j].key)
			j = (j + 1) & (cap - 1);
		slots[j] = map->slots[i];
	}
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
	return TL_OK;
}

int tl_strmap_upsert(tl_strmap *map, const char *key, size_t **value)
{
	if ((map->count + 1) * 2 > map->cap && map_grow(map) != TL_OK)
		return TL_ENOMEM;
	size_t j = slot_of(key, map->cap);
	while (map->slots[j].key && strcmp(map->slots[j].key, key) != 0)
		j = (j + 1) & (map->cap - 1);
	if (!map->slots[j].key) {
		map->slots[j].key = key;
		map->slots[j].value = 0;
		map->count++;
	}
	*value = &map->slots[j].value;
	return TL_OK;
}

const size_t *tl_strmap_get(const tl_strmap *map, const char *key)
{
	if (!map->cap)
		return NULL;
	size_t j = slot_of(key, map->cap);
	while (map->slots[j].key) {
		if (strcmp(map->slots[j].key, key) == 0)
			return &map->slots[j].value;
		j = (j + 1) & (map->cap - 1);
	}
	return NULL;
}

void tl_strmap_free(tl_strmap *map)
{
	free(map->slots);
	map->slots = NULL;
	map->cap = 0;
	map->count = 0;
}

int tl_strings_push(tl_strings *set, const char *s, size_t n)
{
	/* The capacity is implied by count: 4, then doubled at each power of two. */
	size_t c = set->count;
	if (c == 0 || (c >= 4 && (c & (c - 1)) == 0)) {
		size_t cap = c ? c * 2 : 4;
		char **items = realloc(set->items, cap * sizeof *items);
		if (!items)
			return TL_ENOMEM;
		set->items = items;
	}
	char *copy = strndup(s, n);
	if (!copy)
		return TL_ENOMEM;
	set->items[set->count++] = copy;
	return TL_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Insertion sort: the sets of a mention are small, and qsort's merge sort
 * allocates and calls through a pointer. */
static void sort_small(char **v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		char *x = v[i];
		size_t j = i;
		while (j > 0 && strcmp(v[j - 1], x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

void tl_strings_finish(tl_strings *set)
{
	if (set->count < 2)
		return;
	if (set->count <= 32)
		sort_small(set->items, set->count);
	else
		qsort(set->items, set->count, sizeof *set->items, cmp_str);
	size_t w = 1;
	for (size_t r = 1; r < set->count; r++) {
		if (strcmp(set->items[r], set->items[w - 1]) == 0)
			free(set->items[r]);
		else
			set->items[w++] = set->items[r];
	}
	set->count = w;
}

bool tl_strings_has(const tl_strings *set, const char *s)
{
	if (!set->count)
		return false;
	return bsearch(&s, set->items, set->count, sizeof *set->items, cmp_str) != NULL;
}

int tl_strings_copy(tl_strings *dst, const tl_strings *src)
{
	for (size_t i = 0; i < src->count; i++) {
		if (tl_strings_push(dst, src->items[i], strlen(src->items[i])) != TL_OK) {
			tl_strings_free(dst);
			return TL_ENOMEM;
		}
	}
	return TL_OK;
}
