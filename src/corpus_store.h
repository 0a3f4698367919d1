/*
 * corpus_store.h - the compact bookkeeping under corpus.c: a hash table from
 * 64-bit hashes to indexes into an array the caller keeps (open addressing,
 * linear probing, at most half full, 8 bytes a slot), a set of file ids
 * (st_dev, st_ino) built on it, and a string arena that packs many short
 * strings into large blocks, so that a corpus of many files does not pay one
 * malloc() (and its overhead) per path or name. Each structure owns its
 * memory; none keeps global state.
 */
#ifndef TL_CORPUS_STORE_H
#define TL_CORPUS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct file_id {
	dev_t dev;
	ino_t ino;
} file_id;

typedef struct hslot {
	uint32_t hash;  /* the low 32 bits of the entry's hash */
	uint32_t value; /* index + 1; 0 marks an empty slot */
} hslot;

typedef struct htable {
	hslot *slots;
	size_t cap, count;
} htable;

/* Whether the caller's entry at index equals what ctx describes (hashes may collide). */
typedef bool (*h_same)(const void *ctx, size_t index);

uint64_t tl_id_hash(file_id id);
uint64_t tl_str_hash(const char *s);
/* The index stored for an entry equal to ctx (as judged by same), or -1. */
long tl_h_find(const htable *t, uint64_t hash, h_same same, const void *ctx);
/* Stores index under hash; TL_ENOMEM when the table cannot grow or index is too large. */
int tl_h_add(htable *t, uint64_t hash, size_t index);
void tl_h_free(htable *t);

/* A set of file ids (append-only array + table). */
typedef struct id_set {
	file_id *ids;
	size_t count, cap;
	htable table;
} id_set;

/* The index of id in the set, or -1. */
long tl_id_find(const id_set *s, file_id id);
/* Adds id; TL_ENOMEM on failure. */
int tl_id_add(id_set *s, file_id id);
void tl_id_set_free(id_set *s);

/* Strings packed in blocks; a string stays where it is until tl_arena_free(). */
typedef struct tl_arena {
	char *block;      /* the current block; its first bytes point to the one before */
	size_t used, cap; /* bytes of the current block in use, its size */
	size_t total;     /* bytes of every block, for tests and measurements */
} tl_arena;

/* A copy of s[0..n) with a NUL after it, or NULL when out of memory. */
const char *tl_arena_strndup(tl_arena *a, const char *s, size_t n);
/* n bytes aligned for any pointer, zeroed, or NULL when out of memory. */
void *tl_arena_alloc(tl_arena *a, size_t n);
void tl_arena_free(tl_arena *a);

#endif
