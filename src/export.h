/*
 * export.h - the one signature every exporter has (cmark's render_* style):
 * write the whole timeline to out, return TL_OK or a TL_E* code with err set.
 * tl_timeline_write() (timeline.c) picks one with a switch. Exporters only read
 * the timeline, an event's mentions through tl_event_mention() (event.h);
 * each keeps its helpers static.
 */
#ifndef TL_EXPORT_H
#define TL_EXPORT_H

#include <stdio.h>

#include "event.h"

int tl_export_json(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		   tl_error *err);
int tl_export_ics(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err);
int tl_export_csv(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err);
int tl_export_md(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		 tl_error *err);

#endif
