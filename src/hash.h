/*
 * hash.h - small building blocks of the event stage: the FNV-1a 64-bit hash
 * (event ids), a fast hash for in-memory tables, a huge-page hint for large
 * ones, a string-keyed hash map with size_t values (keyword document
 * frequencies in merge.c), sorted, unique string sets (tl_strings from
 * event.h: actors, keywords, figures) and a string pool that keeps one copy
 * of each distinct string, string array or record (the reduce step's
 * mentions repeat the same sentences, titles and keywords many times; a
 * pooled mention is two records, event.h) and can remember a small value
 * per key (memo: what a piece of input parsed to). The map
 * borrows its keys: they must outlive it. tl_strings own their items (see
 * event.h); a pool owns everything it hands out, until tl_strpool_free().
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

/* A fast 64-bit hash of data[0..len) for hash tables (never 0, not stable
 * across versions: never store or print it). */
uint64_t tl_hash_bytes(const void *data, size_t len, uint64_t seed);

/* Hints that p[0..n), a large block probed at random, be backed by huge
 * pages (fewer TLB misses and page faults); a no-op where unsupported. */
void tl_memory_advise_huge(void *p, size_t n);

/* ## String pool */

typedef struct tl_strpool tl_strpool;

tl_strpool *tl_strpool_new(void);
void tl_strpool_free(tl_strpool *pool);
/* Makes the index big enough for count entries, so that it need not grow (and copy
 * itself) on the way there; a hint: TL_OK, or TL_ENOMEM with the pool unchanged. */
int tl_strpool_reserve(tl_strpool *pool, size_t count);
/* The pool's copy of s[0..n) (NUL-terminated after it), the same pointer for
 * equal bytes; NULL when out of memory. */
const char *tl_strpool_intern(tl_strpool *pool, const char *s, size_t n);
/* The same in steps, so that the lookups of several strings overlap: the
 * hash of s[0..n), a hint that its lookup comes soon (the index entry is
 * fetched into the cache), and the lookup with that hash. */
uint64_t tl_strpool_hash(const char *s, size_t n);
void tl_strpool_prefetch(const tl_strpool *pool, uint64_t hash);
const char *tl_strpool_intern_hashed(tl_strpool *pool, const char *s, size_t n, uint64_t hash);
/* The next step for a lookup prefetched a while ago (its slot is in the cache by
 * now): the pooled bytes its home slot holds, when they may be the ones, are
 * fetched too, so that comparing them does not wait. */
void tl_strpool_prefetch_bytes(const tl_strpool *pool, uint64_t hash);
/* The pool's copy of the pointer array items[0..n) (n > 0), the same for
 * equal arrays; NULL when out of memory. */
char **tl_strpool_intern_array(tl_strpool *pool, char *const *items, size_t n);
/* The same in steps (see tl_strpool_hash): the hash of the array or record, to
 * prefetch with tl_strpool_prefetch(), then the lookup with it. */
uint64_t tl_strpool_array_hash(char *const *items, size_t n);
char **tl_strpool_intern_array_hashed(tl_strpool *pool, char *const *items, size_t n,
				      uint64_t hash);
uint64_t tl_strpool_record_hash(const void *data, size_t n);
void *tl_strpool_intern_record_hashed(tl_strpool *pool, const void *data, size_t n,
				      uint64_t hash);
/* The pool's copy of the record data[0..n) (pointer-aligned, the same
 * pointer for equal bytes); NULL when out of memory. Records are kept apart
 * from strings and arrays; zero a struct's padding before interning it. */
void *tl_strpool_intern_record(tl_strpool *pool, const void *data, size_t n);
/*
 * A memo: the pool keeps a copy of the key bytes key[0..n) (apart from the
 * strings and arrays) with size bytes of value put by the caller, for
 * instance what parsing the key gave. tl_strpool_memo_get() returns the
 * value (pointer-aligned, valid as long as the pool) or NULL when the key
 * was never put; tl_strpool_memo_put() keeps a copy of value[0..size) for
 * the key (a key put before keeps its first value). Use one size per pool.
 * TL_OK or TL_ENOMEM.
 */
const void *tl_strpool_memo_get(const tl_strpool *pool, const void *key, size_t n, size_t size);
int tl_strpool_memo_put(tl_strpool *pool, const void *key, size_t n, const void *value,
			size_t size);
/* The get in steps (see tl_strpool_hash): the key's hash, to prefetch with
 * tl_strpool_prefetch(), then the lookup with it. */
uint64_t tl_strpool_memo_hash(const void *key, size_t n);
const void *tl_strpool_memo_get_hashed(const tl_strpool *pool, const void *key, size_t n,
				       size_t size, uint64_t hash);
/* Frees the index and the memos once everything is interned: the strings,
 * arrays and records the pool handed out stay (memo values do not), but
 * interning (and memo) calls fail from then on (NULL, TL_ENOMEM; a memo get
 * finds nothing). */
void tl_strpool_seal(tl_strpool *pool);
/* Bytes the pool holds (chunks and index). */
size_t tl_strpool_size(const tl_strpool *pool);

#endif
