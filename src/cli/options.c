/*
 * options.c - parses `timeline COMMAND [OPTIONS] ARGS...` with getopt_long and
 * prints the help texts. Knows nothing of the library; main.c acts on the
 * struct it fills.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static const struct {
	const char *name;
	cli_command command;
	const char *help;
} commands[] = {
	{"tag", CMD_TAG,
	 "Usage: timeline tag [--date D | --manifest M] [--format jsonl|timeml]\n"
	 "                    FILE|DIR|ARTICLES.jsonl|-...\n"
	 "\n"
	 "Recognizes the temporal expressions of each article and normalizes them to\n"
	 "TimeML TIMEX3 values against the article's publication date.\n"
	 "Writes JSON Lines to stdout, one object per mention:\n"
	 "  {\"doc\",\"start\",\"end\",\"text\",\"type\",\"value\",\"mod\"?,\"grain\"?}\n"
	 "(start/end: byte offsets into the file, end exclusive).\n"
	 "Inputs ending in .jsonl (or - for stdin) hold one article per line, as for\n"
	 "'timeline extract'; they are streamed, and offsets count in their \"text\".\n"},
	{"dates", CMD_DATES,
	 "Usage: timeline dates --date YYYY-MM-DD \"TEXT\"...\n"
	 "\n"
	 "Resolves the date mentions of TEXT against the given date and prints one\n"
	 "line per mention: text, type, value, mod.\n"},
	{"build", CMD_BUILD,
	 "Usage: timeline build [--date D | --manifest M] [-f ics|csv|json|md] [-o OUT] FILE|DIR...\n"
	 "\n"
	 "Builds one chronology from all articles and writes it in the chosen format\n"
	 "(default json) to OUT (default stdout).\n"},
	{"diff", CMD_DIFF,
	 "Usage: timeline diff [--format text|json|csv] OLD NEW\n"
	 "\n"
	 "Compares two timelines. OLD and NEW are each a timeline JSON written by\n"
	 "'timeline build', or a corpus (a folder, or a *.csv manifest) built on the fly\n"
	 "with the same options. Reports added, removed and changed events.\n"
	 "Formats: text (colored on a terminal), json, csv.\n"
	 "Exit status: 0 same, 1 different, 2 trouble.\n"},
	{"extract", CMD_EXTRACT,
	 "Usage: timeline extract [--date D | --manifest M] [-o OUT] FILE|DIR|ARTICLES.jsonl|-...\n"
	 "\n"
	 "The map step: writes the event mentions of each article as JSON Lines, to be\n"
	 "merged later with 'timeline merge' (see docs/MAPREDUCE.md). Inputs ending in\n"
	 ".jsonl (or - for stdin) hold one article per line: {\"id\", \"date\", \"text\",\n"
	 "\"source\"?, \"url\"?, \"title\"?}; they are streamed, one article in memory.\n"},
	{"merge", CMD_MERGE,
	 "Usage: timeline merge [-f ics|csv|json|md] [-o OUT] FILE...\n"
	 "\n"
	 "The reduce step: merges mention JSON Lines and/or timeline JSON files into one\n"
	 "timeline. Any split or order of the inputs gives the same output.\n"},
};

static const char common_help[] =
	"\n"
	"Article dates, first found wins: --date, a manifest row, a Date:/Published:\n"
	"header or front matter, a dateline (\"LONDON, June 11 (Reuters) -\"), a date in\n"
	"the file name (2025-06-11-talks.txt); --infer-date guesses from the text.\n"
	"\n"
	"Options:\n"
	"  -d, --date YYYY-MM-DD   publication date for every input\n"
	"  -m, --manifest FILE     CSV manifest: path,date[,source,title,url]\n"
	"      --infer-date        guess missing dates from the text (says so on stderr)\n"
	"  -f, --format FMT        output format\n"
	"  -o, --output FILE       write to FILE (atomically) instead of stdout\n"
	"      --min-confidence X  drop events below confidence X (0..1)\n"
	"      --include-vague     keep year-long and PAST_REF events in calendars\n"
	"      --excel             CSV: add a UTF-8 BOM for spreadsheet programs\n"
	"      --strict            fail if any input file cannot be read\n"
	"      --previous FILE     earlier timeline JSON, to keep UIDs and bump SEQUENCE\n"
	"  -j, --jobs N            worker threads (default: number of cores)\n"
	"  -q, --quiet             no progress or warnings\n"
	"  -h, --help              this help\n"
	"  -V, --version           print the version\n"
	"\n"
	"Exit status: 0 success, 1 usage error, 2 input or I/O error.\n";

void cli_print_help(cli_command command)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (commands[i].command == command) {
			fputs(commands[i].help, stdout);
			fputs(common_help, stdout);
			return;
		}
	}
	fputs("Usage: timeline COMMAND [OPTIONS] ARGS...\n"
	      "\n"
	      "Turns news articles into one dated chronology.\n"
	      "\n"
	      "Commands:\n"
	      "  tag     recognize and normalize date mentions (JSON Lines, TimeML)\n"
	      "  dates   resolve the dates in a sentence, for trying things out\n"
	      "  build   build a chronology (ics, csv, json, md)\n"
	      "  diff    compare two timelines\n"
	      "  extract map step: event mentions of each article as JSON Lines\n"
	      "  merge   reduce step: merge mentions or timelines into one timeline\n"
	      "\n"
	      "Run 'timeline COMMAND --help' for the options of a command.\n",
	      stdout);
}

static cli_command find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return commands[i].command;
	return CMD_NONE;
}

enum { OPT_INFER = 256, OPT_VAGUE, OPT_EXCEL, OPT_STRICT, OPT_PREVIOUS, OPT_MINCONF };

int cli_parse_options(int argc, char **argv, cli_options *opts)
{
	static const struct option longopts[] = {
		{"date", required_argument, NULL, 'd'},
		{"manifest", required_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"infer-date", no_argument, NULL, OPT_INFER},
		{"include-vague", no_argument, NULL, OPT_VAGUE},
		{"excel", no_argument, NULL, OPT_EXCEL},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"previous", required_argument, NULL, OPT_PREVIOUS},
		{"min-confidence", required_argument, NULL, OPT_MINCONF},
		{NULL, 0, NULL, 0},
	};
	memset(opts, 0, sizeof *opts);
	if (argc >= 2 && argv[1][0] != '-') {
		opts->command = find_command(argv[1]);
		if (opts->command == CMD_NONE) {
			fprintf(stderr, "timeline: unknown command '%s'; run 'timeline --help'\n",
				argv[1]);
			return 1;
		}
		argc--;
		argv++;
	}
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "d:m:f:o:j:qhV", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'd': opts->date = optarg; break;
		case 'm': opts->manifest = optarg; break;
		case 'f': opts->format = optarg; break;
		case 'o': opts->output = optarg; break;
		case 'q': opts->quiet = true; break;
		case 'h': opts->help = true; break;
		case 'V': opts->version = true; break;
		case OPT_INFER: opts->infer_date = true; break;
		case OPT_VAGUE: opts->include_vague = true; break;
		case OPT_EXCEL: opts->excel = true; break;
		case OPT_STRICT: opts->strict = true; break;
		case OPT_PREVIOUS: opts->previous = optarg; break;
		case 'j':
			opts->jobs = (int)strtol(optarg, &end, 10);
			if (*end || opts->jobs < 1 || opts->jobs > 1024) {
				fprintf(stderr, "timeline: -j needs a number from 1 to 1024, not '%s'\n",
					optarg);
				return 1;
			}
			break;
		case OPT_MINCONF:
			opts->min_confidence = strtod(optarg, &end);
			if (*end || opts->min_confidence < 0 || opts->min_confidence > 1) {
				fprintf(stderr,
					"timeline: --min-confidence needs a number from 0 to 1, not '%s'\n",
					optarg);
				return 1;
			}
			break;
		default:
			fprintf(stderr, "timeline: run 'timeline %s%s--help' for usage\n",
				opts->command ? argv[0] : "", opts->command ? " " : "");
			return 1;
		}
	}
	opts->inputs = argv + optind;
	opts->n_inputs = argc - optind;
	return 0;
}
