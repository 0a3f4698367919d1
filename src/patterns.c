/*
 * patterns.c - the PCRE2 pattern of the tagging stage and the only file that
 * includes pcre2.h. The pattern (its text is in pattern_table.c) is written as
 * named fragments (month, weekday, quantity, unit, ...) in a (?(DEFINE)...)
 * block and one alternative
 * per class of temporal expression, each ending in a (*MARK:name) that tells
 * the recognizer which class matched. Alternatives are ordered so that the
 * longer, more specific readings come first (PCRE2 takes the first
 * alternative that matches); each carries the set of start-word classes it
 * can begin with. The alternatives are compiled one by one and, for each
 * class of start word, tried in order, skipping those
 * that cannot match given the first letter of the next word, or at numbers
 * the count of digits and what follows them (keys); that is the same first
 * match as the joined pattern at a fraction of the work; an alternative that
 * needs a word ("Z:", pattern_words.h) is skipped where none of its first words
 * starts with one, and the commonest shapes ("F:", pattern_fast.h) are matched
 * by hand unless that is unsure. Before compiling, every (?&name) call is
 * replaced by a copy of the fragment (pattern_expand.h), so the JIT code runs
 * no subroutine calls. The tagger owns one tl_patterns: the compiled codes
 * and their JIT code (made on each alternative's first try, under a lock) and
 * a match context with match and depth limits.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "ascii.h"
#include "buf.h"
#include "error.h"
#include "pattern_expand.h"
#include "pattern_fast.h"
#include "pattern_words.h"
#include "pattern_table.h"
#include "patterns.h"

#define MATCH_WINDOW 400
#define MAX_ALT 64  /* alternatives in the table: bits of a uint64_t set */
#define MAX_KEYS 30 /* keys of a split class, the last one for "anything else" */
#define AFTER_DIGITS_KEYS 35 /* see after_digits_key() */

/*
 * An alternative is compiled (pcre2_compile, then its JIT code) the first time it is
 * tried: a run over a few articles tries little more than half of them, a short text
 * none. Under the lock, published through ready[i]; kept out of struct tl_patterns so
 * that tries through a const pointer may fill it. tl_patterns_check() compiles them
 * all at once. Nothing else changes after tl_patterns_new().
 */
typedef struct lazy_code {
	pthread_mutex_t lock;
	tl_fragment_set fs;         /* the fragments, for the compiles to come */
	atomic_bool ready[MAX_ALT]; /* code[i] is compiled and its JIT compile has run */
	pcre2_code *code[MAX_ALT];  /* alternatives[i] compiled alone */
	bool jit[MAX_ALT];          /* with JIT code: match through pcre2_jit_match() */
	int error[MAX_ALT];         /* or the PCRE2 error of its compile or JIT compile */
	size_t offset[MAX_ALT];     /* where its compile failed */
} lazy_code;

#define LOCK_FAILED (-10000) /* a try's return when the JIT lock fails */

struct tl_patterns {
	/* The alternatives compiled alone (lazy) and, per start class and key of the text
	 * at the try (see split_keys()), the set of those to try (bit i for
	 * alternatives[i], tried from the lowest bit up); at numbers also per character
	 * after the digits (after_digits). */
	lazy_code *lazy;
	uint64_t alts[TL_START_COUNT][MAX_KEYS];
	uint64_t after_digits[AFTER_DIGITS_KEYS];
	uint64_t other_first[27]; /* "other" class: by the word's own first letter ("W:") */
	tl_needed_words need[MAX_ALT]; /* what alternatives[i] cannot match without ("Z:") */
	tl_needed_index need_index;    /* those lists by first letters, list i for need[i] */
	char fast_id[MAX_ALT];      /* its hand-written matcher ("F:"), 0 for none */
	uint64_t fast_alts[TL_START_COUNT]; /* per start class: the alternatives whose matcher
	                                     * is for it */
	uint64_t need_alts;                 /* the alternatives with a "Z:" list */
	tl_kind alt_kind[MAX_ALT];  /* the class its (*MARK) names */
	uint64_t digit_alts;      /* the alternatives of the digits class */
	pcre2_match_context *mctx;
	tl_kind mark_kind[26]; /* the class named by (*MARK:A) ... (*MARK:Z); NONE if unused */
};

struct tl_match_scratch {
	pcre2_match_data *md;
};

static int pcre2_fail(tl_error *err, int code, const char *what, size_t offset)
{
	PCRE2_UCHAR msg[256];
	if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
		strcpy((char *)msg, "unknown PCRE2 error");
	return tl_error_set(err, TL_EINTERNAL, "tagger pattern: %s failed at offset %zu: %s", what,
	                    offset, (const char *)msg);
}

/* Compiles alternatives[n] alone, its fragments inlined; 0 or a PCRE2 error code
 * (*offset: where). Its JIT code comes next, see alt_ready(). */
static int compile_alt(const tl_fragment_set *fs, unsigned n, pcre2_code **code, size_t *offset)
{
	/* Anchored at compile time: JIT does not support PCRE2_ANCHORED at match time. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_EXTENDED |
	                PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED;
	tl_buf b = TL_BUF_INIT;
	int rc = tl_buf_puts(&b, "(?:");
	if (rc == TL_OK)
		rc = tl_fragments_expand(fs, &b, tl_alternatives[n].text, strlen(tl_alternatives[n].text));
	if (rc == TL_OK)
		rc = tl_buf_putc(&b, ')');
	char *pattern = rc == TL_OK ? tl_buf_detach(&b) : NULL;
	tl_buf_free(&b);
	*offset = 0;
	if (!pattern)
		return rc == TL_OK || rc == TL_ENOMEM ? PCRE2_ERROR_NOMEMORY : PCRE2_ERROR_INTERNAL;
	PCRE2_SIZE off;
	int error;
	*code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &error, &off, NULL);
	free(pattern);
	*offset = (size_t)off;
	return *code ? 0 : error;
}

/* Compiles alternatives[n] and makes its JIT code unless done: 0, a PCRE2 error code
 * of the compile (at p->lazy->offset[n]) or JIT compile, or LOCK_FAILED. */
static int alt_ready(const tl_patterns *p, unsigned n)
{
	lazy_code *l = p->lazy;
	if (atomic_load_explicit(&l->ready[n], memory_order_acquire))
		return l->error[n];
	if (pthread_mutex_lock(&l->lock) != 0)
		return LOCK_FAILED;
	if (!atomic_load_explicit(&l->ready[n], memory_order_relaxed)) {
		int rc = compile_alt(&l->fs, n, &l->code[n], &l->offset[n]);
		if (rc == 0) {
			rc = pcre2_jit_compile(l->code[n], PCRE2_JIT_COMPLETE);
			l->jit[n] = rc == 0;
			if (rc == PCRE2_ERROR_JIT_BADOPTION)
				rc = 0;
		}
		l->error[n] = rc;
		atomic_store_explicit(&l->ready[n], true, memory_order_release);
	}
	int error = l->error[n];
	if (pthread_mutex_unlock(&l->lock) != 0)
		return LOCK_FAILED;
	return error;
}

/*
 * Split classes: instead of one joined pattern, their alternatives are tried one by
 * one, in table order (so the first that matches wins, as in the joined pattern),
 * and only those that can match given a key read from the text at the try (the
 * keys of struct alternative). The last key, for text no key describes (a '90s
 * apostrophe, "the" before a non-ASCII character), tries them all.
 */
#define KEY_DIGIT 26 /* word keys: 0-25 a letter, then a digit, no next word, '-', other */
#define KEY_NONE 27
#define KEY_HYPHEN 28

static int split_keys(tl_start cls)
{
	switch (cls) {
	case TL_START_DIGIT:
		return 5;
	default:
		return 30;
	}
}

static char class_letter(tl_start cls)
{
	static const char letter[TL_START_COUNT] = {
	    [TL_START_THE] = 'T', [TL_START_WEEKDAY] = 'K', [TL_START_MOD] = 'O', [TL_START_MONTH] = 'M',
	    [TL_START_REL] = 'R', [TL_START_DIGIT] = 'D', [TL_START_NUM] = 'N',
	    [TL_START_APPROX] = 'P', [TL_START_A] = 'A', [TL_START_OTHER] = 'X'};
	return (unsigned)cls < TL_START_COUNT ? letter[cls] : 0;
}

/* The key of one character of an alternative's list for class cls. */
static int key_of_char(tl_start cls, unsigned char c)
{
	if (cls == TL_START_DIGIT)
		return c >= '1' && c <= '4' ? c - '1' : 4;
	if (c >= '0' && c <= '9')
		return KEY_DIGIT;
	if (c == '.')
		return KEY_NONE;
	if (c == '-')
		return KEY_HYPHEN;
	c |= 0x20;
	return c >= 'a' && c <= 'z' ? c - 'a' : split_keys(cls) - 1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The key of the text at pos for a try of split class cls (text ends at stop); run_end:
 * the end of the run of ASCII letters and digits at pos, 0 when not known. */
static int key_at(tl_start cls, const char *t, size_t stop, size_t pos, size_t run_end)
{
	int other = split_keys(cls) - 1;
	size_t i = pos;
	if (cls == TL_START_DIGIT) {
		while (i < stop && i - pos < 5 && t[i] >= '0' && t[i] <= '9')
			i++;
		size_t n = i - pos;
		return n == 0 ? other : n == 1 ? 0 : n == 2 ? 1 : n == 4 ? 3 : 2;
	}
	/* the word itself ("the", a weekday, "Q1"...): its run of ASCII letters and digits */
	if (cls == TL_START_THE &&
	    (stop - pos < 3 || (t[pos] | 0x20) != 't' || (t[pos + 1] | 0x20) != 'h' ||
	     (t[pos + 2] | 0x20) != 'e'))
		return other;
	if (run_end > pos)
		i = run_end < stop ? run_end : stop;
	else
		while (i < stop && (((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z') ||
		                    (t[i] >= '0' && t[i] <= '9')))
			i++;
	if (i == pos)
		return other;
	if (i == stop)
		return KEY_NONE;
	unsigned char c = (unsigned char)t[i];
	if (!is_blank((char)c)) {
		/* no next word, unless \s (Unicode white space) might still find one */
		bool space = c == '\v' || c == '\f' || c == '\r' || c >= 0x80;
		return space ? other : c == '-' ? KEY_HYPHEN : KEY_NONE;
	}
	/* one space before a byte that is no blank, the common case, without the loop */
	if (c == ' ' && i + 2 <= stop && (unsigned char)t[i + 1] > ' ')
		i++;
	else
		while (i < stop && is_blank(t[i]))
			i++;
	if (i == stop || t[i] == '.')
		return other;
	return key_of_char(cls, (unsigned char)t[i]);
}

/* The list after "letter:" in an alternative's keys ("T:... D:..."), NULL for none;
 * its length in *n. */
static const char *keys_of(const char *keys, char letter, size_t *n)
{
	for (const char *k = keys; k && *k; k++) {
		if (k[0] == letter && k[1] == ':' && (k == keys || k[-1] == ' ')) {
			*n = strcspn(k + 2, " ");
			return k + 2;
		}
	}
	*n = 0;
	return NULL;
}

/*
 * At a number, the character right after its digits is a second key: a letter
 * (0-25, folded), blank (26), '-', ':', '/', ',', '.', '\'' (27-32), any other ASCII
 * character or the end (33), and the last key for a non-ASCII character or \v\f\r
 * (\s might match there). In keys "E:" lists them: the letter itself, '_' for a
 * blank, the punctuation itself and '~' for any other.
 */
static int after_digits_key(unsigned char c, bool end)
{
	static const char punct[] = "-:/,.'";
	if (end)
		return 33;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return (c | 0x20) - 'a';
	if (c == ' ' || c == '\t' || c == '\n')
		return 26;
	const char *q = c ? strchr(punct, c) : NULL;
	if (q)
		return 27 + (int)(q - punct);
	return c >= 0x80 || c == '\v' || c == '\f' || c == '\r' ? AFTER_DIGITS_KEYS - 1 : 33;
}

/* Adds alternatives[i] (of the digits class) to after_digits under its "E:" keys. */
static void after_digits_allow(tl_patterns *p, const tl_alternative *a, size_t i)
{
	size_t n;
	const char *keys = keys_of(a->keys, 'E', &n);
	for (int k = 0; k < AFTER_DIGITS_KEYS; k++) {
		bool allowed = !keys || k == AFTER_DIGITS_KEYS - 1;
		for (size_t c = 0; c < n && !allowed; c++)
			allowed = keys[c] == '_'   ? k == 26
			          : keys[c] == '~' ? k == 33
			                           : after_digits_key((unsigned char)keys[c], false) == k;
		if (allowed)
			p->after_digits[k] |= UINT64_C(1) << i;
	}
}

/* Adds alternatives[i] (of the "other" class) to other_first under its "W:" letters
 * (all of them without a list; the last entry, for a word that does not start with
 * an ASCII letter, has them all). */
static void other_first_allow(tl_patterns *p, const tl_alternative *a, size_t i)
{
	size_t n;
	const char *keys = keys_of(a->keys, 'W', &n);
	for (int k = 0; k < 27; k++) {
		bool allowed = !keys || k == 26;
		for (size_t c = 0; c < n && !allowed; c++)
			allowed = keys[c] - 'a' == k;
		if (allowed)
			p->other_first[k] |= UINT64_C(1) << i;
	}
}

/* Lists, for each key of class cls, the alternatives whose key list allows it (all of
 * them under the last key and without a list). */
static int compile_split(tl_patterns *p, tl_start cls)
{
	int nkeys = split_keys(cls);
	for (size_t i = 0; i < tl_alternative_count; i++) {
		const tl_alternative *a = &tl_alternatives[i];
		if (!(a->mask & (1u << cls)))
			continue;
		size_t n;
		const char *keys = keys_of(a->keys, class_letter(cls), &n);
		bool allowed[MAX_KEYS] = {false};
		allowed[nkeys - 1] = true;
		for (size_t c = 0; c < n; c++)
			allowed[key_of_char(cls, (unsigned char)keys[c])] = true;
		for (int k = 0; k < nkeys; k++)
			if (allowed[k] || !keys)
				p->alts[cls][k] |= UINT64_C(1) << i;
		if (cls == TL_START_DIGIT) {
			after_digits_allow(p, a, i);
			p->digit_alts |= UINT64_C(1) << i;
		}
		if (cls == TL_START_OTHER)
			other_first_allow(p, a, i);
	}
	return TL_OK;
}

/* Reads the "Z:" list and the "F:" matcher of alternatives[i] into p; false when
 * one is malformed. */
static bool need_parse(tl_patterns *p, size_t i)
{
	size_t n;
	const char *list = keys_of(tl_alternatives[i].keys, 'Z', &n);
	if (list && !tl_needed_words_parse(&p->need[i], list, n))
		return false;
	if (list) {
		tl_needed_index_add(&p->need_index, &p->need[i], (unsigned)i);
		p->need_alts |= UINT64_C(1) << i;
	}
	const char *fast = keys_of(tl_alternatives[i].keys, 'F', &n);
	if (fast) {
		if (n < 2)
			return false;
		for (size_t k = 0; k + 1 < n; k++) {
			int cls = 0;
			while (cls < TL_START_COUNT && class_letter((tl_start)cls) != fast[k])
				cls++;
			if (cls == TL_START_COUNT || !(tl_alternatives[i].mask & (1u << cls)))
				return false;
			p->fast_alts[cls] |= UINT64_C(1) << i;
		}
		p->fast_id[i] = fast[n - 1];
	}
	return true;
}

tl_patterns *tl_patterns_new(tl_error *err)
{
	tl_patterns *p = calloc(1, sizeof *p);
	if (!p) {
		tl_error_nomem(err);
		return NULL;
	}
	size_t n_alt = tl_alternative_count;
	if (n_alt > MAX_ALT) {
		tl_error_set(err, TL_EINTERNAL,
		             "tagger pattern: more than 64 alternatives; the sets of split "
		             "classes (uint64_t) must grow first");
		return NULL;
	}
	p->lazy = calloc(1, sizeof *p->lazy);
	if (!p->lazy) {
		tl_error_nomem(err);
		goto fail;
	}
	if (pthread_mutex_init(&p->lazy->lock, NULL) != 0) {
		free(p->lazy);
		p->lazy = NULL;
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: cannot create the JIT lock");
		goto fail;
	}
	for (size_t i = 0; i < MAX_ALT; i++)
		atomic_init(&p->lazy->ready[i], false);
	if (!tl_fragments_parse(&p->lazy->fs, tl_pattern_fragments, tl_pattern_fragment_count)) {
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: malformed DEFINE block");
		goto fail;
	}
	for (size_t i = 0; i < n_alt; i++) {
		if (!need_parse(p, i)) {
			tl_error_set(err, TL_EINTERNAL,
			             "tagger pattern: alternative %zu has a malformed Z: or F: key", i);
			goto fail;
		}
	}
	for (int cls = 0; cls < TL_START_COUNT; cls++)
		if (compile_split(p, (tl_start)cls) != TL_OK)
			goto fail;
	for (size_t i = 0; i < tl_mark_kind_count; i++)
		p->mark_kind[tl_mark_kinds[i].mark[0] - 'A'] = tl_mark_kinds[i].kind;
	for (size_t i = 0; i < n_alt; i++) {
		const char *mark = strstr(tl_alternatives[i].text, "(*MARK:");
		p->alt_kind[i] = mark ? p->mark_kind[(mark[7] - 'A') & 31] : TL_KIND_NONE;
	}
	p->mctx = pcre2_match_context_create(NULL);
	if (!p->mctx) {
		tl_error_nomem(err);
		goto fail;
	}
	if (pcre2_set_match_limit(p->mctx, 200000) != 0 ||
	    pcre2_set_depth_limit(p->mctx, 2000) != 0) {
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: cannot set match limits");
		goto fail;
	}
	return p;
fail:
	tl_patterns_free(p);
	return NULL;
}

int tl_patterns_check(const tl_patterns *p, tl_error *err)
{
	for (unsigned n = 0; n < tl_alternative_count; n++) {
		int rc = alt_ready(p, n);
		if (rc == LOCK_FAILED)
			return tl_error_set(err, TL_EINTERNAL,
			                    "tagger pattern: cannot lock the JIT compile");
		if (rc < 0 && !p->lazy->code[n])
			return tl_error_set(err, TL_EINTERNAL,
			                    "tagger pattern: alternative %u does not compile at "
			                    "offset %zu (PCRE2 error %d)",
			                    n, p->lazy->offset[n], rc);
		if (rc < 0)
			return pcre2_fail(err, rc, "JIT compile", 0);
	}
	return TL_OK;
}

bool tl_patterns_fragment(const tl_patterns *p, const char *name, const char **body, size_t *len)
{
	const tl_fragment_set *fs = &p->lazy->fs;
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->f[i].name_len == strlen(name) &&
		    memcmp(fs->f[i].name, name, fs->f[i].name_len) == 0) {
			*body = fs->f[i].body;
			*len = fs->f[i].body_len;
			return true;
		}
	}
	return false;
}

void tl_patterns_free(tl_patterns *p)
{
	if (!p)
		return;
	pcre2_match_context_free(p->mctx);
	if (p->lazy) {
		for (int i = 0; i < MAX_ALT; i++)
			pcre2_code_free(p->lazy->code[i]);
		tl_fragments_free(&p->lazy->fs);
		pthread_mutex_destroy(&p->lazy->lock);
		free(p->lazy);
	}
	free(p);
}

tl_match_scratch *tl_patterns_scratch_new(const tl_patterns *p, tl_error *err)
{
	/* no pattern captures: one pair of offsets, for the whole match */
	(void)p;
	tl_match_scratch *s = calloc(1, sizeof *s);
	if (s)
		s->md = pcre2_match_data_create(1, NULL);
	if (!s || !s->md) {
		free(s);
		tl_error_nomem(err);
		return NULL;
	}
	return s;
}

void tl_patterns_scratch_free(tl_match_scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	free(s);
}

/* One anchored try of code at pos: 1 on a match, 0 on none, or a PCRE2 error code. */
static int try_code(const tl_patterns *p, tl_match_scratch *s, const pcre2_code *code, bool jit,
                    const char *text, size_t stop, size_t pos)
{
	/* pcre2_jit_match() is pcre2_match() without the argument checks, which hold here */
	int rc = jit ? pcre2_jit_match(code, (PCRE2_SPTR)text, stop, pos, 0, s->md, p->mctx)
	             : pcre2_match(code, (PCRE2_SPTR)text, stop, pos, 0, s->md, p->mctx);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

/* The alternatives of the digits class that fit the number at pos (a run of ASCII
 * digits) by its count of digits (its key, as key_at() reads it) and what follows
 * them. */
static uint64_t number_fits(const tl_patterns *p, const char *text, size_t stop, size_t pos)
{
	size_t e = pos;
	while (e < stop && text[e] >= '0' && text[e] <= '9')
		e++;
	/* key_at() of the digits class, from the count of digits read here */
	size_t n = e - pos;
	int key = n == 0 ? split_keys(TL_START_DIGIT) - 1 : n == 1 ? 0 : n == 2 ? 1 : n == 4 ? 3 : 2;
	return p->alts[TL_START_DIGIT][key] &
	       p->after_digits[after_digits_key((unsigned char)text[e < stop ? e : pos],
	                                        e == stop)];
}

/* A split class: the alternatives in the set for the key of the text at pos (and, at a
 * number, for the character after its digits), in table order. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Inlined into its one caller: one call and one save of registers per try, not two. */
static ALWAYS_INLINE int try_split(const tl_patterns *p, tl_match_scratch *s, tl_start cls,
                                   const char *text, size_t stop, size_t pos, size_t run_end,
                                   size_t *end, tl_kind *kind)
{
	uint64_t set;
	if (cls == TL_START_DIGIT && text[pos] >= '0' && text[pos] <= '9') {
		set = number_fits(p, text, stop, pos); /* the key of the number too */
	} else {
		int key = key_at(cls, text, stop, pos, run_end);
		set = p->alts[cls][key];
		if (cls == TL_START_THE && key == KEY_DIGIT) {
			/* "the 1990s": the alternatives that read the number as they would
			 * at the number itself go by its digits too (D:, E:); the others
			 * (not in the digits class) stay */
			size_t q = pos + 3;
			while (q < stop && is_blank(text[q]))
				q++;
			set &= number_fits(p, text, stop, q) | ~p->digit_alts;
		} else if (cls == TL_START_OTHER) {
			unsigned char c = (unsigned char)(text[pos] | 0x20);
			set &= p->other_first[c >= 'a' && c <= 'z' ? c - 'a' : 26];
		}
	}
	tl_word_starts words; /* the words after pos, read when an alternative needs them */
	tl_word_starts_init(&words, pos, &p->need_index);
	tl_fast_memo memo; /* what the hand matchers read at pos */
	tl_fast_memo_init(&memo);
	uint64_t fast = p->fast_alts[cls];
	while (set) {
		unsigned n = tl_ctz64(set);
		uint64_t bit = set & -set;
		set &= set - 1;
		/* the words read so far may rule it out at once, before its hand matcher runs */
		bool needs = (p->need_alts & bit) != 0;
		if (needs && tl_needed_words_ruled_out(&p->need[n], n, &words))
			continue;
		if (fast & bit) {
			int f = tl_fast_match(p->fast_id[n], text, stop, pos, end, &memo);
			if (f == TL_FAST_MATCH) {
				*kind = p->alt_kind[n];
				return 1;
			}
			if (f == TL_FAST_NONE)
				continue;
		}
		/* not ruled out above, and the hand matcher reads no words: read on */
		if (needs && !tl_needed_words_scan(&p->need[n], n, &words, text, stop))
			continue;
		int rc = alt_ready(p, n);
		if (rc != 0)
			return rc;
		rc = try_code(p, s, p->lazy->code[n], p->lazy->jit[n], text, stop, pos);
		if (rc > 0) {
			*end = pcre2_get_ovector_pointer(s->md)[1];
			*kind = TL_KIND_NONE;
			PCRE2_SPTR mark = pcre2_get_mark(s->md);
			/* every mark is one capital letter: look it up by that letter */
			if (mark && mark[0] >= 'A' && mark[0] <= 'Z' && mark[1] == 0)
				*kind = p->mark_kind[mark[0] - 'A'];
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

int tl_patterns_match_at(const tl_patterns *p, tl_match_scratch *s, tl_start cls, const char *text,
                         size_t len, size_t pos, size_t run_end, size_t *end, tl_kind *kind,
                         tl_error *err)
{
	/* No expression is longer than a few words: a window keeps each call (and any
	 * UTF check of the subject) short however long the text is. */
	size_t stop = len - pos > MATCH_WINDOW ? pos + MATCH_WINDOW : len;
	if ((unsigned)cls >= TL_START_COUNT)
		cls = TL_START_OTHER;
	int rc = try_split(p, s, cls, text, stop, pos, run_end, end, kind);
	if (rc == 0 || rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
		return 0; /* a pathological spot is skipped, not fatal */
	if (rc == LOCK_FAILED)
		return tl_error_set(err, TL_EINTERNAL, "tagger pattern: cannot lock the JIT compile");
	if (rc < 0)
		return pcre2_fail(err, rc, "compile or match", pos);
	return *end > pos && *kind != TL_KIND_NONE ? 1 : 0;
}
