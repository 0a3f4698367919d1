/*
 * trigger_words.h - the recognizer's word table: every word that can begin,
 * carry or link a temporal expression (heads: month and weekday names, units,
 * deictic words; starters: determiners, modifiers, quantities; links: "of",
 * "than", "to"...), each with its class and the start class (tl_start) of an
 * expression that begins with it. Built once into a direct table of the words
 * of one to three letters and a hash table of lower-cased words under a filter
 * by the first two letters and the length, so that a word that is in no list
 * is turned away in a few instructions, without hashing; a filter of the heads
 * alone, by first and last letter and length, is what the scan asks first, and a
 * second one, by the first two letters and length, what it asks of the words that
 * pass the first.
 * The table is plain data owned by its caller, read-only once built.
 */
#ifndef TL_TRIGGER_WORDS_H
#define TL_TRIGGER_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "patterns.h"

/* Ranked: a word listed twice keeps its highest class. */
enum tl_word_class { TL_W_NONE = 0, TL_W_LINK = 1, TL_W_STARTER = 2, TL_W_HEAD = 3 };

#define TL_TRIGGER_MAX 15     /* longest word in the table */
#define TL_TRIGGER_SLOTS 1024 /* power of two, well above twice the word count */
#define TL_TRIGGER_PAIRS 2048 /* see tl_trigger_pair() */

typedef struct tl_trigger_slot {
	uint64_t q[2];  /* the word, lower case, zero-padded to 16 bytes; q[0] == 0: empty */
	uint8_t cls;    /* enum tl_word_class */
	uint8_t start;  /* tl_start of an expression that begins with this word */
} tl_trigger_slot;

typedef struct tl_trigger_table {
	/* words of one to three letters (most of the words of a text), looked up
	 * directly: entry tl_trigger_short() holds class | start class << 2 */
	uint8_t short_words[1u << 15];
	tl_trigger_slot slots[TL_TRIGGER_SLOTS];
	/* bit n of lengths[pair]: some table word of n bytes starts with that pair of
	 * characters (see tl_trigger_pair()); most other words end there */
	uint16_t lengths[TL_TRIGGER_PAIRS];
	/* bit n - 1 of head_lengths[tl_trigger_head_pair()]: some head of n bytes
	 * starts and ends with those characters; most words of a text are turned away there
	 * (a row for every first byte, so that the scan's index costs no mask; only the
	 * rows of letters are read) */
	uint16_t head_lengths[256 * 32];
	/* bit n - 1 of head_seconds[tl_trigger_second_pair()]: some head of n bytes starts
	 * with those two letters (any case; a one-letter head sets its whole row). Asked
	 * only of the words head_lengths lets through: a fifth of the words of a text pass
	 * that filter ("comment" for "current", "percent" for "present") and most of them
	 * are turned away here, before a look-up of their own. */
	uint16_t head_seconds[32 * 32];
} tl_trigger_table;

/* Fills *t (any contents) with the word lists. */
void tl_trigger_table_init(tl_trigger_table *t);

/* The words of class cls (TL_W_HEAD, TL_W_STARTER or TL_W_LINK) as listed, for
 * tests; *count receives their number. */
const char *const *tl_trigger_list(int cls, size_t *count);

/* The index in lengths[] of a word whose first two bytes are c0 (a letter) and c1 (any
 * byte). Both cases of a letter share a slot; other bytes may share slots too, which
 * only costs a table look-up. */
static inline unsigned tl_trigger_pair(unsigned char c0, unsigned char c1)
{
	return ((unsigned)(c0 & 31) << 6) | ((c1 | 0x20) & 63);
}

/* The index in head_lengths of a word that starts with c0 and ends with cl (both
 * cases of the last letter share it, other last bytes may share it too, which only
 * costs a look-up; each case of the first letter has its own row). */
static inline unsigned tl_trigger_head_pair(unsigned char c0, unsigned char cl)
{
	return ((unsigned)c0 << 5) | (cl & 31u);
}

/*
 * Might the word w[0..last] (ASCII letters and digits, the first a letter; last is its
 * length - 1, what the scan finds) be a head, by head_lengths of a table? False only
 * for words that are none, in a few instructions and without a branch.
 */
static inline bool tl_trigger_may_be_head_in(const uint16_t *head_lengths, const char *w,
                                             size_t last)
{
	unsigned bits = head_lengths[tl_trigger_head_pair((unsigned char)w[0],
	                                                  (unsigned char)w[last])];
	/* no head is 16 bytes long or more; a length past 32 that wraps onto a set bit
	 * only costs a look-up */
	return (bits >> (last & 31)) & 1;
}

/* The index in head_seconds of a word that starts with c0 c1 (both cases of each letter
 * share it; digits share slots with letters, which only costs a look-up). */
static inline unsigned tl_trigger_second_pair(unsigned char c0, unsigned char c1)
{
	return ((unsigned)(c0 & 31u) << 5) | (c1 & 31u);
}

/* The second filter, for a word tl_trigger_may_be_head_in() let through (same
 * arguments, head_seconds of the table): false only for words that are no head. A
 * one-letter word reads its own letter again, not the byte after it. */
static inline bool tl_trigger_may_be_head_again(const uint16_t *head_seconds, const char *w,
                                                size_t last)
{
	unsigned bits = head_seconds[tl_trigger_second_pair((unsigned char)w[0],
	                                                    (unsigned char)w[last != 0])];
	return (bits >> (last & 15)) & 1; /* a wrapped length only costs a look-up */
}

/* Both filters for the word w[0..n) (n >= 1), asked of the table t. */
static inline bool tl_trigger_may_be_head(const tl_trigger_table *t, const char *w, size_t n)
{
	return tl_trigger_may_be_head_in(t->head_lengths, w, n - 1) &&
	       tl_trigger_may_be_head_again(t->head_seconds, w, n - 1);
}

/* The entry of short_words for the letters c0 c1 c2 (| 0x20); 0x40 for those past a
 * shorter word. */
static inline unsigned tl_trigger_short(unsigned c0, unsigned c1, unsigned c2)
{
	return ((c0 & 31u) << 10) | ((c1 & 31u) << 5) | (c2 & 31u);
}

/* The slot a key (two halves of a zero-padded lower-case word) hashes to. */
static inline uint32_t tl_trigger_hash(uint64_t q0, uint64_t q1)
{
	uint64_t x = (q0 ^ (q1 * UINT64_C(0x9e3779b97f4a7c15))) * UINT64_C(0xff51afd7ed558ccd);
	return (uint32_t)(x >> 40) & (TL_TRIGGER_SLOTS - 1);
}

/*
 * The class of the word w[0..n): ASCII letters and digits, the first a letter, any
 * case; avail (>= n) bytes may be read from w. *start receives its start class
 * (TL_START_OTHER for a word not in the table).
 */
static inline int tl_trigger_lookup(const tl_trigger_table *t, const char *w, size_t n,
                                    size_t avail, tl_start *start)
{
	if (n <= 3) {
		/* bit 0x40 tells letters from digits; a word with a digit goes on below */
		unsigned c1 = n > 1 ? (unsigned char)w[1] : 0x40;
		unsigned c2 = n > 2 ? (unsigned char)w[2] : 0x40;
		if (c1 & c2 & 0x40) {
			unsigned e = t->short_words[tl_trigger_short((unsigned char)w[0], c1, c2)];
			*start = (tl_start)(e >> 2);
			return (int)(e & 3);
		}
	}
	*start = TL_START_OTHER;
	if (n > TL_TRIGGER_MAX)
		return TL_W_NONE;
	/* a one-letter word passes with any second byte: its own first one will do */
	unsigned char c1 = (unsigned char)w[n > 1];
	if (!((t->lengths[tl_trigger_pair((unsigned char)w[0], c1)] >> n) & 1))
		return TL_W_NONE;
	/* 16-byte windows of these arrays: 0xff (0x20) in the first n bytes, 0 after */
	static const unsigned char keep_bits[32] = {
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const char lower_bits[32] = "                ";
	uint64_t q[2] = {0, 0}, mask[2];
	if (avail >= 16) {
		memcpy(q, w, 16); /* fixed size: two loads */
		memcpy(mask, keep_bits + 16 - n, 16);
		q[0] &= mask[0];
		q[1] &= mask[1];
	} else {
		memcpy(q, w, n);
	}
	/* '|' 0x20 folds letters and leaves digits as they are */
	memcpy(mask, lower_bits + 16 - n, 16);
	q[0] |= mask[0];
	q[1] |= mask[1];
	for (uint32_t h = tl_trigger_hash(q[0], q[1]); t->slots[h].q[0];
	     h = (h + 1) & (TL_TRIGGER_SLOTS - 1)) {
		const tl_trigger_slot *slot = &t->slots[h];
		if (slot->q[0] == q[0] && slot->q[1] == q[1]) {
			*start = (tl_start)slot->start;
			return slot->cls;
		}
	}
	return TL_W_NONE;
}

#endif
