/*
 * corpus_store.c - the hash table, file-id set and string arena of
 * corpus_store.h. The table keeps 32 bits of each hash (the probe start and a
 * quick filter; equality is always settled by the caller's h_same), so a slot
 * is 8 bytes; the arena hands out pieces of 64 KiB blocks (larger requests
 * get a block of their own) chained through their first bytes, all freed at
 * once. Owns only what its structures point to.
 */
#include "buf.h"
#include "corpus_store.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	return x ^ (x >> 33);
}

uint64_t tl_id_hash(file_id id)
{
	return mix64((uint64_t)id.dev * UINT64_C(0x9e3779b97f4a7c15) ^ (uint64_t)id.ino);
}

uint64_t tl_str_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return mix64(h);
}

long tl_h_find(const htable *t, uint64_t hash, h_same same, const void *ctx)
{
	if (!t->cap)
		return -1;
	uint32_t h = (uint32_t)hash;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const hslot *e = &t->slots[i];
		if (!e->value)
			return -1;
		if (e->hash == h && same(ctx, e->value - 1))
			return (long)(e->value - 1);
	}
}

int tl_h_add(htable *t, uint64_t hash, size_t index)
{
	if (index >= UINT32_MAX)
		return TL_ENOMEM;
	if (2 * (t->count + 1) > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		if (cap > (size_t)1 << 33)
			return TL_ENOMEM; /* 32-bit hashes index at most 2^32 slots */
		hslot *slots = calloc(cap, sizeof *slots);
		if (!slots)
			return TL_ENOMEM;
		for (size_t k = 0; k < t->cap; k++) {
			if (!t->slots[k].value)
				continue;
			size_t i = t->slots[k].hash & (cap - 1);
			while (slots[i].value)
				i = (i + 1) & (cap - 1);
			slots[i] = t->slots[k];
		}
		free(t->slots);
		t->slots = slots;
		t->cap = cap;
	}
	uint32_t h = (uint32_t)hash;
	size_t i = h & (t->cap - 1);
	while (t->slots[i].value)
		i = (i + 1) & (t->cap - 1);
	t->slots[i] = (hslot){h, (uint32_t)(index + 1)};
	t->count++;
	return TL_OK;
}

void tl_h_free(htable *t)
{
	free(t->slots);
	memset(t, 0, sizeof *t);
}

typedef struct id_probe {
	const id_set *set;
	file_id id;
} id_probe;

static bool same_id_at(const void *ctx, size_t index)
{
	const id_probe *p = ctx;
	return p->set->ids[index].dev == p->id.dev && p->set->ids[index].ino == p->id.ino;
}

long tl_id_find(const id_set *s, file_id id)
{
	id_probe p = {s, id};
	return tl_h_find(&s->table, tl_id_hash(id), same_id_at, &p);
}

int tl_id_add(id_set *s, file_id id)
{
	file_id *ids = tl_array_grow(s->ids, &s->cap, s->count, 64, sizeof *ids);
	if (!ids)
		return TL_ENOMEM;
	s->ids = ids;
	if (tl_h_add(&s->table, tl_id_hash(id), s->count) != TL_OK)
		return TL_ENOMEM;
	s->ids[s->count++] = id;
	return TL_OK;
}

void tl_id_set_free(id_set *s)
{
	free(s->ids);
	tl_h_free(&s->table);
	memset(s, 0, sizeof *s);
}

enum { BLOCK = 65536, ALIGN = sizeof(void *) };

/* The block chained before block (the link sits in its first bytes). */
static char *get_link(const char *block)
{
	char *prev;
	memcpy(&prev, block, sizeof prev);
	return prev;
}

static void set_link(char *block, char *prev)
{
	memcpy(block, &prev, sizeof prev);
}

/* Room for n bytes at an aligned offset (align 1 or ALIGN). */
static char *arena_take(tl_arena *a, size_t n, size_t align)
{
	size_t at = (a->used + align - 1) & ~(align - 1);
	if (!a->block || at + n > a->cap) {
		size_t head = ALIGN; /* the link to the block before */
		bool own = n > BLOCK / 4;
		size_t cap = own ? head + n : BLOCK;
		if (n > SIZE_MAX - head)
			return NULL;
		char *block = malloc(cap);
		if (!block)
			return NULL;
		a->total += cap;
		if (own && a->block) {
			/* a block of its own goes behind the current one, which keeps filling */
			set_link(block, get_link(a->block));
			set_link(a->block, block);
			return block + head;
		}
		set_link(block, a->block);
		a->block = block;
		a->cap = cap;
		at = head;
	}
	a->used = at + n;
	return a->block + at;
}

const char *tl_arena_strndup(tl_arena *a, const char *s, size_t n)
{
	char *d = arena_take(a, n + 1, 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

void *tl_arena_alloc(tl_arena *a, size_t n)
{
	char *d = arena_take(a, n, ALIGN);
	if (d)
		memset(d, 0, n);
	return d;
}

void tl_arena_free(tl_arena *a)
{
	char *b = a->block;
	while (b) {
		char *prev = get_link(b);
		free(b);
		b = prev;
	}
	memset(a, 0, sizeof *a);
}
