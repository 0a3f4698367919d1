/*
 * commands.c - the `timeline` commands (see commands.h): load the inputs
 * through the public API, run the stage, write the result through output.c,
 * and turn library errors into messages on stderr and exit statuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <timeline.h>

#include "commands.h"
#include "output.h"
#include "progress.h"

static void report_error(void *userdata, const tl_error *error)
{
	const cli_options *opts = userdata;
	(void)opts;
	fprintf(stderr, "timeline: %s\n", error->message);
}

/* Prints the warnings of the corpus's articles (unless -q). */
static void report_warnings(const cli_options *opts, const tl_corpus *corpus)
{
	if (opts->quiet)
		return;
	for (size_t i = 0; i < tl_corpus_count(corpus); i++) {
		const char *w = tl_corpus_failed(corpus, i) ? NULL : tl_corpus_warnings(corpus, i);
		if (w)
			fprintf(stderr, "timeline: warning: %s\n", w);
	}
}

/* Loads every input (and the manifest) into a corpus; NULL on a fatal error. once: each
 * file of a folder is read once, when its article is made (defer_reads): failures and
 * warnings are then the caller's to report, after every article was made. */
static tl_corpus *load_corpus(const cli_options *opts, int *failures, bool once)
{
	tl_error err = {0};
	tl_corpus_options co = {.date = opts->date, .infer_date = opts->infer_date,
				.lazy = true, .on_error = report_error,
				.userdata = (void *)opts, .defer_reads = once};
	tl_corpus *corpus = tl_corpus_new(&co, &err);
	if (!corpus) {
		fprintf(stderr, "timeline: %s\n", err.message);
		return NULL;
	}
	*failures = 0;
	if (opts->manifest) {
		int rc = tl_corpus_add_manifest(corpus, opts->manifest, &err);
		if (rc < 0) {
			(void)tl_corpus_report(corpus, NULL); /* the failures before it */
			fprintf(stderr, "timeline: %s\n", err.message);
			tl_corpus_free(corpus);
			return NULL;
		}
		*failures += rc;
	}
	for (int i = 0; i < opts->n_inputs; i++) {
		int rc = tl_corpus_add_path(corpus, opts->inputs[i], &err);
		if (rc < 0) {
			(void)tl_corpus_report(corpus, NULL);
			fprintf(stderr, "timeline: %s\n", err.message);
			tl_corpus_free(corpus);
			return NULL;
		}
		*failures += rc;
	}
	if (!once)
		report_warnings(opts, corpus);
	return corpus;
}

/* Writes what one article gives (tags or mentions) to out; the article is tagged first. */
typedef int (*article_writer)(FILE *out, tl_article *a, const tl_tagger *tagger, tl_error *err);

/* tl_article_write_tags() reads a large file of a corpus in windows. */
static int write_tags_jsonl(FILE *out, tl_article *a, const tl_tagger *tagger, tl_error *err)
{
	return tl_article_write_tags(out, a, tagger, false, err);
}

static int write_tags_timeml(FILE *out, tl_article *a, const tl_tagger *tagger, tl_error *err)
{
	return tl_article_write_tags(out, a, tagger, true, err);
}

/* Streams every article of corpus (loaded with load_corpus(..., once)) through write, one
 * article's text in memory at a time, with the progress line; a file that failed to load
 * is skipped. Then reports the failures of loading (their count added to *failures) and,
 * when once, the warnings, in the order a corpus read at once gives them, and the error
 * that stopped the writing, if any. Returns 1 when every write succeeded. */
static int write_corpus(const cli_options *opts, tl_corpus *corpus, const tl_tagger *tagger,
			article_writer write, FILE *out, bool once, int *failures)
{
	tl_error err = {0};
	cli_progress progress;
	cli_progress_start(&progress, opts->quiet);
	size_t total = tl_corpus_count(corpus), bytes = 0;
	int ok = 1;
	const char *why = NULL;
	for (size_t i = 0; ok && i < total; i++) {
		tl_article *a = tl_corpus_article(corpus, i);
		if (!a && tl_corpus_failed(corpus, i)) {
			cli_progress_update(&progress, i + 1, total, bytes);
			continue;
		}
		ok = a && write(out, a, tagger, &err) == 0;
		if (!ok)
			why = a ? err.message : "out of memory; free some memory or split the corpus";
		bytes += a ? tl_article_size(a) : 0;
		tl_corpus_release(corpus, i);
		cli_progress_update(&progress, i + 1, total, bytes);
	}
	cli_progress_finish(&progress);
	tl_error rerr = {0};
	int rc = tl_corpus_report(corpus, &rerr);
	if (rc < 0) {
		fprintf(stderr, "timeline: %s\n", rerr.message);
		ok = 0;
	} else {
		*failures += rc;
	}
	if (once)
		report_warnings(opts, corpus);
	if (why)
		fprintf(stderr, "timeline: %s\n", why);
	return ok;
}

/* The per-article commands (tag, extract): files, folders and manifests form a corpus
 * (one list of names, one article's text in memory at a time); *.jsonl inputs and "-"
 * are streamed after it, one article per line. Makes a tagger, opens the output and
 * writes every article with write. Returns the exit status. */
static int run_per_article(const cli_options *opts, article_writer write);

int cli_run_tag(const cli_options *opts)
{
	const char *format = opts->format ? opts->format : "jsonl";
	if (strcmp(format, "jsonl") != 0 && strcmp(format, "timeml") != 0) {
		fprintf(stderr, "timeline: tag: unknown format '%s'; use jsonl or timeml\n", format);
		return EXIT_USAGE;
	}
	if (opts->n_inputs == 0 && !opts->manifest) {
		fprintf(stderr, "timeline: tag: give at least one FILE, DIR or JSONL file, or --manifest\n");
		return EXIT_USAGE;
	}
	return run_per_article(opts, strcmp(format, "jsonl") == 0 ? write_tags_jsonl
								   : write_tags_timeml);
}

int cli_run_dates(const cli_options *opts)
{
	tl_error err = {0};
	tl_date dct;
	if (!opts->date) {
		fprintf(stderr, "timeline: dates: give the reference date with --date YYYY-MM-DD\n");
		return EXIT_USAGE;
	}
	if (tl_date_parse(opts->date, &dct, &err) != 0) {
		fprintf(stderr, "timeline: --date: %s\n", err.message);
		return EXIT_USAGE;
	}
	if (opts->n_inputs == 0) {
		fprintf(stderr, "timeline: dates: give the text to resolve as an argument\n");
		return EXIT_USAGE;
	}
	tl_tagger *tagger = tl_tagger_new(&err);
	if (!tagger) {
		fprintf(stderr, "timeline: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	int status = 0;
	for (int i = 0; i < opts->n_inputs && status == 0; i++) {
		const char *text = opts->inputs[i];
		tl_timex *t = NULL;
		size_t n = 0;
		if (tl_tag_text(tagger, text, strlen(text), dct, &t, &n, &err) != 0) {
			fprintf(stderr, "timeline: %s\n", err.message);
			status = EXIT_TROUBLE;
			break;
		}
		for (size_t k = 0; k < n; k++)
			printf("%.*s\t%s\t%s%s%s\n", (int)(t[k].end - t[k].start), text + t[k].start,
			       tl_timex_type_name(t[k].type), t[k].value, t[k].mod[0] ? "\t" : "",
			       t[k].mod);
		free(t);
	}
	tl_tagger_free(tagger);
	return status;
}

/* Parses -f for build/merge (default json). Returns 0 or EXIT_USAGE. */
static int parse_format(const cli_options *opts, tl_format *format)
{
	const char *name = opts->format ? opts->format : "json";
	if (tl_format_parse(name, format) != 0) {
		fprintf(stderr, "timeline: unknown format '%s'; use ics, csv, json or md\n", name);
		return EXIT_USAGE;
	}
	return 0;
}

/* Writes timeline to opts->output (atomically) or stdout. */
static int write_timeline(const cli_options *opts, const tl_timeline *timeline, tl_format format)
{
	tl_export_options eo = {.include_vague = opts->include_vague, .excel = opts->excel};
	tl_error err = {0};
	cli_output out;
	if (cli_output_open(&out, opts->output) != 0)
		return EXIT_TROUBLE;
	int ok = tl_timeline_write(timeline, format, &eo, out.file, &err) == 0;
	if (!ok)
		fprintf(stderr, "timeline: %s\n", err.message);
	return cli_output_close(&out, ok);
}

/* The articles of a corpus whose reads were deferred that did not fail. */
static size_t articles_made(const tl_corpus *corpus)
{
	size_t n = 0;
	for (size_t i = 0; i < tl_corpus_count(corpus); i++)
		n += !tl_corpus_failed(corpus, i);
	return n;
}

/* Builds the timeline of the inputs named by opts (files, folders, manifest). Each file
 * of a folder is read once, when the build makes its article: the failures of loading
 * and the warnings are reported after the build, in the order loading them at once
 * would have given (and --strict then drops the timeline). */
static tl_timeline *build_timeline(const cli_options *opts, int *failures)
{
	tl_corpus *corpus = load_corpus(opts, failures, true);
	if (!corpus)
		return NULL;
	tl_error err = {0};
	tl_timeline *timeline = NULL;
	tl_tagger *tagger = tl_tagger_new(&err);
	if (tagger) {
		cli_progress progress;
		cli_progress_start(&progress, opts->quiet);
		tl_build_options bo = {.min_confidence = opts->min_confidence, .jobs = opts->jobs,
				       .progress = cli_progress_update,
				       .progress_data = &progress};
		timeline = tl_timeline_build(corpus, tagger, &bo, &err);
		cli_progress_finish(&progress);
	}
	tl_error rerr = {0};
	int rc = tl_corpus_report(corpus, &rerr);
	if (rc < 0) {
		fprintf(stderr, "timeline: %s\n", rerr.message);
		tl_timeline_free(timeline);
		timeline = NULL;
	} else {
		*failures = rc;
	}
	report_warnings(opts, corpus);
	if (rc >= 0 && *failures && opts->strict) {
		fprintf(stderr, "timeline: %d input(s) could not be read; nothing written "
			"(--strict)\n", *failures);
		tl_timeline_free(timeline);
		timeline = NULL;
	} else if (!timeline && rc >= 0) {
		fprintf(stderr, "timeline: %s\n", err.message);
	} else if (timeline && tl_timeline_event_count(timeline) == 0 && !opts->quiet) {
		fprintf(stderr, "timeline: warning: no dated events were found in %zu article(s)\n",
			articles_made(corpus));
	}
	tl_tagger_free(tagger);
	tl_corpus_free(corpus);
	return timeline;
}

int cli_run_build(const cli_options *opts)
{
	tl_format format;
	if (parse_format(opts, &format) != 0)
		return EXIT_USAGE;
	if (opts->n_inputs == 0 && !opts->manifest) {
		fprintf(stderr, "timeline: build: give at least one FILE or DIR, or --manifest\n");
		return EXIT_USAGE;
	}
	int failures = 0;
	tl_timeline *timeline = build_timeline(opts, &failures);
	if (!timeline)
		return EXIT_TROUBLE;
	int status = 0;
	if (opts->previous) {
		tl_error err = {0};
		tl_timeline *previous = tl_timeline_read_json(opts->previous, &err);
		if (!previous || tl_timeline_apply_previous(timeline, previous, &err) != 0) {
			fprintf(stderr, "timeline: --previous: %s\n", err.message);
			status = EXIT_TROUBLE;
		}
		tl_timeline_free(previous);
	}
	if (status == 0)
		status = write_timeline(opts, timeline, format);
	tl_timeline_free(timeline);
	return status == 0 && failures ? EXIT_TROUBLE : status;
}

/* A diff side: a timeline JSON file, or a corpus (folder or *.csv manifest) built now. */
static tl_timeline *load_side(const cli_options *opts, const char *path)
{
	struct stat st;
	size_t n = strlen(path);
	bool is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	bool is_manifest = n > 4 && strcmp(path + n - 4, ".csv") == 0;
	if (is_dir || is_manifest) {
		cli_options side = *opts;
		char *inputs[1] = {(char *)path};
		side.manifest = is_manifest ? path : NULL;
		side.inputs = is_dir ? inputs : NULL;
		side.n_inputs = is_dir ? 1 : 0;
		int failures = 0;
		return build_timeline(&side, &failures);
	}
	tl_error err = {0};
	tl_timeline *timeline = tl_timeline_read_json(path, &err);
	if (!timeline)
		fprintf(stderr, "timeline: %s\n", err.message);
	return timeline;
}

int cli_run_diff(const cli_options *opts)
{
	static const struct { const char *name; tl_diff_format format; } formats[] = {
		{"text", TL_DIFF_TEXT}, {"json", TL_DIFF_JSON}, {"csv", TL_DIFF_CSV}};
	tl_diff_format format = TL_DIFF_TEXT;
	bool known = opts->format == NULL;
	for (size_t i = 0; !known && i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(opts->format, formats[i].name) == 0) {
			format = formats[i].format;
			known = true;
		}
	}
	if (!known) {
		fprintf(stderr, "timeline: diff: unknown format '%s'; use text, json or csv\n",
			opts->format);
		return EXIT_TROUBLE;
	}
	if (opts->n_inputs != 2) {
		fprintf(stderr, "timeline: diff: give exactly two timelines: OLD NEW\n");
		return EXIT_TROUBLE;
	}
	tl_timeline *old_tl = load_side(opts, opts->inputs[0]);
	tl_timeline *new_tl = old_tl ? load_side(opts, opts->inputs[1]) : NULL;
	int status = EXIT_TROUBLE;
	tl_error err = {0};
	tl_diff *diff = new_tl ? tl_diff_new(old_tl, new_tl, &err) : NULL;
	if (new_tl && !diff)
		fprintf(stderr, "timeline: %s\n", err.message);
	if (diff) {
		bool color = !opts->output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
		cli_output out;
		if (cli_output_open(&out, opts->output) == 0) {
			int ok = tl_diff_write(diff, format, color, out.file, &err) == 0;
			if (!ok)
				fprintf(stderr, "timeline: %s\n", err.message);
			if (cli_output_close(&out, ok) == 0)
				status = tl_diff_count(diff) ? 1 : 0;
		}
	}
	tl_diff_free(diff);
	tl_timeline_free(new_tl);
	tl_timeline_free(old_tl);
	return status;
}

static bool is_jsonl(const char *path)
{
	size_t n = strlen(path);
	return strcmp(path, "-") == 0 || (n > 6 && strcmp(path + n - 6, ".jsonl") == 0);
}

/* Streams the articles of one JSON Lines file through write. Returns the number of
 * bad records, or -1 when reading or writing failed. */
static int stream_jsonl(const cli_options *opts, const char *path, const tl_tagger *tagger,
			article_writer write, FILE *out)
{
	tl_error err = {0};
	tl_article_reader *reader = tl_article_reader_open(path, opts->infer_date, &err);
	if (!reader) {
		fprintf(stderr, "timeline: %s\n", err.message);
		return -1;
	}
	int bad = 0, rc;
	tl_article *a;
	while ((rc = tl_article_reader_next(reader, &a, &err)) != 0) {
		if (rc < 0) {
			fprintf(stderr, "timeline: %s\n", err.message);
			if (rc == TL_EIO || rc == TL_ENOMEM) {
				bad = -1;
				break;
			}
			bad++;
			continue;
		}
		rc = write(out, a, tagger, &err);
		tl_article_free(a);
		if (rc != 0) {
			fprintf(stderr, "timeline: %s\n", err.message);
			bad = -1;
			break;
		}
	}
	tl_article_reader_free(reader);
	return bad;
}

int cli_run_extract(const cli_options *opts)
{
	if (opts->n_inputs == 0 && !opts->manifest) {
		fprintf(stderr, "timeline: extract: give at least one FILE, DIR or JSONL file, or "
			"--manifest\n");
		return EXIT_USAGE;
	}
	return run_per_article(opts, tl_article_write_mentions);
}

/* The output's stdio buffer for the per-article commands: room for the lines of many
 * articles between two write(2) calls (stdio's own buffer is one block, so each
 * article's one fwrite() went straight to a write(2)). Static: the stream may keep it
 * until exit (stdout). */
static char output_buffer[1 << 18];

static int run_per_article(const cli_options *opts, article_writer write)
{
	cli_options files = *opts;
	char **plain = calloc((size_t)opts->n_inputs + 1, sizeof *plain);
	if (!plain) {
		fprintf(stderr, "timeline: out of memory\n");
		return EXIT_TROUBLE;
	}
	files.inputs = plain;
	files.n_inputs = 0;
	for (int i = 0; i < opts->n_inputs; i++)
		if (!is_jsonl(opts->inputs[i]))
			plain[files.n_inputs++] = opts->inputs[i];
	/* Each file read once, unless an output file is to be opened: its error must follow
	 * those of loading, which would come only after the articles were made. */
	bool once = !opts->output || strcmp(opts->output, "-") == 0;
	int failures = 0; /* of loading: counted again once every article was made */
	tl_corpus *corpus = load_corpus(&files, &failures, once);
	free(plain);
	if (!corpus)
		return EXIT_TROUBLE;
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	cli_output out;
	int status = tagger ? cli_output_open(&out, opts->output) : EXIT_TROUBLE;
	if (!tagger) {
		if (once) {
			(void)tl_corpus_report(corpus, NULL);
			report_warnings(opts, corpus);
		}
		fprintf(stderr, "timeline: %s\n", err.message);
	}
	if (status == 0) {
		/* Before anything is written; a terminal keeps its line buffering. On
		 * failure stdio keeps its own buffer: only slower. */
		if (!isatty(fileno(out.file)))
			(void)setvbuf(out.file, output_buffer, _IOFBF, sizeof output_buffer);
		failures = 0;
		int ok = write_corpus(opts, corpus, tagger, write, out.file, once, &failures);
		for (int i = 0; ok && i < opts->n_inputs; i++) {
			if (!is_jsonl(opts->inputs[i]))
				continue;
			int bad = stream_jsonl(opts, opts->inputs[i], tagger, write, out.file);
			if (bad < 0)
				ok = 0;
			else
				failures += bad;
		}
		status = cli_output_close(&out, ok);
	}
	tl_tagger_free(tagger);
	tl_corpus_free(corpus);
	return status == 0 && failures ? EXIT_TROUBLE : status;
}

int cli_run_merge(const cli_options *opts)
{
	tl_format format;
	if (parse_format(opts, &format) != 0)
		return EXIT_USAGE;
	if (opts->n_inputs == 0) {
		fprintf(stderr, "timeline: merge: give mention JSON Lines or timeline JSON files\n");
		return EXIT_USAGE;
	}
	tl_error err = {0};
	tl_build_options bo = {.min_confidence = opts->min_confidence, .jobs = opts->jobs};
	tl_timeline *timeline = tl_timeline_merge_files((const char *const *)opts->inputs,
							(size_t)opts->n_inputs, &bo, &err);
	if (!timeline) {
		fprintf(stderr, "timeline: %s\n", err.message);
		return EXIT_TROUBLE;
	}
	int status = write_timeline(opts, timeline, format);
	tl_timeline_free(timeline);
	return status;
}
