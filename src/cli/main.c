/*
 * main.c - the `timeline` command: parses options (options.c), loads the
 * corpus through the public API, runs the requested stage and writes the
 * result (output.c). Only this folder prints or decides exit codes:
 * 0 success, 1 usage error, 2 input or I/O error. Includes <timeline.h> only.
 */
#include <stdio.h>
#include <string.h>

#include <timeline.h>

#include "commands.h"
#include "options.h"

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
		return cli_run_tag(&opts);
	case CMD_DATES:
		return cli_run_dates(&opts);
	case CMD_BUILD:
		return cli_run_build(&opts);
	case CMD_DIFF:
		return cli_run_diff(&opts);
	case CMD_EXTRACT:
		return cli_run_extract(&opts);
	case CMD_MERGE:
		return cli_run_merge(&opts);
	case CMD_NONE:
		break;
	}
	return EXIT_USAGE;
}
