/*
 * extract_cases.h - helpers shared by the extraction unit tests
 * (test_extract.c, test_extract_features.c): a timex made from a value, its
 * place in a test sentence, and the mention tl_extract_sentence() makes of
 * it against the tests' article date (2025-06-11). Include after cmocka.h
 * and extract.h; everything here is static, one copy per test program.
 */
#ifndef TL_TEST_EXTRACT_CASES_H
#define TL_TEST_EXTRACT_CASES_H

static const tl_date dct = {2025, 6, 11};

static inline tl_timex make_timex(tl_timex_type type, const char *value, tl_grain grain)
{
	tl_timex t;
	memset(&t, 0, sizeof t);
	t.type = type;
	t.grain = grain;
	strncpy(t.value, value, sizeof t.value - 1);
	return t;
}

/* Places the timex whose text is `what` in sentence s (first occurrence). */
static inline tl_sentence_timex place(const char *s, const char *what, const tl_timex *t)
{
	const char *p = strstr(s, what);
	assert_non_null(p);
	tl_sentence_timex st = {(size_t)(p - s), (size_t)(p - s) + strlen(what), t};
	return st;
}

/* The mention of the one timex `what` in s (the caller frees its fields). */
static inline tl_mention mention_of(const char *s, const char *what, tl_timex *t)
{
	tl_sentence_timex st = place(s, what, t);
	tl_mention m;
	assert_int_equal(tl_extract_sentence(s, strlen(s), &st, 1, 0, dct, &m), TL_OK);
	return m;
}

/* Whether s holds the string x. */
static inline bool has(const tl_strings *s, const char *x)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i], x) == 0)
			return true;
	return false;
}

/* Asserts that a and b hold the same strings in the same order. */
static inline void same_strings(const tl_strings *a, const tl_strings *b)
{
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++)
		assert_string_equal(a->items[i], b->items[i]);
}

#endif
