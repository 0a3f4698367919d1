/*
 * extract_arena.h - the scratch memory of one article's extraction: a bump
 * allocator whose strings and string sets (tl_strings) live until the arena
 * is reset or freed, all at once. Mentions built in an arena borrow its
 * memory and must never reach tl_mention_free_fields(): they stay inside the
 * extract stage (extract.c writes them out, or hands the caller owned copies)
 * or go to the build (timeline.c), which owns their arena, interns them and
 * then resets it.
 * The set functions take a NULL arena to mean "owned" (hash.h's
 * tl_strings_push/finish), so that one finder serves both kinds of set.
 * An arena owns its blocks; nothing else.
 */
#ifndef TL_EXTRACT_ARENA_H
#define TL_EXTRACT_ARENA_H

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "event.h"

typedef struct tl_xarena_block tl_xarena_block;

typedef struct tl_xarena {
	tl_xarena_block *head; /* the block being filled; older ones follow */
	unsigned char *next, *end; /* the free part of head (NULL without one) */
} tl_xarena;

#define TL_XARENA_INIT {NULL, NULL, NULL}

#define TL_XARENA_ALIGN ((size_t)alignof(max_align_t))

/* tl_xarena_alloc() when the current block has no room (out of line). */
void *tl_xarena_alloc_slow(tl_xarena *a, size_t n);

/* n bytes aligned for any object, or NULL when out of memory. The usual case,
 * room left in the current block, is inline: a few instructions. */
static inline void *tl_xarena_alloc(tl_xarena *a, size_t n)
{
	size_t need = (n + TL_XARENA_ALIGN - 1) & ~(TL_XARENA_ALIGN - 1);
	if (need >= n && a->next && (size_t)(a->end - a->next) >= need) {
		void *p = a->next;
		a->next += need;
		return p;
	}
	return tl_xarena_alloc_slow(a, n);
}

/* A copy of s[0..n) followed by eight zero bytes (so NUL-terminated, and
 * readable as a zero-padded eight-byte word: tl_xarena_finish() sorts on
 * those), or NULL when out of memory. */
static inline char *tl_xarena_strndup(tl_xarena *a, const char *s, size_t n)
{
	if (n > SIZE_MAX - 8)
		return NULL;
	char *p = tl_xarena_alloc(a, n + 8);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	memset(p + n, 0, 8);
	return p;
}
/* Forgets everything allocated, keeping the newest block for reuse. */
void tl_xarena_reset(tl_xarena *a);
void tl_xarena_free(tl_xarena *a);

/* Appends a copy of s[0..n) to set: in the arena when a is set (items array
 * too), else as tl_strings_push() does. TL_OK or TL_ENOMEM. */
int tl_xarena_push(tl_xarena *a, tl_strings *set, const char *s, size_t n);
/* Appends s, a string of arena a (a must be set) followed by eight zero
 * bytes as tl_xarena_strndup() makes them, to set. TL_OK or TL_ENOMEM.
 * The items array holds TL_XARENA_SET_FIRST (most keyword sets fit: one
 * array, no copies), then doubles at each power of two: only a count of 0 or
 * a power of two from TL_XARENA_SET_FIRST on needs a new one (out of line).
 * A set whose count drops (tl_actors_collapse_in) keeps a larger array. */
#define TL_XARENA_SET_FIRST 16
int tl_xarena_add_slow(tl_xarena *a, tl_strings *set, char *s);
static inline int tl_xarena_add(tl_xarena *a, tl_strings *set, char *s)
{
	size_t c = set->count;
	if (c == 0 || (c >= TL_XARENA_SET_FIRST && (c & (c - 1)) == 0))
		return tl_xarena_add_slow(a, set, s);
	set->items[set->count++] = s;
	return TL_OK;
}
/* Sorts set by strcmp and drops duplicates, as tl_strings_finish() does (an
 * arena set's dropped items are not freed; its strings must be followed by
 * eight zero bytes, see tl_xarena_add). */
void tl_xarena_finish(tl_xarena *a, tl_strings *set);

#endif
