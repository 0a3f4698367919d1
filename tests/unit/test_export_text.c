/*
 * test_export_text.c - unit tests of export_text.c: the prefix that
 * cleaning leaves unchanged (printable ASCII and valid UTF-8, stopping at
 * controls, DEL and invalid bytes, also past the sixteen-byte blocks), and
 * tl_export_clean_view() giving exactly tl_export_clean()'s bytes for every
 * flag on fixed and on many pseudo-random strings mixing the bytes that
 * matter. Each test owns what it makes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export_text.h"

static void test_prefix(void **state)
{
	(void)state;
	assert_int_equal(tl_export_clean_prefix("", 0), 0);
	assert_int_equal(tl_export_clean_prefix("plain text", 10), 10);
	assert_int_equal(tl_export_clean_prefix("a\tb", 3), 1);
	assert_int_equal(tl_export_clean_prefix("ab\x7f", 3), 2);
	/* a valid two-byte and four-byte sequence, then an invalid byte */
	assert_int_equal(tl_export_clean_prefix("Bergstr\xc3\xb6m \xf0\x9f\x9a\xa2 \xff", 17), 16);
	/* a truncated sequence at the end */
	assert_int_equal(tl_export_clean_prefix("abc\xe2\x80", 5), 3);
	/* a control in the second block, and one right after a full block */
	const char *s = "0123456789abcdef0123\r56789";
	assert_int_equal(tl_export_clean_prefix(s, strlen(s)), 20);
	s = "0123456789abcdef\n";
	assert_int_equal(tl_export_clean_prefix(s, strlen(s)), 16);
	s = "0123456789abcdef0123456789abcdef";
	assert_int_equal(tl_export_clean_prefix(s, strlen(s)), 32);
}

/* view(s) must equal tl_export_clean(s) for flags; and be s itself when
 * nothing changes. */
static void check_same(const char *s, enum tl_clean_flags flags)
{
	tl_buf want = TL_BUF_INIT, scratch = TL_BUF_INIT;
	assert_int_equal(tl_export_clean(&want, s, flags), TL_OK);
	const char *text = NULL;
	size_t n = 0;
	assert_int_equal(tl_export_clean_view(s, flags, &scratch, &text, &n), TL_OK);
	assert_int_equal(n, want.len);
	assert_memory_equal(text, want.len ? want.data : "", n);
	assert_int_equal(text[n], '\0');
	if (s && n == strlen(s) && memcmp(s, text, n) == 0 && scratch.len == 0)
		assert_ptr_equal(text, s);
	tl_buf_free(&want);
	tl_buf_free(&scratch);
}

static void test_view_fixed(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"", "plain", "line one\r\nline two\rthree\nfour", "tab\there", "bell\a del\x7f",
		"overlong \xc0\xaf surrogate \xed\xa0\x80 ok \xf0\x9f\x9a\xa2",
		"a long plain sentence of more than sixteen bytes, then a CR\r\n at the end",
		"\r\n", "\xff", "caf\xc3\xa9 \xe2\x80\x94 \"quoted\" \\ back"};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (int f = 0; f < 3; f++)
			check_same(cases[i], (enum tl_clean_flags)f);
	for (int f = 0; f < 3; f++)
		check_same(NULL, (enum tl_clean_flags)f);
}

/* Strings of 0..80 pieces drawn from the bytes and sequences that matter. */
static void test_view_random(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "Z", " ", "0123456789abcdef", "\"", "\\", "\r", "\n", "\r\n", "\t", "\x01",
		"\x7f", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x9a\xa2", "\xc0", "\xff", "\xe2\x80",
		"\xed\xa0\x80", "\x80"};
	const size_t n_pieces = sizeof pieces / sizeof pieces[0];
	uint64_t x = UINT64_C(0x9e3779b97f4a7c15);
	char s[80 * 16 + 1];
	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t count = (size_t)(x % 81);
		for (size_t i = 0; i < count; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* mostly plain text, so that long unchanged prefixes occur */
			const char *p = x % 4 ? pieces[x % 4] : pieces[(x >> 8) % n_pieces];
			size_t k = strlen(p);
			memcpy(s + len, p, k);
			len += k;
		}
		s[len] = '\0';
		for (int f = 0; f < 3; f++)
			check_same(s, (enum tl_clean_flags)f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_view_fixed),
		cmocka_unit_test(test_view_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
