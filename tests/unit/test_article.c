/*
 * test_article.c - unit tests for the article reader (article.c): header
 * blocks and front matter, the date precedence (option/manifest > header >
 * dateline > file name > inferred), the date formats headers may use,
 * robustness on degenerate inputs, and the released reads and restores lazy
 * corpora use. Each test frees the articles it builds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"

static tl_article *from(const char *bytes, const char *path, const tl_article_meta *meta,
			tl_error *err)
{
	return tl_article_from_bytes(bytes, strlen(bytes), path, NULL, meta, err);
}

static void assert_date(const tl_article *a, int y, int m, int d, tl_date_source src)
{
	assert_non_null(a);
	tl_date got = tl_article_date(a);
	assert_int_equal(got.year, y);
	assert_int_equal(got.month, m);
	assert_int_equal(got.day, d);
	assert_int_equal(tl_article_date_source(a), src);
}

/* Equal strings, or both NULL. */
static void assert_same(const char *a, const char *b)
{
	if (a && b)
		assert_string_equal(a, b);
	else
		assert_ptr_equal(a, b);
}

static void header_block_sets_metadata_and_body(void **state)
{
	(void)state;
	const char *raw = "Title: Talks end\nsource: Harbor Wire\nDATE: June 11, 2025\n"
			  "URL: https://example.org/x\n\nLONDON, June 10 (Reuters) - Body text.\n";
	tl_error err = {0};
	tl_article *a = from(raw, "dir/2025-06-09-x.txt", NULL, &err);
	assert_date(a, 2025, 6, 11, TL_DATE_HEADER);
	assert_string_equal(tl_article_title(a), "Talks end");
	assert_string_equal(tl_article_source(a), "Harbor Wire");
	assert_string_equal(tl_article_url(a), "https://example.org/x");
	assert_string_equal(tl_article_name(a), "2025-06-09-x");
	assert_null(tl_article_path(a)); /* from bytes: the path only names them */
	assert_int_equal(a->body_start, strstr(raw, "LONDON") - raw);
	assert_string_equal(a->text.clean, "LONDON, June 10 (Reuters) - Body text.\n");
	assert_int_equal(tl_text_orig_start(&a->text, 0), a->body_start);
	tl_article_free(a);

	/* metadata strings come out as valid UTF-8 on one line */
	a = from("Title: caf\xe9 \xe2\x80\x9cok\xe2\x80\x9d \xed\xa0\x80 end\n"
		 "Date: 2025-06-11\n\nBody.", "x.txt", NULL, &err);
	assert_non_null(a);
	assert_string_equal(tl_article_title(a), "caf? \xe2\x80\x9cok\xe2\x80\x9d ??? end");
	tl_article_free(a);
	tl_article_meta lines = {.date = "2025-06-11", .title = "two\nlines\tx"};
	a = from("Body.", "x.txt", &lines, &err);
	assert_string_equal(tl_article_title(a), "two lines x");
	tl_article_free(a);

	/* meta wins over the header, for the date and for the strings */
	tl_article_meta meta = {.date = "2025-01-02", .date_source = TL_DATE_MANIFEST,
				.title = "Manifest title"};
	a = from(raw, "x.txt", &meta, &err);
	assert_date(a, 2025, 1, 2, TL_DATE_MANIFEST);
	assert_string_equal(tl_article_title(a), "Manifest title");
	assert_string_equal(tl_article_source(a), "Harbor Wire");
	tl_article_free(a);
}

static void front_matter_and_bom_crlf_headers(void **state)
{
	(void)state;
	tl_error err = {0};
	const char *fm =
	    "---\ntitle: \"London: a framework\"\nsource: Keystone\n"
	    "date: 2025-06-11T08:30:00Z\nurl: 'https://e.net/x'\n---\n\nLONDON -- Body.\n";
	tl_article *a = from(fm, "x.txt", NULL, &err);
	assert_date(a, 2025, 6, 11, TL_DATE_HEADER);
	assert_string_equal(tl_article_title(a), "London: a framework");
	assert_string_equal(tl_article_url(a), "https://e.net/x");
	assert_null(tl_article_warnings(a));
	assert_int_equal(a->body_start, strstr(fm, "\nLONDON") - fm);
	tl_article_free(a);

	const char *crlf = "\xef\xbb\xbfTitle: \xe2\x80\x9cReset\xe2\x80\x9d\r\nPublished: 12 May "
			   "2025\r\n\r\nWashington said Monday.\r\n";
	a = from(crlf, "x.txt", NULL, &err);
	assert_date(a, 2025, 5, 12, TL_DATE_HEADER);
	assert_string_equal(tl_article_title(a), "\xe2\x80\x9cReset\xe2\x80\x9d");
	assert_string_equal(a->text.clean, "Washington said Monday.\n");
	tl_article_free(a);

	/* old Mac line ends (CR alone), and a CR that ends a line before a later LF */
	const char *cr = "Title: Old\rDate: 2025-05-13\r\rBody\ron Monday.\n";
	a = from(cr, "x.txt", NULL, &err);
	assert_date(a, 2025, 5, 13, TL_DATE_HEADER);
	assert_string_equal(tl_article_title(a), "Old");
	assert_int_equal(a->body_start, strstr(cr, "Body") - cr);
	tl_article_free(a);
	const char *mixed = "Source: Wire\rTitle: Mixed\n\nBody.\n";
	a = from(mixed, "2025-05-14-x.txt", NULL, &err);
	assert_string_equal(tl_article_source(a), "Wire");
	assert_string_equal(tl_article_title(a), "Mixed");
	assert_int_equal(a->body_start, strstr(mixed, "Body") - mixed);
	tl_article_free(a);
}

static void dateline_needs_a_year_from_the_file_name(void **state)
{
	(void)state;
	tl_error err = {0};
	const char *body = "\nWASHINGTON, April 10 (Harbor Wire) - Tariffs rose.\n";
	tl_article *a = from(body, "in/2025-04-11-pause.txt", NULL, &err);
	assert_date(a, 2025, 4, 10, TL_DATE_DATELINE);
	tl_article_free(a);
	a = from(body, "pause-2025.txt", NULL, &err);
	assert_date(a, 2025, 4, 10, TL_DATE_DATELINE);
	tl_article_free(a);
	/* a December dateline in a January file belongs to the year before */
	a = from("BEIJING, Dec. 31 (Wire) \xe2\x80\x94 Text.", "20260102-x.txt", NULL, &err);
	assert_date(a, 2025, 12, 31, TL_DATE_DATELINE);
	tl_article_free(a);
	/* no year anywhere: the dateline is skipped and the error says so */
	a = from(body, "pause.txt", NULL, &err);
	assert_null(a);
	assert_int_equal(err.code, TL_ENODATE);
	assert_non_null(strstr(err.message, "pause.txt: no publication date"));
	assert_non_null(strstr(err.message, "no year"));
	assert_non_null(strstr(err.message, "--date"));
	assert_non_null(strstr(err.message, "--manifest"));
	assert_non_null(strstr(err.message, "Date:"));
	/* after web furniture and a headline, with an em dash */
	a = from("Top of page\nShare this article\n\nTalks resume\n\nBy a staff writer\n\n"
		 "NEW YORK, Calif., Sept. 3 (Wire) \xe2\x80\x94 Text.", "x-2024.txt", NULL, &err);
	assert_date(a, 2024, 9, 3, TL_DATE_DATELINE);
	tl_article_free(a);
	/* a line that only looks like a dateline */
	a = from("Officials, June 11 was the day - they said.\n", "2025-06-12.txt", NULL, &err);
	assert_date(a, 2025, 6, 12, TL_DATE_FILENAME);
	tl_article_free(a);
}

static void file_name_dates(void **state)
{
	(void)state;
	tl_error err = {0};
	static const struct {
		const char *path;
		int y, m, d;
	} cases[] = {
		{"2025-06-11-talks.txt", 2025, 6, 11}, {"a/b/talks_20250611.md", 2025, 6, 11},
		{"wire.2024.02.29.txt", 2024, 2, 29}, {"x-123-20250230-2025-03-01.txt", 2025, 3, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_article *a = from("Body.", cases[i].path, NULL, &err);
		assert_date(a, cases[i].y, cases[i].m, cases[i].d, TL_DATE_FILENAME);
		tl_article_free(a);
	}
	assert_null(from("Body.", "id-120250611.txt", NULL, &err));
	assert_int_equal(err.code, TL_ENODATE);
}

static void inferred_dates_warn(void **state)
{
	(void)state;
	tl_error err = {0};
	tl_article_meta meta = {.infer_date = true};
	const char *body = "Talks began on June 3, 2025 and resumed 1 July 2025.\n"
			   "In March 2026 nothing; on Feb. 30, 2026 neither.\n";
	tl_article *a = from(body, "notes.txt", &meta, &err);
	assert_date(a, 2025, 7, 1, TL_DATE_INFERRED);
	assert_non_null(tl_article_warnings(a));
	assert_non_null(tl_article_warnings(a));
	assert_non_null(strstr(tl_article_warnings(a), "notes.txt"));
	assert_non_null(strstr(tl_article_warnings(a), "inferred 2025-07-01"));
	tl_article_free(a);
	assert_null(from("No dates here at all.", "notes.txt", &meta, &err));
	assert_int_equal(err.code, TL_ENODATE);
	assert_non_null(strstr(err.message, "--infer-date found no full date"));
}

static void header_date_formats(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int y, m, d;
	} good[] = {
		{"2025-06-11", 2025, 6, 11}, {"2025-06-11T08:30:00Z", 2025, 6, 11},
		{"2025/06/11", 2025, 6, 11}, {"June 11, 2025", 2025, 6, 11},
		{"june 11 2025", 2025, 6, 11}, {"Jun. 11, 2025 08:30 GMT", 2025, 6, 11},
		{"Wednesday, June 11, 2025", 2025, 6, 11}, {"11 June 2025", 2025, 6, 11},
		{"Sept. 3, 2024", 2024, 9, 3}, {"  \"2024-02-29\" ", 2024, 2, 29},
		{"May 1st, 2025", 2025, 5, 1},
	};
	static const char *const bad[] = {
	    "",          "2025-02-30",    "June 31, 2025",  "yesterday",  "2025-6-1",
	    "June 2025", "11 June 20251", "Junes 11, 2025", "2025-06-111"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		tl_date d = {0, 0, 0};
		assert_true(tl_article_parse_date(good[i].text, strlen(good[i].text), &d));
		assert_int_equal(d.year, good[i].y);
		assert_int_equal(d.month, good[i].m);
		assert_int_equal(d.day, good[i].d);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tl_date d;
		if (tl_article_parse_date(bad[i], strlen(bad[i]), &d))
			fail_msg("'%s' parsed as a date", bad[i]);
	}
}

static void bad_header_date_names_the_line(void **state)
{
	(void)state;
	tl_error err = {0};
	assert_null(from("Title: x\nDate: soon\n\nBody.", "2025-06-11-x.txt", NULL, &err));
	assert_int_equal(err.code, TL_EDATE);
	assert_non_null(strstr(err.message, "2025-06-11-x.txt:2: the date 'soon'"));
	assert_non_null(strstr(err.message, "YYYY-MM-DD"));
	/* an explicit --date makes the bad header irrelevant */
	tl_article_meta meta = {.date = "2025-06-11", .date_source = TL_DATE_OPTION};
	tl_article *a = from("Date: soon\n\nBody.", "x.txt", &meta, &err);
	assert_date(a, 2025, 6, 11, TL_DATE_OPTION);
	tl_article_free(a);
	meta.date = "2025-02-29";
	assert_null(from("Body.", "x.txt", &meta, &err));
	assert_int_equal(err.code, TL_EDATE);
	assert_non_null(strstr(err.message, "x.txt: the date '2025-02-29'"));
}

static void degenerate_inputs_never_crash(void **state)
{
	(void)state;
	tl_error err = {0};
	tl_article_meta meta = {.date = "2025-06-11", .date_source = TL_DATE_OPTION};
	/* only a header */
	tl_article *a = from("Date: 2025-06-11\nTitle: t", "x.txt", NULL, &err);
	assert_date(a, 2025, 6, 11, TL_DATE_HEADER);
	assert_int_equal(a->text.len, 0);
	assert_int_equal(tl_article_sentences(a, &err), TL_OK);
	assert_int_equal(a->text.n_sentences, 0);
	tl_article_free(a);
	/* a header with no blank line: the body starts at the first other line */
	a = from("Date: 2025-06-11\nTalks resumed.\n", "x.txt", NULL, &err);
	assert_date(a, 2025, 6, 11, TL_DATE_HEADER);
	assert_string_equal(a->text.clean, "Talks resumed.\n");
	tl_article_free(a);
	/* an empty file */
	assert_null(from("", "empty.txt", NULL, &err));
	assert_int_equal(err.code, TL_ENODATE);
	a = tl_article_from_bytes("", 0, NULL, "doc", &meta, &err);
	assert_non_null(a);
	assert_string_equal(tl_article_name(a), "doc");
	assert_null(tl_article_path(a));
	tl_article_free(a);
	/* unclosed front matter is read as text, with a warning */
	a = from("---\ndate: 2025-01-01\ntitle: no end\n", "x.txt", &meta, &err);
	assert_non_null(a);
	assert_non_null(tl_article_warnings(a));
	assert_non_null(strstr(tl_article_warnings(a), "never closed"));
	assert_int_equal(a->body_start, 0);
	tl_article_free(a);
	/* a Markdown rule is not front matter */
	const char *md = "---\n\nTalks resumed on Monday.\n\n---\n\nMore text.\n";
	a = from(md, "2025-06-11-notes.md", NULL, &err);
	assert_date(a, 2025, 6, 11, TL_DATE_FILENAME);
	assert_int_equal(a->body_start, 0);
	assert_null(tl_article_warnings(a));
	assert_int_equal(tl_article_sentences(a, &err), TL_OK);
	assert_int_equal(a->text.n_sentences, 4);
	tl_article_free(a);
	/* binary junk, every byte value, NULs included */
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)((i * 7919u) ^ (i >> 3));
	a = tl_article_from_bytes(junk, sizeof junk, "junk.bin", NULL, &meta, &err);
	assert_non_null(a);
	assert_non_null(tl_article_warnings(a));
	size_t len;
	assert_memory_equal(tl_article_bytes(a, &len), junk, sizeof junk);
	assert_int_equal(len, sizeof junk);
	tl_article_free(a);
	/* headers and datelines of every length */
	char buf[300];
	const char *seed = "Date: June 11, 2025\n\nLONDON, June 11 (Reuters) - x";
	for (size_t n = 0; n <= strlen(seed); n++) {
		memcpy(buf, seed, n);
		err.code = TL_OK;
		a = tl_article_from_bytes(buf, n, "2025-06-10.txt", NULL, NULL, &err);
		assert_true(a != NULL || err.code == TL_EDATE); /* "Date: Ju" is no date */
		tl_article_free(a);
	}
	tl_article_free(NULL);
}

static void reading_files(void **state)
{
	(void)state;
	tl_error err = {0};
	tl_article *a = tl_article_read(TL_TEST_DATA_DIR "/input/2025-06-11-header.txt", NULL,
					NULL, &err);
	assert_date(a, 2025, 6, 10, TL_DATE_HEADER);
	assert_string_equal(tl_article_name(a), "2025-06-11-header");
	assert_non_null(strstr(tl_article_path(a), "input/2025-06-11-header.txt"));
	tl_article_free(a);
	assert_null(tl_article_read(TL_TEST_DATA_DIR "/input/missing.txt", NULL, NULL, &err));
	assert_int_equal(err.code, TL_EIO);
	assert_non_null(strstr(err.message, "missing.txt: cannot open"));
	assert_null(tl_article_read(TL_TEST_DATA_DIR "/input", NULL, NULL, &err));
	assert_int_equal(err.code, TL_EIO);
	assert_non_null(strstr(err.message, "folder"));
}

/* A released read keeps no title/source/url; restoring reads them from the header again
 * unless meta gives them, keeps the bytes, and leaves the cleaning to tagging. */
static void released_and_restored_articles(void **state)
{
	(void)state;
	const char *path = TL_TEST_DATA_DIR "/input/2025-06-11-header.txt";
	tl_error err = {0};
	tl_article *full = tl_article_read(path, NULL, NULL, &err);
	tl_article *rel = tl_article_read_released(path, NULL, &err);
	assert_non_null(full);
	assert_non_null(rel);
	assert_null(rel->raw);
	assert_null(tl_article_title(rel));
	assert_memory_equal(&full->date, &rel->date, sizeof full->date);
	tl_article_meta meta = {.title = "Given \xff title"};
	tl_article *a = tl_article_restore(path, "given-name", rel->date, rel->date_source,
					   &meta, "a warning", NULL, &err);
	assert_non_null(a);
	assert_string_equal(tl_article_name(a), "given-name");
	assert_string_equal(tl_article_path(a), path);
	assert_string_equal(tl_article_title(a), "Given ? title"); /* sanitized like a read */
	assert_same(tl_article_source(a), tl_article_source(full));
	assert_same(tl_article_url(a), tl_article_url(full));
	assert_string_equal(tl_article_warnings(a), "a warning");
	assert_int_equal(a->raw_len, full->raw_len);
	assert_int_equal(a->body_start, full->body_start);
	assert_null(a->text.clean);
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	assert_int_equal(tl_article_tag(full, tagger, &err), TL_OK);
	assert_int_equal(tl_article_tag(a, tagger, &err), TL_OK);
	assert_string_equal(a->text.clean, full->text.clean);
	assert_int_equal(tl_article_timex_count(a), tl_article_timex_count(full));
	tl_article_free(a);
	a = tl_article_restore(path, "n", rel->date, rel->date_source, &(tl_article_meta){0},
			       NULL, NULL, &err);
	assert_non_null(a);
	assert_string_equal(tl_article_title(a), "A fixture with a header"); /* the header's */
	assert_null(tl_article_warnings(a));
	tl_article_free(a);
	/* with the spans the released read recorded: the same header, not parsed again */
	assert_int_not_equal(rel->spans.body_start, UINT32_MAX);
	assert_int_equal(rel->spans.body_start, full->body_start);
	assert_memory_equal(&rel->spans, &full->spans, sizeof rel->spans);
	a = tl_article_restore(path, "n", rel->date, rel->date_source, &(tl_article_meta){0},
			       NULL, &rel->spans, &err);
	assert_non_null(a);
	assert_string_equal(tl_article_title(a), "A fixture with a header");
	assert_same(tl_article_source(a), tl_article_source(full));
	assert_same(tl_article_url(a), tl_article_url(full));
	assert_int_equal(a->body_start, full->body_start);
	tl_article_free(a);
	/* spans past the end of the file (it changed): the header is parsed again */
	tl_header_spans stale = rel->spans;
	stale.title = UINT16_MAX - stale.title_n;
	a = tl_article_restore(path, "n", rel->date, rel->date_source, &(tl_article_meta){0},
			       NULL, &stale, &err);
	assert_non_null(a);
	assert_string_equal(tl_article_title(a), "A fixture with a header");
	assert_int_equal(a->body_start, full->body_start);
	tl_article_free(a);
	/* a file that is gone: no header metadata, and tagging names the file */
	a = tl_article_restore(TL_TEST_DATA_DIR "/input/missing.txt", "m", rel->date,
			       rel->date_source, &(tl_article_meta){0}, NULL, &rel->spans, &err);
	assert_non_null(a);
	assert_null(a->raw);
	assert_null(tl_article_title(a));
	assert_int_equal(tl_article_tag(a, tagger, &err), TL_EIO);
	assert_non_null(strstr(err.message, "missing.txt: cannot open"));
	tl_article_free(a);
	tl_tagger_free(tagger);
	tl_article_free(rel);
	tl_article_free(full);
}

/* Tagging in a workspace the caller owns gives what tl_article_tag() gives, and one
 * workspace serves article after article (the build's workers keep one each). */
static void tagging_in_a_workspace_gives_the_same_timexes(void **state)
{
	(void)state;
	static const char text[] =
		"Date: 2025-06-11\n\nOn April 9, 2025 the council met. The following day, and "
		"again last week, it voted; every Monday until 2026 it meets. Three years ago "
		"nothing happened in the spring of 2021.\n";
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	tl_tag_workspace *ws = tl_tag_workspace_new(&err);
	assert_non_null(ws);
	const char *paths[] = {TL_TEST_DATA_DIR "/input/2025-06-11-header.txt", NULL};
	for (int round = 0; round < 3; round++) {
		for (size_t p = 0; p < sizeof paths / sizeof *paths; p++) {
			tl_article *a, *b;
			if (paths[p]) {
				a = tl_article_read(paths[p], NULL, NULL, &err);
				b = tl_article_read(paths[p], NULL, NULL, &err);
			} else {
				a = tl_article_from_bytes(text, sizeof text - 1, "t.txt", "t", NULL, &err);
				b = tl_article_from_bytes(text, sizeof text - 1, "t.txt", "t", NULL, &err);
			}
			assert_non_null(a);
			assert_non_null(b);
			assert_int_equal(tl_article_tag(a, tagger, &err), TL_OK);
			assert_int_equal(tl_article_tag_in(b, tagger, ws, &err), TL_OK);
			size_t n = tl_article_timex_count(a);
			assert_true(n > 0);
			assert_int_equal(tl_article_timex_count(b), n);
			for (size_t i = 0; i < n; i++) {
				const tl_timex *x = tl_article_timex(a, i), *y = tl_article_timex(b, i);
				assert_int_equal(x->start, y->start);
				assert_int_equal(x->end, y->end);
				assert_int_equal(x->type, y->type);
				assert_int_equal(x->grain, y->grain);
				assert_string_equal(x->value, y->value);
				assert_string_equal(x->mod, y->mod);
				assert_string_equal(x->quant, y->quant);
				assert_string_equal(x->freq, y->freq);
				assert_memory_equal(&a->timex_clean[i], &b->timex_clean[i],
						    sizeof a->timex_clean[i]);
			}
			tl_article_free(a);
			tl_article_free(b);
		}
	}
	/* ws NULL: tl_article_tag() */
	tl_article *a = tl_article_from_bytes(text, sizeof text - 1, "t.txt", "t", NULL, &err);
	assert_non_null(a);
	assert_int_equal(tl_article_tag_in(a, tagger, NULL, &err), TL_OK);
	assert_true(tl_article_timex_count(a) > 0);
	tl_article_free(a);
	tl_tag_workspace_free(ws);
	tl_tagger_free(tagger);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_block_sets_metadata_and_body),
		cmocka_unit_test(front_matter_and_bom_crlf_headers),
		cmocka_unit_test(dateline_needs_a_year_from_the_file_name),
		cmocka_unit_test(file_name_dates),
		cmocka_unit_test(inferred_dates_warn),
		cmocka_unit_test(header_date_formats),
		cmocka_unit_test(bad_header_date_names_the_line),
		cmocka_unit_test(degenerate_inputs_never_crash),
		cmocka_unit_test(reading_files),
		cmocka_unit_test(released_and_restored_articles),
		cmocka_unit_test(tagging_in_a_workspace_gives_the_same_timexes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
