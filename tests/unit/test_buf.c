/* test_buf.c - unit tests for the growable buffer (buf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void append_grows_and_terminates(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(tl_buf_puts(&b, "ab"), TL_OK);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[2000], '\0');
	assert_memory_equal(b.data + 1998, "ab", 2);
	tl_buf_free(&b);
	assert_null(b.data);
}

/* Single bytes through putc() and append() across every capacity boundary, and an empty
 * append on an empty buffer: always terminated, nothing lost. */
static void byte_appends_cross_every_boundary(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	assert_int_equal(tl_buf_append(&b, "", 0), TL_OK);
	assert_non_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.data[0], '\0');
	for (size_t i = 0; i < 5000; i++) {
		char c = (char)('a' + i % 26);
		assert_int_equal(i % 2 ? tl_buf_putc(&b, c) : tl_buf_append(&b, &c, 1), TL_OK);
		assert_true(b.cap > b.len);
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_int_equal(b.len, 5000);
	for (size_t i = 0; i < 5000; i++)
		assert_int_equal(b.data[i], (char)('a' + i % 26));
	tl_buf_free(&b);
}

static void printf_appends(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	assert_int_equal(tl_buf_printf(&b, "%d-%s", 42, "x"), TL_OK);
	assert_int_equal(tl_buf_printf(&b, "|%05d", 7), TL_OK);
	assert_string_equal(b.data, "42-x|00007");
	tl_buf_free(&b);
}

static void json_escape_handles_controls_and_quotes(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	const char in[] = "a\"b\\c\nd\x01";
	assert_int_equal(tl_buf_json_escape(&b, in, sizeof in - 1), TL_OK);
	assert_string_equal(b.data, "a\\\"b\\\\c\\nd\\u0001");
	tl_buf_free(&b);
}

static void json_escape_replaces_invalid_utf8(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	/* valid 2-, 3- and 4-byte sequences pass; a lone continuation byte, a
	 * truncated sequence, an overlong '/' and a UTF-16 surrogate do not */
	const char in[] = "\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80|\x80|\xe2\x80|\xc0\xaf|\xed\xa0\x80";
	assert_int_equal(tl_buf_json_escape(&b, in, sizeof in - 1), TL_OK);
	assert_string_equal(b.data, "\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80|\\ufffd|\\ufffd\\ufffd|"
				    "\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd");
	tl_buf_free(&b);
}

/* The escaping rules one byte at a time, as the reference for the run-copying
 * tl_buf_json_escape(). */
static void escape_slowly(tl_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc = TL_OK;
		if (c >= 0x80) {
			size_t len = tl_utf8_sequence((const unsigned char *)s + i, n - i);
			rc = len ? tl_buf_append(b, s + i, len) : tl_buf_puts(b, "\\ufffd");
			i += len ? len - 1 : 0;
		} else if (c == '"' || c == '\\') {
			rc = tl_buf_printf(b, "\\%c", c);
		} else if (c == '\n' || c == '\r' || c == '\t') {
			rc = tl_buf_printf(b, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
		} else if (c < 0x20 || c == 0x7f) {
			rc = tl_buf_printf(b, "\\u%04x", c);
		} else {
			rc = tl_buf_putc(b, (char)c);
		}
		assert_int_equal(rc, TL_OK);
	}
}

static void json_escape_matches_the_byte_by_byte_rules(void **state)
{
	(void)state;
	static const char pieces[] = "ab \"\\\n\r\t\x01\x1f\x7f\x80\xc3\xa9\xe2\x80\x9c\xf0\x9f\x98\x80\xff";
	char in[64];
	uint32_t seed = 99;
	for (int round = 0; round < 5000; round++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = seed >> 16 & 63;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			in[i] = r % 3 ? (char)('a' + r % 26) : pieces[r / 3 % (sizeof pieces - 1)];
		}
		tl_buf fast = TL_BUF_INIT, slow = TL_BUF_INIT;
		assert_int_equal(tl_buf_puts(&fast, "<"), TL_OK);
		assert_int_equal(tl_buf_puts(&slow, "<"), TL_OK);
		assert_int_equal(tl_buf_json_escape(&fast, in, n), TL_OK);
		escape_slowly(&slow, in, n);
		assert_int_equal(fast.len, slow.len);
		assert_string_equal(fast.data, slow.data);
		tl_buf_free(&fast);
		tl_buf_free(&slow);
	}
}

static void utf8_sequence_lengths(void **state)
{
	(void)state;
	assert_int_equal(tl_utf8_sequence((const unsigned char *)"a", 1), 1);
	assert_int_equal(tl_utf8_sequence((const unsigned char *)"\xc3\xa9", 2), 2);
	assert_int_equal(tl_utf8_sequence((const unsigned char *)"\xc3\xa9", 1), 0);
	assert_int_equal(tl_utf8_sequence((const unsigned char *)"\xf4\x8f\xbf\xbf", 4), 4);
	assert_int_equal(tl_utf8_sequence((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(tl_utf8_sequence((const unsigned char *)"\xe0\x80\xaf", 3), 0);
}

static void detach_transfers_ownership(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	char *empty = tl_buf_detach(&b);
	assert_non_null(empty);
	assert_string_equal(empty, "");
	free(empty);
	assert_int_equal(tl_buf_puts(&b, "kept"), TL_OK);
	char *s = tl_buf_detach(&b);
	assert_null(b.data);
	assert_string_equal(s, "kept");
	free(s);
}

/* tl_array_grow: first size, doubling, no move while there is room, and a
 * refusal that leaves the array and its capacity as they were. */
/* tl_buf_grow() makes room for extra bytes and a NUL: nothing moves while they
 * fit (the inline case), the buffer grows when one more byte would not, and
 * a size past SIZE_MAX is refused with the buffer unchanged. */
static void grow_makes_room_only_when_needed(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	assert_int_equal(tl_buf_grow(&b, 0), TL_OK);
	assert_non_null(b.data);
	assert_true(b.cap >= 1);
	assert_int_equal(tl_buf_puts(&b, "abc"), TL_OK);
	size_t fit = b.cap - b.len - 1; /* the most that fits with its NUL */
	char *data = b.data;
	size_t cap = b.cap;
	assert_int_equal(tl_buf_grow(&b, fit), TL_OK);
	assert_ptr_equal(b.data, data);
	assert_int_equal(b.cap, cap);
	assert_int_equal(tl_buf_grow(&b, fit + 1), TL_OK);
	assert_true(b.cap >= b.len + fit + 2);
	assert_string_equal(b.data, "abc");
	cap = b.cap;
	assert_int_equal(tl_buf_grow(&b, SIZE_MAX - 1), TL_ENOMEM);
	assert_int_equal(b.cap, cap);
	assert_int_equal(b.len, 3);
	tl_buf_free(&b);
}

static void array_grow_doubles_and_refuses_overflow(void **state)
{
	(void)state;
	size_t cap = 0, n = 0;
	int *v = tl_array_grow(NULL, &cap, n, 3, sizeof *v);
	assert_non_null(v);
	assert_int_equal(cap, 3);
	for (; n < 3; n++)
		v[n] = (int)n;
	assert_ptr_equal(tl_array_grow(v, &cap, 2, 3, sizeof *v), v); /* room left */
	assert_int_equal(cap, 3);
	int *w = tl_array_grow(v, &cap, n, 3, sizeof *w);
	assert_non_null(w);
	assert_int_equal(cap, 6);
	assert_int_equal(w[0] + w[1] + w[2], 3); /* kept */
	size_t huge = SIZE_MAX / 2 + 1;
	size_t big_cap = huge;
	assert_null(tl_array_grow(w, &big_cap, huge, 3, sizeof *w));
	assert_int_equal(big_cap, huge);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append_grows_and_terminates),
		cmocka_unit_test(byte_appends_cross_every_boundary),
		cmocka_unit_test(printf_appends),
		cmocka_unit_test(json_escape_handles_controls_and_quotes),
		cmocka_unit_test(json_escape_replaces_invalid_utf8),
		cmocka_unit_test(json_escape_matches_the_byte_by_byte_rules),
		cmocka_unit_test(utf8_sequence_lengths),
		cmocka_unit_test(detach_transfers_ownership),
		cmocka_unit_test(array_grow_doubles_and_refuses_overflow),
		cmocka_unit_test(grow_makes_room_only_when_needed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
