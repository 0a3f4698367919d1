/*
 * hash.c - FNV-1a 64 hashing, a fast table hash, a huge-page hint for large
 * tables, an open-addressing string map (linear probing, load kept under
 * 1/2), sorted unique string sets and the string pool with its memos for the
 * event stage (see hash.h). The map owns only its slot array; tl_strings own
 * their items; a pool owns its chunks (strings, arrays and records packed in
 * 1 MiB blocks; memos in blocks of their own, freed with the index) and its
 * index of 16-byte slots (until sealed). The pool's table layout
 * depends on pointer values, but nothing is ever read back in table order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

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

static inline uint64_t mix_in(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
	return h ^ (h >> 32);
}

uint64_t tl_hash_bytes(const void *data, size_t len, uint64_t seed)
{
	/* Eight bytes at a time into four independent lanes (a sentence is
	 * hundreds of bytes, a record line ~600): their multiplications
	 * overlap instead of waiting for one another. */
	const unsigned char *s = data;
	uint64_t a = UINT64_C(0x9e3779b97f4a7c15) ^ len ^ seed, b = a + UINT64_C(0x632be59bd9b4e019),
		 c = a ^ UINT64_C(0x85ebca77c2b2ae63), d = a - UINT64_C(0x27d4eb2f165667c5), w[4];
	size_t i = 0;
	for (; i + 32 <= len; i += 32) {
		memcpy(w, s + i, 32);
		a = mix_in(a, w[0]);
		b = mix_in(b, w[1]);
		c = mix_in(c, w[2]);
		d = mix_in(d, w[3]);
	}
	for (; i + 8 <= len; i += 8) {
		memcpy(w, s + i, 8);
		a = mix_in(a, w[0]);
	}
	w[0] = 0;
	if (len > i)
		memcpy(w, s + i, len - i);
	a = mix_in(a, w[0]);
	uint64_t h = a ^ (b << 17 | b >> 47) ^ (c << 31 | c >> 33) ^ (d << 47 | d >> 17);
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	return (h ^ (h >> 33)) | 1;
}

void tl_memory_advise_huge(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)p + n) & ~(huge - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE); /* a hint: failing is fine */
#else
	(void)p;
	(void)n;
#endif
}

/* ## String pool */

#define POOL_CHUNK ((size_t)1 << 20)

/* An index slot (16 bytes): the pooled bytes (NULL = empty slot), the top
 * 32 bits of their hash (the slot is found from it, so the index grows
 * without hashing anything again) and their length (UINT32_MAX for 4 GiB
 * or more: such bytes are never found again, only copied again). */
typedef struct pool_entry {
	const void *at;
	uint32_t tag;
	uint32_t len;
} pool_entry;

/* Blocks of POOL_CHUNK bytes handed out in order, and the larger ones. */
typedef struct pool_chunks {
	char **chunks; /* each owned */
	size_t n_chunks, cap_chunks;
	char *next;    /* free space in the last chunk */
	size_t left;
	size_t bytes;
} pool_chunks;

struct tl_strpool {
	pool_chunks data;    /* strings, arrays and records: kept until the pool is freed */
	pool_chunks memos;   /* memo keys and values: freed with the index (seal) */
	pool_entry *slots;   /* open addressing, at most three quarters full */
	size_t cap, count;   /* cap 0 or a power of two */
	bool sealed;         /* the index is gone: nothing more is interned */
};

tl_strpool *tl_strpool_new(void)
{
	return calloc(1, sizeof(tl_strpool));
}

static void chunks_free(pool_chunks *c)
{
	for (size_t i = 0; i < c->n_chunks; i++)
		free(c->chunks[i]);
	free(c->chunks);
	memset(c, 0, sizeof *c);
}

void tl_strpool_free(tl_strpool *pool)
{
	if (!pool)
		return;
	chunks_free(&pool->data);
	chunks_free(&pool->memos);
	free(pool->slots);
	free(pool);
}

void tl_strpool_seal(tl_strpool *pool)
{
	free(pool->slots);
	pool->slots = NULL;
	pool->cap = 0;
	pool->sealed = true;
	/* Nothing reads a memo once nothing more is interned (values are copied
	 * out by their readers). */
	chunks_free(&pool->memos);
}

size_t tl_strpool_size(const tl_strpool *pool)
{
	return pool->data.bytes + pool->memos.bytes + pool->cap * sizeof *pool->slots;
}

/* n bytes aligned for pointers, from the current chunk of c or a new one. */
static void *pool_alloc(pool_chunks *c, size_t n)
{
	size_t pad = (size_t)(-(uintptr_t)c->next & (sizeof(void *) - 1));
	if (c->left < pad || c->left - pad < n) {
		size_t size = n > POOL_CHUNK / 4 ? n : POOL_CHUNK;
		if (c->n_chunks == c->cap_chunks) {
			size_t cap = c->cap_chunks ? c->cap_chunks * 2 : 16;
			char **chunks = realloc(c->chunks, cap * sizeof *chunks);
			if (!chunks)
				return NULL;
			c->chunks = chunks;
			c->cap_chunks = cap;
		}
		char *chunk = malloc(size);
		if (!chunk)
			return NULL;
		c->chunks[c->n_chunks++] = chunk;
		c->bytes += size;
		if (size != POOL_CHUNK)
			return chunk; /* a large string alone; the current chunk stays */
		c->next = chunk;
		c->left = size;
		pad = 0;
	}
	char *p = c->next + pad;
	c->next = p + n;
	c->left -= pad + n;
	return p;
}

/* The tag of a hash and the home slot of a tag. */
static inline uint32_t tag_of(uint64_t h)
{
	return (uint32_t)(h >> 32);
}

static inline size_t home_of(uint32_t tag, size_t cap)
{
	return (size_t)tag & (cap - 1);
}

/* Moves the index into a table of cap slots (a power of two, larger than now). */
static int pool_grow_to(tl_strpool *pool, size_t cap)
{
	if (cap - 1 > UINT32_MAX || cap > SIZE_MAX / sizeof(pool_entry))
		return TL_ENOMEM; /* homes come from 32-bit tags */
	pool_entry *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return TL_ENOMEM;
	tl_memory_advise_huge(slots, cap * sizeof *slots);
	for (size_t i = 0; i < pool->cap; i++) {
		if (!pool->slots[i].at)
			continue;
		size_t j = home_of(pool->slots[i].tag, cap);
		while (slots[j].at)
			j = (j + 1) & (cap - 1);
		slots[j] = pool->slots[i];
	}
	free(pool->slots);
	pool->slots = slots;
	pool->cap = cap;
	return TL_OK;
}

static int pool_grow(tl_strpool *pool)
{
	return pool_grow_to(pool, pool->cap ? pool->cap * 2 : 4096);
}

int tl_strpool_reserve(tl_strpool *pool, size_t count)
{
	if (pool->sealed || count > SIZE_MAX / 4)
		return TL_ENOMEM;
	size_t cap = pool->cap ? pool->cap : 4096;
	while ((count + 1) * 4 > cap * 3) { /* the load pool_find_hashed() keeps */
		if (cap > SIZE_MAX / 2)
			return TL_ENOMEM;
		cap *= 2;
	}
	return cap > pool->cap ? pool_grow_to(pool, cap) : TL_OK;
}

/* The hash of data[0..len) of a kind (1 strings, 2 arrays, 3 memo keys, 4
 * records); never 0. */
static uint64_t pool_hash(const void *data, size_t len, unsigned kind)
{
	return tl_hash_bytes(data, len, (uint64_t)kind << 60);
}

/* The slot of the bytes data[0..len) with hash h: theirs, or the empty one
 * where they go. The table must have room for one more. */
static pool_entry *pool_slot(const tl_strpool *pool, uint64_t h, const void *data, size_t len)
{
	uint32_t tag = tag_of(h), l32 = len < UINT32_MAX ? (uint32_t)len : UINT32_MAX;
	size_t j = home_of(tag, pool->cap);
	for (; pool->slots[j].at; j = (j + 1) & (pool->cap - 1)) {
		pool_entry *e = &pool->slots[j];
		if (e->tag == tag && e->len == l32 && l32 != UINT32_MAX &&
		    memcmp(e->at, data, len) == 0)
			break;
	}
	return &pool->slots[j];
}

/* Fills the empty slot e for the pooled bytes at[0..len) with hash h. */
static void pool_fill(tl_strpool *pool, pool_entry *e, const void *at, size_t len, uint64_t h)
{
	e->at = at;
	e->tag = tag_of(h);
	e->len = len < UINT32_MAX ? (uint32_t)len : UINT32_MAX;
	pool->count++;
}

/* The pooled copy of data[0..len) (plus a NUL when text), kind 1 or 2 keeps
 * strings and arrays apart. */
static const void *pool_find_hashed(tl_strpool *pool, const void *data, size_t len,
				    unsigned kind, uint64_t h)
{
	if (pool->sealed)
		return NULL;
	if ((pool->count + 1) * 4 > pool->cap * 3 && pool_grow(pool) != TL_OK)
		return NULL;
	pool_entry *e = pool_slot(pool, h, data, len);
	if (e->at)
		return e->at;
	char *copy = pool_alloc(&pool->data, len + (kind == 1));
	if (!copy)
		return NULL;
	memcpy(copy, data, len);
	if (kind == 1)
		copy[len] = '\0';
	pool_fill(pool, e, copy, len, h);
	return copy;
}

/* Memo values sit right before their key, in a pointer-aligned block. */
#define MEMO_ALIGN(size) (((size) + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *))

uint64_t tl_strpool_memo_hash(const void *key, size_t n)
{
	return pool_hash(key, n, 3);
}

const void *tl_strpool_memo_get_hashed(const tl_strpool *pool, const void *key, size_t n,
				       size_t size, uint64_t hash)
{
	if (!pool->cap)
		return NULL;
	const pool_entry *e = pool_slot(pool, hash, key, n);
	return e->at ? (const char *)e->at - MEMO_ALIGN(size) : NULL;
}

const void *tl_strpool_memo_get(const tl_strpool *pool, const void *key, size_t n, size_t size)
{
	return tl_strpool_memo_get_hashed(pool, key, n, size, pool_hash(key, n, 3));
}

int tl_strpool_memo_put(tl_strpool *pool, const void *key, size_t n, const void *value,
			size_t size)
{
	if (pool->sealed)
		return TL_ENOMEM;
	uint64_t h = pool_hash(key, n, 3);
	if ((pool->count + 1) * 4 > pool->cap * 3 && pool_grow(pool) != TL_OK)
		return TL_ENOMEM;
	pool_entry *e = pool_slot(pool, h, key, n);
	if (e->at)
		return TL_OK; /* kept already */
	size_t head = MEMO_ALIGN(size);
	if (n > SIZE_MAX - head)
		return TL_ENOMEM;
	char *block = pool_alloc(&pool->memos, head + n);
	if (!block)
		return TL_ENOMEM;
	memcpy(block, value, size);
	memcpy(block + head, key, n);
	pool_fill(pool, e, block + head, n, h);
	return TL_OK;
}

static const void *pool_find(tl_strpool *pool, const void *data, size_t len, unsigned kind)
{
	return pool_find_hashed(pool, data, len, kind, pool_hash(data, len, kind));
}

const char *tl_strpool_intern(tl_strpool *pool, const char *s, size_t n)
{
	return pool_find(pool, s, n, 1);
}

uint64_t tl_strpool_hash(const char *s, size_t n)
{
	return pool_hash(s, n, 1);
}

void tl_strpool_prefetch(const tl_strpool *pool, uint64_t hash)
{
	if (pool->cap)
		__builtin_prefetch(&pool->slots[home_of(tag_of(hash), pool->cap)]);
}

void tl_strpool_prefetch_bytes(const tl_strpool *pool, uint64_t hash)
{
	if (!pool->cap)
		return;
	const pool_entry *e = &pool->slots[home_of(tag_of(hash), pool->cap)];
	if (e->at && e->tag == tag_of(hash))
		__builtin_prefetch(e->at);
}

const char *tl_strpool_intern_hashed(tl_strpool *pool, const char *s, size_t n, uint64_t hash)
{
	return pool_find_hashed(pool, s, n, 1, hash);
}

char **tl_strpool_intern_array(tl_strpool *pool, char *const *items, size_t n)
{
	if (n > SIZE_MAX / sizeof *items)
		return NULL;
	/* The array is stored with its own const qualifier dropped: tl_strings
	 * holds char **, and nothing writes through a pooled one. */
	return (char **)(uintptr_t)pool_find(pool, items, n * sizeof *items, 2);
}

void *tl_strpool_intern_record(tl_strpool *pool, const void *data, size_t n)
{
	/* Records are written in place by their owner only where every holder
	 * of the record wants the same change (event.h, tl_mref). */
	return (void *)(uintptr_t)pool_find(pool, data, n, 4);
}

uint64_t tl_strpool_array_hash(char *const *items, size_t n)
{
	return pool_hash(items, n * sizeof *items, 2);
}

char **tl_strpool_intern_array_hashed(tl_strpool *pool, char *const *items, size_t n,
				      uint64_t hash)
{
	if (n > SIZE_MAX / sizeof *items)
		return NULL;
	return (char **)(uintptr_t)pool_find_hashed(pool, items, n * sizeof *items, 2, hash);
}

uint64_t tl_strpool_record_hash(const void *data, size_t n)
{
	return pool_hash(data, n, 4);
}

void *tl_strpool_intern_record_hashed(tl_strpool *pool, const void *data, size_t n,
				      uint64_t hash)
{
	return (void *)(uintptr_t)pool_find_hashed(pool, data, n, 4, hash);
}
