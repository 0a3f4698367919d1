/* test_mention_jsonl.c - unit tests for the map step's record writer
 * (mention_jsonl.c): every record must be byte-identical to what
 * tl_mention_to_json() (json_model.c) writes, for plain and hostile strings,
 * unset dates, optional members, large numbers, many set items and every
 * confidence form. */
#include <math.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hash.h"
#include "extract_arena.h"
#include "json_read.h"
#include "mention_jsonl.h"

static char *dup(const char *s)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	assert_non_null(d);
	return d;
}

static void push(tl_strings *set, const char *s)
{
	assert_int_equal(tl_strings_push(set, s, strlen(s)), TL_OK);
}

/* Both writers on m, appended after some earlier bytes: the outputs must match. */
static void assert_same_record(const tl_mention *m)
{
	tl_buf want = TL_BUF_INIT, got = TL_BUF_INIT;
	assert_int_equal(tl_buf_puts(&want, "x\n"), TL_OK);
	assert_int_equal(tl_buf_puts(&got, "x\n"), TL_OK);
	assert_int_equal(tl_mention_to_json(&want, m), TL_OK);
	assert_int_equal(tl_mention_jsonl_put(&got, m), TL_OK);
	assert_int_equal(got.len, want.len);
	assert_string_equal(got.data, want.data);
	assert_memory_equal(got.data, want.data, want.len + 1);
	tl_buf_free(&want);
	tl_buf_free(&got);
}

static tl_mention sample(void)
{
	tl_mention m;
	memset(&m, 0, sizeof m);
	m.doc = dup("a0000001");
	m.article_date = (tl_date){2025, 6, 11};
	m.start = 46;
	m.end = 58;
	m.sentence_start = 0;
	m.sentence_end = 109;
	m.text = dup("a year later");
	m.sentence = dup("ROME, July 15 (Desk) - Regulators a year later proposed a test.");
	m.title = dup("Regulators proposed a test");
	strcpy(m.value, "2026");
	m.type = TL_TIMEX_DATE;
	m.grain = TL_GRAIN_YEAR;
	m.first = (tl_date){2026, 1, 1};
	m.end_date = (tl_date){2027, 1, 1};
	m.status = TL_STATUS_PLANNED;
	m.confidence = 0.2;
	push(&m.actors, "China");
	push(&m.keywords, "propos");
	push(&m.keywords, "regulator");
	push(&m.figures, "90-day");
	return m;
}

static void writes_a_plain_mention_as_the_model_does(void **state)
{
	(void)state;
	tl_mention m = sample();
	assert_same_record(&m);
	tl_buf b = TL_BUF_INIT;
	assert_int_equal(tl_mention_jsonl_put(&b, &m), TL_OK);
	assert_string_equal(b.data,
			    "{\"doc\":\"a0000001\",\"start\":46,\"end\":58,\"text\":\"a year later\","
			    "\"sentence\":\"ROME, July 15 (Desk) - Regulators a year later proposed "
			    "a test.\",\"title\":\"Regulators proposed a test\",\"value\":\"2026\","
			    "\"article_date\":\"2025-06-11\",\"type\":\"DATE\",\"grain\":\"year\","
			    "\"first\":\"2026-01-01\",\"end_date\":\"2027-01-01\",\"sentence_start\":0,"
			    "\"sentence_end\":109,\"status\":\"planned\",\"confidence\":0.2,"
			    "\"actors\":[\"China\"],\"keywords\":[\"propos\",\"regulator\"],"
			    "\"figures\":[\"90-day\"]}");
	tl_buf_free(&b);
	tl_mention_free_fields(&m);
}

static void writes_optional_members_and_unset_dates_as_the_model_does(void **state)
{
	(void)state;
	tl_mention m = sample();
	m.source = dup("Wire \"Desk\"");
	m.url = dup("https://example.org/a?b=1&c=\\2");
	strcpy(m.mod, "APPROX");
	m.first = (tl_date){0, 0, 0};
	m.end_date = (tl_date){2025, 0, 3};
	m.article_date = (tl_date){12345, 12, 31};
	m.start = SIZE_MAX;
	m.end = 1000000007;
	m.sentence_end = 10;
	m.type = TL_TIMEX_TIME;
	m.grain = TL_GRAIN_PART_OF_DAY;
	m.status = TL_STATUS_NEGATED;
	assert_same_record(&m);
	free(m.title);
	m.title = NULL; /* written as "" */
	free(m.source);
	m.source = dup(""); /* an empty source or url is left out */
	assert_same_record(&m);
	tl_strings_free(&m.actors);
	tl_strings_free(&m.figures);
	assert_same_record(&m);
	tl_mention_free_fields(&m);
}

static void escapes_hostile_bytes_as_the_model_does(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"",
		"quote \" backslash \\ slash /",
		"controls \x01\x02\x1f tab\t nl\n cr\r ff\f bs\b del\x7f end",
		"curly \xE2\x80\x9Cquotes\xE2\x80\x9D, dash \xE2\x80\x94 and \xE2\x80\xA6",
		"four \xF0\x9F\x98\x80 bytes",
		"bad \xFF\xFE lead, lone \x80 cont, overlong \xC0\xAF, surrogate \xED\xA0\x80",
		"past U+10FFFF \xF4\x90\x80\x80, cut at the end \xE2\x80",
		"\xC3",
		"\\",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		tl_mention m = sample();
		free(m.sentence);
		m.sentence = dup(texts[i]);
		free(m.doc);
		m.doc = dup(texts[i]);
		push(&m.keywords, texts[i]);
		push(&m.actors, texts[i]);
		assert_same_record(&m);
		tl_mention_free_fields(&m);
	}
}

static void writes_large_sets_as_the_model_does(void **state)
{
	(void)state;
	tl_mention m = sample();
	char word[32];
	for (int i = 0; i < 100; i++) {
		snprintf(word, sizeof word, "w%03d\"%d", i, i);
		push(&m.keywords, word);
		if (i % 3 == 0)
			push(&m.figures, word);
	}
	assert_same_record(&m);
	tl_mention_free_fields(&m);
}

static void writes_every_confidence_form_as_the_model_does(void **state)
{
	(void)state;
	tl_mention m = sample();
	static const double fixed[] = {0,	  -0.5,	    1,		 1.5,	     0.5,
				       0.35,	  0.123456789, 0.9999999994, 0.9999999996,
				       1e-12,	  4e-10,       6e-10,	 0.2 * 0.7 * 0.6,
				       0.55 * 0.9, 0.8 * 0.5 * 0.3};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		m.confidence = fixed[i];
		assert_same_record(&m);
	}
	m.confidence = NAN;
	assert_same_record(&m);
	for (int i = 0; i <= 2000; i++) {
		m.confidence = i / 2000.0;
		assert_same_record(&m);
	}
	/* Products of the confidence factors, and arbitrary values near the
	 * rounding steps of the ninth decimal. */
	static const double factors[] = {0.8, 0.6, 0.55, 0.35, 0.2, 0.05, 0.7, 0.7, 0.3,
					 0.5, 0.6, 0.5, 0.9};
	double c = 1;
	for (size_t i = 0; i < sizeof factors / sizeof factors[0]; i++) {
		c *= factors[i];
		m.confidence = c;
		assert_same_record(&m);
	}
	uint64_t x = 88172645463325252u;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		m.confidence = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
		if (i % 2)
			m.confidence = (double)(long long)(m.confidence * 1e9) / 1e9 + 5e-10;
		assert_same_record(&m);
	}
	tl_mention_free_fields(&m);
}

/* Every byte that needs care, at every place of a long plain string: the
 * writer copies eight plain bytes at a time and must never skip one. */
static void escapes_special_bytes_anywhere_in_long_strings(void **state)
{
	(void)state;
	static const char *const specials[] = {"\x01", "\x1f", "\"", "\\", "\x7f", "\x80",
					       "\xC3\xA9", "\xFF", "\n", " ", "~"};
	for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
		for (size_t at = 0; at < 40; at++) {
			char text[64];
			memset(text, 'a' + (int)(at % 26), sizeof text);
			size_t n = strlen(specials[k]);
			memcpy(text + at, specials[k], n);
			text[48] = '\0';
			tl_mention m = sample();
			free(m.sentence);
			m.sentence = dup(text);
			assert_same_record(&m);
			tl_mention_free_fields(&m);
		}
	}
}

/* Strings of 16 bytes and more are tested and copied sixteen bytes a step,
 * the last step overlapping: a valid UTF-8 sequence (which may cross a step)
 * at every place of every length, then a byte that needs care after it. */
static void passes_utf8_at_every_step_of_long_strings(void **state)
{
	(void)state;
	static const char *const seqs[] = {"\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80"};
	static const char *const afters[] = {"", "\"", "\xFF", "\x01"};
	for (size_t k = 0; k < sizeof seqs / sizeof seqs[0]; k++) {
		size_t sn = strlen(seqs[k]);
		for (size_t len = 16; len < 72; len++) {
			for (size_t at = 0; at + sn <= len; at++) {
				for (size_t a = 0; a < sizeof afters / sizeof afters[0]; a++) {
					char text[80];
					memset(text, 'a' + (int)(len % 26), sizeof text);
					memcpy(text + at, seqs[k], sn);
					text[len] = '\0';
					if (afters[a][0] && at + sn < len)
						text[len - 1] = afters[a][0];
					tl_mention m = sample();
					free(m.title);
					m.title = dup(text);
					assert_same_record(&m);
					tl_mention_free_fields(&m);
				}
			}
		}
	}
}

/* Long strings escape '"' and '\\' in their sixteen-byte steps, each one
 * moving the rest of the output one byte on: two of them (or one and a
 * UTF-8 sequence or control byte) at every pair of places of every length,
 * so that every step, and the overlapping last one, meets a moved output. */
static void escapes_quotes_at_every_pair_of_places_in_long_strings(void **state)
{
	(void)state;
	static const char *const seconds[] = {"\"", "\\", "\xC3\xA9", "\x01", "\xFF"};
	for (size_t len = 16; len < 52; len++) {
		for (size_t a = 0; a < len; a++) {
			for (size_t b = a; b < len; b++) {
				for (size_t k = 0; k < sizeof seconds / sizeof seconds[0]; k++) {
					size_t sn = strlen(seconds[k]);
					if (b > a && b + sn > len)
						continue;
					char text[64];
					memset(text, 'a' + (int)(len % 26), sizeof text);
					text[a] = (a + k) % 2 ? '\\' : '"';
					if (b > a)
						memcpy(text + b, seconds[k], sn);
					text[len] = '\0';
					tl_mention m = sample();
					free(m.sentence);
					m.sentence = dup(text);
					assert_same_record(&m);
					tl_mention_free_fields(&m);
				}
			}
		}
	}
}

/* The same for short strings (under 32 bytes: set items, dates, names) of
 * every length: they are tested and copied with two overlapping loads. */
static void escapes_special_bytes_anywhere_in_short_strings(void **state)
{
	(void)state;
	static const char *const specials[] = {"\x01", "\x1f", "\"", "\\", "\x7f", "\x80",
					       "\xC3\xA9", "\xFF", "\n", " ", "~"};
	for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
		size_t sn = strlen(specials[k]);
		for (size_t len = sn; len < 32; len++) {
			for (size_t at = 0; at + sn <= len; at++) {
				char text[32];
				memset(text, 'a' + (int)(len % 26), sizeof text);
				memcpy(text + at, specials[k], sn);
				text[len] = '\0';
				tl_mention m = sample();
				free(m.text);
				m.text = dup(text);
				push(&m.keywords, text);
				assert_same_record(&m);
				tl_mention_free_fields(&m);
			}
		}
	}
}

/* Offsets of every digit count, and the powers of ten and their neighbours
 * (where a digit count changes), as the model writes them. */
static void writes_offsets_of_every_length_as_the_model_does(void **state)
{
	(void)state;
	tl_mention m = sample();
	size_t p = 1;
	for (int k = 0; k <= 12; k++, p *= 10) {
		size_t values[] = {p - 1, p, p + 1, p * 7 + 3};
		for (size_t i = 0; i < 4; i++) {
			m.start = values[i];
			m.end = values[i] + 13;
			m.sentence_start = values[i] / 3;
			m.sentence_end = values[i] * 2 + 99;
			assert_same_record(&m);
		}
	}
	m.start = (size_t)-1;
	assert_same_record(&m);
	tl_mention_free_fields(&m);
}

/* One record of the extractor's writer for a mention with the given sentence
 * (n bytes; its text and title are bytes of it, the title with a "…"), head
 * 0 (no source, url), 1 (plain ones) or 2 (a url to escape), keywords and
 * figures as the extractor makes them: it must be the model's. */
static void assert_same_extracted(const char *sentence, size_t n, size_t head)
{
	tl_xarena a = TL_XARENA_INIT;
	tl_mention m = sample();
	push(&m.keywords, "abcdefghijklmnopqrstuvwxyz");
	push(&m.figures, "$1,234,567.5 billion");
	push(&m.actors, "Caf\xC3\xA9 \"Roma\"");
	m.source = head ? dup("Global Desk") : NULL;
	m.url = head ? dup(head == 1 ? "https://example.com/a" : "https://example.com/\"a\"")
		     : NULL;
	char *owned[3] = {m.text, m.sentence, m.title};
	size_t tn = n / 3, ts = n - tn;
	char title[80];
	memcpy(title, sentence, ts);
	memcpy(title + ts, "\xE2\x80\xA6", 4);
	m.sentence = tl_xarena_strndup(&a, sentence, n);
	m.text = tl_xarena_strndup(&a, sentence + ts, tn);
	m.title = tl_xarena_strndup(&a, title, ts + 3);
	assert_non_null(m.sentence);
	assert_non_null(m.text);
	assert_non_null(m.title);
	/* Set items as the extractor has them: arena strings. */
	tl_strings sets[3] = {m.actors, m.keywords, m.figures};
	tl_strings *mine[3] = {&m.actors, &m.keywords, &m.figures};
	for (int j = 0; j < 3; j++) {
		*mine[j] = (tl_strings){NULL, 0};
		for (size_t i = 0; i < sets[j].count; i++) {
			const char *item = sets[j].items[i];
			assert_int_equal(tl_xarena_push(&a, mine[j], item, strlen(item)), TL_OK);
		}
	}
	size_t doc_n = strlen(m.doc);
	tl_mention_lens lens = {.text = tn,
				.sentence = n,
				.title = ts + 3,
				.doc = doc_n,
				.source = m.source ? strlen(m.source) : 0,
				.url = m.url ? strlen(m.url) : 0,
				.head_plain = tl_mention_jsonl_plain(m.doc, doc_n) && head != 2};
	tl_buf want = TL_BUF_INIT, got = TL_BUF_INIT;
	assert_int_equal(tl_mention_to_json(&want, &m), TL_OK);
	assert_int_equal(tl_mention_jsonl_put_extracted(&got, &m, &lens), TL_OK);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len + 1);
	/* The same with the article's members written once, apart. */
	char *part = malloc(tl_mention_jsonl_article_room(lens.source, lens.url));
	assert_non_null(part);
	lens.article = part;
	lens.article_n = tl_mention_jsonl_article_part(part, m.source, lens.source, m.url,
						       lens.url, m.article_date);
	tl_buf_reset(&got);
	assert_int_equal(tl_mention_jsonl_put_extracted(&got, &m, &lens), TL_OK);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len + 1);
	free(part);
	tl_buf_free(&want);
	tl_buf_free(&got);
	m.text = owned[0];
	m.sentence = owned[1];
	m.title = owned[2];
	m.actors = sets[0];
	m.keywords = sets[1];
	m.figures = sets[2];
	tl_mention_free_fields(&m);
	tl_xarena_free(&a);
}

/* The extractor's writer with sentences of every length up to 40, plain or
 * with a byte that needs care (or UTF-8) at every place. */
static void writes_extracted_mentions_as_the_model_does(void **state)
{
	(void)state;
	static const char *const odd[] = {"\"", "\\", "\n", "\x7f", "\xC3\xA9", "\xFF"};
	const char *base = "Regulators in Rome proposed a doping test on Friday.";
	for (size_t n = 1; n <= 40; n++) {
		char sentence[64];
		memcpy(sentence, base, n);
		assert_true(tl_mention_jsonl_plain(sentence, n));
		assert_same_extracted(sentence, n, n % 3);
		for (size_t at = 0; at < n; at++) {
			for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
				size_t w = strlen(odd[k]);
				if (at + w > n)
					continue;
				memcpy(sentence, base, n);
				memcpy(sentence + at, odd[k], w);
				assert_false(tl_mention_jsonl_plain(sentence, n));
				assert_same_extracted(sentence, n, (n + at + k) % 3);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_a_plain_mention_as_the_model_does),
		cmocka_unit_test(writes_optional_members_and_unset_dates_as_the_model_does),
		cmocka_unit_test(escapes_hostile_bytes_as_the_model_does),
		cmocka_unit_test(escapes_special_bytes_anywhere_in_long_strings),
		cmocka_unit_test(passes_utf8_at_every_step_of_long_strings),
		cmocka_unit_test(escapes_quotes_at_every_pair_of_places_in_long_strings),
		cmocka_unit_test(escapes_special_bytes_anywhere_in_short_strings),
		cmocka_unit_test(writes_large_sets_as_the_model_does),
		cmocka_unit_test(writes_every_confidence_form_as_the_model_does),
		cmocka_unit_test(writes_offsets_of_every_length_as_the_model_does),
		cmocka_unit_test(writes_extracted_mentions_as_the_model_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
