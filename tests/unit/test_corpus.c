/*
 * test_corpus.c - unit tests for the corpus loader (corpus.c): manifests
 * (column order, RFC 4180 quoting, bad rows with line numbers, duplicates,
 * missing files, unusable manifests), folder walks (sorting, hidden files,
 * README, symlink loops), duplicate stems and order independence, most of them
 * on eager and on lazy corpora; lazy corpora keep records and make articles on
 * demand (tl_corpus_article, tl_corpus_release), corpora that defer reads hold
 * failures until tl_corpus_report() and give them in the order of loading, and the
 * store under them
 * (corpus_store.c: hash table, id set, arena). Every test builds its files in
 * its own mkdtemp() folder and removes it afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"
#include "corpus.h"
#include "corpus_store.h"
#include "csv_read.h"

#define MAX_MESSAGES 16

/* Collects the messages given to on_error. */
typedef struct collector {
	char messages[MAX_MESSAGES][TL_ERROR_MESSAGE_MAX];
	size_t count;
} collector;

static void collect(void *userdata, const tl_error *error)
{
	collector *c = userdata;
	assert_true(error->code < 0);
	if (c->count < MAX_MESSAGES)
		snprintf(c->messages[c->count], TL_ERROR_MESSAGE_MAX, "%s", error->message);
	c->count++;
}

static const char *find_message(const collector *c, const char *a, const char *b)
{
	for (size_t i = 0; i < c->count && i < MAX_MESSAGES; i++)
		if (strstr(c->messages[i], a) && (!b || strstr(c->messages[i], b)))
			return c->messages[i];
	return NULL;
}

typedef struct fixture {
	char dir[64];
	collector got;
	tl_corpus *corpus;
	bool lazy; /* open_corpus() makes lazy corpora (records, articles made on demand) */
} fixture;

static void put(const fixture *f, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	mkdir(path, 0755); /* one level of sub-folder is enough here */
	*slash = '/';
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(text, 1, strlen(text), out), strlen(text));
	assert_int_equal(fclose(out), 0);
}

static char *in_dir(const fixture *f, const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	return path;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/tl_corpus_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

/* setup() for the tests run a second time on lazy corpora. */
static int setup_lazy(void **state)
{
	setup(state);
	((fixture *)*state)->lazy = true;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tl_corpus_free(f->corpus);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static tl_corpus *open_corpus(fixture *f, const char *date, bool infer)
{
	tl_corpus_options o = {.date = date, .infer_date = infer, .lazy = f->lazy,
			       .on_error = collect, .userdata = &f->got};
	tl_error err = {0};
	f->corpus = tl_corpus_new(&o, &err);
	assert_non_null(f->corpus);
	return f->corpus;
}

static const char *name_at(const tl_corpus *c, size_t i)
{
	return tl_article_name(tl_corpus_article(c, i));
}

static void manifest_quoting_and_column_order(void **state)
{
	fixture *f = *state;
	put(f, "a, b.txt", "Body a.");
	put(f, "say \"hi\".txt", "Body b.");
	put(f, "sub/c.txt", "Date: 2025-01-01\n\nBody c.");
	put(f, "manifest.csv",
	    "\xef\xbb\xbf"
	    "date,URL, Path ,title,extra\r\n"
	    "2025-06-11,,\"a, b.txt\",\"Title, with \"\"quotes\"\"\",x\r\n"
	    "2025-06-12,http://e.org/b,\"say \"\"hi\"\".txt\",\"two\nlines\",\r\n"
	    "\r\n"
	    "2025-06-13 , , sub/c.txt ,,\r\n");
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "manifest.csv"), &err), 0);
	assert_int_equal(f->got.count, 0);
	assert_int_equal(tl_corpus_count(c), 3);
	tl_article *a = tl_corpus_article(c, 0);
	assert_string_equal(tl_article_name(a), "a, b");
	assert_string_equal(tl_article_title(a), "Title, with \"quotes\"");
	assert_null(tl_article_url(a));
	assert_int_equal(tl_article_date(a).day, 11);
	assert_int_equal(tl_article_date_source(a), TL_DATE_MANIFEST);
	a = tl_corpus_article(c, 1);
	assert_string_equal(tl_article_name(a), "c");
	assert_int_equal(tl_article_date(a).day, 13); /* the manifest beats the header */
	a = tl_corpus_article(c, 2);
	assert_string_equal(tl_article_name(a), "say \"hi\"");
	assert_string_equal(tl_article_title(a), "two lines");
	assert_string_equal(tl_article_url(a), "http://e.org/b");
}

static void manifest_bad_rows_name_their_lines(void **state)
{
	fixture *f = *state;
	put(f, "a.txt", "Body a.");
	put(f, "b.txt", "Body b.");
	put(f, "m.csv", "path,date\n"                 /* 1 */
			"a.txt,2025-06-11\n"          /* 2 */
			"b.txt,2025-02-30\n"          /* 3: not a calendar day */
			"missing.txt,2025-06-11\n"    /* 4: no such file */
			"./a.txt,2025-06-12\n"        /* 5: a duplicate of line 2 */
			"a.txt,2025-06-13\n"          /* 6: the same again */
			"\"multi\nline.txt\",\n"      /* 7-8: no date */
			"b.txt,2025-06-11,extra\n"    /* 9: too many fields */
			",2025-06-11\n"               /* 10: no path */
			"b.txt,2025-06-14\n"          /* 11: fine */
			"\"open.txt,2025-06-11\n");   /* 12: quote never closed */
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	int rc = tl_corpus_add_manifest(c, in_dir(f, "m.csv"), &err);
	assert_int_equal(rc, 8);
	assert_int_equal(tl_corpus_failures(c), 8);
	assert_int_equal(f->got.count, 8);
	assert_int_equal(tl_corpus_count(c), 2);
	assert_non_null(find_message(&f->got, "m.csv:3: the date '2025-02-30'", "YYYY-MM-DD"));
	assert_non_null(find_message(&f->got, "m.csv:4: ", "missing.txt: cannot open"));
	assert_non_null(find_message(&f->got, "m.csv:5: ", "already listed on line 2"));
	assert_non_null(find_message(&f->got, "m.csv:6: ", "already listed on line 2"));
	assert_non_null(find_message(&f->got, "m.csv:7: ", "no date"));
	assert_non_null(find_message(&f->got, "m.csv:9: ", "3 fields"));
	assert_non_null(find_message(&f->got, "m.csv:10: ", "path is empty"));
	assert_non_null(find_message(&f->got, "m.csv:12: ", "never closed"));
	assert_non_null(strstr(err.message, "m.csv:3: "));
	assert_int_equal(tl_article_date(tl_corpus_article(c, 1)).day, 14);
}

static void manifest_that_cannot_be_used(void **state)
{
	fixture *f = *state;
	put(f, "empty.csv", "");
	put(f, "nodate.csv", "path,title\na.txt,x\n");
	put(f, "a.txt", "Body.");
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "empty.csv"), &err), TL_EINPUT);
	assert_non_null(strstr(err.message, "empty.csv: the manifest is empty"));
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "nodate.csv"), &err), TL_EINPUT);
	assert_non_null(strstr(err.message, "nodate.csv:1: the header row has no 'date' column"));
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "none.csv"), &err), TL_EIO);
	assert_non_null(strstr(err.message, "none.csv: cannot open manifest"));
	assert_int_equal(tl_corpus_add_manifest(c, f->dir, &err), TL_EIO);
	assert_int_equal(tl_corpus_count(c), 0);
	assert_int_equal(f->got.count, 0);
}

static void date_option_overrides_the_manifest(void **state)
{
	fixture *f = *state;
	put(f, "a.txt", "Body.");
	put(f, "m.csv", "path,date\na.txt,\n");
	tl_corpus *c = open_corpus(f, "2024-12-31", false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "m.csv"), &err), 0);
	assert_int_equal(tl_corpus_count(c), 1);
	tl_article *a = tl_corpus_article(c, 0);
	assert_int_equal(tl_article_date(a).year, 2024);
	assert_int_equal(tl_article_date_source(a), TL_DATE_OPTION);
}

static void folders_walk_sorted_and_survive_symlink_loops(void **state)
{
	fixture *f = *state;
	put(f, "b.txt", "Body b.");
	put(f, "A.md", "Body A.");
	put(f, ".hidden.txt", "Body.");
	put(f, "notes.csv", "path,date\n");
	put(f, "README.md", "# About these files");
	put(f, "sub/c.TXT", "Body c.");
	put(f, "sub/m.txt", "path,date\nc.TXT,2025-01-01\n");
	char target[512];
	snprintf(target, sizeof target, "%s", in_dir(f, "sub/loop"));
	assert_int_equal(symlink("..", target), 0);
	snprintf(target, sizeof target, "%s", in_dir(f, "sub/self"));
	assert_int_equal(symlink(".", target), 0);
	tl_corpus *c = open_corpus(f, "2025-06-11", false);
	tl_error err = {0};
	/* a manifest read first is never read as an article */
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "sub/m.txt"), &err), 0);
	assert_int_equal(tl_corpus_add_path(c, f->dir, &err), 0); /* c.TXT is kept once */
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "b.txt"), &err), 0);
	assert_int_equal(f->got.count, 0);
	assert_int_equal(tl_corpus_count(c), 3);
	assert_int_equal(tl_article_date(tl_corpus_article(c, 2)).year, 2025);
	/* a second manifest naming the same file is a failure */
	put(f, "sub/m2.csv", "path,date\nc.TXT,2025-01-02\n");
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "sub/m2.csv"), &err), 1);
	assert_non_null(find_message(&f->got, "m2.csv:2: ", "c.TXT: already loaded as"));
	assert_string_equal(name_at(c, 0), "A");
	assert_string_equal(name_at(c, 1), "b");
	assert_string_equal(name_at(c, 2), "c");

	put(f, "empty/x.csv", "");
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "empty"), &err), 1);
	assert_non_null(strstr(err.message, "no *.txt or *.md files"));

	/* a folder whose articles came in through its parent is not "empty" */
	put(f, "more/d.txt", "Date: 2025-06-12\n\nTalks resumed.");
	size_t failures = f->got.count;
	assert_int_equal(tl_corpus_add_path(c, f->dir, &err), 0);
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "more"), &err), 0);
	assert_int_equal(f->got.count, failures);
	assert_int_equal(tl_corpus_count(c), 4);
}

static void missing_files_are_counted(void **state)
{
	fixture *f = *state;
	tl_corpus *c = open_corpus(f, "2025-06-11", false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "missing.txt"), &err), 1);
	assert_non_null(strstr(err.message, "missing.txt: cannot open"));
	put(f, "nodate.txt", "No date here.");
	tl_corpus_free(f->corpus);
	f->got.count = 0;
	c = open_corpus(f, NULL, false);
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "nodate.txt"), &err), 1);
	assert_non_null(find_message(&f->got, "nodate.txt: no publication date", "--date"));
	assert_int_equal(tl_corpus_failures(c), 1);
	assert_int_equal(tl_corpus_count(c), 0);
}

static void same_stems_stay_distinct_and_order_is_stable(void **state)
{
	fixture *f = *state;
	put(f, "x/talks.txt", "Body x.");
	put(f, "y/talks.txt", "Body y.");
	put(f, "a.txt", "Body a.");
	put(f, "w.txt", "Body w.");
	const char *order[2][4] = {{"x/talks.txt", "y/talks.txt", "a.txt", "w.txt"},
				   {"w.txt", "a.txt", "y/talks.txt", "x/talks.txt"}};
	char names[2][4][512];
	for (int run = 0; run < 2; run++) {
		tl_corpus_free(f->corpus);
		tl_corpus *c = open_corpus(f, "2025-06-11", false);
		tl_error err = {0};
		for (int i = 0; i < 4; i++)
			assert_int_equal(tl_corpus_add_path(c, in_dir(f, order[run][i]), &err), 0);
		assert_int_equal(tl_corpus_count(c), 4);
		for (int i = 0; i < 4; i++)
			snprintf(names[run][i], sizeof names[run][i], "%s", name_at(c, (size_t)i));
		assert_null(tl_corpus_article(c, 4));
	}
	for (int i = 0; i < 4; i++)
		assert_string_equal(names[0][i], names[1][i]);
	/* sorted by name: "w" comes before "x/talks" although its stem is after "talks" */
	assert_string_equal(names[0][0], "a");
	assert_string_equal(names[0][1], "w");
	assert_string_equal(names[0][2], "x/talks");
	assert_string_equal(names[0][3], "y/talks");

	/* only the extension differs: the names keep it */
	put(f, "x/talks.md", "Body md.");
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_path(f->corpus, in_dir(f, "x/talks.md"), &err), 0);
	assert_int_equal(tl_corpus_count(f->corpus), 5);
	assert_string_equal(name_at(f->corpus, 2), "x/talks.md");
	assert_string_equal(name_at(f->corpus, 3), "x/talks.txt");
	assert_string_equal(name_at(f->corpus, 4), "y/talks.txt");
}

static void infer_date_option_reaches_articles(void **state)
{
	fixture *f = *state;
	put(f, "notes.txt", "It happened on May 5, 2025.");
	tl_corpus *c = open_corpus(f, NULL, true);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "notes.txt"), &err), 0);
	tl_article *a = tl_corpus_article(c, 0);
	assert_int_equal(tl_article_date_source(a), TL_DATE_INFERRED);
	assert_non_null(tl_article_warnings(a));
	assert_non_null(strstr(tl_article_warnings(a), "inferred 2025-05-05"));
}

/* put() for bytes that may hold NULs. */
static void put_bytes(const fixture *f, const char *name, const char *bytes, size_t n)
{
	FILE *out = fopen(in_dir(f, name), "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(bytes, 1, n, out), n);
	assert_int_equal(fclose(out), 0);
}

static void assert_same_string(const char *a, const char *b)
{
	if (a && b)
		assert_string_equal(a, b);
	else
		assert_ptr_equal(a, b);
}

/* A lazy corpus reads each file for its date and metadata only (and cleans it only when
 * the date has to be found in the text): names, dates, warnings and, once the files are
 * read again, the tags must be exactly those of a corpus that keeps every text. */
static void lazy_loading_matches_eager_loading(void **state)
{
	fixture *f = *state;
	static const char header[] = "Date: 2025-06-11\r\nTitle: Bad \xff bytes\r\n\r\n"
				     "Talks ended on Tuesday.\0 They resume \xe2\x80\x9cnext "
				     "week\xe2\x80\x9d \xfe\xfe on June 20.\n";
	static const char dateline[] = "WASHINGTON, June 10 (Reuters) - Talks ended "
				       "yesterday \xc3 and resume on Friday.\n";
	static const char front[] = "---\ntitle: Never closed\n\nIt happened on May 5, 2025, "
				    "and again \x80 on May 9.\0\n";
	static const char plain[] = "Nothing \xf0\x9f\x98\x80 dates this last week but the option.\n";
	put_bytes(f, "header.txt", header, sizeof header - 1);
	put_bytes(f, "2025-06-11-dateline.txt", dateline, sizeof dateline - 1);
	put_bytes(f, "front.md", front, sizeof front - 1);
	put_bytes(f, "plain.txt", plain, sizeof plain - 1);
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	for (int with_date = 0; with_date < 2; with_date++) {
		tl_corpus *c[2];
		collector got[2] = {{{{0}}, 0}, {{{0}}, 0}};
		for (int lazy = 0; lazy < 2; lazy++) {
			tl_corpus_options o = {.date = with_date ? "2025-01-02" : NULL,
					       .infer_date = true, .lazy = lazy,
					       .on_error = collect, .userdata = &got[lazy]};
			c[lazy] = tl_corpus_new(&o, &err);
			assert_non_null(c[lazy]);
			assert_int_equal(tl_corpus_add_path(c[lazy], f->dir, &err),
					 with_date ? 0 : 1); /* plain.txt has no date */
		}
		assert_int_equal(got[0].count, got[1].count);
		assert_int_equal(tl_corpus_count(c[0]), tl_corpus_count(c[1]));
		assert_int_equal(tl_corpus_count(c[0]), with_date ? 4 : 3);
		for (size_t i = 0; i < tl_corpus_count(c[0]); i++) {
			tl_article *e = tl_corpus_article(c[0], i), *l = tl_corpus_article(c[1], i);
			assert_string_equal(tl_article_name(e), tl_article_name(l));
			assert_memory_equal(&e->date, &l->date, sizeof e->date);
			assert_int_equal(e->date_source, l->date_source);
			assert_same_string(tl_article_warnings(e), tl_article_warnings(l));
			assert_same_string(tl_article_title(e), tl_article_title(l));
			assert_null(l->text.clean); /* not cleaned until tagged */
			assert_int_equal(tl_article_tag(e, tagger, &err), TL_OK);
			assert_int_equal(tl_article_tag(l, tagger, &err), TL_OK);
			assert_int_equal(e->raw_len, l->raw_len);
			assert_int_equal(e->body_start, l->body_start);
			assert_int_equal(e->text.len, l->text.len);
			assert_string_equal(e->text.clean, l->text.clean);
			assert_int_equal(tl_article_timex_count(e), tl_article_timex_count(l));
			assert_true(tl_article_timex_count(e) > 0);
			for (size_t k = 0; k < tl_article_timex_count(e); k++)
				assert_memory_equal(tl_article_timex(e, k), tl_article_timex(l, k),
						    sizeof(tl_timex));
		}
		tl_corpus_free(c[0]);
		tl_corpus_free(c[1]);
	}
	tl_tagger_free(tagger);
}

/* A lazy corpus keeps a record per file: the article it makes on demand has the date and
 * warnings found at loading, the manifest's metadata over the header's, and goes away
 * with tl_corpus_release (the next call makes an equal one). */
static void lazy_records_make_articles_again(void **state)
{
	fixture *f = *state;
	put(f, "a.txt", "Date: 2025-06-11\nTitle: Header title\nSource: Header source\n"
	    "URL: http://h.org\n\nTalks ended \xff on Tuesday.\n");
	put(f, "sub/b.txt", "Date: 2025-06-12\nSource: B source\n\nTalks resume on Friday.\n");
	put(f, "m.csv", "path,date,title,url\na.txt,2025-01-02,Row title,\n");
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_manifest(c, in_dir(f, "m.csv"), &err), 0);
	assert_int_equal(tl_corpus_add_path(c, f->dir, &err), 0); /* a.txt: kept from the row */
	assert_int_equal(tl_corpus_count(c), 2);
	tl_error sink = {0};
	tl_corpus_release(c, 0); /* nothing made yet: nothing to do */
	tl_corpus_release(c, 9); /* past the end: nothing to do */
	assert_int_equal(tl_corpus_date(c, 9).year, 0);
	assert_null(tl_corpus_warnings(c, 9));
	tl_tagger *tagger = tl_tagger_new(&sink);
	assert_non_null(tagger);
	for (int round = 0; round < 2; round++) {
		tl_article *a = tl_corpus_article(c, 0), *b = tl_corpus_article(c, 1);
		assert_ptr_equal(a, tl_corpus_article(c, 0)); /* made once until released */
		assert_string_equal(tl_article_name(a), "a");
		assert_string_equal(tl_article_path(a), in_dir(f, "a.txt"));
		assert_string_equal(tl_article_path(b), in_dir(f, "sub/b.txt"));
		assert_int_equal(tl_article_date(a).month, 1);
		assert_int_equal(tl_article_date_source(a), TL_DATE_MANIFEST);
		assert_int_equal(tl_corpus_date(c, 0).day, 2);
		assert_int_equal(tl_corpus_date(c, 1).day, 12);
		assert_int_equal(tl_article_date_source(b), TL_DATE_HEADER);
		assert_string_equal(tl_article_title(a), "Row title");
		assert_string_equal(tl_article_source(a), "Header source");
		assert_string_equal(tl_article_url(a), "http://h.org");
		assert_null(tl_article_title(b));
		assert_string_equal(tl_article_source(b), "B source");
		assert_non_null(strstr(tl_article_warnings(a), "invalid UTF-8"));
		assert_string_equal(tl_corpus_warnings(c, 0), tl_article_warnings(a));
		assert_null(tl_article_warnings(b));
		assert_null(tl_corpus_warnings(c, 1));
		assert_int_equal(tl_article_tag(a, tagger, &err), TL_OK);
		assert_true(tl_article_timex_count(a) > 0);
		tl_corpus_release(c, 0);
		tl_corpus_release(c, 1);
		assert_non_null(strstr(tl_corpus_warnings(c, 0), "invalid UTF-8"));
	}
	/* A file gone since loading: the article is made without its header's metadata and
	 * tagging says why. */
	assert_int_equal(unlink(in_dir(f, "sub/b.txt")), 0);
	tl_article *b = tl_corpus_article(c, 1);
	assert_non_null(b);
	assert_null(tl_article_source(b));
	assert_int_equal(tl_article_tag(b, tagger, &err), TL_EIO);
	assert_non_null(strstr(err.message, "b.txt: cannot open"));
	tl_tagger_free(tagger);
}

/* Paths and names longer than the buffers tl_corpus_article() keeps on the stack (two
 * files with one 200-byte stem, three 200-byte folders deep: names of three parts). */
static void long_paths_and_names_make_articles(void **state)
{
	fixture *f = *state;
	static const char top[2] = {'a', 'b'};
	char files[2][1024];
	for (int k = 0; k < 2; k++) {
		size_t n = (size_t)snprintf(files[k], sizeof files[k], "%s/", f->dir);
		for (int level = 0; level < 3; level++) {
			memset(files[k] + n, level == 0 ? top[k] : level == 1 ? 'c' : 's', 200);
			n += 200;
			files[k][n] = '\0';
			if (level < 2) {
				assert_int_equal(mkdir(files[k], 0755), 0);
				files[k][n++] = '/';
			}
		}
		memcpy(files[k] + n, ".txt", 5);
		FILE *out = fopen(files[k], "wb");
		assert_non_null(out);
		assert_true(fputs("Date: 2025-06-11\n\nTalks ended on Tuesday.\n", out) >= 0);
		assert_int_equal(fclose(out), 0);
	}
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_path(c, f->dir, &err), 0);
	assert_int_equal(tl_corpus_count(c), 2);
	for (int k = 0; k < 2; k++) {
		tl_article *a = tl_corpus_article(c, (size_t)k);
		assert_non_null(a);
		assert_true(strlen(files[k]) > 512);
		assert_string_equal(tl_article_path(a), files[k]);
		const char *tail = files[k] + strlen(f->dir) + 1; /* the three parts */
		size_t tail_n = strlen(tail) - 4; /* without ".txt" */
		assert_true(tail_n > 256);
		assert_int_equal(strlen(tl_article_name(a)), tail_n);
		assert_memory_equal(tl_article_name(a), tail, tail_n);
		assert_int_equal(tl_article_date(a).day, 11);
		tl_corpus_release(c, (size_t)k);
	}
}

/* Rows in a scrambled order, some sharing stems, come out sorted by name whichever way
 * they arrive (the order arrays are sorted in place, then merged). */
static void scrambled_rows_come_out_sorted(void **state)
{
	fixture *f = *state;
	char csv[8192] = "path,date\n", name[64];
	for (int i = 0; i < 60; i++) {
		int k = (i * 37) % 60; /* 37 is prime to 60: every k once */
		snprintf(name, sizeof name, "%s/n%02d.txt", k < 45 ? "d" : "e", k % 45);
		put(f, name, "Body.");
		size_t len = strlen(csv);
		snprintf(csv + len, sizeof csv - len, "%s,2025-06-11\n", name);
	}
	put(f, "m.csv", csv);
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	int failures = tl_corpus_add_manifest(c, in_dir(f, "m.csv"), &err);
	assert_int_equal(failures, 0);
	put(f, "d/a.txt", "Date: 2025-06-11\n\nBody.");
	put(f, "e/zz.txt", "Date: 2025-06-11\n\nBody.");
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "e/zz.txt"), &err), 0);
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "d/a.txt"), &err), 0);
	size_t n = tl_corpus_count(c);
	assert_int_equal(n, 62);
	assert_string_equal(name_at(c, 0), "a");
	assert_string_equal(name_at(c, n - 1), "zz");
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(name_at(c, i - 1), name_at(c, i)) < 0);
	/* n00..n14 are each in d/ and e/ (k and k + 45): named by their folders, which sort
	 * before the stems n15..n44 */
	assert_string_equal(name_at(c, 1), "d/n00");
	assert_string_equal(name_at(c, 15), "d/n14");
	assert_string_equal(name_at(c, 16), "e/n00");
	assert_string_equal(name_at(c, 31), "n15");
}

/* A name changed by a later input (a second file with the same stem) reaches an article
 * already made. */
static void renaming_reaches_made_articles(void **state)
{
	fixture *f = *state;
	put(f, "x/talks.txt", "Body x.");
	put(f, "y/talks.txt", "Body y.");
	tl_corpus *c = open_corpus(f, "2025-06-11", false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "x/talks.txt"), &err), 0);
	tl_article *a = tl_corpus_article(c, 0);
	assert_string_equal(tl_article_name(a), "talks");
	assert_int_equal(tl_corpus_add_path(c, in_dir(f, "y/talks.txt"), &err), 0);
	assert_ptr_equal(tl_corpus_article(c, 0), a);
	assert_string_equal(tl_article_name(a), "x/talks");
	assert_string_equal(name_at(c, 1), "y/talks");
}

static bool same_index(const void *ctx, size_t index)
{
	return *(const size_t *)ctx == index;
}

/* The store under the corpus: colliding hashes, an id set, arena strings that
 * stay put across blocks (and one larger than a block). */
static void store_tables_and_arena(void **state)
{
	(void)state;
	htable t = {0};
	for (size_t i = 0; i < 200; i++) /* every fifth index under the same hash */
		assert_int_equal(tl_h_add(&t, i % 5 == 0 ? 7 : i * 1000003u, i), TL_OK);
	assert_int_equal(t.count, 200);
	assert_true(t.cap >= 400);
	for (size_t i = 0; i < 200; i++)
		assert_int_equal(tl_h_find(&t, i % 5 == 0 ? 7 : i * 1000003u, same_index, &i),
				 (long)i);
	size_t absent = 200;
	assert_int_equal(tl_h_find(&t, 7, same_index, &absent), -1);
	tl_h_free(&t);
	id_set ids = {0};
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(tl_id_add(&ids, (file_id){(dev_t)(i % 3), (ino_t)i}), TL_OK);
	assert_int_equal(tl_id_find(&ids, (file_id){2, 298}), -1); /* 298 is on device 1 */
	assert_int_equal(tl_id_find(&ids, (file_id){1, 298}), 298);
	assert_int_equal(tl_id_find(&ids, (file_id){(dev_t)(299 % 3), 299}), 299);
	tl_id_set_free(&ids);
	assert_null(ids.ids);
	tl_arena arena = {0};
	const char *first = tl_arena_strndup(&arena, "hello!", 5);
	assert_string_equal(first, "hello");
	const char *kept[3000];
	char text[32];
	for (int i = 0; i < 3000; i++) {
		int n = snprintf(text, sizeof text, "string number %d", i);
		assert_non_null(kept[i] = tl_arena_strndup(&arena, text, (size_t)n));
	}
	static char big[100000];
	memset(big, 'x', sizeof big - 1);
	const char *copy = tl_arena_strndup(&arena, big, sizeof big - 1);
	assert_non_null(copy);
	void **p = tl_arena_alloc(&arena, 4 * sizeof *p);
	assert_non_null(p);
	assert_true((uintptr_t)p % sizeof(void *) == 0);
	assert_null(p[3]);
	assert_string_equal(first, "hello");
	assert_string_equal(copy, big);
	for (int i = 0; i < 3000; i++) {
		snprintf(text, sizeof text, "string number %d", i);
		assert_string_equal(kept[i], text);
	}
	assert_true(arena.total >= 3000 * 17 + sizeof big);
	tl_arena_free(&arena);
	assert_null(arena.block);
}

/* The RFC 4180 reader on its own: line endings, quotes, recovery after a bad record. */
static void csv_reader_records(void **state)
{
	(void)state;
	const char text[] = "\xef\xbb\xbf" "a,\"b,\"\"c\"\"\",\r\"multi\r\nline\"\r\n"
			    "\"bad\"x,y\nz,\nlast";
	tl_csv csv;
	tl_csv_record rec = {0};
	tl_error err = {0};
	tl_csv_init(&csv, text, sizeof text - 1);
	assert_int_equal(tl_csv_next(&csv, &rec, &err), 1);
	assert_int_equal(rec.line, 1);
	assert_int_equal(rec.count, 3);
	assert_string_equal(tl_csv_field(&rec, 0), "a");
	assert_string_equal(tl_csv_field(&rec, 1), "b,\"c\"");
	assert_string_equal(tl_csv_field(&rec, 2), "");
	assert_int_equal(tl_csv_next(&csv, &rec, &err), 1); /* a lone CR ended the record */
	assert_int_equal(rec.line, 2);
	assert_string_equal(tl_csv_field(&rec, 0), "multi\r\nline");
	assert_int_equal(tl_csv_next(&csv, &rec, &err), TL_EINPUT);
	assert_int_equal(rec.line, 4);
	assert_non_null(strstr(err.message, "after a closing double quote"));
	assert_int_equal(tl_csv_next(&csv, &rec, &err), 1);
	assert_int_equal(rec.line, 5);
	assert_int_equal(rec.count, 2);
	assert_string_equal(tl_csv_field(&rec, 0), "z");
	assert_int_equal(tl_csv_next(&csv, &rec, &err), 1);
	assert_string_equal(tl_csv_field(&rec, 0), "last");
	assert_string_equal(tl_csv_field(&rec, 7), "");
	assert_int_equal(tl_csv_next(&csv, &rec, &err), 0);
	tl_csv_record_free(&rec);
}

/* A test run twice: on an eager corpus (setup) and on a lazy one (setup_lazy). */
#define EAGER_AND_LAZY(test)                                                                       \
	cmocka_unit_test_setup_teardown(test, setup, teardown),                                   \
	    cmocka_unit_test_setup_teardown(test, setup_lazy, teardown)

/* A folder whose regular files are loaded without stat() (lazy corpora) still reads a
 * file reached twice once (a hard link, a symlink to it), and a file that grew or
 * shrank since loading is read whole again, its size then no longer the one kept. */
static void links_read_once_and_changed_files_read_whole(void **state)
{
	fixture *f = *state;
	put(f, "a.txt", "Date: 2025-06-11\n\nTalks ended on Tuesday.\n");
	put(f, "c.txt", "Date: 2025-06-11\n\nTalks resume on Friday.\n");
	char a_path[512];
	snprintf(a_path, sizeof a_path, "%s", in_dir(f, "a.txt")); /* in_dir(): one buffer */
	assert_int_equal(link(a_path, in_dir(f, "b.txt")), 0);
	assert_int_equal(symlink("c.txt", in_dir(f, "d.txt")), 0);
	tl_corpus *c = open_corpus(f, NULL, false);
	tl_error err = {0};
	assert_int_equal(tl_corpus_add_path(c, f->dir, &err), 0);
	assert_int_equal(tl_corpus_count(c), 2);
	assert_int_equal(tl_corpus_failures(c), 0);
	assert_int_equal(f->got.count, 0);
	assert_string_equal(name_at(c, 0), "a");
	assert_string_equal(name_at(c, 1), "c");
	for (size_t i = 0; i < 2; i++)
		tl_corpus_release(c, i);
	put(f, "a.txt", "Date: 2025-06-11\n\nTalks ended on Tuesday and began again on "
	    "Thursday, long after the June 2 deadline.\n");
	put(f, "c.txt", "Date: 2025-06-11\n\nFriday.\n");
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	const size_t want[2] = {3, 1};
	for (size_t i = 0; i < 2; i++) {
		tl_article *a = tl_corpus_article(c, i);
		assert_non_null(a);
		assert_int_equal(tl_article_tag(a, tagger, &err), TL_OK);
		assert_int_equal(tl_article_timex_count(a), want[i]);
		size_t len = 0;
		const char *bytes = tl_article_bytes(a, &len);
		assert_int_equal(len, strlen(bytes));
		assert_string_equal(bytes + len - 8, i ? "Friday.\n" : "adline.\n");
	}
	tl_tagger_free(tagger);
}

/* defer_reads: a folder's files are read once, when their articles are made; failures are
 * held until tl_corpus_report() and come then in the order of loading (the walk's), not
 * the order the articles were made in; files whose names depend on others' loading (a
 * shared stem) are read at once, and a failed one leaves the order; a second path (hard
 * link) to a file that failed is read under its own name (a file-name date). */
static void deferred_reads_fail_in_load_order(void **state)
{
	fixture *f = *state;
	put(f, "a-b.txt", "No date here.\n");
	put(f, "a.txt", "Date: 2025-06-11\n\nTalks ended on Tuesday.\n");
	put(f, "h1/x.txt", "Undated, on Friday.\n");
	mkdir(in_dir(f, "h2"), 0755);
	char x_path[512];
	snprintf(x_path, sizeof x_path, "%s", in_dir(f, "h1/x.txt"));
	assert_int_equal(link(x_path, in_dir(f, "h2/2025-01-02-x.txt")), 0);
	put(f, "m.txt", "Date: 2024-03-04\n\nYesterday.\n");
	put(f, "n.txt", "Nothing dated.\n");
	put(f, "s/q.txt", "No date either.\n");
	put(f, "t/q.txt", "Date: 2020-05-05\n\nOn Sunday.\n");
	tl_corpus_options o = {.lazy = true, .defer_reads = true, .on_error = collect,
			       .userdata = &f->got};
	tl_error err = {0};
	tl_corpus *c = f->corpus = tl_corpus_new(&o, &err);
	assert_non_null(c);
	assert_true(tl_corpus_add_path(c, f->dir, &err) >= 0);
	assert_int_equal(f->got.count, 0); /* held */
	static const char *const names[] = {"2025-01-02-x", "a", "a-b", "m", "n", "q"};
	static const bool fails[] = {false, false, true, false, true, false};
	assert_int_equal(tl_corpus_count(c), 6);
	for (size_t i = 0; i < 6; i++) {
		tl_article *a = tl_corpus_article(c, i);
		assert_int_equal(a == NULL, fails[i]);
		assert_int_equal(tl_corpus_failed(c, i), fails[i]);
		if (a) {
			assert_string_equal(tl_article_name(a), names[i]);
			assert_int_equal(tl_corpus_date(c, i).year, tl_article_date(a).year);
		}
		tl_corpus_release(c, i);
	}
	assert_int_equal(tl_corpus_date(c, 0).year, 2025);
	assert_int_equal(tl_corpus_date(c, 3).day, 4);
	assert_int_equal(f->got.count, 0);
	assert_int_equal(tl_corpus_report(c, &err), 4);
	assert_int_equal(f->got.count, 4);
	static const char *const order[] = {"/a-b.txt: no publication date",
					    "/h1/x.txt: no publication date",
					    "/n.txt: no publication date",
					    "/s/q.txt: no publication date"};
	for (size_t i = 0; i < 4; i++)
		assert_non_null(strstr(f->got.messages[i], order[i]));
	/* made again from the record, without failures or messages */
	assert_string_equal(name_at(c, 5), "q");
	assert_string_equal(tl_article_path(tl_corpus_article(c, 5)), in_dir(f, "t/q.txt"));
	assert_int_equal(tl_corpus_report(c, &err), 4);
	assert_int_equal(f->got.count, 4);
}

/* tl_corpus_bytes() sums the sizes a lazy corpus knows (stat() for a file left unread,
 * the read for the others); an eager corpus does not keep them. */
static void corpus_bytes_are_the_files_sizes(void **state)
{
	fixture *f = *state;
	static const char a[] = "Date: 2025-06-11\n\nTalks ended on Tuesday.\n";
	static const char b[] = "Date: 2024-03-04\n\nYesterday.\n";
	put(f, "a.txt", a);
	put(f, "sub/b.txt", b);
	for (int mode = 0; mode < 3; mode++) {
		tl_corpus_options o = {.lazy = mode > 0, .defer_reads = mode == 2};
		tl_error err = {0};
		tl_corpus *c = tl_corpus_new(&o, &err);
		assert_non_null(c);
		assert_int_equal(tl_corpus_add_path(c, f->dir, &err), 0);
		assert_int_equal(tl_corpus_count(c), 2);
		assert_int_equal(tl_corpus_bytes(c), mode ? strlen(a) + strlen(b) : 0);
		tl_corpus_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_reader_records),
		cmocka_unit_test(store_tables_and_arena),
		cmocka_unit_test_setup_teardown(lazy_records_make_articles_again, setup_lazy,
						teardown),
		EAGER_AND_LAZY(long_paths_and_names_make_articles),
		EAGER_AND_LAZY(scrambled_rows_come_out_sorted),
		EAGER_AND_LAZY(renaming_reaches_made_articles),
		EAGER_AND_LAZY(manifest_quoting_and_column_order),
		EAGER_AND_LAZY(manifest_bad_rows_name_their_lines),
		EAGER_AND_LAZY(date_option_overrides_the_manifest),
		EAGER_AND_LAZY(same_stems_stay_distinct_and_order_is_stable),
		EAGER_AND_LAZY(infer_date_option_reaches_articles),
		EAGER_AND_LAZY(links_read_once_and_changed_files_read_whole),
		cmocka_unit_test_setup_teardown(lazy_loading_matches_eager_loading, setup,
						teardown),
		cmocka_unit_test_setup_teardown(manifest_that_cannot_be_used, setup, teardown),
		cmocka_unit_test_setup_teardown(folders_walk_sorted_and_survive_symlink_loops,
						setup, teardown),
		cmocka_unit_test_setup_teardown(missing_files_are_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(deferred_reads_fail_in_load_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(corpus_bytes_are_the_files_sizes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
