/*
 * output.h - where a command's output goes. cli_output_open() gives stdout or
 * a temporary file beside the target; cli_output_commit() flushes, fsyncs and
 * renames it into place, so a reader never sees a half-written file and a
 * failed run leaves the previous file intact. Owns the temporary path.
 */
#ifndef TL_CLI_OUTPUT_H
#define TL_CLI_OUTPUT_H

#include <stdio.h>

typedef struct cli_output {
	FILE *file;
	const char *target; /* NULL for stdout */
	char *temp_path;
} cli_output;

/* Returns 0, or 2 after printing why to stderr. */
int cli_output_open(cli_output *out, const char *target);
/* Finishes: rename into place (ok != 0) or remove the temporary file. Returns 0 or 2. */
int cli_output_close(cli_output *out, int ok);

#endif
