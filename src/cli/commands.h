/*
 * commands.h - one function per `timeline` command. Each takes the parsed
 * options and returns the process exit status (0 ok, 1 usage, 2 input or I/O
 * error; diff: 0 same, 1 different, 2 trouble). They use the public API only.
 */
#ifndef TL_CLI_COMMANDS_H
#define TL_CLI_COMMANDS_H

#include "options.h"

enum { EXIT_USAGE = 1, EXIT_TROUBLE = 2 };

int cli_run_tag(const cli_options *opts);
int cli_run_dates(const cli_options *opts);
int cli_run_build(const cli_options *opts);
int cli_run_diff(const cli_options *opts);
int cli_run_extract(const cli_options *opts);
int cli_run_merge(const cli_options *opts);

#endif
