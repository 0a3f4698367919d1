/*
 * norm_memo.c - the memo of tl_norm_tokenize() (norm_memo.h): a span's bytes,
 * zero-padded to 24, are its key; a hash of them picks a set of 4 entries, each
 * holding a key and the span's tokens (4 at most). A span is stored the second
 * time it is seen (a small table of fingerprints remembers the first), so spans
 * met once do not push out the ones that repeat; the least recently used entry of
 * the set makes room. The memo owns one block (tl_tok_memo_new/free) and nothing
 * else; what it returns is always tl_norm_tokenize()'s answer.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "norm_memo.h"

#define KEY_BYTES 24 /* longer spans are not kept */
#define MEMO_TOKS 4  /* nor spans of more tokens */
#define WAYS 4
#define SEEN 2048 /* fingerprints of spans seen once (a power of two; see TL_TOK_MEMO_SETS) */

typedef struct entry {
	uint64_t key[KEY_BYTES / 8]; /* the span's bytes, zeros after them */
	uint64_t sig;                /* its toks.sig */
	uint64_t used;               /* the memo's clock when last used */
	unsigned char len;           /* the span's length; 0: empty */
	unsigned char n;             /* its number of tokens */
	tok v[MEMO_TOKS];
} entry;

struct tl_tok_memo {
	size_t mask; /* sets - 1 */
	uint64_t clock;
	size_t hits, stored;
	uint32_t seen[SEEN]; /* a fingerprint (odd) of the last span seen once here, 0: none */
	entry e[];           /* (mask + 1) * WAYS entries, set by set */
};

tl_tok_memo *tl_tok_memo_new(size_t sets)
{
	size_t n = 1;
	while (n < sets && n <= SIZE_MAX / 2)
		n *= 2;
	if (n > (SIZE_MAX - sizeof(tl_tok_memo)) / WAYS / sizeof(entry))
		return NULL;
	tl_tok_memo *m = calloc(1, sizeof *m + n * WAYS * sizeof(entry));
	if (!m)
		return NULL;
	m->mask = n - 1;
	return m;
}

void tl_tok_memo_free(tl_tok_memo *memo)
{
	free(memo);
}

void tl_tok_memo_counts(const tl_tok_memo *memo, size_t *hits, size_t *stored)
{
	*hits = memo ? memo->hits : 0;
	*stored = memo ? memo->stored : 0;
}

/* A hash of the key and the length: a multiply a word, folded so that the low bits,
 * which pick the set, depend on every byte. */
static inline uint64_t key_hash(const uint64_t k[KEY_BYTES / 8], size_t len)
{
	uint64_t h = k[0] * 0x9E3779B97F4A7C15ULL ^ k[1] * 0xBF58476D1CE4E5B9ULL ^
	             (k[2] ^ len) * 0x94D049BB133111EBULL;
	return h ^ h >> 29 ^ h >> 47;
}

static inline uint64_t load64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t load32(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The key of s[0..len) (1 <= len <= KEY_BYTES): its bytes, zeros after them, in a few
 * loads and no memcpy() call, reading s[0..len) only: a last, partial word is read as
 * the eight (or four) bytes that end the span, shifted (little-endian: the first byte
 * is the lowest); where two loads overlap their bytes agree, so they are or-ed. */
static inline void load_key(const char *s, size_t len, uint64_t key[KEY_BYTES / 8])
{
	if (len >= 8) {
		uint64_t last = load64(s + len - 8);
		key[0] = load64(s);
		key[1] = key[2] = 0;
		if (len > 16) {
			key[1] = load64(s + 8);
			key[2] = last >> (8 * (24 - len));
		} else if (len > 8) {
			key[1] = last >> (8 * (16 - len));
		}
		return;
	}
	key[1] = key[2] = 0;
	if (len >= 4) {
		key[0] = load32(s) | load32(s + len - 4) << (8 * (len - 4));
		return;
	}
	key[0] = (uint64_t)(unsigned char)s[0] |
	         (uint64_t)(unsigned char)s[len / 2] << (8 * (len / 2)) |
	         (uint64_t)(unsigned char)s[len - 1] << (8 * (len - 1));
}
#else
static inline void load_key(const char *s, size_t len, uint64_t key[KEY_BYTES / 8])
{
	key[0] = key[1] = key[2] = 0;
	memcpy(key, s, len);
}
#endif

#ifndef NDEBUG
/* True when a and b hold the same tokens (the bytes of a word past its NUL aside). */
static bool same_tokens(const toks *a, const toks *b)
{
	if (a->n != b->n || a->sig != b->sig)
		return false;
	for (int i = 0; i < a->n; i++) {
		const tok *x = &a->v[i], *y = &b->v[i];
		if (strcmp(x->w, y->w) != 0 || memcmp(&x->num, &y->num, sizeof x->num) != 0 ||
		    x->is_num != y->is_num || x->digits != y->digits || x->len != y->len ||
		    x->month != y->month || x->wday != y->wday || x->unit != y->unit ||
		    x->small != y->small)
			return false;
	}
	return true;
}
#endif

/* The miss of tl_tok_memo_tokenize(): tokenizes s[0..len) into t and keeps it in set
 * (key, hash h) when it was seen before and has few enough tokens. Apart, so that the
 * look-up that most spans take stays small. */
static __attribute__((noinline)) void miss(tl_tok_memo *memo, entry *set,
                                           const uint64_t key[KEY_BYTES / 8], uint64_t h,
                                           const char *s, size_t len, toks *t)
{
	tl_norm_tokenize(s, len, t);
	if (t->n > MEMO_TOKS)
		return;
	/* kept the second time it is seen: most spans met once never come back */
	uint32_t fp = (uint32_t)(h >> 32) | 1u;
	uint32_t *seen = &memo->seen[(h >> 20) & (SEEN - 1)];
	if (*seen != fp) {
		*seen = fp;
		return;
	}
	entry *victim = &set[0];
	for (int w = 1; w < WAYS; w++)
		if (set[w].used < victim->used)
			victim = &set[w];
	memcpy(victim->key, key, sizeof victim->key);
	victim->len = (unsigned char)len;
	victim->n = (unsigned char)t->n;
	victim->sig = t->sig;
	victim->used = memo->clock;
	for (int i = 0; i < t->n; i++)
		victim->v[i] = t->v[i];
	memo->stored++;
}

void tl_tok_memo_tokenize(tl_tok_memo *memo, const char *s, size_t len, toks *t)
{
	if (!memo || len == 0 || len > KEY_BYTES) {
		tl_norm_tokenize(s, len, t);
		return;
	}
	uint64_t key[KEY_BYTES / 8];
	load_key(s, len, key);
	uint64_t h = key_hash(key, len);
	entry *set = &memo->e[((size_t)h & memo->mask) * WAYS];
	memo->clock++;
	for (int w = 0; w < WAYS; w++) {
		entry *e = &set[w];
		if (e->len != len || e->key[0] != key[0] || e->key[1] != key[1] ||
		    e->key[2] != key[2])
			continue;
		e->used = memo->clock;
		for (int i = 0; i < e->n; i++)
			t->v[i] = e->v[i]; /* inline moves: no memcpy() call */
		t->n = e->n;
		t->sig = e->sig;
		memo->hits++;
#ifndef NDEBUG
		toks fresh;
		tl_norm_tokenize(s, len, &fresh);
		assert(same_tokens(t, &fresh));
#endif
		return;
	}
	miss(memo, set, key, h, s, len, t);
}
