/*
 * progress.h - the progress line of long runs: "timeline: 1200/5000 articles,
 * 85.3 MB/s, ETA 0:42" redrawn on stderr at most ten times a second, only when
 * stderr is a terminal and --quiet is not given. Owns nothing but its struct.
 */
#ifndef TL_CLI_PROGRESS_H
#define TL_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cli_progress {
	bool enabled;
	double started;  /* seconds, monotonic clock */
	double last_draw;
	bool drawn;
} cli_progress;

/* Enables the line when stderr is a terminal and quiet is false. */
void cli_progress_start(cli_progress *p, bool quiet);
/* Matches tl_progress_fn: userdata is the cli_progress. */
void cli_progress_update(void *userdata, size_t done, size_t total, size_t bytes_done);
/* Clears the line (if one was drawn). */
void cli_progress_finish(cli_progress *p);

#endif
