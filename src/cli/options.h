/*
 * options.h - the command line of `timeline`, parsed into a plain struct by
 * getopt_long. Owns nothing: strings point into argv.
 */
#ifndef TL_CLI_OPTIONS_H
#define TL_CLI_OPTIONS_H

#include <stdbool.h>

typedef enum cli_command {
	CMD_NONE = 0,
	CMD_TAG,
	CMD_DATES,
	CMD_BUILD,
	CMD_DIFF,
	CMD_EXTRACT,
	CMD_MERGE
} cli_command;

typedef struct cli_options {
	cli_command command;
	const char *date;        /* --date */
	const char *manifest;    /* --manifest */
	const char *format;      /* --format / -f */
	const char *output;      /* --output / -o */
	const char *previous;    /* --previous */
	double min_confidence;   /* --min-confidence */
	bool infer_date;
	bool include_vague;
	bool excel;
	bool strict;
	bool quiet;
	int jobs;                /* -j, 0 = number of cores */
	bool help;
	bool version;
	char **inputs;           /* remaining arguments */
	int n_inputs;
} cli_options;

/* Fills opts from argv. Returns 0, or 1 after printing a usage error to stderr. */
int cli_parse_options(int argc, char **argv, cli_options *opts);

/* Prints the help text of opts->command (or the overview) to stdout. */
void cli_print_help(cli_command command);

#endif
