/*
 * hash.h - small building blocks of the event stage: the FNV-1a 64-bit hash
 * (event ids), a string-keyed hash map with size_t values (keyword document
 * frequencies in merge.c) and sorted, unique string sets (tl_strings from
 * event.h: actors, keywords, figures). The map borrows its keys: they must
 * outlive it. tl_strings own their items (see event.h).
 */
#ifndef TL_HASH_H
#define TL_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"

#define TL_FNV1A64_INIT UINT64_C(0xcbf29ce484222325)

/* Continues the FNV-1a 64 hash h over data[0..len). */
uint64_t tl_fnv1a64(uint64_t h, const void *data, size_t len);

typedef struct tl_strmap_slot {
	const char *key; /* borrowed; NULL = empty slot */
	size_t value;
} tl_strmap_slot;

typedef struct tl_strmap {
	tl_strmap_slot *slots;
	size_t cap; /* 0 or a power of two */
	size_t count;
} tl_strmap;

#define TL_STRMAP_INIT {NULL, 0, 0}

/* Finds key, inserting it with value 0 when absent; *value points into the map
 * until the next insertion. Returns TL_OK or TL_ENOMEM. */
int tl_strmap_upsert(tl_strmap *map, const char *key, size_t **value);
/* The value of key, or NULL when absent. */
const size_t *tl_strmap_get(const tl_strmap *map, const char *key);
void tl_strmap_free(tl_strmap *map);

/* Appends a copy of s[0..n) (no sorting). TL_OK or TL_ENOMEM. */
int tl_strings_push(tl_strings *set, const char *s, size_t n);
/* Sorts by strcmp and removes duplicates. */
void tl_strings_finish(tl_strings *set);
/* Whether a finished (sorted) set holds s. */
bool tl_strings_has(const tl_strings *set, const char *s);
/* Copies src into an empty dst. TL_OK or TL_ENOMEM (dst left empty). */
int tl_strings_copy(tl_strings *dst, const tl_strings *src);

#endif
