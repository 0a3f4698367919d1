/*
 * main.c - the `timeline` command: parses options (options.c), loads the
 * corpus through the public API, runs the requested stage and writes the
 * result (output.c). Only this folder prints or decides exit codes:
 * 0 success, 1 usage error, 2 input or I/O error. Includes <timeline.h> only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <timeline.h>

#include "options.h"
#include "output.h"

enum { EXIT_USAGE = 1, EXIT_TROUBLE = 2 };

static void report_error(void *userdata, const tl_error *error)
{
	const cli_options *opts = userdata;
	(void)opts;
	fprintf(stderr, "timeline: %s\n", error->message);
}

/* Loads every input (and the manifest) into a corpus; NULL on a fatal error. */
static tl_corpus *load_corpus(const cli_options *opts, int *failures)
{
	tl_error err = {0};
	tl_corpus_options co = {.date = opts->date, .infer_date = opts->infer_date,
				.on_error = report_error, .userdata = (void *)opts};
	tl_corpus *corpus = tl_corpus_new(&co, &err);
	if (!corpus) {
		fprintf(stderr, "timeline: %s\n", err.message);
		return NULL;
	}
	*failures = 0;
	if (opts->manifest) {
		int rc = tl_corpus_add_manifest(corpus, opts->manifest, &err);
		if (rc < 0) {
			fprintf(stderr, "timeline: %s\n", err.message);
			tl_corpus_free(corpus);
			return NULL;
		}
		*failures += rc;
	}
	for (int i = 0; i < opts->n_inputs; i++) {
		int rc = tl_corpus_add_path(corpus, opts->inputs[i], &err);
		if (rc < 0) {
			fprintf(stderr, "timeline: %s\n", err.message);
			tl_corpus_free(corpus);
			return NULL;
		}
		*failures += rc;
	}
	if (!opts->quiet) {
		for (size_t i = 0; i < tl_corpus_count(corpus); i++) {
			const tl_article *a = tl_corpus_article(corpus, i);
			const char *w = tl_article_warnings(a);
			if (w)
				fprintf(stderr, "timeline: warning: %s\n", w);
		}
	}
	return corpus;
}

static int run_tag(const cli_options *opts)
{
	const char *format = opts->format ? opts->format : "jsonl";
	if (strcmp(format, "jsonl") != 0 && strcmp(format, "timeml") != 0) {
		fprintf(stderr, "timeline: tag: unknown format '%s'; use jsonl or timeml\n", format);
		return EXIT_USAGE;
	}
	if (opts->n_inputs == 0 && !opts->manifest) {
		fprintf(stderr, "timeline: tag: give at least one FILE or DIR, or --manifest\n");
		return EXIT_USAGE;
	}
	int failures;
	tl_corpus *corpus = load_corpus(opts, &failures);
	if (!corpus)
		return EXIT_TROUBLE;
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	cli_output out;
	int status = tagger ? cli_output_open(&out, opts->output) : EXIT_TROUBLE;
	if (!tagger)
		fprintf(stderr, "timeline: %s\n", err.message);
	if (status != 0)
		goto done;
	int ok = 1;
	for (size_t i = 0; ok && i < tl_corpus_count(corpus); i++) {
		tl_article *a = tl_corpus_article(corpus, i);
		int rc = tl_article_tag(a, tagger, &err);
		if (rc == 0)
			rc = strcmp(format, "jsonl") == 0 ? tl_write_tags_jsonl(out.file, a, &err)
							  : tl_write_tags_timeml(out.file, a, &err);
		if (rc != 0) {
			fprintf(stderr, "timeline: %s\n", err.message);
			ok = 0;
		}
	}
	status = cli_output_close(&out, ok);
	if (status == 0 && failures)
		status = EXIT_TROUBLE;
done:
	tl_tagger_free(tagger);
	tl_corpus_free(corpus);
	return status;
}

static int run_dates(const cli_options *opts)
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

int main(int argc, char **argv)
{
	cli_options opts;
	if (cli_parse_options(argc, argv, &opts) != 0)
		return EXIT_USAGE;
	if (opts.version) {
		printf("timeline %s\n", tl_version());
		return 0;
	}
	if (opts.help || opts.command == CMD_NONE) {
		cli_print_help(opts.command);
		return opts.help ? 0 : EXIT_USAGE;
	}
	if (opts.date && opts.command != CMD_DATES) {
		tl_date d;
		tl_error err = {0};
		if (tl_date_parse(opts.date, &d, &err) != 0) {
			fprintf(stderr, "timeline: --date: %s\n", err.message);
			return EXIT_USAGE;
		}
	}
	switch (opts.command) {
	case CMD_TAG:
		return run_tag(&opts);
	case CMD_DATES:
		return run_dates(&opts);
	default:
		fprintf(stderr, "timeline: this command is not available yet\n");
		return EXIT_USAGE;
	}
}
