/*
 * progress.c - draws the progress line described in progress.h. The library
 * never reads the clock; the CLI does, here only, and only for this line.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

static double now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, bool quiet)
{
	p->enabled = !quiet && isatty(STDERR_FILENO);
	p->started = p->enabled ? now() : 0;
	p->last_draw = 0;
	p->drawn = false;
}

void cli_progress_update(void *userdata, size_t done, size_t total, size_t bytes_done)
{
	cli_progress *p = userdata;
	if (!p->enabled)
		return;
	double t = now();
	if (done < total && t - p->last_draw < 0.1)
		return;
	p->last_draw = t;
	double elapsed = t - p->started;
	double rate = elapsed > 0 ? (double)bytes_done / 1e6 / elapsed : 0;
	long eta = done && done < total ? (long)(elapsed * (double)(total - done) / (double)done) : 0;
	fprintf(stderr, "\rtimeline: %zu/%zu articles, %.1f MB/s, ETA %ld:%02ld ", done, total,
		rate, eta / 60, eta % 60);
	p->drawn = true;
}

void cli_progress_finish(cli_progress *p)
{
	if (p->drawn)
		fputs("\r\033[K", stderr);
	p->drawn = false;
}
