/*
 * test_text.c - unit tests for the input cleaner (text.c): offsets back to
 * the original bytes through BOM, CRLF and folded characters, hyphen joins,
 * typography folding, NUL and invalid UTF-8 warnings, cruft blanking and
 * sentence splitting. Each test owns the tl_text it fills and frees it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static void clean_ok(const char *raw, size_t len, size_t base, tl_text *t)
{
	tl_error err = {0};
	assert_int_equal(tl_text_clean(raw, len, base, "t.txt", t, &err), TL_OK);
	assert_non_null(t->clean);
	assert_int_equal(strlen(t->clean), t->len);
}

/* The span of needle in the clean text, mapped back, must cover exactly want in the file
 * whose bytes from base on are raw. */
static void assert_maps(const tl_text *t, const char *raw, size_t base, const char *needle,
			const char *want)
{
	const char *hit = strstr(t->clean, needle);
	assert_non_null(hit);
	size_t s = (size_t)(hit - t->clean), e = s + strlen(needle);
	size_t os = tl_text_orig_start(t, s), oe = tl_text_orig_end(t, e);
	assert_true(os >= base && oe >= os);
	assert_int_equal(oe - os, strlen(want));
	assert_memory_equal(raw + (os - base), want, strlen(want));
}

static void bom_crlf_offsets_round_trip(void **state)
{
	(void)state;
	const char raw[] = "\xef\xbb\xbf" "Talks began on June 11, 2025.\r\n"
			   "They ended on \xe2\x80\x9cTuesday\xe2\x80\x9d, April 9.\r\n\r\n"
			   "Old\rMac 10 a.m.\r";
	tl_text t;
	size_t base = 200;
	clean_ok(raw, sizeof raw - 1, base, &t);
	assert_string_equal(t.clean, "Talks began on June 11, 2025.\nThey ended on \"Tuesday\", "
				     "April 9.\n\nOld\nMac 10 a.m.\n");
	assert_maps(&t, raw, base, "June 11, 2025", "June 11, 2025");
	assert_maps(&t, raw, base, "2025.", "2025.");
	assert_maps(&t, raw, base, "\"Tuesday\"", "\xe2\x80\x9cTuesday\xe2\x80\x9d");
	assert_maps(&t, raw, base, "Tuesday\"", "Tuesday\xe2\x80\x9d");
	assert_maps(&t, raw, base, "April 9.\n", "April 9.\r\n");
	assert_maps(&t, raw, base, "Old\nMac", "Old\rMac");
	assert_maps(&t, raw, base, "10 a.m.", "10 a.m.");
	assert_int_equal(tl_text_orig_start(&t, 0), base + 3);
	assert_int_equal(tl_text_orig_start(&t, t.len), base + sizeof raw - 1);
	assert_int_equal(tl_text_orig_end(&t, t.len), base + sizeof raw - 1);
	assert_null(t.warnings);
	tl_text_free(&t);
}

/* What the cleaner does to the bytes of the CRLF sample, written the slow and obvious way:
 * BOM and CRs go, lone CRs become '\n', curly quotes, dashes and NBSP fold. */
static size_t reference_fold(const char *raw, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		const char *p = raw + i;
		if (n - i >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
			i += 3;
		} else if (p[0] == '\r') {
			if (!(i + 1 < n && p[1] == '\n'))
				out[o++] = '\n';
			i++;
		} else if (n - i >= 3 && memcmp(p, "\xe2\x80", 2) == 0 &&
			   (p[2] == '\x9c' || p[2] == '\x9d')) {
			out[o++] = '"', i += 3;
		} else if (n - i >= 3 && memcmp(p, "\xe2\x80", 2) == 0 &&
			   (p[2] == '\x98' || p[2] == '\x99')) {
			out[o++] = '\'', i += 3;
		} else if (n - i >= 3 && memcmp(p, "\xe2\x80", 2) == 0 &&
			   (p[2] == '\x93' || p[2] == '\x94')) {
			out[o++] = '-', i += 3;
		} else if (n - i >= 2 && memcmp(p, "\xc2\xa0", 2) == 0) {
			out[o++] = ' ', i += 2;
		} else {
			out[o++] = *p, i++;
		}
	}
	return o;
}

/* On a real CRLF + BOM + curly-quote article, every word and every sentence of the clean
 * text maps back to original bytes that clean to exactly that word or sentence. */
static void crlf_sample_spans_round_trip(void **state)
{
	(void)state;
	FILE *f = fopen(TL_SOURCE_ROOT "/samples/2025-05-12-geneva-reset-crlf.txt", "rb");
	if (!f)
		skip();
	static char raw[1 << 16], folded[1 << 16];
	size_t n = fread(raw, 1, sizeof raw, f);
	assert_int_equal(fclose(f), 0);
	assert_true(n > 0 && n < sizeof raw);
	assert_non_null(memchr(raw, '\r', n));
	tl_text t;
	clean_ok(raw, n, 0, &t);
	size_t checked = 0;
	for (size_t i = 0; i < t.len;) {
		while (i < t.len && (t.clean[i] == ' ' || t.clean[i] == '\n'))
			i++;
		size_t e = i;
		while (e < t.len && t.clean[e] != ' ' && t.clean[e] != '\n')
			e++;
		if (e == i)
			break;
		size_t os = tl_text_orig_start(&t, i), oe = tl_text_orig_end(&t, e);
		size_t m = reference_fold(raw + os, oe - os, folded);
		assert_int_equal(m, e - i);
		assert_memory_equal(folded, t.clean + i, m);
		checked++;
		i = e;
	}
	assert_true(checked > 200);
	for (size_t k = 0; k < t.n_sentences; k++) {
		tl_span sp = t.sentences[k];
		size_t os = tl_text_orig_start(&t, sp.start), oe = tl_text_orig_end(&t, sp.end);
		size_t m = reference_fold(raw + os, oe - os, folded);
		assert_int_equal(m, sp.end - sp.start);
		assert_memory_equal(folded, t.clean + sp.start, m);
	}
	tl_text_free(&t);
}

static void offset_map_is_compact(void **state)
{
	(void)state;
	const char plain[] = "Plain text.\nTwo lines, \t tab.\n";
	tl_text t;
	clean_ok(plain, sizeof plain - 1, 5, &t);
	assert_int_equal(t.n_runs, 1);
	assert_int_equal(tl_text_orig_end(&t, t.len), 5 + sizeof plain - 1);
	tl_text_free(&t);
	const char crlf[] = "a\r\nb\r\nc\r\n";
	clean_ok(crlf, sizeof crlf - 1, 0, &t);
	assert_string_equal(t.clean, "a\nb\nc\n");
	assert_int_equal(t.n_runs, 4); /* each CR shifts what follows */
	for (size_t i = 0; i < t.len; i++)
		assert_int_equal(crlf[tl_text_orig_start(&t, i)], t.clean[i]);
	tl_text_free(&t);
	const char quotes[] = "\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9cx";
	clean_ok(quotes, sizeof quotes - 1, 0, &t);
	assert_string_equal(t.clean, "\"\"\"x");
	assert_int_equal(t.n_runs, 2); /* three 3-byte quotes, then plain text */
	assert_int_equal(tl_text_orig_start(&t, 2), 6);
	assert_int_equal(tl_text_orig_end(&t, 3), 9);
	assert_int_equal(tl_text_orig_end(&t, 4), 10);
	tl_text_free(&t);
}

static void hyphenation_joins_and_keeps(void **state)
{
	(void)state;
	const char raw[] =
	    "officials declined to dis-\nclose what they had. The soy-\r\n"
	    "beans and rare-\nearth magnets, Sino-\nAmerican ties, a 90-\nday truce,\n"
	    "e-\nmail and so-called half-\nway. Farm products --\na blow -\nhere, "
	    "a dash\xe2\x80\x94\nnot a hyphen.\n";
	tl_text t;
	clean_ok(raw, sizeof raw - 1, 0, &t);
	assert_string_equal(t.clean, "officials declined to disclose what they had. The soybeans "
				     "and rare-earth magnets, Sino-American ties, a 90-day truce,\n"
				     "e-mail and so-called half-way. Farm products --\na blow -\n"
				     "here, a dash-\nnot a hyphen.\n");
	assert_maps(&t, raw, 0, "disclose", "dis-\nclose");
	assert_maps(&t, raw, 0, "soybeans", "soy-\r\nbeans");
	assert_maps(&t, raw, 0, "rare-earth", "rare-\nearth");
	assert_maps(&t, raw, 0, "dis", "dis");
	assert_maps(&t, raw, 0, "90-day", "90-\nday");
	tl_text_free(&t);
}

static void typography_folds_to_ascii(void **state)
{
	(void)state;
	const char raw[] = "\xe2\x80\x98x\xe2\x80\x99 a\xe2\x80\x94" "b c\xe2\x80\x93" "d e--f "
			   "g\xc2\xa0h caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d z\xc2\xad" "w";
	tl_text t;
	clean_ok(raw, sizeof raw - 1, 0, &t);
	assert_string_equal(t.clean, "'x' a-b c-d e--f g h caf\xc3\xa9 \"q\" zw");
	assert_maps(&t, raw, 0, "'x'", "\xe2\x80\x98x\xe2\x80\x99");
	assert_maps(&t, raw, 0, "a-b", "a\xe2\x80\x94" "b");
	assert_maps(&t, raw, 0, "g h", "g\xc2\xa0h");
	assert_maps(&t, raw, 0, "caf\xc3\xa9", "caf\xc3\xa9");
	assert_maps(&t, raw, 0, "zw", "z\xc2\xad" "w");
	tl_text_free(&t);
}

static size_t count_lines(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void nul_and_invalid_utf8_warn_once(void **state)
{
	(void)state;
	const char raw[] = "ab\0c\xff\xfe d \xe2\x80 e\xc0\xaf\0";
	tl_text t;
	clean_ok(raw, sizeof raw - 1, 10, &t);
	assert_int_equal(t.len, sizeof raw - 1);
	assert_string_equal(t.clean, "ab c   d    e   ");
	assert_non_null(t.warnings);
	assert_int_equal(count_lines(t.warnings), 2);
	assert_non_null(strstr(t.warnings, "t.txt: invalid UTF-8 at byte 14 (6 bytes"));
	assert_non_null(
	    strstr(t.warnings, "t.txt: 2 NUL bytes replaced by spaces (first at byte 12)"));
	tl_text_free(&t);
}

/* A small deterministic generator, so that the differential tests are repeatable. */
static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/* Random text of n bytes mixing plain ASCII with the bytes the cleaner treats specially:
 * NUL, CR, LF, tab, controls, DEL, valid and broken UTF-8, folded characters. */
static void random_text(char *s, size_t n, uint32_t *seed)
{
	static const char *const pieces[] = {
		"\0", "\r\n", "\r", "\n", "\t", "\x01", "\x7f", "\xff", "\xc3", "\xc3\xa9",
		"\xe2\x80", "\xe2\x80\x9c", "\xe2\x80\x94", "\xc2\xa0", "\xef\xbb\xbf",
		"\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xc0\xaf", "\xe2\x80\xa8", "-\n", "-\r\n",
		"\xc2\xad", "\x80",
	};
	size_t i = 0;
	while (i < n) {
		uint32_t r = next_random(seed);
		if (r % 4 != 0) { /* mostly plain ASCII, in runs that cross 8-byte words */
			size_t run = 1 + r / 4 % 19;
			for (size_t k = 0; k < run && i < n; k++)
				s[i++] = (char)(' ' + next_random(seed) % 95);
			continue;
		}
		const char *p = pieces[r / 4 % (sizeof pieces / sizeof pieces[0])];
		size_t len = p[0] ? strlen(p) : 1; /* "\0" is one NUL byte */
		for (size_t k = 0; k < len && i < n; k++)
			s[i++] = p[k];
	}
}

/* tl_text_warnings() must say exactly what tl_text_clean() says, whatever the bytes and
 * wherever they fall in the eight-byte words it skips. */
static void warnings_without_cleaning_match_the_cleaner(void **state)
{
	(void)state;
	char buf[300];
	uint32_t seed = 42;
	for (int round = 0; round < 3000; round++) {
		size_t n = next_random(&seed) % sizeof buf;
		random_text(buf, n, &seed);
		size_t base = next_random(&seed) % 50;
		tl_text t;
		clean_ok(buf, n, base, &t);
		char *w = (char *)"unset";
		assert_int_equal(tl_text_warnings(buf, n, base, "t.txt", &w), TL_OK);
		if (t.warnings)
			assert_string_equal(w, t.warnings);
		else
			assert_null(w);
		free(w);
		tl_text_free(&t);
	}
	/* a NUL or a bad byte at each place of a long plain run */
	char plain[130]; /* past the 64-byte steps */
	for (size_t at = 0; at < sizeof plain; at++) {
		for (int kind = 0; kind < 2; kind++) {
			memset(plain, 'a', sizeof plain);
			plain[at] = kind ? '\xfe' : '\0';
			char *w = NULL;
			assert_int_equal(tl_text_warnings(plain, sizeof plain, 7, NULL, &w), TL_OK);
			assert_non_null(w);
			char want[120];
			if (kind)
				snprintf(want, sizeof want, "(input): invalid UTF-8 at byte %zu (1 byte "
					 "replaced by spaces)", at + 7);
			else
				snprintf(want, sizeof want, "(input): 1 NUL byte replaced by spaces "
					 "(first at byte %zu)", at + 7);
			assert_non_null(strstr(w, want));
			free(w);
		}
	}
	const char ok[] = "plain \xc3\xa9 text, long enough for whole words\r\n";
	char *w = (char *)"unset";
	assert_int_equal(tl_text_warnings(ok, sizeof ok - 1, 0, NULL, &w), TL_OK);
	assert_null(w);
}

/* Whether clean[0..n) holds only tabs, line breaks, printable ASCII and valid UTF-8. */
static bool clean_bytes_only(const char *clean, size_t n)
{
	const unsigned char *u = (const unsigned char *)clean;
	for (size_t i = 0; i < n;) {
		if (u[i] == '\t' || u[i] == '\n' || (u[i] >= 0x20 && u[i] < 0x7f)) {
			i++;
			continue;
		}
		size_t len = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : u[i] >= 0xc2 ? 2 : 0;
		if (len == 0 || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((u[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/* The cleaner skips printable ASCII sixteen (or eight) bytes at a time: shifting the same
 * text across those blocks, behind a plain paragraph of every length from 0 to 40 bytes,
 * must shift the clean text, the offset map and the sentences by exactly as much. */
static void block_alignment_never_changes_the_result(void **state)
{
	(void)state;
	static const char lead[] = "Plain text that runs on and on and on for a while";
	char text[400], both[500];
	uint32_t seed = 2025;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + next_random(&seed) % 300;
		random_text(text, n, &seed);
		tl_text alone;
		clean_ok(text, n, 0, &alone);
		assert_true(clean_bytes_only(alone.clean, alone.len));
		for (size_t k = 0; k <= 40; k++) {
			memcpy(both, lead, k);
			memcpy(both + k, "\n\n", 2);
			memcpy(both + k + 2, text, n);
			tl_text t;
			clean_ok(both, k + 2 + n, 0, &t);
			size_t at = t.len - alone.len; /* where the text's clean copy starts */
			assert_true(at >= 2);
			assert_memory_equal(t.clean + at - 2, "\n\n", 2);
			assert_memory_equal(t.clean + at, alone.clean, alone.len);
			for (size_t i = 0; i <= alone.len; i++) {
				assert_int_equal(tl_text_orig_start(&t, at + i),
						 k + 2 + tl_text_orig_start(&alone, i));
				if (i > 0)
					assert_int_equal(tl_text_orig_end(&t, at + i),
							 k + 2 + tl_text_orig_end(&alone, i));
			}
			size_t first = t.n_sentences - alone.n_sentences;
			for (size_t i = 0; i < alone.n_sentences; i++) {
				assert_int_equal(t.sentences[first + i].start,
						 at + alone.sentences[i].start);
				assert_int_equal(t.sentences[first + i].end,
						 at + alone.sentences[i].end);
			}
			tl_text_free(&t);
		}
		tl_text_free(&alone);
	}
}

/* The cleaner skips 64 printable bytes at a time when none of them needs work: a byte that
 * does (control, DEL, CR, LF, UTF-8 to fold, a '-' before a line feed), wherever it falls
 * in or around those blocks, must still be cleaned exactly as alone, and every clean
 * byte after it must still map to its own original byte. */
static void long_plain_runs_still_see_every_special_byte(void **state)
{
	(void)state;
	static const struct {
		const char *raw, *clean;
	} pieces[] = {
		{"\t", "\t"}, {"\x01", " "}, {"\x7f", " "}, {"\r\n", "\n"}, {"\n", "\n"},
		{"\xe2\x80\x9c", "\""}, {"\xc3\xa9", "\xc3\xa9"}, {"\xff", " "},
		{"dis-\nclose", "disclose"},
	};
	char raw[400], expect[400];
	uint32_t seed = 64;
	for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
		size_t rn = strlen(pieces[k].raw), cn = strlen(pieces[k].clean);
		for (size_t at = 0; at <= 200; at++) {
			size_t n = at + rn + 150;
			for (size_t i = 0; i < n; i++) /* printable, never '-' before the piece */
				raw[i] = (char)('a' + next_random(&seed) % 26);
			for (size_t i = 0; i < at; i++)
				if (next_random(&seed) % 5 == 0)
					raw[i] = ' ';
			memcpy(raw + at, pieces[k].raw, rn);
			memcpy(expect, raw, at);
			memcpy(expect + at, pieces[k].clean, cn);
			memcpy(expect + at + cn, raw + at + rn, n - at - rn);
			tl_text t;
			clean_ok(raw, n, 5, &t);
			assert_int_equal(t.len, n - rn + cn);
			assert_memory_equal(t.clean, expect, t.len);
			for (size_t i = 0; i < at; i++)
				assert_int_equal(tl_text_orig_start(&t, i), 5 + i);
			for (size_t i = at + cn; i < t.len; i++)
				assert_int_equal(tl_text_orig_start(&t, i), 5 + i - cn + rn);
			tl_text_free(&t);
		}
	}
}

/* Line feeds are copied inside plain runs unless they follow an ASCII '-': a hyphen at
 * the end of a line must still be seen wherever it falls in the blocks the cleaner
 * scans, and a line feed that joins nothing must leave the map in one run. */
static void line_feeds_in_plain_runs_keep_hyphen_joins(void **state)
{
	(void)state;
	static const char tail[] = " to dis-\nclose the rare-\nearth deal,\nwhich -\nheld.\n"
				   "New\nlines\n\nonly.\n";
	static const char want[] = " to disclose the rare-earth deal,\nwhich -\nheld.\n"
				   "New\nlines\n\nonly.\n";
	char raw[128], expect[128];
	for (size_t k = 0; k <= 48; k++) {
		memset(raw, 'x', k);
		memcpy(raw + k, tail, sizeof tail - 1);
		memset(expect, 'x', k);
		memcpy(expect + k, want, sizeof want);
		tl_text t;
		clean_ok(raw, k + sizeof tail - 1, 3, &t);
		assert_string_equal(t.clean, expect);
		assert_maps(&t, raw, 3, "disclose", "dis-\nclose");
		assert_maps(&t, raw, 3, "rare-earth", "rare-\nearth");
		assert_maps(&t, raw, 3, "deal,\nwhich -\nheld.\nNew\nlines\n\nonly.",
			    "deal,\nwhich -\nheld.\nNew\nlines\n\nonly.");
		assert_int_equal(t.n_runs, 3); /* a new run after each joined break only */
		tl_text_free(&t);
	}
}

static void cruft_lines_are_blanked(void **state)
{
	(void)state;
	const char raw[] = "Top of page\nSkip to main content\nHome > World > Trade\n"
			   "Facebook | X | LinkedIn | Email | Copy link\n\n"
			   "Image Source: Photo desk (file image, June 3, 2025)\n\n"
			   "China said on Friday it would act.\n\nAdvertisement\n\n"
			   "Comments (128)\nMore News\n- Ports brace for a rush on May 5\n"
			   "- Soybeans firm\n\nSign up for our newsletter\n"
			   "Copyright 2025 Pacific Ledger. All rights reserved.\n"
			   "We use cookies to improve your experience. Accept\n"
			   "Read more\nBack to top\nBusiness / Trade\nUpdated 6:42 PM June 3\n\n"
			   "Related coverage\n- What tariffs mean on May 1\n\n"
			   "Got a tip? Call the newsroom at 202-555-0147\n"
			   "Sign in to join the conversation. Comments are moderated.\n"
			   "Continued on Page A6\n";
	tl_text t;
	clean_ok(raw, sizeof raw - 1, 0, &t);
	assert_int_equal(t.len, sizeof raw - 1);
	assert_int_equal(t.n_sentences, 1);
	assert_memory_equal(t.clean + t.sentences[0].start, "China said on Friday it would act.",
			    t.sentences[0].end - t.sentences[0].start);
	for (size_t i = 0; i < t.len; i++) {
		if (i >= t.sentences[0].start && i < t.sentences[0].end)
			continue;
		assert_true(t.clean[i] == ' ' || t.clean[i] == '\n');
	}
	tl_text_free(&t);
}

/* Every furniture opening is blanked whatever its case, with text after it (the
 * openings are looked up by their first letter). */
static void every_furniture_opening_is_blanked(void **state)
{
	(void)state;
	static const char *const heads[] = {
		"Image source: AP", "IMAGE: file", "Photo: Reuters", "Photograph: AFP",
		"Image credit Getty", "Photo credit pool", "Sign up for alerts", "(c) 2025 Ledger",
		"\xc2\xa9 2025 Ledger", "Read more: tariffs", "Comments (12)", "Share on X",
		"Listen to this article 4 min", "Follow us on X", "Click here for more",
		"Subscribe to the digest", "Download the app", "We use cookies here",
		"This site uses cookies here", "This website uses cookies here",
		"By continuing to use the site", "Advertisement - scroll", "Sign in to comment",
		"Log in to comment", "Comments are closed", "Got a tip? Write",
		"Customer service hours",
		"Call the newsroom now", "Continued on page 6", "See more stories",
	};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		char raw[160];
		int n = snprintf(raw, sizeof raw, "China said on Friday it would act.\n%s\n",
				 heads[i]);
		assert_true(n > 0 && (size_t)n < sizeof raw);
		tl_text t;
		clean_ok(raw, (size_t)n, 0, &t);
		size_t line = strlen("China said on Friday it would act.\n");
		for (size_t k = line; k + 1 < t.len; k++)
			assert_int_equal(t.clean[k], ' ');
		assert_int_equal(t.n_sentences, 1);
		tl_text_free(&t);
	}
}

/* "all rights reserved" and "cookie" are found in any case at every place of a short
 * line, up to its last byte (the search looks at sixteen bytes per step, the last step
 * overlapping), and a phrase cut short by one byte at the end of the line is not found. */
static void cruft_phrases_are_found_anywhere_in_a_line(void **state)
{
	(void)state;
	static const char *const phrases[] = {"All Rights RESERVED", "Accept cOOkie"};
	for (size_t p = 0; p < 2; p++) {
		size_t m = strlen(phrases[p]);
		for (size_t k = 0; k <= 60; k++) {
			for (int cut = 0; cut < 2; cut++) {
				char raw[128];
				memset(raw, 'x', k);
				memcpy(raw + k, phrases[p], m);
				size_t n = k + m - (size_t)cut; /* cut: "...RESERVE", "...cOOki" */
				raw[n] = '\n';
				tl_text t;
				clean_ok(raw, n + 1, 0, &t);
				bool blank = true;
				for (size_t i = 0; i < n; i++)
					blank = blank && t.clean[i] == ' ';
				assert_true(blank == !cut);
				tl_text_free(&t);
			}
		}
	}
}

static void prose_is_not_cruft(void **state)
{
	(void)state;
	const char raw[] =
	    "Comments from officials were sharp.\n\nShare prices rose | fell.\n\n"
	    "Tariffs/Trade war deepens\n\nUpdated figures published on June 3, 2025 "
	    "showed the gap widening.\n\nMore than 40 ships waited.\n\n"
	    "Copyright disputes have long run through the talks, and officials in both "
	    "capitals say intellectual property will be the hardest part of any deal "
	    "that follows the truce.\n";
	tl_text t;
	clean_ok(raw, sizeof raw - 1, 0, &t);
	assert_string_equal(t.clean, raw);
	assert_int_equal(t.n_sentences, 6);
	tl_text_free(&t);
}

/* Sentence ends are found after a first sentence of every length from 2 to 50 bytes, up
 * to the last byte of the text, whatever the growth of the sentence array. */
static void sentence_ends_at_every_alignment(void **state)
{
	(void)state;
	static const char *const want[] = {"Then it ended!", "Did it?", "Yes.", "New para."};
	char raw[128];
	for (size_t k = 0; k <= 48; k++) {
		raw[0] = 'A';
		memset(raw + 1, 'b', k);
		int n = snprintf(raw + 1 + k, sizeof raw - 1 - k,
				 ". Then it ended! Did it? Yes.\n\nNew para.");
		assert_true(n > 0);
		tl_text t;
		clean_ok(raw, 1 + k + (size_t)n, 0, &t);
		assert_int_equal(t.n_sentences, 5);
		assert_int_equal(t.sentences[0].start, 0);
		assert_int_equal(t.sentences[0].end, k + 2);
		for (size_t i = 0; i < 4; i++) {
			size_t len = t.sentences[i + 1].end - t.sentences[i + 1].start;
			assert_int_equal(len, strlen(want[i]));
			assert_memory_equal(t.clean + t.sentences[i + 1].start, want[i], len);
		}
		tl_text_free(&t);
	}
}

static void sentences_respect_abbreviations(void **state)
{
	(void)state;
	const char raw[] =
		"Mr. Smith met U.S. officials on Jan. 5 at 9 a.m. in Geneva. The talks ended! "
		"\"We agreed,\" he said. Donald J. Trump spoke on No. 10 Downing St. in May. "
		"He left the U.S. The end came at 5 p.m. Officials left.\n\n"
		"HEADLINE WITHOUT A STOP\n\nA print line\nwrapped here? Yes.\n\n"
		"Tariff on Chinese Goods Doubles to 20%\nThe rise was expected.\n\n"
		"China hits back with tariffs\nBEIJING, April 4 (Wire) - China struck back.\n\n"
		"The United States doubled its tariff on\nChinese Imports on Tuesday.\n";
	static const char *const want[] = {
		"Mr. Smith met U.S. officials on Jan. 5 at 9 a.m. in Geneva.",
		"The talks ended!",
		"\"We agreed,\" he said.",
		"Donald J. Trump spoke on No. 10 Downing St. in May.",
		"He left the U.S.",
		"The end came at 5 p.m.",
		"Officials left.",
		"HEADLINE WITHOUT A STOP",
		"A print line\nwrapped here?",
		"Yes.",
		"Tariff on Chinese Goods Doubles to 20%",
		"The rise was expected.",
		"China hits back with tariffs",
		"BEIJING, April 4 (Wire) - China struck back.",
		"The United States doubled its tariff on\nChinese Imports on Tuesday.",
	};
	tl_text t;
	clean_ok(raw, sizeof raw - 1, 0, &t);
	assert_int_equal(t.n_sentences, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < t.n_sentences; i++) {
		size_t n = t.sentences[i].end - t.sentences[i].start;
		assert_int_equal(n, strlen(want[i]));
		assert_memory_equal(t.clean + t.sentences[i].start, want[i], n);
	}
	tl_text_free(&t);
}

/* The number of sentences in text. */
static size_t count_sentences(const char *text)
{
	tl_text t;
	clean_ok(text, strlen(text), 0, &t);
	size_t n = t.n_sentences;
	tl_text_free(&t);
	return n;
}

/* Every listed abbreviation, whatever its length group: the titles never end a sentence,
 * the weak ones only before a typical opener; unlisted words of the same lengths do. */
static void every_abbreviation_is_known(void **state)
{
	(void)state;
	static const char *const always[] = {
		"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt",
		"Sgt", "Adm", "Maj", "Cmdr", "Rev", "Hon", "Pres", "St", "Mt", "Ft", "Fig", "Vol",
		"vs", "approx", "Ave", "Blvd", "Rd", "Nos", "Dept", "Gov't", "Atty",
	};
	static const char *const weak[] = {
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
		"Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
		"Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "etc", "est", "al",
	};
	static const char *const plain[] = {"Xy", "Xyz", "Xyzw", "Xyzwv", "Xyzwvu"};
	char text[128];
	for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) {
		snprintf(text, sizeof text, "We saw %s. Brown there. The end.", always[i]);
		assert_int_equal(count_sentences(text), 2);
		snprintf(text, sizeof text, "We saw %s. The end.", always[i]);
		assert_int_equal(count_sentences(text), 1);
	}
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		snprintf(text, sizeof text, "We saw %s. Brown there. The end.", weak[i]);
		assert_int_equal(count_sentences(text), 2);
		snprintf(text, sizeof text, "We saw %s. The end.", weak[i]);
		assert_int_equal(count_sentences(text), 2);
	}
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		snprintf(text, sizeof text, "We saw %s. Brown there. The end.", plain[i]);
		assert_int_equal(count_sentences(text), 3);
	}
}

static void empty_and_degenerate_inputs(void **state)
{
	(void)state;
	tl_text t;
	clean_ok("", 0, 42, &t);
	assert_int_equal(t.len, 0);
	assert_int_equal(t.n_sentences, 0);
	assert_int_equal(tl_text_orig_start(&t, 0), 42);
	assert_int_equal(tl_text_orig_end(&t, 0), 42);
	tl_text_free(&t);
	tl_text_free(&t); /* freeing twice is harmless */

	const char *odd[] = {"-", "-\n", "a-\n", "\r", "\r\n\r\n", "...", "x.\n", "\xe2",
			     "\xef\xbb\xbf", "| |", "? ! .", "-\n-\nb", "A.B. "};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		clean_ok(odd[i], strlen(odd[i]), 0, &t);
		for (size_t k = 0; k < t.n_sentences; k++)
			assert_true(t.sentences[k].start < t.sentences[k].end &&
				    t.sentences[k].end <= t.len);
		assert_true(tl_text_orig_end(&t, t.len) <= strlen(odd[i]));
		tl_text_free(&t);
	}
}

static void long_binary_input_is_linear_and_safe(void **state)
{
	(void)state;
	size_t n = (size_t)8 << 20;
	char *raw = malloc(n);
	assert_non_null(raw);
	uint32_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		raw[i] = (char)(x >> 24);
	}
	tl_text t;
	clean_ok(raw, n, 7, &t);
	assert_true(t.len <= n);
	for (size_t i = 0; i + 1 < t.len; i += 4099)
		assert_true(tl_text_orig_start(&t, i) < tl_text_orig_end(&t, i + 1));
	assert_non_null(t.warnings);
	assert_int_equal(count_lines(t.warnings), 2);
	tl_text_free(&t);
	memset(raw, 'a', n); /* one very long line */
	clean_ok(raw, n, 0, &t);
	assert_int_equal(t.len, n);
	assert_int_equal(t.n_sentences, 1);
	tl_text_free(&t);
	free(raw);
}

/* tl_text_orig_span() maps both ends of every span, empty, past the end or crossing
 * runs (CRs, folded characters, joined hyphens), as the two one-end maps do. */
static void span_map_matches_the_end_maps(void **state)
{
	(void)state;
	uint32_t seed = 7;
	for (int round = 0; round < 40; round++) {
		char raw[200];
		random_text(raw, sizeof raw, &seed);
		tl_text t;
		clean_ok(raw, sizeof raw, 100, &t);
		for (size_t s = 0; s <= t.len + 1; s++)
			for (size_t e = 0; e <= t.len + 1 && e <= s + 40; e++) {
				size_t os, oe;
				tl_text_orig_span(&t, s, e, &os, &oe);
				assert_int_equal(os, tl_text_orig_start(&t, s));
				assert_int_equal(oe, tl_text_orig_end(&t, e));
			}
		tl_text_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bom_crlf_offsets_round_trip),
		cmocka_unit_test(offset_map_is_compact),
		cmocka_unit_test(crlf_sample_spans_round_trip),
		cmocka_unit_test(hyphenation_joins_and_keeps),
		cmocka_unit_test(typography_folds_to_ascii),
		cmocka_unit_test(nul_and_invalid_utf8_warn_once),
		cmocka_unit_test(warnings_without_cleaning_match_the_cleaner),
		cmocka_unit_test(block_alignment_never_changes_the_result),
		cmocka_unit_test(long_plain_runs_still_see_every_special_byte),
		cmocka_unit_test(line_feeds_in_plain_runs_keep_hyphen_joins),
		cmocka_unit_test(cruft_lines_are_blanked),
		cmocka_unit_test(every_furniture_opening_is_blanked),
		cmocka_unit_test(cruft_phrases_are_found_anywhere_in_a_line),
		cmocka_unit_test(prose_is_not_cruft),
		cmocka_unit_test(sentence_ends_at_every_alignment),
		cmocka_unit_test(sentences_respect_abbreviations),
		cmocka_unit_test(every_abbreviation_is_known),
		cmocka_unit_test(empty_and_degenerate_inputs),
		cmocka_unit_test(long_binary_input_is_linear_and_safe),
		cmocka_unit_test(span_map_matches_the_end_maps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
