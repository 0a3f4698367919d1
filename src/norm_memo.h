/*
 * norm_memo.h - a memo of tl_norm_tokenize() for the short spans a tagger meets
 * again and again ("Tuesday", "last week", "April 9"): a bounded, set-associative
 * table from a span's bytes to its tokens, owned by whoever creates it (one per
 * thread that tags: tagger.c keeps one in each tagging workspace) and freed by
 * it. The tokens of a span are a pure function of its bytes, so what the memo
 * returns is exactly what tl_norm_tokenize() gives, whatever was looked up before
 * (debug builds check every hit against a fresh tokenize); only the cost differs.
 * Not thread-safe: one memo per thread.
 */
#ifndef TL_NORM_MEMO_H
#define TL_NORM_MEMO_H

#include <stddef.h>

#include "norm_words.h"

typedef struct tl_tok_memo tl_tok_memo;

/* The memo's default number of sets (of 4 entries each, 240 bytes an entry): ~983 KB
 * in all, one per thread that tags. Measured on corpus-5 (instructions per MB of tag,
 * 42.91 without): 64 sets (61 KB) 42.99, 128 sets 42.54, 256 sets 42.04 (65% of the
 * spans found); later, from 39.57 at 256 sets: 512 sets 39.31, 1024 39.21, 2048 39.17,
 * and 1024 with 2048 fingerprints of spans seen once (norm_memo.c) 39.07. The spans
 * that repeat most are short and cheap to split, so a small memo does not pay. */
#define TL_TOK_MEMO_SETS 1024

/* A memo of sets * 4 entries (sets: a power of two, 1 or more, else rounded up to
 * one); NULL when out of memory. Free it with tl_tok_memo_free(). */
tl_tok_memo *tl_tok_memo_new(size_t sets);

void tl_tok_memo_free(tl_tok_memo *memo);

/*
 * tl_norm_tokenize(s, len, t), looked up in memo first: spans of up to 24 bytes
 * and 4 tokens are kept once seen twice (the least recently used entry of their set
 * goes); longer ones are tokenized each time. memo may be NULL (no memo).
 */
void tl_tok_memo_tokenize(tl_tok_memo *memo, const char *s, size_t len, toks *t);

/* What the memo did so far (for the tests): lookups answered from it, and entries
 * stored (each one past the memo's size evicted another). */
void tl_tok_memo_counts(const tl_tok_memo *memo, size_t *hits, size_t *stored);

#endif
